import { createHash, randomUUID } from "node:crypto";
import { createDb } from "@repo/db";
import { startTcpProxy } from "@repo/db/testing";
import { parseRedisConfig } from "@repo/risk-cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  API_PRICE_SOURCE,
  simulatedPriceSource,
  startPriceSources,
} from "../../services/prices/price-source.ts";
import {
  type ApiFixture,
  connectWhenReady,
  createApiFixture,
  TEST_REDIS_URL,
} from "../../testing/api-fixture.ts";
import {
  startTestHttpServer,
  startTwoInstances,
  type TestHttpServer,
} from "../../testing/http-server.ts";
import { TOKEN_API_MAX_BODY_BYTES } from "../limits.ts";
import { REPLAYED_HEADER } from "./handle-token-request.ts";
import { pruneRequestLog, REQUEST_LOG_DAYS } from "./request-log.ts";
import { createTokenLimiter } from "./token-limiter.ts";

const NORTHWIND_ADMIN = "admin@northwind.example.com";
const HARBOR_ADMIN = "admin@harbor.example.com";
const MAYA = "maya@northwind.example.com";

let fixture: ApiFixture;
let serverA: TestHttpServer;
let serverB: TestHttpServer;
let northwind: string;
let harbor: string;

beforeAll(async () => {
  fixture = await createApiFixture();
  ({ serverA, serverB } = await startTwoInstances(fixture));
  northwind = await tenantOf(NORTHWIND_ADMIN);
  harbor = await tenantOf(HARBOR_ADMIN);
});
afterAll(async () => {
  await Promise.all([serverA.close(), serverB.close()]);
  await fixture.close();
});

const db = () => fixture.database.db;

async function tenantOf(email: string): Promise<string> {
  const user = await db().user.findUniqueOrThrow({ where: { email }, select: { tenantId: true } });
  return user.tenantId;
}

async function priceTick(tenantId: string): Promise<number> {
  const tenant = await db().tenant.findUniqueOrThrow({ where: { id: tenantId } });
  return tenant.priceTick;
}

async function lastPrice(tenantId: string, symbol: string): Promise<number> {
  const instrument = await db().instrument.findUniqueOrThrow({
    where: { tenantId_symbol: { tenantId, symbol } },
  });
  return instrument.lastPrice.toNumber();
}

type Scope = "CLOSES" | "PRICES" | "POSITIONS";

/** A token made through the admin's procedure, as an admin of the firm makes one. */
async function tokenOf(adminEmail: string, scopes: Scope[] = ["PRICES"]) {
  const admin = await fixture.callerAs(adminEmail);
  return admin.admin.tokens.create({ name: `Feed ${randomUUID().slice(0, 8)}`, scopes });
}

async function onApi(adminEmail: string) {
  const admin = await fixture.callerAs(adminEmail);
  await admin.admin.settings.priceSource.set({ priceSource: "API" });
}

