/**
 * pnpm --filter @repo/api bench   (needs the test PostgreSQL and Redis, as the integration tests)
 * risk.dashboard for a seeded trader through createCaller, with the cache on (in-process hit, and
 * Redis hit with the in-process tier off) and turned off, in one run; then the same in-process
 * hit, and auth.me, through the HTTP handler (tRPC's fetch adapter, as the Next route calls it,
 * without Next): what the API's HTTP layer costs per request beside the procedure itself.
 */
import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD, seedDemoData } from "@repo/db/demo";
import { createTestDatabase } from "@repo/db/testing";
import { parseRedisConfig, RiskCache } from "@repo/risk-cache";
import { Bench } from "tinybench";
import { API_CACHE_POLICY, type ApiCache } from "../src/cache-policy.ts";
import { systemClock } from "../src/clock.ts";
import { createInnerContext } from "../src/context.ts";
import { tenantDb } from "../src/data/tenant-db.ts";
import type { ApiDeps } from "../src/deps.ts";
import { handleTrpcRequest, TRPC_ENDPOINT } from "../src/http/handle-trpc.ts";
import { sessionCookie } from "../src/http/session-cookie.ts";
import { createCaller } from "../src/root.ts";
import { loadOpenAlerts } from "../src/services/alerts/open-alerts.ts";
import { LiveSessions } from "../src/services/auth/live-sessions.ts";
import { createLoginLimiter } from "../src/services/auth/login-limiter.ts";
import { findViewer } from "../src/services/auth/sessions.ts";
import { readMarket } from "../src/services/prices/market.ts";
import { computeMetrics } from "../src/services/risk/compute-metrics.ts";
import { loadBook } from "../src/services/risk/load-book.ts";
import { TEST_REDIS_URL } from "../src/testing/api-fixture.ts";

const database = await createTestDatabase();
await seedDemoData(database.db);
const redis = parseRedisConfig(TEST_REDIS_URL);
const prefix = `bench-${randomUUID().slice(0, 8)}`;
const caches = {
  "cached (in-process hit)": await RiskCache.create({ ...API_CACHE_POLICY, redis, prefix }),
  "cached (Redis hit, L1 off)": await RiskCache.create({
    ...API_CACHE_POLICY,
    redis,
    prefix,
    memory: { ttlMs: 0 },
  }),
  "uncached (cache disabled)": await RiskCache.create({ ...API_CACHE_POLICY, disabled: true }),
};

function depsWith(cache: ApiCache): ApiDeps {
  return {
    db: database.db,
    cache,
    clock: systemClock,
    loginLimiter: createLoginLimiter(null),
    sessions: { ttlMs: 3_600_000, secureCookie: false, live: new LiveSessions(cache) },
  };
}

let token = "";
await createCaller(
  createInnerContext({
    deps: depsWith(caches["uncached (cache disabled)"]),
    session: {
      set: (t) => {
        token = t;
      },
      clear() {},
    },
  }),
).auth.login({ email: "maya@northwind.example.com", password: DEMO_PASSWORD });
const viewer = await findViewer(database.db, token, new Date());
const positions = await database.db.position.count({
  where: { traderId: viewer?.userId, closedAt: null },
});

const bench = new Bench({ time: 3_000, warmupTime: 500 });
for (const [name, cache] of Object.entries(caches)) {
  const caller = createCaller(createInnerContext({ deps: depsWith(cache), viewer }));
  await caller.risk.dashboard();
  bench.add(name, () => caller.risk.dashboard());
}
if (!viewer) throw new Error("the bench's trader did not sign in");
const valuation = {
  db: tenantDb(database.db, viewer.tenantId),
  cache: caches["cached (in-process hit)"],
  clock: systemClock,
};
const subject = { tenantId: viewer.tenantId, userId: viewer.userId };
const market = await readMarket(valuation, subject.tenantId);
const atTick = { market: market.value, tick: market.version };
const { value: book } = await loadBook(valuation.db, subject);
const { value: alerts } = await loadOpenAlerts(valuation.db, subject);
// The first poll after a price move: the book, the market, the alerts and the histories are
// cached, the valuation at the new tick is not.
bench.add("new tick (book, market, histories cached)", () =>
  computeMetrics(valuation, subject, { book, ...atTick }, alerts),
);
// A book that is not cached but whose instruments' histories are: what a first poll, or the
// first after a write (which drops the book and its alerts), costs once the firm's instruments
// have been read by anyone.
bench.add("cold book (instrument histories cached)", async () => {
  const [coldBook, openAlerts] = await Promise.all([
    loadBook(valuation.db, subject),
    loadOpenAlerts(valuation.db, subject),
  ]);
  return computeMetrics(valuation, subject, { book: coldBook.value, ...atTick }, openAlerts.value);
});
const httpDeps = depsWith(caches["cached (in-process hit)"]);
const cookie = sessionCookie(token, new Date(Date.now() + 3_600_000), false).split(";")[0] ?? "";
/** One GET through the HTTP handler, its body read to the end as a server would send it. */
const overHttp = (procedure: string) => async () => {
  const request = new Request(`http://bench.local${TRPC_ENDPOINT}/${procedure}`, {
    headers: { cookie },
  });
  const response = await handleTrpcRequest(httpDeps, request);
  await response.text();
  if (response.status !== 200) throw new Error(`${procedure} answered ${response.status}`);
};
for (const [procedure, label] of [
  ["risk.dashboard", "HTTP handler: risk.dashboard (in-process hit)"],
  ["auth.me", "HTTP handler: auth.me (from the session)"],
]) {
  await overHttp(procedure as string)();
  bench.add(label as string, overHttp(procedure as string));
}
await bench.run();

console.info(
  `risk.dashboard for maya@northwind (${positions} positions); Node ${process.version}; ${new Date().toISOString()}`,
);
const uncached = bench.tasks.find((task) => task.name.startsWith("uncached"))?.result;
console.table(
  bench.tasks.map((task) => {
    const result = task.result;
    if (!("latency" in result)) throw new Error(`${task.name} did not complete`);
    const baseline = uncached && "latency" in uncached ? uncached.latency.p50 : Number.NaN;
    return {
      call: task.name,
      "p50 ms": Number(result.latency.p50.toFixed(3)),
      "p99 ms": Number(result.latency.p99.toFixed(3)),
      "calls/s": Math.round(result.throughput.mean),
      "speed-up vs uncached": Number((baseline / result.latency.p50).toFixed(1)),
    };
  }),
);
console.info(
  "targets: uncached p50 ≤ 20 ms including the database; cold book p50 ≤ 2 ms; new tick below it; cached p50 ≤ 0.5 ms",
);

await caches["cached (in-process hit)"].clearNamespace();
await Promise.all(Object.values(caches).map((cache) => cache.close()));
await database.drop();
