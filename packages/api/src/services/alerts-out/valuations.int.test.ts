import { createDb, type Db } from "@repo/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../clock.ts";
import { limitEdit, userIdOf } from "../../routers/risk/book-test-kit.ts";
import { eventually } from "../../testing/alert-syncs.ts";
import { type ApiFixture, createApiFixture } from "../../testing/api-fixture.ts";
import { callerWith } from "../../testing/caller-with.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../../testing/webhook-receiver.ts";
import { type DeliveryWorker, startDeliveryWorker } from "./delivery-worker.ts";
import { newWebhookSecret } from "./signing.ts";

/**
 * Alerts out through the real valuation path: two instances (a cache and a pool each, on one
 * Redis and one database) value a trader's book as their dashboards poll it, concurrently, after
 * an admin moves a limit; each instance's worker delivers. Each event reaches the receiver once.
 */

const ADMIN = "admin@northwind.example.com";

let fixture: ApiFixture;
let dbB: Db;
let receiver: WebhookReceiver;
let workers: DeliveryWorker[];

beforeAll(async () => {
  fixture = await createApiFixture();
  dbB = createDb({ databaseUrl: fixture.database.url, poolSize: 4 });
  const secret = newWebhookSecret();
  receiver = await startWebhookReceiver(secret);
  const { tenantId } = await fixture.database.db.user.findFirstOrThrow({ where: { email: ADMIN } });
  await fixture.database.db.alertSettings.create({
    data: { tenantId, webhookUrl: receiver.url, webhookSecret: secret },
  });
  const worker = (db: Db) =>
    startDeliveryWorker({
      db,
      clock: systemClock,
      intervalMs: 100,
      schedule: { baseDelayMs: 50, maxDelayMs: 400, maxAttempts: 1_000, maxAgeMs: 3_600_000 },
      email: null,
    });
  workers = [worker(fixture.database.db), worker(dbB)];
});
afterAll(async () => {
  await Promise.all((workers ?? []).map((w) => w.stop()));
  await receiver?.stop();
  await dbB?.$disconnect();
  await fixture?.close();
});

describe("alerts out from the dashboards of two instances", () => {
  it("sends one alert.raised, alert.escalated and alert.resolved, however many polls value the book", async () => {
    const lucasId = await userIdOf(fixture, "lucas@northwind.example.com");
    const onA = await fixture.callerAs(ADMIN);
    const onB = await callerWith(fixture, ADMIN, { db: dbB, cache: await fixture.otherInstance() });
    const pollBoth = (times: number) =>
      Promise.all(
        Array.from({ length: times }, (_, i) =>
          (i % 2 === 0 ? onA : onB).risk.dashboard({ traderId: lucasId }),
        ),
      );
    // Lucas's leverage sits at 93% of its limit: the first valuations raise its warning.
    const edit = await limitEdit(onA, lucasId, "MAX_LEVERAGE");
    const types = () =>
      receiver.posts
        .filter((p) => (p.body.alert as { limit: { id: string } }).limit.id === edit.id)
        .map((p) => p.type);
    await pollBoth(8);
    await eventually(() => types().length === 1, "the warning delivered");

    // Halved: 186%, a breach.
    await onA.risk.limits.update({ ...edit, threshold: edit.threshold / 2 });
    await pollBoth(8);
    await eventually(() => types().length === 2, "the escalation delivered");

    // Quadrupled from there: 47%, nothing.
    const halved = await limitEdit(onB, lucasId, "MAX_LEVERAGE");
    await onB.risk.limits.update({ ...halved, threshold: edit.threshold * 2 });
    await pollBoth(8);
    await eventually(() => types().length === 3, "the resolution delivered");

    const deliveries = await eventually(async () => {
      const rows = await fixture.database.db.alertDelivery.findMany();
      return rows.every((d) => d.status === "DELIVERED") ? rows : null;
    }, "every delivery delivered");
    expect(types()).toEqual(["alert.raised", "alert.escalated", "alert.resolved"]);
    expect([...receiver.countsById().values()].every((n) => n === 1)).toBe(true);
    expect(receiver.posts).toHaveLength(deliveries.length);
  });
});