function post(
  server: TestHttpServer,
  operation: string,
  secret: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${server.url}/api/v1/${operation}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${secret}`,
      "content-type": "application/json",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function answerOf(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("API tokens", () => {
  it("shows the secret once, keeps only its SHA-256 and audits who made it", async () => {
    const { token, secret } = await tokenOf(NORTHWIND_ADMIN, ["PRICES", "CLOSES"]);
    expect(secret).toMatch(/^rdt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(token.label).toBe(`${secret.slice(0, 12)}…`);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(secret).digest("hex"));
    // The secret is nowhere: not in the row, not in the list, not in the audit log.
    expect(JSON.stringify(row)).not.toContain(secret.slice(13));
    const admin = await fixture.callerAs(NORTHWIND_ADMIN);
    const listed = await admin.admin.tokens.list();
    expect(listed.find((t) => t.id === token.id)).toMatchObject({
      name: token.name,
      scopes: ["PRICES", "CLOSES"],
      createdBy: expect.any(String),
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(secret.slice(13));
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { entity: "API_TOKEN", entityId: token.id },
      include: { actor: { select: { email: true } } },
    });
    expect(audit).toMatchObject({ action: "CREATE", actor: { email: NORTHWIND_ADMIN } });
    expect(JSON.stringify(audit)).not.toContain(secret.slice(13));
  });

  it("refuses a second token of the same name in a firm, under the name field", async () => {
    const { token } = await tokenOf(NORTHWIND_ADMIN);
    const admin = await fixture.callerAs(NORTHWIND_ADMIN);
    await expect(
      admin.admin.tokens.create({ name: token.name, scopes: ["PRICES"] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/name/) });
  });

  it("answers 401 to an unknown or malformed token, and to none", async () => {
    for (const secret of [`rdt_00000000_${"a".repeat(43)}`, "nonsense", ""]) {
      const answer = await answerOf(await post(serverA, "prices", secret, { prices: [] }));
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ error: { code: "UNAUTHORIZED" } });
    }
  });

  it("answers 401 on every instance from the moment a token is revoked", async () => {
    const { token, secret } = await tokenOf(HARBOR_ADMIN);
    await onApi(HARBOR_ADMIN);
    const body = { prices: [{ symbol: "RDX", price: 1000 }] };
    for (const server of [serverA, serverB]) {
      expect((await post(server, "prices", secret, body)).status).toBe(200);
    }
    const admin = await fixture.callerAs(HARBOR_ADMIN);
    const revoked = await admin.admin.tokens.revoke({ tokenId: token.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const tick = await priceTick(harbor);
    for (const server of [serverA, serverB]) {
      const answer = await answerOf(await post(server, "prices", secret, body));
      expect(answer.status).toBe(401);
    }
    expect(await priceTick(harbor)).toBe(tick);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { entity: "API_TOKEN", entityId: token.id, action: "DELETE" },
    });
    expect(audit.tenantId).toBe(harbor);
  });

  it("answers 403 to a token without the operation's scope, and logs it under its name", async () => {
    const { token, secret } = await tokenOf(NORTHWIND_ADMIN, ["CLOSES"]);
    const answer = await answerOf(
      await post(serverA, "prices", secret, { prices: [{ symbol: "RDX", price: 1 }] }),
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      error: { code: "FORBIDDEN", message: expect.stringContaining("PRICES") },
    });
    const admin = await fixture.callerAs(NORTHWIND_ADMIN);
    const uses = await admin.admin.tokens.uses();
    expect(uses.find((use) => use.tokenName === token.name)).toMatchObject({
      operation: "prices",
      status: 403,
    });
  });
});

describe("POST /api/v1/prices", () => {
  it("is refused with 409 for a firm on the simulated feed, saying how to switch", async () => {
    const { secret } = await tokenOf(NORTHWIND_ADMIN);
    const admin = await fixture.callerAs(NORTHWIND_ADMIN);
    expect(await admin.admin.settings.priceSource.get()).toEqual({ priceSource: "SIMULATED" });
    const before = await lastPrice(northwind, "RDX");
    const answer = await answerOf(
      await post(serverA, "prices", secret, { prices: [{ symbol: "RDX", price: 1234 }] }),
    );
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      error: { code: "CONFLICT", message: expect.stringMatching(/switch the price source/) },
    });
    expect(await lastPrice(northwind, "RDX")).toBe(before);
  });

  it("moves an API firm's tick, and a cached dashboard shows the new valuation on the next read", async () => {
    const { secret } = await tokenOf(NORTHWIND_ADMIN);
    const maya = await fixture.callerAs(MAYA);
    await onApi(NORTHWIND_ADMIN);
    const switched = await db().auditEvent.findFirst({
      where: { tenantId: northwind, entity: "PRICE_SOURCE", action: "UPDATE" },
    });
    expect(switched?.after).toEqual({ priceSource: "API" });
    const before = await maya.risk.dashboard();
    expect((await maya.risk.dashboard()).freshness.source).not.toBe("computed");
    const symbols = await db().instrument.findMany({
      where: { id: { in: before.metrics.holdings.map((holding) => holding.instrumentId) } },
      select: { id: true, symbol: true },
    });
    const symbolOf = new Map(symbols.map((s) => [s.id, s.symbol]));
    const at = "2026-12-06T14:30:00.000Z";
    const prices = before.metrics.holdings.map((holding) => ({
      symbol: symbolOf.get(holding.instrumentId),
      price: Number((holding.price * 1.1).toFixed(6)),
      at,
    }));
    const answer = await answerOf(await post(serverB, "prices", secret, { prices }));
    expect(answer).toEqual({
      status: 200,
      body: { changed: prices.length, priceTick: before.tick + 1 },
    });
    expect(await priceTick(northwind)).toBe(before.tick + 1);
    const after = await maya.risk.dashboard();
    expect(after.tick).toBe(before.tick + 1);
    expect(after.pricesAsOf?.toISOString()).toBe(at);
    expect(after.metrics.marketValue).toBeCloseTo(before.metrics.marketValue * 1.1, 2);
  });

  it("refuses invalid rows with each row's error and writes nothing", async () => {
    await onApi(NORTHWIND_ADMIN);
    const { secret } = await tokenOf(NORTHWIND_ADMIN);
    const tick = await priceTick(northwind);
    const rdx = await lastPrice(northwind, "RDX");
    const answer = await answerOf(
      await post(serverA, "prices", secret, {
        prices: [
          { symbol: "RDX", price: 999 },
          { symbol: "NOPE", price: 10 },
          { symbol: "RDX", price: 5 },
          { symbol: "RDX", price: -1 },
          { price: 3 },
          { symbol: "RDX", price: 3, at: "2999-01-01T00:00:00Z" },
        ],
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: {
        code: "UNPROCESSABLE_CONTENT",
        message: expect.stringMatching(/nothing was saved/),
        rows: [
          { index: 1, field: "symbol", message: expect.stringMatching(/no instrument/) },
          { index: 2, field: "symbol", message: expect.stringMatching(/row 0/) },
          { index: 3, field: "price", message: "Must be a positive number." },
          { index: 4, field: "symbol", message: expect.any(String) },
          { index: 5, field: "symbol", message: expect.stringMatching(/row 0/) },
          { index: 5, field: "at", message: "Must not be in the future." },
        ],
      },
    });
    expect(await priceTick(northwind)).toBe(tick);
    expect(await lastPrice(northwind, "RDX")).toBe(rdx);
  });

  it("answers 400 to a body that is not JSON or not the expected shape, 413 past the limit", async () => {
    const { secret } = await tokenOf(NORTHWIND_ADMIN);
    for (const body of ["{not json", JSON.stringify([{ symbol: "RDX" }]), '{"closes": []}']) {
      const answer = await answerOf(await post(serverA, "prices", secret, body));
      expect(answer.status).toBe(400);
      expect((answer.body.error as { message: string }).message).toContain('{"prices": [');
    }
    const huge = JSON.stringify({ prices: [{ symbol: "x".repeat(TOKEN_API_MAX_BODY_BYTES) }] });
    const answer = await answerOf(await post(serverA, "prices", secret, huge));
    expect(answer).toMatchObject({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE" } } });
  });

  it("keeps firm A's token off firm B's instruments", async () => {
    await onApi(NORTHWIND_ADMIN);
    await onApi(HARBOR_ADMIN);
    // An instrument only Harbor has.
    const template = await db().instrument.findFirstOrThrow({ where: { tenantId: harbor } });
    await db().instrument.create({
      data: { ...template, id: randomUUID(), symbol: "HBRONLY", historyVersion: 0 },
    });
    const { secret } = await tokenOf(NORTHWIND_ADMIN);
    const harborTick = await priceTick(harbor);
    const answer = await answerOf(
      await post(serverA, "prices", secret, { prices: [{ symbol: "HBRONLY", price: 77 }] }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { rows: [{ index: 0, field: "symbol" }] } });
    // A symbol both firms have moves Northwind's instrument only.
    const harborRdx = await lastPrice(harbor, "RDX");
    const ok = await post(serverA, "prices", secret, { prices: [{ symbol: "RDX", price: 4321 }] });
    expect(ok.status).toBe(200);
    expect(await lastPrice(northwind, "RDX")).toBe(4321);
    expect(await lastPrice(harbor, "RDX")).toBe(harborRdx);
    expect(await lastPrice(harbor, "HBRONLY")).toBe(template.lastPrice.toNumber());
    expect(await priceTick(harbor)).toBe(harborTick);
  });

  it("logs every use with the token's name, operation, status and rows", async () => {
    await onApi(NORTHWIND_ADMIN);
    const { token, secret } = await tokenOf(NORTHWIND_ADMIN);
    await post(serverA, "prices", secret, {
      prices: [
        { symbol: "RDX", price: 1001 },
        { symbol: "RDX", price: 1002 },
      ],
    });
    await post(serverB, "prices", secret, { prices: [{ symbol: "RDX", price: 1003 }] });
    const admin = await fixture.callerAs(NORTHWIND_ADMIN);
    const uses = (await admin.admin.tokens.uses()).filter((use) => use.tokenName === token.name);
    expect(uses.map(({ operation, status, rows }) => ({ operation, status, rows }))).toEqual([
      { operation: "prices", status: 200, rows: 1 },
      { operation: "prices", status: 422, rows: 2 },
    ]);
    const listed = (await admin.admin.tokens.list()).find((t) => t.id === token.id);
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    // Harbor's admin sees none of Northwind's uses.
    const harborAdmin = await fixture.callerAs(HARBOR_ADMIN);
    const theirs = await harborAdmin.admin.tokens.uses();
    expect(theirs.some((use) => use.tokenName === token.name)).toBe(false);
  });
});

describe("Idempotency-Key", () => {
  it("answers a repeat with the first answer and writes once; another body is 422", async () => {
    await onApi(NORTHWIND_ADMIN);
    const { secret } = await tokenOf(NORTHWIND_ADMIN);
    const key = randomUUID();
    const body = { prices: [{ symbol: "RDX", price: 1111 }] };
    const first = await post(serverA, "prices", secret, body, { "idempotency-key": key });
    const firstAnswer = await answerOf(first);
    expect(firstAnswer.status).toBe(200);
    const tick = await priceTick(northwind);
    // Prices move on meanwhile: the repeat must not put 1111 back.
    const other = await post(serverA, "prices", secret, {
      prices: [{ symbol: "RDX", price: 1200 }],
    });
    expect(other.status).toBe(200);
    // The same JSON, formatted otherwise, on the other instance.
    const repeat = await post(serverB, "prices", secret, JSON.stringify(body, null, 2), {
      "idempotency-key": key,
    });
    expect(repeat.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(await answerOf(repeat)).toEqual(firstAnswer);
    expect(await priceTick(northwind)).toBe(tick + 1);
    expect(await lastPrice(northwind, "RDX")).toBe(1200);

    const changed = await answerOf(
      await post(
        serverA,
        "prices",
        secret,
        { prices: [{ symbol: "RDX", price: 1 }] },
        {
          "idempotency-key": key,
        },
      ),
    );
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({
      error: { code: "UNPROCESSABLE_CONTENT", message: expect.stringMatching(/different body/) },
    });
    expect(await priceTick(northwind)).toBe(tick + 1);
    expect(await lastPrice(northwind, "RDX")).toBe(1200);
  });

  it("writes once when two requests with the same key arrive together", async () => {
    await onApi(NORTHWIND_ADMIN);
    const { secret } = await tokenOf(NORTHWIND_ADMIN);
    const key = randomUUID();
    const tick = await priceTick(northwind);
    const body = { prices: [{ symbol: "RDX", price: 1313 }] };
    const answers = await Promise.all(
      [serverA, serverB, serverA, serverB].map(async (server) =>
        answerOf(await post(server, "prices", secret, body, { "idempotency-key": key })),
      ),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toEqual({ status: 200, body: { changed: 1, priceTick: tick + 1 } });
    expect(await priceTick(northwind)).toBe(tick + 1);
  });

  it("repeats a refusal of invalid rows for the same key and body", async () => {
    await onApi(NORTHWIND_ADMIN);
    const { secret } = await tokenOf(NORTHWIND_ADMIN);
    const key = randomUUID();
    const body = { prices: [{ symbol: "NOPE", price: 1 }] };
    const first = await answerOf(
      await post(serverA, "prices", secret, body, { "idempotency-key": key }),
    );
    expect(first.status).toBe(422);
    const repeat = await post(serverB, "prices", secret, body, { "idempotency-key": key });
    expect(repeat.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(await answerOf(repeat)).toEqual(first);
  });

  it("runs a request whose key was held by one a stopped server never finished", async () => {
    await onApi(NORTHWIND_ADMIN);
    const { token, secret } = await tokenOf(NORTHWIND_ADMIN);
    const key = randomUUID();
    const body = { prices: [{ symbol: "RDX", price: 1717 }] };
    // What a server that stopped mid-request leaves: the key taken, no answer, long ago.
    const abandoned = randomUUID();
    await db().$executeRaw`
      INSERT INTO "ApiRequest" (id, "tenantId", "tokenId", "tokenName", operation,
                                "idempotencyKey", "bodyHash", status, response, rows, "createdAt")
      VALUES (${abandoned}::uuid, ${northwind}::uuid, ${token.id}::uuid, ${token.name}, 'prices',
              ${key}, ${createHash("sha256").update(JSON.stringify(body)).digest("hex")}, 0,
              '{}'::jsonb, 1, ${new Date(Date.now() - 60 * 60_000)})`;
    const tick = await priceTick(northwind);
    const answer = await answerOf(
      await post(serverA, "prices", secret, body, { "idempotency-key": key }),
    );
    expect(answer).toEqual({ status: 200, body: { changed: 1, priceTick: tick + 1 } });
    expect(await lastPrice(northwind, "RDX")).toBe(1717);
    // The abandoned attempt stays in the log, its key freed and marked as failed.
    const left = await db().apiRequest.findUniqueOrThrow({ where: { id: abandoned } });
    expect(left).toMatchObject({ idempotencyKey: null, status: 500 });
  });

  it("tells a retry to come back when the request holding its key is still running", async () => {
    await onApi(NORTHWIND_ADMIN);
    const { token, secret } = await tokenOf(NORTHWIND_ADMIN);
    const key = randomUUID();
    const body = { prices: [{ symbol: "RDX", price: 1818 }] };
    // A request on another instance that has the key and has not answered yet.
    await db().$executeRaw`
      INSERT INTO "ApiRequest" (id, "tenantId", "tokenId", "tokenName", operation,
                                "idempotencyKey", "bodyHash", status, response, rows, "createdAt")
      VALUES (${randomUUID()}::uuid, ${northwind}::uuid, ${token.id}::uuid, ${token.name},
              'prices', ${key}, ${createHash("sha256").update(JSON.stringify(body)).digest("hex")},
              0, '{}'::jsonb, 1, ${new Date()})`;
    const before = await lastPrice(northwind, "RDX");
    const response = await post(serverA, "prices", secret, body, { "idempotency-key": key });
    expect(response.status).toBe(409);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({
      error: { code: "CONFLICT", message: expect.stringMatching(/still running/) },
    });
    expect(await lastPrice(northwind, "RDX")).toBe(before);
  }, 60_000);

  it("does not keep a refusal that came from the firm's setting: the retry runs once it changes", async () => {
    const admin = await fixture.callerAs(HARBOR_ADMIN);
    await admin.admin.settings.priceSource.set({ priceSource: "SIMULATED" });
    const { secret } = await tokenOf(HARBOR_ADMIN);
    const key = randomUUID();
    const body = { prices: [{ symbol: "RDX", price: 1414 }] };
    const refused = await post(serverA, "prices", secret, body, { "idempotency-key": key });
    expect(refused.status).toBe(409);
    await admin.admin.settings.priceSource.set({ priceSource: "API" });
    const retried = await post(serverA, "prices", secret, body, { "idempotency-key": key });
    expect(retried.status).toBe(200);
    expect(retried.headers.get(REPLAYED_HEADER)).toBeNull();
    expect(await lastPrice(harbor, "RDX")).toBe(1414);
  });
});

describe("the rate limit per token", () => {
  it("answers 429 with Retry-After past the minute's budget, counted in Redis per token", async () => {
    const config = parseRedisConfig(TEST_REDIS_URL);
    if (config.mode === "memory") throw new Error("the tests run with Redis");
    const redis = await connectWhenReady(config);
    const limited = await startTestHttpServer({
      ...fixture.deps,
      tokenLimiter: createTokenLimiter(redis, 3, `test-${randomUUID()}:tokens`),
    });
    try {
      await onApi(NORTHWIND_ADMIN);
      const first = await tokenOf(NORTHWIND_ADMIN);
      const second = await tokenOf(NORTHWIND_ADMIN);
      const body = { prices: [{ symbol: "RDX", price: 1500 }] };
      for (let i = 0; i < 3; i++) {
        expect((await post(limited, "prices", first.secret, body)).status).toBe(200);
      }
      const refused = await post(limited, "prices", first.secret, body);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toMatchObject({ error: { code: "TOO_MANY_REQUESTS" } });
      // Another token of the same firm has a budget of its own.
      expect((await post(limited, "prices", second.secret, body)).status).toBe(200);
    } finally {
      await limited.close();
      await redis.quit();
    }
  });
});

describe("the price sources", () => {
  it("leave the prices of firms on the API to them: the simulated feed moves only its own", async () => {
    await onApi(HARBOR_ADMIN);
    const admin = await fixture.callerAs(NORTHWIND_ADMIN);
    await admin.admin.settings.priceSource.set({ priceSource: "SIMULATED" });
    const snapshot = async () =>
      new Map(
        (
          await db().instrument.findMany({ select: { id: true, tenantId: true, lastPrice: true } })
        ).map((row) => [row.id, { tenantId: row.tenantId, price: row.lastPrice.toNumber() }]),
      );
    const before = await snapshot();
    const ticks = { harbor: await priceTick(harbor), northwind: await priceTick(northwind) };
    // The server's sources, as apps/web starts them; its clock far enough after every price
    // so far for the feed's first tick not to count as recent.
    const at = new Date(Date.now() + 24 * 60 * 60 * 1000);
    const stop = startPriceSources(
      [simulatedPriceSource({ intervalMs: 3_000, seed: 7 }), API_PRICE_SOURCE],
      { db: db(), cache: fixture.deps.cache, clock: () => at, log: () => {} },
    );
    // The feed ticks at once; stop() waits for that tick.
    await stop();
    const after = await snapshot();
    for (const [id, { tenantId, price }] of before) {
      if (tenantId === harbor) expect(after.get(id)?.price).toBe(price);
      else expect(after.get(id)?.price).not.toBe(price);
    }
    expect(await priceTick(harbor)).toBe(ticks.harbor);
    expect(await priceTick(northwind)).toBe(ticks.northwind + 1);
  });
});

describe("POST /api/v1/closes and /api/v1/positions", () => {
  it("writes closes as the file import does, audited under the token's maker and name", async () => {
    const { token, secret } = await tokenOf(NORTHWIND_ADMIN, ["CLOSES"]);
    const rdx = await db().instrument.findUniqueOrThrow({
      where: { tenantId_symbol: { tenantId: northwind, symbol: "RDX" } },
    });
    const closes = [
      { symbol: "RDX", date: "2026-12-03", close: 1010.5 },
      { symbol: "RDX", date: "2026-12-04", close: "1011.25" },
    ];
    const answer = await answerOf(await post(serverA, "closes", secret, { closes }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ importId: expect.any(String) });
    const { created, changed, unchanged } = answer.body as Record<string, number | undefined>;
    expect((created ?? 0) + (changed ?? 0) + (unchanged ?? 0)).toBe(2);
    const bar = await db().priceBar.findUniqueOrThrow({
      where: { instrumentId_day: { instrumentId: rdx.id, day: new Date("2026-12-04") } },
    });
    expect(bar.close.toNumber()).toBe(1011.25);
    // The history's version moved with the closes: a cached history cannot outlive them.
    const after = await db().instrument.findUniqueOrThrow({ where: { id: rdx.id } });
    expect(after.historyVersion).toBeGreaterThan(rdx.historyVersion);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { entity: "IMPORT", entityId: answer.body.importId as string },
      include: { actor: { select: { email: true } } },
    });
    expect(audit.actor.email).toBe(NORTHWIND_ADMIN);
    expect(JSON.stringify(audit.after)).toContain(token.name);
    // The same closes again (no key): valid, and nothing changes.
    const again = await answerOf(await post(serverB, "closes", secret, { closes }));
    expect(again.body).toMatchObject({ created: 0, changed: 0, unchanged: 2 });
  });

  it("refuses closes with the import's errors, as row index and JSON field, and writes nothing", async () => {
    const { secret } = await tokenOf(NORTHWIND_ADMIN, ["CLOSES"]);
    const bars = await db().priceBar.count({ where: { tenantId: northwind } });
    const answer = await answerOf(
      await post(serverA, "closes", secret, {
        closes: [
          { symbol: "RDX", date: "2026-12-02", close: 1000 },
          { symbol: "RDX", date: "2026-12-05", close: 1000 },
          { symbol: "RDX", date: "2026-12-01", close: -3 },
          { symbol: "RDX", date: "2026-11-30", close: 1000, volume: 7 },
          "not a row",
        ],
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      error: {
        code: "UNPROCESSABLE_CONTENT",
        message: expect.any(String),
        rows: [{ index: 4, field: "row", message: "Each row must be an object of fields." }],
      },
    });
    const imported = await answerOf(
      await post(serverA, "closes", secret, {
        closes: [
          { symbol: "RDX", date: "2026-12-02", close: 1000 },
          { symbol: "RDX", date: "2026-12-05", close: 1000 },
          { symbol: "RDX", date: "2026-12-01", close: -3 },
          { symbol: "RDX", date: "2026-11-30", close: 1000, volume: 7 },
        ],
      }),
    );
    expect(imported.status).toBe(422);
    const rows = (imported.body.error as { rows: { index: number; field: string }[] }).rows;
    expect(rows.map(({ index, field }) => ({ index, field }))).toEqual([
      { index: 1, field: "date" },
      { index: 2, field: "close" },
      { index: 3, field: "volume" },
    ]);
    expect(await db().priceBar.count({ where: { tenantId: northwind } })).toBe(bars);
  });

  it("sets a trader's position, and keeps firm A's token off firm B's traders", async () => {
    const { secret } = await tokenOf(NORTHWIND_ADMIN, ["POSITIONS"]);
    const maya = await db().user.findUniqueOrThrow({ where: { email: MAYA } });
    const rdx = await db().instrument.findUniqueOrThrow({
      where: { tenantId_symbol: { tenantId: northwind, symbol: "RDX" } },
    });
    const harborPositions = await db().position.count({ where: { tenantId: harbor } });
    const foreign = await answerOf(
      await post(serverA, "positions", secret, {
        positions: [
          { traderEmail: "ethan@harbor.example.com", symbol: "RDX", quantity: 5, averagePrice: 10 },
        ],
      }),
    );
    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({ error: { rows: [{ index: 0, field: "traderEmail" }] } });
    expect(await db().position.count({ where: { tenantId: harbor } })).toBe(harborPositions);

    const body = {
      positions: [{ traderEmail: MAYA, symbol: "RDX", quantity: 3, averagePrice: 999.5 }],
    };
    const answer = await answerOf(await post(serverA, "positions", secret, body));
    expect(answer.status).toBe(200);
    const open = await db().position.findFirstOrThrow({
      where: { traderId: maya.id, instrumentId: rdx.id, closedAt: null },
    });
    expect(open.quantity.toNumber()).toBe(3);
    expect(open.averagePrice.toNumber()).toBe(999.5);
    // Posted again the same day without openedAt: nothing to change.
    const again = await answerOf(await post(serverB, "positions", secret, body));
    expect(again.body).toMatchObject({ created: 0, changed: 0, unchanged: 1 });
  });
});

describe("when PostgreSQL cannot be reached", () => {
  it("answers 503 with a sentence, and the token works again once it can", async () => {
    await onApi(NORTHWIND_ADMIN);
    const { secret } = await tokenOf(NORTHWIND_ADMIN);
    const target = new URL(fixture.database.url);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const throughProxy = new URL(fixture.database.url);
    throughProxy.port = String(proxy.port);
    // A server whose only way to PostgreSQL is the proxy the test cuts.
    const db = createDb({
      databaseUrl: throughProxy.toString(),
      poolSize: 2,
      connectionTimeoutMs: 1_000,
    });
    const server = await startTestHttpServer({ ...fixture.deps, db });
    const body = { prices: [{ symbol: "RDX", price: 1919 }] };
    let cut = false;
    try {
      await proxy.cut();
      cut = true;
      const answer = await answerOf(await post(server, "prices", secret, body));
      expect(answer).toEqual({
        status: 503,
        body: {
          error: {
            code: "SERVICE_UNAVAILABLE",
            message:
              "Your change was not saved: the database cannot be reached right now. Try again in a moment.",
          },
        },
      });
      await proxy.restore();
      cut = false;
      expect((await post(server, "prices", secret, body)).status).toBe(200);
      expect(await lastPrice(northwind, "RDX")).toBe(1919);
    } finally {
      if (cut) await proxy.restore();
      await server.close();
      await db.$disconnect();
      await proxy.close();
    }
  });
});

describe("the request log", () => {
  it("keeps REQUEST_LOG_DAYS of a firm's requests, and no other firm's are touched", async () => {
    const { token } = await tokenOf(NORTHWIND_ADMIN);
    const harborToken = await tokenOf(HARBOR_ADMIN);
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60_000);
    const entry = (tenantId: string, tokenId: string, createdAt: Date) => ({
      id: randomUUID(),
      tenantId,
      tokenId,
      tokenName: "old",
      operation: "prices",
      bodyHash: "x",
      status: 200,
      response: {},
      rows: 1,
      createdAt,
    });
    const old = entry(northwind, token.id, daysAgo(REQUEST_LOG_DAYS + 1));
    const recent = entry(northwind, token.id, daysAgo(REQUEST_LOG_DAYS - 1));
    const theirs = entry(harbor, harborToken.token.id, daysAgo(REQUEST_LOG_DAYS + 1));
    await db().apiRequest.createMany({ data: [old, recent, theirs] });
    expect(await pruneRequestLog(db(), northwind, now)).toBe(1);
    const left = await db().apiRequest.findMany({
      where: { id: { in: [old.id, recent.id, theirs.id] } },
      select: { id: true },
    });
    expect(left.map((row) => row.id).sort()).toEqual([recent.id, theirs.id].sort());
  });
});
