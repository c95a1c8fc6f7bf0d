import type { ImportKind } from "./import-kinds.ts";

export const IMPORT_MODES = ["preview", "apply"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** One thing wrong with the file: where (line 1 is the header) and what, in a sentence. */
export interface ImportError {
  line: number;
  /** The column as the kind names it, or null for the whole row or the whole file. */
  column: string | null;
  message: string;
}

/** Errors listed in a report; past them only their number is given. */
export const MAX_LISTED_ERRORS = 1_000;

/**
 * What an import found, and for an apply whether it was written. `created`, `changed` and
 * `unchanged` count the valid rows against the database (an apply that was refused counts what
 * it would have done, as a preview does).
 */
export interface ImportReport {
  importId?: string;
  kind: ImportKind;
  mode: ImportMode;
  rowsRead: number;
  created: number;
  changed: number;
  unchanged: number;
  /** Rows with at least one error (a row may have several). */
  invalidRows: number;
  /** The first MAX_LISTED_ERRORS errors, in the order of the file. */
  errors: ImportError[];
  /** Errors found past the listed ones. */
  moreErrors: number;
  applied: boolean;
}

/** Collects a report's errors: every invalid row is counted, the first MAX_LISTED_ERRORS listed. */
export class ErrorList {
  readonly listed: ImportError[] = [];
  more = 0;
  invalidRows = 0;
  #lastInvalidLine = -1;

  add(error: ImportError): void {
    if (error.line !== this.#lastInvalidLine) {
      this.#lastInvalidLine = error.line;
      this.invalidRows += 1;
    }
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(error);
    else this.more += 1;
  }

  /** An error of the whole file (its header, CSV it cannot read): no row of it is counted. */
  addFileError(error: ImportError): void {
    this.fileErrors += 1;
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(error);
    else this.more += 1;
  }

  fileErrors = 0;

  get any(): boolean {
    return this.invalidRows > 0 || this.fileErrors > 0;
  }

  /** The listed errors by line (a batch's database checks come after later rows' own checks). */
  sorted(): ImportError[] {
    return [...this.listed].sort((a, b) => a.line - b.line);
  }
}
