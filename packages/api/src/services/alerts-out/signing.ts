import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/**
 * A new webhook secret in the Standard Webhooks form, `whsec_` and 32 random bytes in base64:
 * the receiver's `new Webhook(secret)` takes it as is.
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The headers of a signed request (Standard Webhooks): the receiver dedupes by `webhook-id`. */
export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * Signs `body` for sending at `at`: `v1,<base64 HMAC-SHA256 of "<id>.<unix seconds>.<body>">`
 * by the standardwebhooks package, the same code a receiver verifies with.
 */
export function signWebhook(secret: string, id: string, at: Date, body: string): SignedHeaders {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}
