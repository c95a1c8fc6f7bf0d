// Over 400 lines on purpose: one generator per kind of bad request, each a few lines, gathered
// in `fuzzRequests` at the end; they share the arbitraries of callers, inputs and headers.
import fc from "fast-check";
import { appRouter } from "../root.ts";

/**
 * Generators of bad HTTP requests for the tRPC endpoint (fuzz.int.test.ts). Each request
 * says what a well-behaved server must answer: `refused` — a 4xx, the caller's fault;
 * `answered` — any answer but a 5xx (a query with a random input may be valid and get a 200).
 */

export type Caller = "anonymous" | "trader" | "admin";

export interface FuzzRequest {
  kind: string;
  method: string;
  /** After `/api/trpc/`: one procedure path or a comma-separated batch, URL-encoded or not. */
  path: string;
  query: string;
  caller: Caller;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  expect: "refused" | "answered";
}

interface Procedure {
  path: string;
  type: "query" | "mutation";
  /** False for a procedure declared without input (auth.logout, auth.me). */
  takesInput: boolean;
}

export const PROCEDURES: Procedure[] = Object.entries(
  // At run time the record is flat ("risk.limits.update"), though typed as nested routers.
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string; inputs: unknown[] } }
  >,
).map(([path, procedure]) => ({
  path,
  type: procedure._def.type as Procedure["type"],
  takesInput: procedure._def.inputs.length > 0,
}));

const caller = fc.constantFrom<Caller>("anonymous", "trader", "admin");

/** Mutations whose input is optional and which change the cache, not the database. */
const CACHE_ACTIONS = new Set(["admin.warmUp", "admin.invalidateTenant"]);

/**
 * A caller and a procedure to call. Logout takes no input, so tRPC never reads the body and
 * even a malformed one signs a real session out: a legitimate write that would end the fuzz's
 * own session. It is fuzzed anonymously, where it must be refused.
 */
const callerAndProcedure = caller.chain((who) =>
  fc
    .constantFrom(...PROCEDURES.filter((p) => who === "anonymous" || p.path !== "auth.logout"))
    .map((procedure) => ({ who, procedure })),
);
const method = fc.constantFrom("PUT", "DELETE", "PATCH");
const jsonType = { "content-type": "application/json" };

function isJson(text: string | Uint8Array): boolean {
  try {
    JSON.parse(typeof text === "string" ? text : new TextDecoder().decode(text));
    return true;
  } catch {
    return false;
  }
}

/** Text that is not JSON: random, truncated JSON, bytes that are not even UTF-8. */
const notJson: fc.Arbitrary<string | Uint8Array> = fc
  .oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    fc
      .jsonValue()
      .map((value) => JSON.stringify({ json: value }))
      .chain((text) => fc.nat(text.length - 1).map((end) => text.slice(0, end))),
    fc.uint8Array({ maxLength: 200 }),
    fc.constantFrom("", "{", "[", "nul", "{'json':1}", '{"json":NaN}', '{"json":}', "\u0000"),
  )
  .filter((body) => !isJson(body));

/** As a URL's `input`, an empty value means "no input" (tRPC skips it), which is valid. */
const notJsonInUrl = notJson.filter((text) => text.length > 0);

/** Something an input field might be, of any type. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.uuid(),
  fc.constantFrom(-1, 0, 1e308, -1e-300, "", " ", "MAX_VAR", "AGGRESSIVE", "NaN", "__proto__"),
);

/** Fields of the real inputs (and two that poison prototypes), given values of any shape. */
const FIELDS = (
  "traderId id version symbol quantity type threshold warnFraction severity active " +
  "riskTolerance varConfidence lookbackDays maxDrawdownTolerance email password note cursor " +
  "limit __proto__ constructor"
).split(" ");
const nearMissInput = fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 6 });

