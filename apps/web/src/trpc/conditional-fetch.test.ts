import { describe, expect, it } from "vitest";
import { conditionalFetch } from "./conditional-fetch.ts";

/** A server that tags its answer with the version of its data and honours If-None-Match. */
function server() {
  const state = { version: "v1", failing: false, requests: [] as (string | null)[] };
  const handle = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    state.requests.push(request.headers.get("if-none-match"));
    if (state.failing) return new Response("down", { status: 503 });
    const etag = `"${state.version}"`;
    if (request.method === "GET" && request.headers.get("if-none-match") === etag) {
      return new Response(null, { status: 304, headers: { etag } });
    }
    return Response.json({ version: state.version }, { headers: { etag } });
  };
  return { state, fetch: handle as typeof fetch };
}

const URL_A = "http://app.test/api/trpc/risk.dashboard?input=a";

describe("conditionalFetch", () => {
  it("asks with the last answer's ETag and hands a 304 over as that answer", async () => {
    const { state, fetch } = server();
    const poll = conditionalFetch(fetch);
    expect(await (await poll(URL_A)).json()).toEqual({ version: "v1" });
    const again = await poll(URL_A);
    expect(state.requests).toEqual([null, '"v1"']);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ version: "v1" });

    state.version = "v2";
    expect(await (await poll(URL_A)).json()).toEqual({ version: "v2" });
    expect(state.requests.at(-1)).toBe('"v1"');
  });

  it("keeps each URL's answer apart, and sends writes as they are", async () => {
    const { state, fetch } = server();
    const poll = conditionalFetch(fetch);
    await poll(URL_A);
    await poll(`${URL_A}b`);
    expect(state.requests).toEqual([null, null]);
    await poll(URL_A, { method: "POST", body: "{}" });
    expect(state.requests.at(-1)).toBeNull();
  });

  it("forgets an answer once a poll fails, so the next one asks in full", async () => {
    const { state, fetch } = server();
    const poll = conditionalFetch(fetch);
    await poll(URL_A);
    state.failing = true;
    expect((await poll(URL_A)).status).toBe(503);
    state.failing = false;
    expect(await (await poll(URL_A)).json()).toEqual({ version: "v1" });
    expect(state.requests).toEqual([null, '"v1"', null]);
  });
});
