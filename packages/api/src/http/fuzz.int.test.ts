import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../testing/api-fixture.ts";
import {
  type Caller,
  type FuzzRequest,
  fuzzRequests,
  garbledHeaders,
} from "../testing/fuzz-requests.ts";
import {
  errorMessagesOf,
  httpClient,
  LIBRARY_WORDING,
  signInOverHttp,
} from "../testing/http-client.ts";
import { startTestHttpServer, type TestHttpServer } from "../testing/http-server.ts";
import { MAX_BODY_BYTES, TRPC_ENDPOINT } from "./handle-trpc.ts";

/**
 * Bad input: about 1,800 bad requests of every kind to the real HTTP handler. A bad
 * request is the caller's fault, so it gets a 4xx (never a 5xx, which pages someone and hides
 * real failures) with a sentence of the app's own (never a library's wording), the server keeps
 * answering, and nothing in the database changes.
 *
 * The work is fixed, not timed: each kind is one test with a set number of requests, sent four
 * at a time, so a busy machine makes it slower but never cuts it short or fails it. Each kind
 * keeps all of its variants at these counts; FUZZ_RUNS=<factor> multiplies them for a longer
 * hunt. Seeded, so a failure reproduces: FUZZ_SEED=<seed> replays another seed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);
const RUNS_FACTOR = Number(process.env.FUZZ_RUNS ?? 1);
/** Requests in flight at once: the server's waits on PostgreSQL and Redis overlap. */
const CONCURRENCY = 4;

let fixture: ApiFixture;
let server: TestHttpServer;
let checksumsBefore: Awaited<ReturnType<typeof tableChecksums>>;
const cookies: Record<Caller, string | undefined> = {
  anonymous: undefined,
  trader: undefined,
  admin: undefined,
};

beforeAll(async () => {
  fixture = await createApiFixture();
  server = await startTestHttpServer(fixture.deps);
  cookies.trader = await signInOverHttp(server.url, "maya@northwind.example.com");
  cookies.admin = await signInOverHttp(server.url, "admin@northwind.example.com");
  // Computing metrics brings alerts in line with the limits (a write); do it for the whole firm
  // now, so the fuzz's own reads and warm-ups find nothing to write.
  await httpClient(server.url, cookies.admin).admin.warmUp.mutate();
  checksumsBefore = await tableChecksums();
});
afterAll(async () => {
  await server.close();
  await fixture.close();
});

/**
 * Row count and an md5 of every row (as text, in a fixed order) of every table: equal before
 * and after means no row was added, removed or changed. Sessions are included: the fuzz signs
 * in before the first checksum and never signs out with a real session.
 */
