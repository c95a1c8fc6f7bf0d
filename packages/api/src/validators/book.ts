import { LIMIT_CATALOG, LIMIT_TYPES, type LimitType } from "@repo/risk-engine/limit-catalog";
import { z } from "zod";

/**
 * Input schemas of a trader's book (limits, profile, scenarios) and of sign-in, shared by the
 * procedures and the forms. Every field has a bound.
 */

export const ZId = z.uuid({ error: "Must be a valid id." });

/**
 * The input of a read about one trader's book and nothing else: the trader (an admin's choice;
 * a trader's own book when omitted). Omitting the whole input means the same.
 */
export const ZSubjectInput = z.strictObject({ traderId: ZId.optional() }).optional().default({});

export const ZVersion = z.number().int().min(1).max(2_147_483_647);

export const ZRiskTolerance = z.enum(["CONSERVATIVE", "MODERATE", "AGGRESSIVE"]);

export {
  isLimitType,
  LIMIT_CATALOG,
  LIMIT_TYPES,
  type LimitType,
  limitName,
  limitValue,
} from "@repo/risk-engine/limit-catalog";
// The money format the limits are written in, for the browser's other figures.
export { DEFAULT_CURRENCY, type MoneyPrecision, money } from "@repo/risk-engine/money";

export const ZLimitType = z.enum(LIMIT_TYPES);

export const ZLimitSeverity = z.enum(["SOFT", "HARD"]);

const SYMBOL_PATTERN = /^[A-Z0-9.-]{1,16}$/;
const SYMBOL_WORDS = "Use 1–16 letters, digits, dots or dashes.";

export const ZSymbol = z.string().trim().toUpperCase().regex(SYMBOL_PATTERN, SYMBOL_WORDS);

/** A signed position size (short < 0), as precise as the database stores it (4 decimals). */
export const ZQuantity = z
  .number({ error: "Enter a number." })
  .refine((q) => q !== 0, "Enter a quantity other than 0.")
  .refine((q) => Math.abs(q) <= 1e9, "Must be at most 1,000,000,000 either way.")
  .refine((q) => Number(q.toFixed(4)) === q, "Use at most 4 decimal places.");

// The columns keep 6 decimals of a threshold and 3 of a warn fraction: a value that would round
// to 0 (or a fraction to 1) is refused here rather than stored as a limit the engine rejects.
const ZThreshold = z
  .number({ error: "Enter a number." })
  .finite("Enter a finite number.")
  .positive({ error: "Must be greater than 0.", abort: true })
  .min(0.000001, "Must be at least 0.000001.")
  .max(1e15, "Must be at most 1,000,000,000,000,000.");

const ZWarnFraction = z
  .number({ error: "Enter a number." })
  .gt(0, { error: "Must be between 0 and 1.", abort: true })
  .lt(1, { error: "Must be between 0 and 1.", abort: true })
  .min(0.001, "Must be between 0.001 and 0.999.")
  .max(0.999, "Must be between 0.001 and 0.999.");

export const ZLimitFields = z.strictObject({
  type: ZLimitType,
  threshold: ZThreshold,
  warnFraction: ZWarnFraction,
  severity: ZLimitSeverity,
  symbol: ZSymbol.nullable(),
  active: z.boolean(),
});
export type LimitFields = z.infer<typeof ZLimitFields>;

const TOO_LARGE: Record<LimitType, (max: number) => string> = Object.fromEntries(
  LIMIT_TYPES.map((type) => {
    const { unit } = LIMIT_CATALOG[type];
    const message =
      unit === "fraction"
        ? () => "This limit is a fraction of the book: enter at most 1 (0.15 for 15%)."
        : unit === "times"
          ? (max: number) => `Enter at most ${max} (times the net asset value).`
          : (max: number) => `Must be at most ${max.toLocaleString("en-US")}.`;
    return [type, message];
  }),
) as Record<LimitType, (max: number) => string>;

/**
 * A threshold past what its kind can mean is a typo (15 meant 0.15 of the book; a leverage of
 * 1e9×), refused with the field named.
 */
export function checkLimitThreshold(
  fields: Pick<LimitFields, "type" | "threshold">,
  ctx: z.RefinementCtx,
) {
  const { max } = LIMIT_CATALOG[fields.type];
  if (fields.threshold > max) {
    ctx.addIssue({ code: "custom", path: ["threshold"], message: TOO_LARGE[fields.type](max) });
  }
}

