import type { AlertChannel, Db } from "@repo/db";
import type { Clock } from "../../clock.ts";
import { type AlertEventPayload, inWireOrder } from "./event-payload.ts";
import { givesUp, type RetrySchedule, retryDelayMs } from "./retry-schedule.ts";
import type { EmailSender } from "./send-email.ts";
import { type AttemptResult, sendWebhook, WEBHOOK_TIMEOUT_MS } from "./send-webhook.ts";
import { onDeliveriesCreated } from "./wake.ts";

export interface DeliveryWorkerOptions {
  /** The whole database: the worker sends every firm's deliveries (raw SQL binds no tenant). */
  db: Db;
  clock: Clock;
  /** How often it looks for due deliveries when nothing woke it (ALERT_DELIVERY_INTERVAL_MS). */
  intervalMs: number;
  schedule: RetrySchedule;
  /** Email through SMTP; null: this instance leaves email deliveries to one that has it. */
  email: EmailSender | null;
  /** How long a claim holds a delivery before another worker may take it (a crash's cost). */
  leaseMs?: number;
  /** Deliveries claimed at once. */
  batchSize?: number;
  webhookTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface DeliveryWorker {
  /** Claims and sends what is due now, once; how many deliveries it attempted. */
  runOnce(): Promise<number>;
  /** Stops after the batch in flight; claims it did not finish are not left locked. */
  stop(): Promise<void>;
}

interface ClaimedDelivery {
  id: string;
  tenantId: string;
  channel: AlertChannel;
  attempts: number;
  createdAt: Date;
  eventId: string;
  payload: AlertEventPayload;
}

/**
 * Claims due deliveries for this worker: a lease in `lockedUntil`, taken in one statement with
 * FOR UPDATE SKIP LOCKED, so two workers never claim the same row. Only the oldest pending
 * delivery of each trader and channel (`heads`, one sort of the pending rows however many wait
 * after an outage) may be claimed: a trader's events go out in the order they were created, and
 * one that keeps failing holds the later ones back until it is delivered or given up. The
 * locking select repeats the row's own conditions, which PostgreSQL checks again on the row as
 * another worker may just have left it.
 */
export async function claimDeliveries(
  db: Db,
  channels: readonly AlertChannel[],
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<ClaimedDelivery[]> {
  if (channels.length === 0) return [];
  const until = new Date(now.getTime() + leaseMs);
  return db.$queryRaw<ClaimedDelivery[]>`
    WITH heads AS (
      SELECT DISTINCT ON (e."tenantId", e."traderId", d.channel) d.id, e.seq
        FROM "AlertDelivery" AS d
        JOIN "AlertEvent" AS e ON e.id = d."eventId"
       WHERE d.status = 'PENDING'
         AND d.channel::text = ANY(${[...channels]}::text[])
       ORDER BY e."tenantId", e."traderId", d.channel, e.seq
    ), claimed AS (
      SELECT d1.id
        FROM "AlertDelivery" AS d1
        JOIN heads ON heads.id = d1.id
       WHERE d1.status = 'PENDING'
         AND d1."nextAttemptAt" <= ${now}
         AND (d1."lockedUntil" IS NULL OR d1."lockedUntil" <= ${now})
       ORDER BY heads.seq
       LIMIT ${limit}
         FOR UPDATE OF d1 SKIP LOCKED
    )
    UPDATE "AlertDelivery" AS d
       SET "lockedUntil" = ${until}
      FROM "AlertEvent" AS e, claimed
     WHERE d.id = claimed.id
       AND e.id = d."eventId"
    RETURNING d.id, d."tenantId", d.channel, d.attempts, d."createdAt", e.id AS "eventId", e.payload`;
}

type Settings = {
  webhookUrl: string | null;
  webhookSecret: string | null;
  emailRecipients: string[];
};

/**
 * The delivery worker of one process (one per app instance, like the price feed): claims due
 * deliveries, sends each (webhook: signed POST; email: one message), and marks it delivered or
 * schedules its next attempt with backoff, or gives it up (FAILED). A crash between sending and
 * marking leaves the claim to expire: the delivery is sent again with the same event id, so a
 * receiver sees each event at least once and exactly once when it dedupes by `webhook-id`.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, clock, schedule, email } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 20;
  const webhookTimeoutMs = options.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const channels: AlertChannel[] = email ? ["WEBHOOK", "EMAIL"] : ["WEBHOOK"];
  const log = options.log ?? (() => {});
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let again = false;

  async function attempt(delivery: ClaimedDelivery, settings: Settings | undefined, at: Date) {
    if (delivery.channel === "WEBHOOK") {
      if (!settings?.webhookUrl || !settings.webhookSecret) {
        return { ok: false, error: "The firm has no webhook any more.", final: true } as const;
      }
      const body = JSON.stringify(inWireOrder(delivery.payload));
      return sendWebhook(
        { url: settings.webhookUrl, secret: settings.webhookSecret },
        delivery.eventId,
        body,
        at,
        webhookTimeoutMs,
      );
    }
    // Not claimed without a sender (see `channels`): kept for the type's sake.
    if (!email) return { ok: false, error: "Email is not configured (SMTP_URL)." } as const;
    if (!settings || settings.emailRecipients.length === 0) {
      return {
        ok: false,
        error: "The firm has no email recipients any more.",
        final: true,
      } as const;
    }
    return email.send(settings.emailRecipients, delivery.payload);
  }

  async function mark(delivery: ClaimedDelivery, result: AttemptResult) {
    const now = clock();
    const attempts = delivery.attempts + 1;
    const still = { id: delivery.id, status: "PENDING" as const };
    if (result.ok) {
      await db.alertDelivery.updateMany({
        where: still,
        data: {
          status: "DELIVERED",
          attempts,
          deliveredAt: now,
          lockedUntil: null,
          lastStatus: result.status ?? null,
          lastError: null,
        },
      });
      return;
    }
    const failed = result.final === true || givesUp(schedule, attempts, delivery.createdAt, now);
    if (failed)
      log(`alert delivery ${delivery.id} given up after ${attempts} attempts: ${result.error}`);
    await db.alertDelivery.updateMany({
      where: still,
      data: {
        status: failed ? "FAILED" : "PENDING",
        attempts,
        nextAttemptAt: new Date(now.getTime() + (failed ? 0 : retryDelayMs(schedule, attempts))),
        lockedUntil: null,
        lastStatus: result.status ?? null,
        lastError: result.error.slice(0, 500),
      },
    });
  }

  async function runOnce(): Promise<number> {
    const now = clock();
    const claimed = await claimDeliveries(db, channels, now, leaseMs, batchSize);
    if (claimed.length === 0) return 0;
    const settings = await db.alertSettings.findMany({
      where: { tenantId: { in: [...new Set(claimed.map((d) => d.tenantId))] } },
    });
    const settingsOf = new Map(settings.map((s) => [s.tenantId, s]));
    // Claimed rows are of different traders or channels (one head each): sent side by side.
    await Promise.all(
      claimed.map(async (delivery) => {
        const result = await attempt(delivery, settingsOf.get(delivery.tenantId), clock());
        await mark(delivery, result);
      }),
    );
    return claimed.length;
  }

  async function loop() {
    timer = undefined;
    if (stopped) return;
    let sent = 0;
    try {
      again = false;
      sent = await runOnce();
    } catch (error) {
      log(`alert delivery: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (stopped) return;
    // A full batch may have more behind it, and a wake-up during the batch is not lost.
    timer = setTimeout(wrap, sent > 0 || again ? 0 : options.intervalMs);
  }

  function wrap() {
    running = loop();
  }

  const unsubscribe = onDeliveriesCreated(() => {
    if (stopped) return;
    if (timer) {
      clearTimeout(timer);
      timer = setTimeout(wrap, 0);
    } else {
      again = true;
    }
  });
  timer = setTimeout(wrap, 0);

  return {
    runOnce,
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
