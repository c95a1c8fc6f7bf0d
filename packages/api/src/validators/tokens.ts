import { z } from "zod";
import { ZId } from "./book.ts";

/** Schemas of the firm's API tokens and price source. Shared with the admin's forms. */

/** What a token may post, as the database names them (enum TokenScope). */
export const TOKEN_SCOPES = ["CLOSES", "PRICES", "POSITIONS"] as const;
export type TokenScopeName = (typeof TOKEN_SCOPES)[number];

/** Where a firm's intraday last prices come from, as the database names them (enum PriceSource). */
export const PRICE_SOURCES = ["SIMULATED", "API"] as const;
export type PriceSourceName = (typeof PRICE_SOURCES)[number];

export const TOKEN_NAME_MAX = 80;

/** The admin's new token: a name unique in the firm, and at least one scope. */
export const ZCreateTokenFields = z.strictObject({
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name.")
    .max(TOKEN_NAME_MAX, `Use at most ${TOKEN_NAME_MAX} characters.`),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { error: "Choose scopes from the list." }), {
      error: "Choose at least one scope.",
    })
    .min(1, "Choose at least one scope.")
    .max(TOKEN_SCOPES.length, "Choose each scope once.")
    .refine((scopes) => new Set(scopes).size === scopes.length, "Choose each scope once."),
});
export type CreateTokenFields = z.infer<typeof ZCreateTokenFields>;

/** The token an admin revokes. */
export const ZTokenInput = z.strictObject({ tokenId: ZId });

/** The firm's price source, as the admin sets it. */
export const ZPriceSourceInput = z.strictObject({
  priceSource: z.enum(PRICE_SOURCES, { error: "Choose a price source from the list." }),
});
