import { randomUUID } from "node:crypto";
import type { TenantDb, TenantTx } from "../../data/tenant-db.ts";
import type { WriteDeps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { AlertEventPayload } from "./event-payload.ts";
import { type AttemptResult, sendWebhook } from "./send-webhook.ts";
import { newWebhookSecret } from "./signing.ts";
import { type WebhookUrlRules, webhookUrlProblem } from "./webhook-url.ts";

/** What this deployment allows (ApiDeps.alertsOut). */
export interface AlertsOutRules extends WebhookUrlRules {
  /** SMTP_URL is set: email can be sent. */
  emailAvailable: boolean;
}

export const NO_ALERTS_OUT: AlertsOutRules = { allowLocalHttp: false, emailAvailable: false };

/**
 * The firm's alert destinations as the admin sees them. The secret is shown in full: the admin
 * copies it into the receiver, and the app keeps it readable because it signs with it.
 */
export interface AlertsOutSettingsView {
  webhookUrl: string | null;
  webhookSecret: string | null;
  emailRecipients: string[];
  emailAvailable: boolean;
  /** Plain http to localhost is accepted (not in production). */
  allowLocalHttp: boolean;
}

async function findSettings(db: TenantDb | TenantTx) {
  return db.alertSettings.findFirst({
    select: { tenantId: true, webhookUrl: true, webhookSecret: true, emailRecipients: true },
  });
}

export async function getAlertsOutSettings(
  db: TenantDb,
  rules: AlertsOutRules,
): Promise<AlertsOutSettingsView> {
  const settings = await findSettings(db);
  return {
    webhookUrl: settings?.webhookUrl ?? null,
    webhookSecret: settings?.webhookSecret ?? null,
    emailRecipients: settings?.emailRecipients ?? [],
    emailAvailable: rules.emailAvailable,
    allowLocalHttp: rules.allowLocalHttp,
  };
}

type Change = {
  webhookUrl?: string | null;
  webhookSecret?: string | null;
  emailRecipients?: string[];
};

/**
 * What the audit log keeps of a change: the URL and recipients, and of the secret only that a
 * new one replaced the previous (never the secret itself).
 */
function audited(before: Change, after: Change) {
  const pick = (side: Change, isAfter: boolean) => ({
    ...("webhookUrl" in after ? { webhookUrl: side.webhookUrl ?? null } : {}),
    ...("emailRecipients" in after ? { emailRecipients: side.emailRecipients ?? [] } : {}),
    ...("webhookSecret" in after
      ? { webhookSecret: isAfter ? "new" : side.webhookSecret ? "previous" : null }
      : {}),
  });
  return { before: pick(before, false), after: pick(after, true) };
}

/** Saves one change of the firm's settings with its audit row, in one transaction. */
async function saveChange(
  deps: WriteDeps,
  change: (current: Change | null) => Change,
): Promise<void> {
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const current = await findSettings(tx);
    const next = change(current);
    const tenantId = (await tx.tenant.findFirstOrThrow({ select: { id: true } })).id;
    await tx.alertSettings.upsert({
      where: { tenantId },
      create: { tenantId, ...next },
      update: next,
    });
    const { before, after } = audited(current ?? {}, next);
    await recordAudit(
      tx,
      {
        actorId: deps.actorId,
        subject: { tenantId, userId: null },
        entity: "ALERT_SETTINGS",
        entityId: tenantId,
        action: current ? "UPDATE" : "CREATE",
        before: current ? before : null,
        after,
      },
      now,
    );
  });
}

/**
 * Sets the firm's webhook URL ("" removes it). The first URL gets a secret generated; a URL
 * that is not https (or http to this machine outside production) is refused with the reason.
 * Events already waiting go to the URL saved last.
 */
export async function setWebhookUrl(
  deps: WriteDeps,
  rules: AlertsOutRules,
  url: string,
): Promise<AlertsOutSettingsView> {
  const webhookUrl = url === "" ? null : url;
  if (webhookUrl) {
    const problem = webhookUrlProblem(webhookUrl, rules);
    if (problem) throw new AppError("BAD_REQUEST", problem, { url: [problem] });
  }
  await saveChange(deps, (current) => ({
    webhookUrl,
    ...(webhookUrl && !current?.webhookSecret ? { webhookSecret: newWebhookSecret() } : {}),
  }));
  return getAlertsOutSettings(deps.db, rules);
}

/** A new secret; the old one stops verifying at once (update the receiver right after). */
export async function rotateWebhookSecret(
  deps: WriteDeps,
  rules: AlertsOutRules,
): Promise<AlertsOutSettingsView> {
  const current = await findSettings(deps.db);
  if (!current?.webhookUrl) {
    throw new AppError("BAD_REQUEST", "Save a webhook URL first: the secret is made with it.");
  }
  await saveChange(deps, () => ({ webhookSecret: newWebhookSecret() }));
  return getAlertsOutSettings(deps.db, rules);
}

/** Who gets an email per event; an empty list turns email off. Refused without SMTP_URL. */
export async function setEmailRecipients(
  deps: WriteDeps,
  rules: AlertsOutRules,
  recipients: readonly string[],
): Promise<AlertsOutSettingsView> {
  if (recipients.length > 0 && !rules.emailAvailable) {
    const message = "Email is not available: the server has no SMTP_URL.";
    throw new AppError("BAD_REQUEST", message, { recipients: [message] });
  }
  await saveChange(deps, () => ({ emailRecipients: [...new Set(recipients)] }));
  return getAlertsOutSettings(deps.db, rules);
}

/**
 * Sends a test event (`alert.test`, signed like every event) to the saved webhook now, and
 * says how it went; it is not recorded or retried, so the admin sees the receiver's answer at
 * once.
 */
export async function sendTestEvent(deps: WriteDeps): Promise<AttemptResult> {
  const settings = await findSettings(deps.db);
  if (!settings?.webhookUrl || !settings.webhookSecret) {
    throw new AppError("BAD_REQUEST", "Save a webhook URL first.");
  }
  const firm = await deps.db.tenant.findFirstOrThrow({ select: { slug: true } });
  const now = deps.clock();
  const id = randomUUID();
  const payload: AlertEventPayload = {
    id,
    type: "alert.test",
    createdAt: now.toISOString(),
    firm,
    trader: { id: deps.actorId },
    alert: {
      id: randomUUID(),
      limit: { id: randomUUID(), type: "MAX_LEVERAGE", symbol: null, label: "Test event" },
      level: "WARN",
      value: 0,
      threshold: 0,
      message: "A test event sent by an administrator: no limit was crossed",
      raisedAt: now.toISOString(),
      resolvedAt: null,
    },
  };
  return sendWebhook(
    { url: settings.webhookUrl, secret: settings.webhookSecret },
    id,
    JSON.stringify(payload),
    now,
  );
}
