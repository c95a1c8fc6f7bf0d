/**
 * What can be imported and the columns each file must have. Stand-in until the import core's
 * own definition is merged (branch i18-import), which then replaces this file's values.
 */
export const IMPORT_KINDS = ["instruments", "positions", "closes"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  instruments: ["symbol", "name", "sector", "currency"],
  positions: ["trader email", "symbol", "quantity", "average price", "opened at"],
  closes: ["symbol", "date", "close"],
};

/** The largest file the server takes. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** The most problems a report lists. */
export const IMPORT_MAX_ERRORS = 1000;
