import { signWebhook } from "./signing.ts";

/** What one attempt came to: delivered (2xx) or why not, for the delivery history. */
export type AttemptResult =
  | { ok: true; status?: number }
  | {
      ok: false;
      status?: number;
      error: string;
      /** Retrying cannot help (the destination was removed): give it up now. */
      final?: boolean;
    };

/** How long a receiver has to answer before the attempt counts as failed (and is retried). */
export const WEBHOOK_TIMEOUT_MS = 5_000;

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "No answer within 5 seconds.";
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ECONNREFUSED") return "Connection refused.";
  if (cause?.code === "ENOTFOUND") return "The host name does not resolve.";
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return message.slice(0, 300);
}

/**
 * POSTs the event, signed with the firm's secret at this moment (a retry gets a fresh
 * timestamp and signature, the same `webhook-id`). A 2xx is delivered; any other answer, a
 * redirect (never followed, so a URL cannot bounce the request inward), a timeout or a refused
 * connection is a failed attempt.
 */
export async function sendWebhook(
  target: { url: string; secret: string },
  eventId: string,
  body: string,
  at: Date,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<AttemptResult> {
  try {
    const response = await fetch(target.url, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/json",
        "user-agent": "risk-dashboard-webhooks",
        ...signWebhook(target.secret, eventId, at, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => {});
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status };
    const error =
      response.status >= 300 && response.status < 400
        ? `Answered a redirect (${response.status}), which is not followed.`
        : `Answered ${response.status}.`;
    return { ok: false, status: response.status, error };
  } catch (error) {
    return { ok: false, error: reasonOf(error) };
  }
}
