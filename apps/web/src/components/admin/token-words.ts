import type { PriceSourceName, TokenScopeName } from "@repo/api/validators";

/** What each scope lets a token post, in words: the create form's checkboxes and the list. */
export const SCOPE_NAMES: Record<TokenScopeName, string> = {
  CLOSES: "End-of-day closes",
  PRICES: "Intraday prices",
  POSITIONS: "Positions",
};

/** The firm's price source, in words: the setting's radio buttons and the audit log. */
export const PRICE_SOURCE_NAMES: Record<PriceSourceName, string> = {
  SIMULATED: "Simulated feed",
  API: "From the API",
};

export function scopesInWords(scopes: readonly string[]): string {
  return scopes.map((scope) => SCOPE_NAMES[scope as TokenScopeName] ?? scope).join(", ");
}
