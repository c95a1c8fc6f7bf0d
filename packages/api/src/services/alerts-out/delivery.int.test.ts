import { createDb, type Db } from "@repo/db";
import { seedDemoData } from "@repo/db/demo";
import { createTestDatabase, type TestDatabase } from "@repo/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { eventually, type TraderLimits, traderLimits, valueAt } from "../../testing/alert-syncs.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../../testing/webhook-receiver.ts";
import { claimDeliveries, type DeliveryWorker, startDeliveryWorker } from "./delivery-worker.ts";
import type { RetrySchedule } from "./retry-schedule.ts";
import { sendWebhook } from "./send-webhook.ts";
import { newWebhookSecret } from "./signing.ts";

/**
 * Alerts out across instances: each "instance" is a pool of its own on one database, with a
 * delivery worker of its own; a real HTTP receiver verifies every request and counts events
 * by id (the webhook-id header).
 */

const FAST: RetrySchedule = {
  baseDelayMs: 50,
  maxDelayMs: 400,
  maxAttempts: 1_000,
  maxAgeMs: 3_600_000,
};
const TRADERS = ["maya@northwind.example.com", "jonas@northwind.example.com"];
/** Two limits per trader, through nothing → WARN → BREACH → nothing, the second a step later. */
const STEPS = [
  ["WARN", "OK"],
  ["BREACH", "WARN"],
  ["OK", "BREACH"],
  ["OK", "OK"],
] as const;
const EXPECTED_PER_LIMIT = ["alert.raised", "alert.escalated", "alert.resolved"];

let database: TestDatabase;
let dbB: Db;
let receiver: WebhookReceiver;
let traders: [TraderLimits, TraderLimits];
let tenantId: string;
const workers: DeliveryWorker[] = [];

function worker(db: Db, schedule = FAST, leaseMs?: number) {
  const started = startDeliveryWorker({
    db,
    clock: systemClock,
    intervalMs: 100,
    schedule,
    email: null,
    leaseMs,
  });
  workers.push(started);
  return started;
}

async function stopWorkers() {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
}

/** Every trader through STEPS, each step valued `rounds` times by both instances at once. */
async function runSteps(rounds: number, dbs: Db[]) {
  for (const step of STEPS) {
    await Promise.all(
      traders.flatMap((trader) =>
        dbs.flatMap((db) => Array.from({ length: rounds }, () => valueAt(db, trader, step))),
      ),
    );
  }
}

async function deliveries() {
  return database.db.alertDelivery.findMany({
    include: { event: true },
    orderBy: { event: { seq: "asc" } },
  });
}

async function allDelivered(expected: number) {
  const rows = await deliveries();
  return rows.length === expected && rows.every((d) => d.status === "DELIVERED") ? rows : null;
}

/** Types the receiver got per limit, in arrival order, from the POSTs since `from`. */
function typesPerLimit(from = 0) {
  const byLimit = new Map<string, string[]>();
  for (const post of receiver.posts.slice(from)) {
    const limitId = (post.body.alert as { limit: { id: string } }).limit.id;
    byLimit.set(limitId, [...(byLimit.get(limitId) ?? []), post.type]);
  }
  return byLimit;
}

const limitsCount = () => traders.reduce((n, t) => n + t.limits.slice(0, 2).length, 0);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.db);
  dbB = createDb({ databaseUrl: database.url, poolSize: 4 });
  traders = (await Promise.all(
    TRADERS.map(async (email) => {
      const trader = await traderLimits(database.db, email);
      return { ...trader, limits: trader.limits.slice(0, 2) };
    }),
  )) as [TraderLimits, TraderLimits];
  for (const trader of traders) expect(trader.limits).toHaveLength(2);
  tenantId = traders[0].subject.tenantId;
  // The seeded open alerts resolved while the firm has no destination: no events.
  for (const trader of traders) await valueAt(database.db, trader, ["OK", "OK"]);
  expect(await database.db.alertEvent.count()).toBe(0);
  const secret = newWebhookSecret();
  receiver = await startWebhookReceiver(secret);
  await database.db.alertSettings.create({
    data: { tenantId, webhookUrl: receiver.url, webhookSecret: secret },
  });
});

