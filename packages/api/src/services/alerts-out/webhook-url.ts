/** Where a webhook may point (services/alerts-out/settings.ts checks every URL it saves). */
export interface WebhookUrlRules {
  /**
   * Plain http to localhost or 127.0.0.1, for a receiver on a developer's machine or a test;
   * never in production, where a webhook must be https.
   */
  allowLocalHttp: boolean;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why a webhook URL is refused, in a sentence for the form, or null when it is fine: https only
 * (or http to this machine outside production), no credentials in it, at most 2,000 characters.
 * Requests never follow redirects (send-webhook.ts), so a URL cannot be bounced elsewhere.
 */
export function webhookUrlProblem(value: string, rules: WebhookUrlRules): string | null {
  if (value.length > 2000) return "The URL is longer than 2,000 characters.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "This is not a URL: it should look like https://hooks.example.com/risk.";
  }
  if (url.username || url.password) return "Put no user name or password in the URL.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) {
    return rules.allowLocalHttp
      ? null
      : "The URL must start with https:// (plain http to this machine is for development only).";
  }
  return "The URL must start with https://.";
}
