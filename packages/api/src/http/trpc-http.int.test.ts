import { DEMO_PASSWORD } from "@repo/db/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../testing/api-fixture.ts";
import { startTestHttpServer, type TestHttpServer } from "../testing/http-server.ts";

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

interface WireError {
  message: string;
  data: { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null };
}
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

    const response = await get(["auth.me", "risk.metrics"], cookie);
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
    const response = await get(["risk.metrics"]);
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
    expect(body.error.json.message).toBe("Some fields are not valid.");
    expect(body.error.json.data.fieldErrors).toMatchObject({
      email: ["Enter a valid email address."],
      password: ["Enter your password."],
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
    expect((await get(["risk.metrics"], cookie)).status).toBe(401);
  });
});