afterEach(async () => {
  await stopWorkers();
  receiver.failWith500(false);
  await receiver.start();
  // Each test starts from books with no open alert and an empty outbox.
  for (const trader of traders) await valueAt(database.db, trader, ["OK", "OK"]);
  await database.db.alertEvent.deleteMany();
  receiver.posts.length = 0;
});

afterAll(async () => {
  await stopWorkers();
  await receiver?.stop();
  await dbB?.$disconnect();
  await database?.drop();
});

describe("alerts out across two instances", () => {
  it("records and delivers every event once while two instances value the same books at once", async () => {
    worker(database.db);
    worker(dbB);
    await runSteps(4, [database.db, dbB]);

    const expected = limitsCount() * EXPECTED_PER_LIMIT.length;
    const rows = await eventually(() => allDelivered(expected), "every delivery delivered");
    expect(await database.db.alertEvent.count()).toBe(expected);
    expect(rows.every((d) => d.attempts === 1)).toBe(true);
    // No duplicate POST at all in the normal case, and one per event id.
    expect(receiver.posts).toHaveLength(expected);
    expect([...receiver.countsById().values()].every((n) => n === 1)).toBe(true);
    expect(new Set(receiver.posts.map((p) => p.id))).toEqual(new Set(rows.map((d) => d.eventId)));
    for (const types of typesPerLimit().values()) expect(types).toEqual(EXPECTED_PER_LIMIT);
    expect(receiver.rejected).toEqual([]);
  });

  it("sends an escalation as one alert.escalated naming the warning it replaced", async () => {
    worker(database.db);
    const [maya] = traders;
    await valueAt(database.db, maya, ["WARN", "OK"]);
    await valueAt(database.db, maya, ["BREACH", "OK"]);
    await valueAt(database.db, maya, ["OK", "OK"]);
    await eventually(() => receiver.posts.length === 3, "three events");
    type Body = {
      type: string;
      firm: { slug: string };
      trader: { id: string };
      alert: Record<string, unknown>;
    };
    const [raised, escalated, resolved] = receiver.posts.map((p) => p.body) as [Body, Body, Body];
    expect(raised.type).toBe("alert.raised");
    expect(raised.alert.level).toBe("WARN");
    expect(escalated.type).toBe("alert.escalated");
    expect(escalated.alert.level).toBe("BREACH");
    expect(escalated.alert.escalatedFrom).toEqual({ id: raised.alert.id, level: "WARN" });
    expect(resolved.type).toBe("alert.resolved");
    expect(resolved.alert.id).toBe(escalated.alert.id);
    expect(resolved.alert.resolvedAt).toEqual(expect.any(String));
    expect(resolved.firm).toEqual({ slug: "northwind" });
    expect(resolved.trader).toEqual({ id: maya.subject.userId });
    expect(JSON.stringify(resolved)).not.toMatch(/@|Maya/);
    // The body's keys in the documented order, whatever order jsonb kept them in.
    const raw = JSON.parse(receiver.posts[1]?.raw ?? "{}");
    expect(Object.keys(raw)).toEqual(["id", "type", "createdAt", "firm", "trader", "alert"]);
    expect(Object.keys(raw.alert)).toEqual([
      "id",
      "limit",
      "level",
      "value",
      "threshold",
      "message",
      "raisedAt",
      "resolvedAt",
      "escalatedFrom",
    ]);
  });

  it("delivers once each what a stopped worker left pending, from a worker started after it", async () => {
    await runSteps(1, [database.db]);
    const expected = limitsCount() * EXPECTED_PER_LIMIT.length;
    expect((await deliveries()).filter((d) => d.status === "PENDING")).toHaveLength(expected);

    worker(database.db);
    await eventually(() => allDelivered(expected), "every delivery delivered after the restart");
    expect(receiver.posts).toHaveLength(expected);
    expect([...receiver.countsById().values()].every((n) => n === 1)).toBe(true);
  });

  it("sends again, with the same event id, what a worker sent but died before marking", async () => {
    const [maya] = traders;
    await valueAt(database.db, maya, ["WARN", "OK"]);
    // A worker claims and sends, then dies before it marks: its lease is all that is left.
    const claimed = await claimDeliveries(database.db, ["WEBHOOK"], new Date(), 300, 10);
    expect(claimed).toHaveLength(1);
    const [head] = claimed as [(typeof claimed)[number]];
    const settings = await database.db.alertSettings.findUniqueOrThrow({ where: { tenantId } });
    const sent = await sendWebhook(
      { url: receiver.url, secret: settings.webhookSecret ?? "" },
      head.eventId,
      JSON.stringify(head.payload),
      new Date(),
    );
    expect(sent.ok).toBe(true);

    worker(database.db);
    await eventually(() => allDelivered(1), "the delivery delivered once its lease expired");
    // At least once on the wire; one event for a receiver that dedupes by id.
    expect(receiver.posts.map((p) => p.id)).toEqual([head.eventId, head.eventId]);
    expect(receiver.countsById().size).toBe(1);
  });

  it("retries with backoff while the receiver is down, then delivers everything in order per trader", async () => {
    await receiver.stop();
    worker(database.db);
    await runSteps(1, [database.db]);
    const expected = limitsCount() * EXPECTED_PER_LIMIT.length;

    // Refused: the heads of each trader's queue are tried again and again, later ones wait.
    await eventually(async () => {
      const rows = await deliveries();
      const tried = rows.filter((d) => d.attempts >= 3);
      return tried.length > 0 && tried.every((d) => d.lastError === "Connection refused.");
    }, "three refused attempts");
    const waiting = await deliveries();
    expect(waiting.every((d) => d.status === "PENDING")).toBe(true);
    for (const row of waiting.filter((d) => d.attempts > 0)) {
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(row.createdAt.getTime());
    }

    // Back, but failing: 500s are recorded too.
    receiver.failWith500(true);
    await receiver.start();
    await eventually(
      async () => (await deliveries()).some((d) => d.lastStatus === 500),
      "a 500 recorded",
    );

    receiver.failWith500(false);
    const rows = await eventually(() => allDelivered(expected), "every delivery delivered");
    expect([...receiver.countsById().values()].every((n) => n === 1)).toBe(true);
    expect(rows.some((d) => d.attempts > 1)).toBe(true);
    // Each trader's events arrived in the order they were created.
    for (const trader of traders) {
      const created = rows
        .filter((d) => d.event.traderId === trader.subject.userId)
        .map((d) => d.eventId);
      const arrived = receiver.posts
        .filter((p) => (p.body.trader as { id: string }).id === trader.subject.userId)
        .map((p) => p.id);
      expect(arrived).toEqual(created);
    }
  });

  it("gives a delivery up after the configured attempts, with the last error, for the admin to see", async () => {
    await receiver.stop();
    worker(database.db, { ...FAST, maxAttempts: 2 });
    await valueAt(database.db, traders[0], ["WARN", "OK"]);
    const row = await eventually(async () => {
      const [only, ...more] = await deliveries();
      return only?.status === "FAILED" && more.length === 0 ? only : null;
    }, "the delivery given up");
    expect(row.attempts).toBe(2);
    expect(row.lastError).toBe("Connection refused.");
  });
});

describe("a destination removed while deliveries wait", () => {
  it("gives them up at once rather than retrying", async () => {
    await receiver.stop();
    await valueAt(database.db, traders[0], ["WARN", "OK"]);
    await database.db.alertSettings.update({ where: { tenantId }, data: { webhookUrl: null } });
    try {
      worker(database.db);
      const row = await eventually(async () => {
        const [only] = await deliveries();
        return only?.status === "FAILED" ? only : null;
      }, "the delivery given up");
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBe("The firm has no webhook any more.");
    } finally {
      await database.db.alertSettings.update({
        where: { tenantId },
        data: { webhookUrl: receiver.url },
      });
    }
  });
});
