import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLastPrices } from "../services/prices/set-last-prices.ts";
import { type ApiFixture, createApiFixture } from "../testing/api-fixture.ts";
import { signInOverHttp } from "../testing/http-client.ts";
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

const DASHBOARD = `/api/trpc/risk.dashboard?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;

function poll(cookie: string, etag?: string) {
  return fetch(`${server.url}${DASHBOARD}`, {
    headers: { cookie, ...(etag ? { "if-none-match": etag } : {}) },
  });
}

async function answered(response: Response) {
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    result: { data: { json: { version: string; tick: number } } };
  };
  return { etag: response.headers.get("etag"), ...body.result.data.json };
}

describe("a conditional poll of the dashboard", () => {
  it("answers 304 with no body while the client's copy holds, and 200 once prices move", async () => {
    const cookie = await signInOverHttp(server.url, "ethan@harbor.example.com");
    const first = await answered(await poll(cookie));
    expect(first.etag).toBe(`"${first.version}"`);

    const unchanged = await poll(cookie, first.etag as string);
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");
    expect(unchanged.headers.get("etag")).toBe(first.etag);
    expect(unchanged.headers.get("cache-control")).toBe("no-store");

    const { tenantId } = await fixture.database.db.user.findUniqueOrThrow({
      where: { email: "ethan@harbor.example.com" },
    });
    const instruments = await fixture.database.db.instrument.findMany({ where: { tenantId } });
    const prices = instruments.map((i) => ({
      instrumentId: i.id,
      price: i.lastPrice.toNumber() * 1.01,
    }));
    await setLastPrices(fixture.deps, tenantId, prices, new Date());

    const moved = await answered(await poll(cookie, first.etag as string));
    expect(moved.tick).toBe(first.tick + 1);
    expect(moved.etag).not.toBe(first.etag);
  });

  it("answers 200 after a write to the book, and never gives one trader's tag to another", async () => {
    const maya = await signInOverHttp(server.url, "maya@northwind.example.com");
    const jonas = await signInOverHttp(server.url, "jonas@northwind.example.com");
    const before = await answered(await poll(maya));
    // Another trader holding Maya's tag gets his own dashboard, not a 304.
    const his = await answered(await poll(jonas, before.etag as string));
    expect(his.etag).not.toBe(before.etag);

    const admin = await signInOverHttp(server.url, "admin@northwind.example.com");
    const { id: mayaId } = await fixture.database.db.user.findUniqueOrThrow({
      where: { email: "maya@northwind.example.com" },
    });
    const limit = await fixture.database.db.riskLimit.findFirstOrThrow({
      where: { traderId: mayaId, type: "MAX_LEVERAGE" },
    });
    const update = await fetch(`${server.url}/api/trpc/risk.limits.update`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({
        json: {
          traderId: mayaId,
          id: limit.id,
          version: limit.version,
          type: limit.type,
          threshold: limit.threshold.toNumber() * 2,
          warnFraction: limit.warnFraction.toNumber(),
          severity: limit.severity,
          symbol: limit.symbol,
          active: limit.active,
        },
      }),
    });
    expect(update.status).toBe(200);
    const after = await answered(await poll(maya, before.etag as string));
    expect(after.etag).not.toBe(before.etag);
  });

  it("tags no error and no other procedure", async () => {
    const anonymous = await fetch(`${server.url}${DASHBOARD}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("etag")).toBeNull();
    const cookie = await signInOverHttp(server.url, "maya@northwind.example.com");
    const me = await fetch(`${server.url}/api/trpc/auth.me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.headers.get("etag")).toBeNull();
  });
});
