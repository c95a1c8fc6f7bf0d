import { AssetClass } from "@repo/db";
import { z } from "zod";
import { IMPORT_COLUMNS, type ImportColumnName, type ImportKind } from "./import-kinds.ts";

/**
 * What one row of each kind must hold, column by column, checked from its text alone (what the
 * database knows — traders, symbols, prices — is the planner's). Every message is a sentence
 * that names the column and shows a value that would do. Numbers stay exact decimal text: they
 * go to PostgreSQL's numeric as they are, so a file applied twice compares equal to itself.
 */

const ASSET_CLASSES = Object.values(AssetClass) as [AssetClass, ...AssetClass[]];

/** Every ISO 4217 code the runtime knows (Intl), the same list on every instance. */
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

const present = (column: string) =>
  z
    .string({ error: `${column} is missing: every row needs one.` })
    .trim()
    .min(1, { error: `${column} is empty: every row needs one.`, abort: true });

const ZSymbol = present("symbol")
  .transform((value) => value.toUpperCase())
  .pipe(
    z.string().regex(/^[A-Z0-9][A-Z0-9.-]{0,15}$/, {
      error: "symbol must be 1–16 letters, digits, dots or dashes, such as ACME or BRK.B.",
    }),
  );

const text = (column: string, max: number) =>
  present(column).max(max, { error: `${column} is longer than ${max} characters: shorten it.` });

/**
 * A decimal as its column stores it: at most `decimals` places and the integer digits the
 * column holds, written plainly (no thousands separators, no exponent).
 */
function decimal(
  column: string,
  options: { decimals: number; integerDigits: number; sign: "positive" | "any"; example: string },
) {
  const pattern = new RegExp(
    `^[-+]?\\d{1,${options.integerDigits}}(\\.\\d{1,${options.decimals}})?$`,
  );
  const what = options.sign === "positive" ? "a number above 0" : "a number";
  return present(column)
    .regex(pattern, {
      error: `${column} must be ${what} such as ${options.example}, with at most ${options.decimals} decimals.`,
      abort: true,
    })
    .refine(
      (value) => options.sign !== "positive" || (!value.startsWith("-") && /[1-9]/.test(value)),
      {
        error: `${column} must be above 0, such as ${options.example}.`,
      },
    )
    .transform((value) => value.replace(/^\+/, ""));
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD that names a real day, else null. */
export function dayNumber(value: string): number | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (year < 1970 || year > 2100 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return ms / 86_400_000;
}

export const dayText = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

const WEEKEND = ["Sunday", "", "", "", "", "", "Saturday"];

const ZTradingDay = present("date")
  .transform((value, ctx) => {
    const day = dayNumber(value);
    if (day === null) {
      ctx.addIssue({
        code: "custom",
        message: "date must be a day written YYYY-MM-DD (from 1970), such as 2026-12-04.",
      });
      return z.NEVER;
    }
    return day;
  })
  .refine((day) => !WEEKEND[new Date(day * 86_400_000).getUTCDay()], {
    error: (issue) =>
      `${dayText(issue.input as number)} is a ${WEEKEND[new Date((issue.input as number) * 86_400_000).getUTCDay()]}: closes are for trading days, Monday to Friday.`,
  });

/** A day (its midnight UTC) or an ISO time with its offset. */
const ZInstant = present("opened at").transform((value, ctx) => {
  const day = dayNumber(value);
  if (day !== null) return new Date(day * 86_400_000);
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? new Date(value)
    : null;
  if (!at || Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1970) {
    ctx.addIssue({
      code: "custom",
      message:
        "opened at must be a day (2026-11-02) or a UTC time (2026-11-02T14:30:00Z) from 1970 on.",
    });
    return z.NEVER;
  }
  return at;
});

const ZCurrency = present("currency")
  .transform((value) => value.toUpperCase())
  .refine((code) => /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code), {
    error: (issue) =>
      `"${issue.input}" is not a currency code: use the three letters of ISO 4217, such as USD or EUR.`,
  });

const ZAssetClass = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine((value) => value === "" || (ASSET_CLASSES as string[]).includes(value), {
    error: `asset class must be one of ${ASSET_CLASSES.join(", ")}, or left empty.`,
  })
  .transform((value) => (value === "" ? null : (value as AssetClass)))
  .optional()
  .transform((value) => value ?? null);

/** The schema of each kind, keyed by its column names (import-kinds.ts). */
export const ROW_SCHEMAS = {
  instruments: z.object({
    symbol: ZSymbol,
    name: text("name", 200),
    sector: text("sector", 64),
    currency: ZCurrency,
    "asset class": ZAssetClass,
  }),
  positions: z.object({
    "trader email": present("trader email").transform((value) => value.toLowerCase()),
    symbol: ZSymbol,
    // Position.quantity is Decimal(20, 4); averagePrice Decimal(20, 6).
    quantity: decimal("quantity", {
      decimals: 4,
      integerDigits: 16,
      sign: "any",
      example: "1500 or -250.5",
    }),
    "average price": decimal("average price", {
      decimals: 6,
      integerDigits: 14,
      sign: "positive",
      example: "187.42",
    }),
    "opened at": ZInstant,
  }),
  closes: z.object({
    symbol: ZSymbol,
    date: ZTradingDay,
    // PriceBar.close is Decimal(20, 6).
    close: decimal("close", {
      decimals: 6,
      integerDigits: 14,
      sign: "positive",
      example: "187.42",
    }),
  }),
} satisfies { [K in ImportKind]: z.ZodObject<{ [C in ImportColumnName<K>]: z.ZodType }> };

export type ImportRow<K extends ImportKind> = z.output<(typeof ROW_SCHEMAS)[K]>;

export interface CellError {
  column: string | null;
  message: string;
}

/** A row's values checked against its kind: the typed row, or every column that is wrong. */
export function parseRow<K extends ImportKind>(
  kind: K,
  values: Record<string, string>,
): { row: ImportRow<K> } | { errors: CellError[] } {
  const parsed = ROW_SCHEMAS[kind].safeParse(values);
  if (parsed.success) return { row: parsed.data as ImportRow<K> };
  const seen = new Set<string>();
  const errors: CellError[] = [];
  for (const issue of parsed.error.issues) {
    const column = typeof issue.path[0] === "string" ? issue.path[0] : null;
    // One message per column: the first thing wrong with it.
    if (column !== null && seen.has(column)) continue;
    if (column !== null) seen.add(column);
    errors.push({ column, message: issue.message });
  }
  return { errors: sortedByColumn(kind, errors) };
}

function sortedByColumn(kind: ImportKind, errors: CellError[]): CellError[] {
  const order = IMPORT_COLUMNS[kind].map((column) => column.name as string);
  const position = (error: CellError) =>
    error.column === null ? order.length : order.indexOf(error.column);
  return errors.sort((a, b) => position(a) - position(b));
}