/** Whether a limit of this type may name one instrument (the catalog says). */
export function takesSymbol(type: LimitType): boolean {
  return LIMIT_CATALOG[type].perSymbol;
}

/** A symbol on a book-wide limit would be ignored by the engine yet shown in its alerts. */
export function checkLimitSymbol(
  fields: Pick<LimitFields, "type" | "symbol">,
  ctx: z.RefinementCtx,
) {
  if (fields.symbol !== null && !takesSymbol(fields.type)) {
    ctx.addIssue({
      code: "custom",
      path: ["symbol"],
      message: "Only a position notional limit applies to one symbol; leave it empty.",
    });
  }
}

/** The longest lookback a risk profile may ask for: how much price history risk ever reads. */
export const MAX_LOOKBACK_DAYS = 750;

export const ZProfileFields = z.strictObject({
  riskTolerance: ZRiskTolerance,
  varConfidence: z.union([z.literal(0.95), z.literal(0.99)], { error: "Choose 0.95 or 0.99." }),
  lookbackDays: z
    .number({ error: "Enter a number." })
    .int("Enter a whole number of days.")
    .min(20, "Use at least 20 days.")
    .max(MAX_LOOKBACK_DAYS, `Use at most ${MAX_LOOKBACK_DAYS} days.`),
  maxDrawdownTolerance: z
    .number({ error: "Enter a number." })
    .gt(0, "Must be between 0 and 1.")
    .lt(1, "Must be between 0 and 1."),
});
export type ProfileFields = z.infer<typeof ZProfileFields>;

/** An email as sign-in reads it: the same address whatever its case or surrounding spaces. */
export const ZEmail = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address.").max(320, "Use at most 320 characters."));

export const ZLoginInput = z.strictObject({
  email: ZEmail,
  password: z.string().min(1, "Enter your password.").max(200),
});

/** What is being done about an alert, written when acknowledging it. */
export const ZAlertNote = z
  .string({ error: "Enter a note." })
  .trim()
  .min(1, "Say what is being done about it.")
  .max(1000, "Use at most 1,000 characters.");

/** A scenario's price move as a fraction: a price can fall at most all the way, or rise 10×. */
const ZMove = z
  .number({ error: "Enter a number." })
  .finite("Enter a finite number.")
  .min(-1, "A price can fall at most 100 %.")
  .max(10, "Enter a rise of at most 1,000 %.")
  .refine((move) => move !== 0, "A move of 0 changes nothing: enter a rise or a fall.");

const ZSector = z
  .string({ error: "Choose a sector." })
  .trim()
  .min(1, "Choose a sector.")
  .max(64, "Use at most 64 characters.");

export const ZScenarioMove = z.discriminatedUnion(
  "on",
  [
    z.strictObject({ on: z.literal("MARKET"), move: ZMove }),
    z.strictObject({ on: z.literal("SECTOR"), sector: ZSector, move: ZMove }),
    z.strictObject({
      on: z.literal("SYMBOL"),
      symbol: z
        .string({ error: "Choose a symbol." })
        .trim()
        .toUpperCase()
        .min(1, { error: "Choose a symbol.", abort: true })
        .regex(SYMBOL_PATTERN, SYMBOL_WORDS),
      move: ZMove,
    }),
  ],
  { error: 'Say what moves: "MARKET", "SECTOR" or "SYMBOL".' },
);
export type ScenarioMove = z.infer<typeof ZScenarioMove>;

/** The key a move is unique by: one move for the market, each sector and each symbol. */
export function scenarioTarget(move: ScenarioMove): string {
  return move.on === "MARKET"
    ? "MARKET"
    : move.on === "SECTOR"
      ? `SECTOR ${move.sector}`
      : `SYMBOL ${move.symbol}`;
}

export const MAX_SCENARIO_MOVES = 50;

export const ZScenarioMoves = z
  .array(ZScenarioMove, { error: "Enter a list of moves." })
  .min(1, "Add at least one move.")
  .max(MAX_SCENARIO_MOVES, `Use at most ${MAX_SCENARIO_MOVES} moves.`)
  .superRefine((moves, ctx) => {
    const seen = new Set<string>();
    moves.forEach((move, index) => {
      const target = scenarioTarget(move);
      if (seen.has(target)) {
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: "This moves the same thing as an earlier line: keep one.",
        });
      }
      seen.add(target);
    });
  });

export const ZScenarioFields = z.strictObject({
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name.")
    .max(80, "Use at most 80 characters."),
  moves: ZScenarioMoves,
});
export type ScenarioFields = z.infer<typeof ZScenarioFields>;
