/**
 * The one definition of what each import reads: its kinds and, per kind, its columns in the
 * order the example files write them. The CSV reader, the row schemas, the README's table, the
 * example files' test and the upload page all derive from it.
 */
export const IMPORT_KINDS = ["instruments", "positions", "closes"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportColumn {
  /** As a header names it; headers match case-insensitively, trimmed, spaces collapsed. */
  name: string;
  /** A file without a required column is refused at its header. */
  required: boolean;
  /** What the column holds, in one sentence (the README's table, the upload page). */
  description: string;
  example: string;
}

export const IMPORT_COLUMNS = {
  instruments: [
    {
      name: "symbol",
      required: true,
      description: "The ticker, 1–16 letters, digits, dots or dashes.",
      example: "ACME",
    },
    {
      name: "name",
      required: true,
      description: "The instrument's name, up to 200 characters.",
      example: "Acme Corporation",
    },
    {
      name: "sector",
      required: true,
      description: "Its sector, up to 64 characters.",
      example: "Industrials",
    },
    {
      name: "currency",
      required: true,
      description: "The ISO 4217 code of its prices.",
      example: "USD",
    },
    {
      name: "asset class",
      required: false,
      description:
        "EQUITY, ETF, COMMODITY or INDEX; a new instrument without one is EQUITY, an existing one keeps its own.",
      example: "EQUITY",
    },
  ],
  positions: [
    {
      name: "trader email",
      required: true,
      description: "A trader of the firm.",
      example: "sofia@northwind.example.com",
    },
    {
      name: "symbol",
      required: true,
      description: "An instrument of the firm that has a price.",
      example: "ACME",
    },
    {
      name: "quantity",
      required: true,
      description:
        "The open position's signed quantity (negative: short; 0 closes it), up to 4 decimals.",
      example: "1500",
    },
    {
      name: "average price",
      required: true,
      description: "Above 0, up to 6 decimals.",
      example: "187.42",
    },
    {
      name: "opened at",
      required: true,
      description: "When it was opened: a day (2026-11-02) or a UTC time (2026-11-02T14:30:00Z).",
      example: "2026-11-02",
    },
  ],
  closes: [
    { name: "symbol", required: true, description: "An instrument of the firm.", example: "ACME" },
    {
      name: "date",
      required: true,
      description: "A trading day, YYYY-MM-DD (Monday to Friday; holidays are not known).",
      example: "2026-12-04",
    },
    {
      name: "close",
      required: true,
      description: "The day's close, above 0, up to 6 decimals.",
      example: "187.42",
    },
  ],
} as const satisfies Record<ImportKind, readonly ImportColumn[]>;

export type ImportColumnName<K extends ImportKind> = (typeof IMPORT_COLUMNS)[K][number]["name"];

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** A header cell as the reader compares it: trimmed, lower case, inner spaces collapsed. */
export function normalizeColumnName(header: string): string {
  return header.trim().toLowerCase().replace(/\s+/g, " ");
}

/** "symbol, date, close": a kind's columns as a sentence names them. */
export function columnList(kind: ImportKind): string {
  return IMPORT_COLUMNS[kind].map((column) => column.name).join(", ");
}