async function tableChecksums(): Promise<Record<string, { rows: number; md5: string }>> {
  const { db } = fixture.database;
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const sums: Record<string, { rows: number; md5: string }> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const [sum] = await db.$queryRawUnsafe<{ rows: number; md5: string }[]>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))
       AS md5 FROM ${quoted} t`,
    );
    if (sum) sums[name] = sum;
  }
  return sums;
}

/**
 * The answer's status, and for a batch the status of each call: a batch whose calls fail
 * differently is a 207, and only its items say whether one of them was a 5xx.
 */
async function send(
  request: FuzzRequest,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; calls: number[]; messages: string[] }> {
  const cookie = cookies[request.caller];
  const query = request.query ? `?${request.query}` : "";
  const response = await fetch(`${server.url}${TRPC_ENDPOINT}/${request.path}${query}`, {
    method: request.method,
    headers: { ...request.headers, ...(cookie ? { cookie } : {}), ...extraHeaders },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const text = await response.text();
  const messages = errorMessagesOf(text);
  if (response.status !== 207 && response.status !== 200)
    return { status: response.status, calls: [], messages };
  const items = JSON.parse(text) as unknown;
  if (!Array.isArray(items)) return { status: response.status, calls: [], messages };
  const calls = (items as { error?: { json: { data: { httpStatus: number } } } }[]).map(
    (item) => item.error?.json.data.httpStatus ?? 200,
  );
  return { status: response.status, calls, messages };
}

/**
 * Sends `runs` requests drawn from `requests` (the same ones for a seed), CONCURRENCY at a time,
 * and checks each answer against what it expects. A failure names the request and the seed.
 */
async function fuzz(requests: fc.Arbitrary<FuzzRequest>, runs: number, garble = false) {
  const cases = fc.sample(fc.tuple(requests, garble ? garbledHeaders : fc.constant({})), {
    seed: SEED,
    numRuns: Math.ceil(runs * RUNS_FACTOR),
  });
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < cases.length && !failed) {
      const [request, headers] = cases[next++] as (typeof cases)[number];
      const what = `${request.kind}: ${request.method} ${request.path} (FUZZ_SEED=${SEED}) ${JSON.stringify(
        { ...request, body: String(request.body ?? "").slice(0, 300), headers },
      )}`;
      try {
        const { status, calls, messages } = await send(request, headers);
        const answers = status === 207 ? calls : [status, ...calls];
        for (const answer of answers) {
          expect(answer, what).toBeLessThan(500);
          if (request.expect === "refused") expect(answer, what).toBeGreaterThanOrEqual(400);
        }
        for (const message of messages) expect(message, what).not.toMatch(LIBRARY_WORDING);
      } catch (error) {
        // The other workers stop too, rather than run on into the next test.
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** A body of `bytes` with its length: refused before it is read. */
async function sendOversized(bytes: number): Promise<number> {
  const response = await fetch(`${server.url}${TRPC_ENDPOINT}/auth.login`, {
    method: "POST",
    headers: jsonType,
    body: "x".repeat(bytes),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Streams `bytes` in chunks without a length (node:http, which reports a response even while
 * still writing). The answer is the status, or "closed" when the server hung up first; `sent`
 * says how much the server let through before that.
 */
function sendChunked(bytes: number): Promise<{ answer: number | "closed"; sent: number }> {
  return new Promise((resolve) => {
    const request = httpRequest(`${server.url}${TRPC_ENDPOINT}/auth.login`, {
      method: "POST",
      headers: jsonType,
    });
    let sent = 0;
    let settled = false;
    const settle = (answer: number | "closed") => {
      if (settled) return;
      settled = true;
      resolve({ answer, sent });
      request.destroy();
    };
    request.on("response", (response) => {
      response.resume();
      settle(response.statusCode ?? 0);
    });
    request.on("error", () => settle("closed"));
    const chunk = Buffer.alloc(64 * 1024, "x");
    const write = () => {
      while (!settled && sent < bytes) {
        sent += chunk.byteLength;
        if (!request.write(chunk)) {
          request.once("drain", write);
          return;
        }
      }
      if (!settled) request.end();
    };
    write();
  });
}
const jsonType = { "content-type": "application/json" };

describe("the tRPC endpoint under bad input", () => {
  const kinds: [string, fc.Arbitrary<FuzzRequest>, number, boolean?][] = [
    ["bodies that are not JSON", fuzzRequests.malformedBody, 200],
    ["query inputs that are not JSON", fuzzRequests.malformedQueryInput, 120],
    ["wrong methods", fuzzRequests.wrongMethod, 150],
    ["unknown procedures", fuzzRequests.unknownProcedure, 150],
    ["random inputs as every kind of caller", fuzzRequests.randomInput, 500],
    ["random inputs with garbled headers", fuzzRequests.randomInput, 150, true],
    ["superjson meta that lies", fuzzRequests.transformerAbuse, 300],
    ["bad batches", fuzzRequests.badBatch, 200],
  ];
  for (const [name, requests, runs, garble] of kinds) {
    it(`answers ${runs} requests with ${name} with a 4xx and a sentence`, () =>
      fuzz(requests, runs, garble));
  }

  it("refuses oversized bodies, announced or streamed, without reading them", async () => {
    for (const bytes of [MAX_BODY_BYTES + 1, 20 * 1024 * 1024]) {
      expect(await sendOversized(bytes)).toBe(413);
    }
    // Without a length the limit is kept while reading (the Next route has none of its own):
    // past it the server answers 413 or hangs up, and never reads the rest into memory.
    const endless = 256 * 1024 * 1024;
    for (const bytes of [MAX_BODY_BYTES + 1, 3 * 1024 * 1024, endless]) {
      const { answer } = await sendChunked(bytes);
      expect([413, "closed"]).toContain(answer);
    }
    expect((await sendChunked(endless)).sent).toBeLessThan(endless / 4);
  });

  it("still serves afterwards, and changed no data", async () => {
    // A trader's dashboard poll and an admin's list answer as before.
    const trader = httpClient(server.url, cookies.trader);
    expect((await trader.risk.dashboard.query()).metrics.nav).toBeGreaterThan(0);
    const admin = httpClient(server.url, cookies.admin);
    expect((await admin.admin.traders.query()).traders).toHaveLength(5);
    expect(await tableChecksums()).toEqual(checksumsBefore);
  });
});
