import nodemailer from "nodemailer";
import type { AlertEventPayload } from "./event-payload.ts";
import type { AttemptResult } from "./send-webhook.ts";

/** Sends one event as one plain-text email; null when SMTP_URL is unset (email unavailable). */
export interface EmailSender {
  send(to: readonly string[], event: AlertEventPayload): Promise<AttemptResult>;
  close(): void;
}

const HEADLINES: Record<AlertEventPayload["type"], string> = {
  "alert.raised": "raised",
  "alert.escalated": "escalated from WARN",
  "alert.resolved": "resolved",
  "alert.test": "test event",
};

/** The subject and body of an event's email: what happened, to which limit, the figures. */
export function emailOf(event: AlertEventPayload): { subject: string; text: string } {
  const { alert } = event;
  const subject = `[${event.firm.slug}] ${alert.level} ${HEADLINES[event.type]}: ${alert.limit.label}`;
  const text = [
    `${alert.message}.`,
    "",
    `Event: ${event.type} (${event.id})`,
    `Firm: ${event.firm.slug}`,
    `Trader: ${event.trader.id}`,
    `Limit: ${alert.limit.label} (${alert.limit.id})`,
    `Level: ${alert.level}`,
    `Value: ${alert.value}; threshold: ${alert.threshold}`,
    `Raised: ${alert.raisedAt}`,
    ...(alert.resolvedAt ? [`Resolved: ${alert.resolvedAt}`] : []),
  ].join("\n");
  return { subject, text };
}

/**
 * Email through the SMTP server at `smtpUrl` (smtp:// or smtps://, credentials in the URL).
 * The Message-ID is made from the event id, so a message sent twice after a crash is one
 * message to mail clients that dedupe by it.
 */
export function createEmailSender(smtpUrl: string, from: string): EmailSender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, event) {
      const { subject, text } = emailOf(event);
      try {
        await transport.sendMail({
          from,
          to: [...to],
          subject,
          text,
          messageId: `<${event.id}@risk-dashboard>`,
          headers: { "X-Alert-Event-Id": event.id },
        });
        return { ok: true };
      } catch (error) {
        return {
          ok: false,
          error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
        };
      }
    },
    close: () => transport.close(),
  };
}