/** What superjson's `meta` might say, truthful or not, about the types in `json`. */
const meta = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({
    values: fc.oneof(
      fc.dictionary(
        fc.constantFrom("traderId", "version", "quantity", "", "0", "a.b"),
        fc.oneof(
          fc.constantFrom("Date", "bigint", "undefined", "set", "map", "regexp", "number"),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  }),
);

/**
 * A superjson envelope as JSON text, sometimes with a `meta` that lies. Text rather than a value,
 * so a nesting deeper than JSON.stringify's stack can be sent.
 */
const envelope: fc.Arbitrary<string> = fc.oneof(
  nearMissInput.map((json) => JSON.stringify({ json })),
  fc.jsonValue({ maxDepth: 4 }).map((json) => JSON.stringify({ json })),
  fc
    .record({ json: fc.oneof(nearMissInput, fc.jsonValue({ maxDepth: 2 })), meta })
    .map((value) => JSON.stringify(value)),
  fc.constant('{"json":{"__proto__":{"role":"ADMIN"},"constructor":{"prototype":{}}}}'),
  // Deeply nested, to find recursion without a bound.
  fc
    .integer({ min: 1_000, max: 50_000 })
    .map((depth) => `{"json":${"[".repeat(depth)}${"]".repeat(depth)}}`),
);

/** Random inputs for the real procedures, by their own method, as every kind of caller. */
const randomInput: fc.Arbitrary<FuzzRequest> = fc
  .record({ target: callerAndProcedure, input: envelope })
  .map(({ target: { who, procedure }, input }): FuzzRequest => {
    const base = { kind: "random input", path: procedure.path, caller: who, headers: {} };
    // A query's random input may happen to be valid, and so may `{}` for the admin's cache
    // actions (inputs that are all optional), which write only to the cache; any other mutation
    // that succeeded would be a write the data checksums show.
    const expect =
      procedure.type === "mutation" && !CACHE_ACTIONS.has(procedure.path) ? "refused" : "answered";
    if (procedure.type === "query") {
      const query = `input=${encodeURIComponent(input)}`;
      return { ...base, method: "GET", query, expect };
    }
    return { ...base, method: "POST", query: "", headers: jsonType, body: input, expect };
  });

/** Any procedure, a body that is not JSON. */
const malformedBody: fc.Arbitrary<FuzzRequest> = fc
  .record({
    target: callerAndProcedure,
    body: notJson,
    contentType: fc.constantFrom("application/json", "text/plain", "application/json; x=1"),
  })
  .map(({ target: { who, procedure }, body, contentType }) => ({
    kind: "malformed body",
    method: "POST",
    path: procedure.path,
    query: "",
    caller: who,
    headers: { "content-type": contentType },
    body,
    expect: "refused",
  }));

/** A query input in the URL that is not JSON. */
const malformedQueryInput: fc.Arbitrary<FuzzRequest> = fc
  .record({ target: callerAndProcedure, input: notJsonInUrl })
  .map(({ target: { who, procedure }, input }) => {
    const text = typeof input === "string" ? input : Buffer.from(input).toString("latin1");
    return {
      kind: "malformed query input",
      method: "GET",
      path: procedure.path,
      query: `input=${encodeURIComponent(text)}`,
      caller: who,
      headers: {},
      // A procedure that takes no input never reads it (auth.me answers, a mutation by GET is
      // refused for its method).
      expect: procedure.takesInput || procedure.type === "mutation" ? "refused" : "answered",
    };
  });

/** PUT, DELETE, PATCH; and a query by POST or a mutation by GET. */
const wrongMethod: fc.Arbitrary<FuzzRequest> = fc
  .record({
    who: caller,
    procedure: fc.constantFrom(...PROCEDURES),
    verb: fc.option(method, { nil: undefined }),
    input: envelope,
  })
  .map(({ who, procedure, verb, input }) => {
    const swapped = procedure.type === "query" ? "POST" : "GET";
    const chosen = verb ?? swapped;
    const body = chosen === "GET" ? undefined : input;
    const query = chosen === "GET" ? `input=${encodeURIComponent(input)}` : "";
    return {
      kind: "wrong method",
      method: chosen,
      path: procedure.path,
      query,
      caller: who,
      headers: jsonType,
      ...(body === undefined ? {} : { body }),
      expect: "refused",
    };
  });

/** Paths no procedure has: typos, other routers, encoded and unencoded oddities. */
const unknownPath = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
    fc.constantFrom(...PROCEDURES).map((p) => `${p.path}x`),
    fc.constantFrom(...PROCEDURES).map((p) => p.path.toUpperCase()),
    fc.constantFrom(
      "%zz",
      "%E0%A4%A",
      "risk..metrics",
      "risk.",
      ".risk",
      "__proto__",
      "risk.__proto__",
      "constructor",
      "risk.dashboard/extra",
      "_def",
      "createCaller",
    ),
  )
  .filter((path) => !PROCEDURES.some((p) => p.path === path));

const unknownProcedure: fc.Arbitrary<FuzzRequest> = fc
  .record({ who: caller, path: unknownPath, get: fc.boolean(), input: envelope })
  .map(({ who, path, get, input }) => ({
    kind: "unknown procedure",
    method: get ? "GET" : "POST",
    path,
    query: get ? `input=${encodeURIComponent(input)}` : "",
    caller: who,
    headers: jsonType,
    ...(get ? {} : { body: input }),
    expect: "refused",
  }));

/** The batch's `input`: not JSON, JSON that is not an object, or an object of index → envelope. */
const batchInputs = fc.oneof(
  notJsonInUrl.map((text) => ({ raw: typeof text === "string" ? text : "\u00ff", broken: true })),
  fc.array(envelope, { maxLength: 4 }).map((texts) => ({
    raw: `[${texts.join(",")}]`,
    broken: true,
  })),
  fc.jsonValue({ maxDepth: 1 }).map((value) => ({
    raw: JSON.stringify(value),
    broken: value === null || typeof value !== "object" || Array.isArray(value),
  })),
  fc.dictionary(fc.constantFrom("0", "1", "2", "-1", "x", "99"), envelope).map((entries) => ({
    raw: `{${Object.entries(entries)
      .map(([index, text]) => `${JSON.stringify(index)}:${text}`)
      .join(",")}}`,
    broken: false,
  })),
);

/**
 * `?batch=1` with paths that are empty, unknown or mix queries and mutations, and inputs that
 * are not an object of index → envelope. Refused when the batch as a whole is wrong: it mixes
 * queries and mutations, names no procedure at all, or every procedure it names must read a
 * broken input. Otherwise each call is answered on its own (200 or 207 when results differ).
 */
const badBatch: fc.Arbitrary<FuzzRequest> = caller.chain((who) =>
  fc
    .record({
      calls: fc.array(
        fc.oneof(
          fc.constantFrom(
            ...PROCEDURES.filter((p) => who === "anonymous" || p.path !== "auth.logout"),
          ),
          unknownPath.map((path) => ({ path, unknown: true as const })),
          fc.constant({ path: "", unknown: true as const }),
        ),
        { minLength: 1, maxLength: 8 },
      ),
      get: fc.boolean(),
      inputs: batchInputs,
    })
    .map(({ calls, get, inputs }): FuzzRequest => {
      const known = calls.filter((call): call is Procedure => !("unknown" in call));
      const types = new Set(known.map((call) => call.type));
      const refused =
        types.size > 1 ||
        known.length === 0 ||
        (inputs.broken && known.every((call) => call.takesInput)) ||
        known.every((call) => call.type === (get ? "mutation" : "query"));
      return {
        kind: "bad batch",
        method: get ? "GET" : "POST",
        path: calls.map((call) => call.path).join(","),
        query: `batch=1${get ? `&input=${encodeURIComponent(inputs.raw)}` : ""}`,
        caller: who,
        headers: jsonType,
        ...(get ? {} : { body: inputs.raw }),
        expect: refused ? "refused" : "answered",
      };
    }),
);

/**
 * superjson `meta` written to make a reader work (50 bytes of it once overflowed the stack):
 * annotations that are strings or trees of strings (walked character by character), deep trees,
 * paths to nowhere, into prototypes or thousands of segments long, types that inputs never hold
 * or that carry children, reference cycles, other versions, and thousands of annotations. Text,
 * so that anything can be said, however deep.
 */
const PATHS = ["a", "email", "", "0", "a.b", "__proto__", "__proto__.x", "constructor.prototype"];
const annotationType = fc.oneof(
  fc.constantFrom("number", "undefined", "Date", "bigint", "set", "map", "regexp", "Error", "URL"),
  fc.constantFrom(
    ["class", "Decimal"],
    ["symbol", "x"],
    ["custom", "x"],
    ["typed-array", "Int8Array"],
  ),
  fc.string({ maxLength: 8 }),
);
const annotation = fc.oneof(
  annotationType.map((type) => [type]),
  annotationType,
  fc.tuple(
    annotationType,
    fc.dictionary(
      fc.constantFrom(...PATHS),
      annotationType.map((t) => [t]),
    ),
  ),
  fc.jsonValue({ maxDepth: 2 }),
);
const lyingMeta: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({ values: fc.oneof(fc.string({ maxLength: 20 }), annotation) })
    .map((m) => JSON.stringify(m)),
  fc
    .record({
      values: fc.dictionary(
        fc.oneof(fc.constantFrom(...PATHS), fc.string({ maxLength: 6 })),
        annotation,
      ),
      v: fc.constantFrom(undefined, 0, 1, 2, "1", null),
    })
    .map((m) => JSON.stringify(m)),
  fc
    .record({
      referentialEqualities: fc.oneof(
        fc.dictionary(
          fc.constantFrom(...PATHS),
          fc.array(fc.constantFrom(...PATHS), { maxLength: 3 }),
        ),
        fc.array(fc.array(fc.constantFrom(...PATHS), { maxLength: 3 }), { maxLength: 2 }),
      ),
    })
    .map((m) => JSON.stringify(m)),
  // Deep trees of annotations, long paths and many annotations: work that grows with the text.
  fc
    .integer({ min: 100, max: 20_000 })
    .map((depth) => `{"values":${'{"a":'.repeat(depth)}"number"${"}".repeat(depth)}}`),
  fc
    .integer({ min: 100, max: 20_000 })
    .map((n) => `{"values":{"${"a.".repeat(n)}a":["undefined"]}}`),
  fc
    .integer({ min: 100, max: 5_000 })
    .map(
      (n) =>
        `{"values":{${Array.from({ length: n }, (_, i) => `"k${i}":["undefined"]`).join(",")}}}`,
    ),
);

