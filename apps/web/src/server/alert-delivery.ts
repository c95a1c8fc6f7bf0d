import "server-only";
import { createEmailSender, startDeliveryWorker, systemClock } from "@repo/api";
import { serverConfig } from "./config.ts";
import { getDb } from "./db.ts";
import { processGlobal } from "./process-global.ts";

const log = (line: string) => console.info(`risk-dashboard: ${line}`);

const processWorker = processGlobal<() => Promise<void>>("riskDashboardAlertDelivery");

/**
 * Starts this process's alert delivery worker (webhooks, and email when SMTP_URL is set) unless
 * ALERT_DELIVERY_INTERVAL_MS is 0 or there is no database. Every instance runs one: workers
 * claim deliveries under a lease, so each is sent by one of them (services/alerts-out).
 */
export function startServerAlertDelivery() {
  const config = serverConfig();
  const { alertsOut } = config;
  if (alertsOut.intervalMs === 0) {
    return log("alert delivery: off (ALERT_DELIVERY_INTERVAL_MS=0)");
  }
  if (!config.databaseUrl) return log("alert delivery: off (no database configured)");
  if (processWorker.peek()) return;
  const email = alertsOut.smtpUrl
    ? createEmailSender(alertsOut.smtpUrl, alertsOut.emailFrom)
    : null;
  const worker = startDeliveryWorker({
    db: getDb(),
    clock: systemClock,
    intervalMs: alertsOut.intervalMs,
    schedule: alertsOut.schedule,
    email,
    log: (line) => console.error(`risk-dashboard: ${line}`),
  });
  processWorker.set(async () => {
    await worker.stop();
    email?.close();
  });
  log(`alert delivery: webhooks${email ? " and email" : " (email off: no SMTP_URL)"}`);
}

/** Stops this process's worker after the batch in flight, when the server shuts down. */
export async function stopServerAlertDelivery() {
  await processWorker.take()?.();
}
