import type { ApiCache } from "../../cache-policy.ts";
import type { TenantTx } from "../../data/tenant-db.ts";
import type { ImportError } from "./import-report.ts";
import type { CellError } from "./row-schemas.ts";

/** A valid row of the file once resolved against the firm, and its line. */
export interface Planned<T> {
  line: number;
  value: T;
}

export interface BatchResult {
  created: number;
  changed: number;
  unchanged: number;
  /** Rows the database refuses that the row alone could not tell (each with its line). */
  errors: ImportError[];
}

/**
 * What one kind does with its rows, inside the import's transaction. The runner reads the
 * file, checks each row's text (row-schemas.ts) and hands the valid ones here:
 * `resolve` checks one against what the firm holds (loaded once when the target is opened) and
 * gives the key that finds duplicates; `flush` counts a batch against the database, and when
 * `write` is set writes it too (or stages it), counting what the writes did; `finish` writes what
 * follows from the whole file, once every row is valid; `invalidate` drops, after the commit, exactly the
 * cached values the writes made wrong.
 */
export interface ImportTarget<Row, Value> {
  /** How a duplicate repeats an earlier row: "same symbol and date". */
  duplicateBy: string;
  resolve(row: Row): { errors: CellError[] } | { key: number | string; value: Value };
  flush(batch: readonly Planned<Value>[], write: boolean): Promise<BatchResult>;
  /**
   * Once every row is valid, in the transaction. A target that writes its rows here rather
   * than per batch (closes) answers what the writes did, which replaces the batches' counts.
   */
  finish(): Promise<{ created: number; changed: number } | undefined>;
  invalidate(cache: ApiCache): Promise<void>;
}

export interface TargetContext {
  tx: TenantTx;
  tenantId: string;
  /** The import's time: new positions' closedAt, last prices' cap. */
  now: Date;
}