/** A real procedure, by its own method, with a `json` of any kind and a `meta` that lies. */
const transformerAbuse: fc.Arbitrary<FuzzRequest> = fc
  .record({
    target: callerAndProcedure,
    json: fc.oneof(nearMissInput, fc.jsonValue({ maxDepth: 2 })),
    meta: lyingMeta,
  })
  .map(({ target: { who, procedure }, json, meta }): FuzzRequest => {
    const input = `{"json":${JSON.stringify(json)},"meta":${meta}}`;
    const base = { kind: "transformer meta", path: procedure.path, caller: who, headers: {} };
    // Meta that happens to be true is read; then, as for random inputs, a query or a cache
    // action may be valid (and no other mutation), and a procedure without input never reads it.
    const expect =
      procedure.takesInput && procedure.type === "mutation" && !CACHE_ACTIONS.has(procedure.path)
        ? "refused"
        : "answered";
    if (procedure.type === "query") {
      return { ...base, method: "GET", query: `input=${encodeURIComponent(input)}`, expect };
    }
    return { ...base, method: "POST", query: "", headers: jsonType, body: input, expect };
  });

/** Request headers a client might garble: cookies, content types, forwarded addresses. */
export const garbledHeaders = fc.record(
  {
    cookie: fc.oneof(
      fc.string({ maxLength: 100 }).map((token) => `rd_session=${encodeURIComponent(token)}`),
      fc.constantFrom(
        "rd_session=%E0%A4%A",
        "rd_session",
        "=;=;",
        `rd_session=${"a".repeat(4000)}`,
      ),
    ),
    "content-type": fc.constantFrom(
      "multipart/form-data",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
      "application/octet-stream",
      "APPLICATION/JSON",
    ),
    "x-forwarded-for": fc
      .string({ maxLength: 60 })
      .map((text) => text.replace(/[^\x20-\x7e]/g, "")),
  },
  { requiredKeys: [] },
);

export const fuzzRequests = {
  randomInput,
  transformerAbuse,
  malformedBody,
  malformedQueryInput,
  wrongMethod,
  unknownProcedure,
  badBatch,
};
