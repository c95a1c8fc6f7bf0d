// Over 400 lines on purpose: the wire format's cases, one list per concern, sharing one server
// and one seeded database; a file per concern would seed a database for each.
import { DEMO_PASSWORD } from "@repo/db/demo";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../root.ts";
import { type ApiFixture, createApiFixture } from "../testing/api-fixture.ts";
import {
  errorMessagesOf,
  httpClient,
  LIBRARY_WORDING,
  type WireError,
} from "../testing/http-client.ts";
import { startTestHttpServer, type TestHttpServer } from "../testing/http-server.ts";
import { MAX_BATCH_SIZE, MAX_INPUT_DEPTH, MAX_INPUT_VALUES } from "./limits.ts";

let fixture: ApiFixture;
let server: TestHttpServer;
beforeAll(async () => {
  fixture = await createApiFixture();
  server = await startTestHttpServer(fixture.deps);
});
afterAll(async () => {
  await server.close();
  await fixture.close();
});

type WireResult = { result: { data: { json: unknown } } };

/** tRPC's wire format with the superjson transformer. */
function post(path: string, input: unknown, cookie?: string) {
  return fetch(`${server.url}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: input }),
  });
}

function get(paths: string[], cookie?: string) {
  const input = Object.fromEntries(paths.map((_, i) => [i, { json: undefined }]));
  const query = `batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  return fetch(`${server.url}/api/trpc/${paths.join(",")}?${query}`, {
    headers: cookie ? { cookie } : {},
  });
}

async function signIn(email: string) {
  const response = await post("auth.login", { email, password: DEMO_PASSWORD });
  expect(response.status).toBe(200);
  const setCookie = response.headers.getSetCookie()[0] ?? "";
  return { setCookie, cookie: setCookie.split(";")[0] as string };
}

describe("the API over HTTP", () => {
  it("signs in with an httpOnly, SameSite=Lax session cookie that later requests carry", async () => {
    const { setCookie, cookie } = await signIn("maya@northwind.example.com");
    expect(setCookie).toMatch(/^rd_session=[\w-]{43}; /);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toContain("Secure");

    const response = await get(["auth.me", "risk.dashboard"], cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const [me, metrics] = (await response.json()) as WireResult[];
    expect(me?.result.data.json).toMatchObject({ email: "maya@northwind.example.com" });
    const view = metrics?.result.data.json as { metrics: { nav: number } };
    expect(view.metrics.nav).toBeGreaterThan(0);
  });

  it("marks the cookie Secure when the server is configured for HTTPS", async () => {
    const secure = await startTestHttpServer({
      ...fixture.deps,
      sessions: { ...fixture.deps.sessions, secureCookie: true },
    });
    try {
      const response = await fetch(`${secure.url}/api/trpc/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          json: { email: "jonas@northwind.example.com", password: DEMO_PASSWORD },
        }),
      });
      expect(response.headers.getSetCookie()[0]).toContain("; Secure");
    } finally {
      await secure.close();
    }
  });

  it("answers 401 UNAUTHORIZED without a session", async () => {
    const response = await get(["risk.dashboard"]);
    expect(response.status).toBe(401);
    const [body] = (await response.json()) as { error: { json: WireError } }[];
    expect(body?.error.json).toMatchObject({
      message: "Sign in to continue.",
      data: { code: "UNAUTHORIZED", httpStatus: 401 },
    });
  });

  it("answers bad input with 400, a sentence and errors per field", async () => {
    const response = await post("auth.login", { email: "not an email", password: "", extra: 1 });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: WireError } };
    expect(body.error.json.message).toBe(
      "Some fields are not valid: correct the ones marked and try again.",
    );
    expect(body.error.json.data.fieldErrors).toEqual({
      email: ["Enter a valid email address."],
      password: ["Enter your password."],
      extra: ["This field is not expected here: remove it."],
    });
  });

  it("refuses a batch of more calls than the client ever sends", async () => {
    const { cookie } = await signIn("maya@northwind.example.com");
    expect(
      (
        await get(
          Array.from({ length: 20 }, () => "auth.me"),
          cookie,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await get(
          Array.from({ length: 21 }, () => "auth.me"),
          cookie,
        )
      ).status,
    ).toBe(400);
  });

  it("refuses an oversized body before reading it", async () => {
    const response = await post("auth.login", {
      email: "x".repeat(3 * 1024 * 1024),
      password: "x",
    });
    expect(response.status).toBe(413);
  });

  it("logout clears the cookie and the old cookie no longer signs anyone in", async () => {
    const { cookie } = await signIn("priya@northwind.example.com");
    const response = await post("auth.logout", undefined, cookie);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/^rd_session=; Max-Age=0/);
    expect((await get(["risk.dashboard"], cookie)).status).toBe(401);
  });
});

const JSON_TYPE = { "content-type": "application/json" };
const MAYA = { email: "maya@northwind.example.com", password: DEMO_PASSWORD };

/** A request as written, and its answer: status, headers and every error message it carries. */
async function send(path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}/api/trpc/${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, messages: errorMessagesOf(text) };
}

const postText = (path: string, body: string, headers: Record<string, string> = {}) =>
  send(path, { method: "POST", headers: { ...JSON_TYPE, ...headers }, body });

const BAD_META =
  "The input's type notes (meta) do not match its values: send it as the app's client does.";

describe("superjson's type notes (meta) in an input", () => {
  // The 50 bytes that once overflowed the stack: superjson's reader walked the string "number"
  // as a tree, forever.
  const RECURSING = '{"json":{"a":1},"meta":{"values":{"a":"number"}}}';

  it("refuses the 50 bytes that overflowed the stack, twenty at once, and keeps serving", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postText("auth.login", RECURSING)),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.messages).toEqual([BAD_META]);
    }
    expect((await post("auth.login", MAYA)).status).toBe(200);
  });

  it("refuses notes that name a missing path, a type inputs never hold, or a cycle", async () => {
    const lies = [
      '{"json":{"a":1},"meta":{"values":"number"}}',
      '{"json":{"a":1},"meta":{"values":{"a":["number","x"]}}}',
      '{"json":{},"meta":{"values":{"email":["undefined"]}}}',
      '{"json":{"email":"x"},"meta":{"values":{"email":["Date"]}}}',
      '{"json":{"email":"x"},"meta":{"values":{"email":[["class","Decimal"]]}}}',
      '{"json":{"email":"x"},"meta":{"values":{"email":["number"]}}}',
      '{"json":{"a":null},"meta":{"values":{"a":["undefined",{"b":["number"]}]}}}',
      '{"json":{"a":{}},"meta":{"referentialEqualities":{"":["a"]}}}',
      '{"json":{"a":{}},"meta":{"referentialEqualities":[["a"]]}}',
      '{"json":{"a":null},"meta":{"values":{"a.b.c.d":["undefined"]}}}',
      '{"json":{"a":null},"meta":{"values":{"a\\\\x":["undefined"]}}}',
      '{"json":{"a":null},"meta":{"values":{"a":["undefined"]},"v":7}}',
    ];
    for (const body of lies) {
      const answer = await postText("auth.login", body);
      expect(answer.status, body).toBe(400);
      expect(answer.messages, body).toEqual([BAD_META]);
    }
    // A query's input in the URL is read the same way.
    const { cookie } = await signIn("maya@northwind.example.com");
    const input = encodeURIComponent('{"json":{"a":1},"meta":{"values":{"a":"number"}}}');
    const query = await send(`risk.dashboard?input=${input}`, { headers: { cookie } });
    expect(query).toMatchObject({ status: 400, messages: [BAD_META] });
  });

  it("still reads what the app's client writes: fields left undefined, NaN", async () => {
    const cookie = (await signIn("maya@northwind.example.com")).cookie;
    const maya = httpClient(server.url, cookie);
    const { limits } = await maya.risk.limits.list.query({ traderId: undefined });
    expect(limits.length).toBeGreaterThan(0);
    const opened = await maya.positions.open
      .mutate({ traderId: undefined, symbol: "AAPL", quantity: Number.NaN })
      .catch((error: { data?: unknown }) => error.data);
    expect(opened).toMatchObject({
      httpStatus: 400,
      fieldErrors: { quantity: ["Enter a number."] },
    });
  });

  it("caps an input's nesting and size, and a request's calls, each with a sentence", async () => {
    const deep = (depth: number) =>
      `{"json":{"email":${"[".repeat(depth)}${"]".repeat(depth)},"password":"x"}}`;
    for (const depth of [MAX_INPUT_DEPTH, 50_000]) {
      expect(await postText("auth.login", deep(depth))).toMatchObject({
        status: 400,
        messages: [
          `The input is nested more than ${MAX_INPUT_DEPTH} levels deep: send only the fields asked for.`,
        ],
      });
    }
    const wide = `{"json":{"email":[${Array(MAX_INPUT_VALUES).fill(0).join(",")}]}}`;
    expect(await postText("auth.login", wide)).toMatchObject({
      status: 400,
      messages: [
        `The input holds more than ${MAX_INPUT_VALUES} values: send only the fields asked for.`,
      ],
    });
    const calls = Array.from({ length: 21 }, () => "auth.me").join(",");
    expect(await send(`${calls}?batch=1`)).toMatchObject({
      status: 400,
      messages: ["A request may carry at most 20 calls: send the rest in another request."],
    });
  });
});

describe("error answers", () => {
  it("refuses a field named __proto__, constructor or prototype anywhere, rather than drop it", async () => {
    const login = await postText(
      "auth.login",
      JSON.stringify({ json: MAYA }).replace('{"email"', '{"__proto__":{"role":"ADMIN"},"email"'),
    );
    expect(login).toMatchObject({
      status: 400,
      messages: ['The input has a field named "__proto__", which is not allowed: remove it.'],
    });
    const { cookie } = await signIn("maya@northwind.example.com");
    const nested = encodeURIComponent('{"json":{"traderId":{"constructor":{"prototype":{}}}}}');
    expect(await send(`risk.dashboard?input=${nested}`, { headers: { cookie } })).toMatchObject({
      status: 400,
      messages: ['The input has a field named "constructor", which is not allowed: remove it.'],
    });
  });

  it("says what was wrong with each field in words, never zod's", async () => {
    const { cookie } = await signIn("admin@northwind.example.com");
    const maya = await fixture.database.db.user.findUniqueOrThrow({
      where: { email: "maya@northwind.example.com" },
    });
    const answer = await postText(
      "risk.limits.create",
      JSON.stringify({
        json: {
          traderId: maya.id,
          type: "MAX_FUN",
          threshold: 1,
          severity: 2,
          symbol: 5,
          active: "yes",
          note: "",
        },
      }),
      { cookie },
    );
    expect(answer.status).toBe(400);
    expect(answer.messages).toEqual([
      "Some fields are not valid: correct the ones marked and try again.",
      "Choose one of: MAX_GROSS_EXPOSURE, MAX_NET_EXPOSURE, MAX_LEVERAGE, MAX_POSITION_NOTIONAL, MAX_CONCENTRATION, MAX_VAR, MAX_DRAWDOWN, MAX_DAILY_LOSS.",
      "Enter a number.",
      "Choose one of: SOFT, HARD.",
      "Enter text.",
      "Choose true or false.",
      "This field is not expected here: remove it.",
    ]);
    // A missing field says so, in the schema's own words where it has some.
    const noPassword = await post("auth.login", { email: "maya@northwind.example.com" });
    expect(errorMessagesOf(await noPassword.text())).toContain("This field is required.");
    const noEmail = await post("auth.login", { password: "x" });
    expect(errorMessagesOf(await noEmail.text())).toContain("Enter an email address.");
    const notAnObject = await postText("auth.login", '{"json":42}');
    expect(notAnObject.messages).toEqual([
      'The input must be an object of named fields, such as {"traderId": …}.',
    ]);
  });

  it("answers bad JSON, unknown procedures, wrong methods and bad batches with sentences", async () => {
    const answers = {
      notJson: await postText("auth.login", '{"json":{"email":'),
      unknown: await send("risk.metricz"),
      getMutation: await send("auth.login"),
      postQuery: await postText("risk.dashboard", "{}"),
      mixed: await postText("auth.me,auth.login?batch=1", "{}"),
      batchInput: await send(`auth.me?batch=1&input=${encodeURIComponent("[1]")}`),
    };
    expect(answers).toMatchObject({
      notJson: {
        status: 400,
        messages: [
          'The input is not valid JSON: send it as JSON in the app\'s format ({"json": …}).',
        ],
      },
      unknown: {
        status: 404,
        messages: ["There is no such procedure: check the name in the address."],
      },
      getMutation: {
        status: 405,
        messages: ["This procedure makes a change: call it with POST."],
      },
      postQuery: { status: 405, messages: ["This procedure reads data: call it with GET."] },
      mixed: {
        status: 400,
        messages: ["A request cannot mix reading data and making changes: send them separately."],
      },
    });
    for (const answer of Object.values(answers)) {
      expect(answer.status).toBeLessThan(500);
      for (const message of answer.messages) expect(message).not.toMatch(LIBRARY_WORDING);
    }
  });
});

describe("requests from other sites", () => {
  const FOREIGN =
    "This request came from another website, so it was refused: make changes from the app's own pages.";
  const NOT_JSON =
    "Changes must be sent as JSON with Content-Type: application/json; other formats are refused.";

  it("refuses a form posted from another site, which used to sign the user out", async () => {
    const { cookie } = await signIn("priya@northwind.example.com");
    const forged = await send("auth.logout", {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
      body: new FormData(),
    });
    expect(forged).toMatchObject({ status: 403, messages: [FOREIGN] });
    // Without Origin, the browser's Sec-Fetch-Site says the same.
    const fetchMeta = await send("auth.logout", {
      method: "POST",
      headers: { ...JSON_TYPE, cookie, "sec-fetch-site": "cross-site" },
      body: "{}",
    });
    expect(fetchMeta).toMatchObject({ status: 403, messages: [FOREIGN] });
    const me = (await (await get(["auth.me"], cookie)).json()) as WireResult[];
    expect(me[0]?.result.data.json).toMatchObject({ email: "priya@northwind.example.com" });
  });

  it("refuses a change sent as anything but JSON, from anyone", async () => {
    const { cookie } = await signIn("jonas@northwind.example.com");
    for (const body of [new FormData(), new URLSearchParams({ json: "{}" }), "{}"]) {
      const answer = await send("auth.logout", { method: "POST", headers: { cookie }, body });
      expect(answer).toMatchObject({ status: 403, messages: [NOT_JSON] });
    }
    const octets = await send("auth.logout", {
      method: "POST",
      headers: { cookie, "content-type": "application/octet-stream" },
      body: new Uint8Array([1]),
    });
    expect(octets).toMatchObject({ status: 403, messages: [NOT_JSON] });
  });

  it("lets the app's own client through: httpBatchLink, JSON, with the page's Origin", async () => {
    // What apps/web/src/trpc/client.tsx sends from a page, where the browser adds Origin.
    const page = { origin: server.url, "sec-fetch-site": "same-origin" };
    let cookie = "";
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${server.url}/api/trpc`,
          transformer: superjson,
          maxItems: MAX_BATCH_SIZE,
          headers: () => ({ ...page, ...(cookie ? { cookie } : {}) }),
          fetch: async (url, init) => {
            const response = await fetch(url, init);
            cookie ||= response.headers.getSetCookie()[0]?.split(";")[0] ?? "";
            return response;
          },
        }),
      ],
    });
    await expect(client.auth.login.mutate(MAYA)).resolves.toMatchObject({ name: "Maya Chen" });
    const [me, limits] = await Promise.all([
      client.auth.me.query(),
      client.risk.limits.list.query({ traderId: undefined }),
    ]);
    expect(me?.email).toBe(MAYA.email);
    expect(limits.limits.length).toBeGreaterThan(0);
    await expect(client.auth.logout.mutate()).resolves.toBeDefined();
  });

  it("lets the app's own pages through: JSON, from the origin the request was sent to", async () => {
    const own = await send("auth.login", {
      method: "POST",
      headers: { ...JSON_TYPE, origin: server.url, "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ json: MAYA }),
    });
    expect(own.status).toBe(200);
    const otherPort = new URL(server.url);
    otherPort.port = String(Number(otherPort.port) + 1);
    const sibling = await send("auth.login", {
      method: "POST",
      headers: { ...JSON_TYPE, origin: otherPort.origin },
      body: JSON.stringify({ json: MAYA }),
    });
    expect(sibling).toMatchObject({ status: 403, messages: [FOREIGN] });
  });

  it("takes the public host from X-Forwarded-Host only behind a trusted proxy, or from the setting", async () => {
    const fromProxy = {
      method: "POST",
      headers: {
        ...JSON_TYPE,
        origin: "https://risk.example.com",
        "x-forwarded-host": "risk.example.com",
        "x-forwarded-proto": "https",
      },
      body: JSON.stringify({ json: MAYA }),
    };
    const behindProxy = await startTestHttpServer(fixture.deps, { trustedProxies: "127.0.0.1" });
    const configured = await startTestHttpServer({
      ...fixture.deps,
      publicOrigin: "https://risk.example.com",
    });
    try {
      const at = (base: string) => fetch(`${base}/api/trpc/auth.login`, fromProxy);
      expect((await at(behindProxy.url)).status).toBe(200);
      expect((await at(server.url)).status).toBe(403);
      const { headers } = fromProxy;
      const noForwardedHost = { ...fromProxy, headers: { ...JSON_TYPE, origin: headers.origin } };
      expect((await fetch(`${configured.url}/api/trpc/auth.login`, noForwardedHost)).status).toBe(
        200,
      );
    } finally {
      await Promise.all([behindProxy.close(), configured.close()]);
    }
  });
});
