import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { Prisma } from "@repo/db";
import type { ApiCache } from "../../cache-policy.ts";
import type { ServiceDeps } from "../../deps.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { openClosesTarget } from "./closes-target.ts";
import { type CsvSource, ImportFileError, readCsv, type SourceRow } from "./csv-rows.ts";
import { IMPORT_COLUMNS, type ImportKind, normalizeColumnName } from "./import-kinds.ts";
import { ErrorList, type ImportMode, type ImportReport } from "./import-report.ts";
import type { ImportTarget, Planned, TargetContext } from "./import-target.ts";
import { openInstrumentsTarget } from "./instruments-target.ts";
import { openPositionsTarget } from "./positions-target.ts";
import { type CellError, parseRow } from "./row-schemas.ts";

/**
 * Rows checked against the database and written per statement: a few thousand keep a
 * statement's arrays small (a few hundred KB) and the round trips few.
 */
export const IMPORT_BATCH_ROWS = 2_000;

/**
 * How long one import's transaction may stay open: the whole upload is read inside it (an
 * apply writes as it reads), and 380,000 closes take well under a minute here.
 */
export const IMPORT_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

export interface ImportRequest {
  kind: ImportKind;
  mode: ImportMode;
  /** The admin importing, and the firm the rows are for. */
  actor: Subject;
  /** Kept in the audit event (at most 200 characters). */
  fileName?: string;
}

type RowsInput = Iterable<Record<string, string>> | AsyncIterable<Record<string, string>>;

/**
 * An import from rows that did not come from a CSV file (the token API's JSON): each row's keys
 * are its kind's column names (matched as a CSV header is), its position its `line` (1 for the
 * first row).
 */
export function runImport(
  deps: ServiceDeps,
  request: ImportRequest & { rows: RowsInput },
): Promise<ImportReport> {
  return importFrom(deps, request, {
    headerErrors: [],
    rows: keyedRows(request.kind, request.rows),
  });
}

/** An import of a CSV file, read from `input` as it arrives (the HTTP handler's). */
export async function importCsv(
  deps: ServiceDeps,
  request: ImportRequest & { input: Readable },
): Promise<ImportReport> {
  return importFrom(deps, request, await readCsv(request.kind, request.input));
}

/** Thrown inside the transaction to undo it, carrying the report an invalid apply answers. */
class Refused extends Error {
  constructor(readonly report: ImportReport) {
    super("import refused");
  }
}

/**
 * One pass over the rows, inside one transaction, with the file never held whole: each row is
 * checked (its text, then against the firm), duplicates are found with a key set of numbers
 * (a Map from a number per row to its line: ~40 bytes a row, some 16 MB for 392,000 closes;
 * the README and bench/RESULTS.md), and valid rows are handed to the kind's target a batch at a
 * time — counted against the database, and for an apply written (or staged) too, the counts
 * then being what the writes did. An apply writes until the first invalid row, then only
 * counts, and is undone at the end if any row was invalid: nothing is written, and the report
 * is the one a preview gives. The upload is read inside the transaction: a slow one holds a
 * connection (and, for an apply, the firm's import lock) until it ends or the transaction's
 * timeout. Applies of one firm wait for each other
 * (an advisory lock), so two at once each count against what the other committed.
 */
async function importFrom(
  deps: ServiceDeps,
  request: ImportRequest,
  source: CsvSource,
): Promise<ImportReport> {
  const { kind, mode, actor } = request;
  const apply = mode === "apply";
  const errors = new ErrorList();
  const report = (
    { planned: _, ...counts }: Counts,
    applied: boolean,
    importId?: string,
  ): ImportReport => ({
    ...(importId ? { importId } : {}),
    kind,
    mode,
    ...counts,
    invalidRows: errors.invalidRows,
    errors: errors.sorted(),
    moreErrors: errors.more,
    applied,
  });
  for (const error of source.headerErrors) errors.addFileError(error);
  if (errors.any) return report(noCounts(), false);

  const now = deps.clock();
  let invalidate: ((cache: ApiCache) => Promise<void>) | null = null;
  try {
    const done = await deps.db.$transaction(
      async (tx) => {
        if (apply) {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`import:${actor.tenantId}`}))`;
        } else {
          await tx.$executeRaw`SET TRANSACTION READ ONLY`;
        }
        const target = await openTarget(kind, { tx, tenantId: actor.tenantId, now });
        const counts = await readRows(source.rows, kind, target, errors, apply);
        if (!apply) return report(counts, false);
        if (errors.any) throw new Refused(report(counts, false));
        const written = await target.finish();
        if (written) {
          counts.created = written.created;
          counts.changed = written.changed;
          counts.unchanged = counts.planned - written.created - written.changed;
        }
        const importId = randomUUID();
        await recordAudit(
          tx,
          {
            actorId: actor.userId,
            subject: { tenantId: actor.tenantId, userId: null },
            entity: "IMPORT",
            entityId: importId,
            action: "CREATE",
            before: null,
            after: {
              kind,
              rowsRead: counts.rowsRead,
              created: counts.created,
              changed: counts.changed,
              unchanged: counts.unchanged,
              ...(request.fileName ? { fileName: request.fileName.slice(0, 200) } : {}),
            },
          },
          now,
        );
        invalidate = (cache) => target.invalidate(cache);
        return report(counts, true, importId);
      },
      {
        timeout: IMPORT_TRANSACTION_TIMEOUT_MS,
        // A preview compares against one snapshot of the firm, whatever commits meanwhile.
        isolationLevel: apply
          ? Prisma.TransactionIsolationLevel.ReadCommitted
          : Prisma.TransactionIsolationLevel.RepeatableRead,
      },
    );
    // After the commit: an invalidation before it could be refilled from the old rows.
    if (invalidate) await (invalidate as (cache: ApiCache) => Promise<void>)(deps.cache);
    return done;
  } catch (error) {
    if (error instanceof Refused) return error.report;
    throw error;
  }
}

interface Counts {
  rowsRead: number;
  /** Valid rows handed to the target (not in the report). */
  planned: number;
  created: number;
  changed: number;
  unchanged: number;
}

const noCounts = (): Counts => ({ rowsRead: 0, planned: 0, created: 0, changed: 0, unchanged: 0 });

async function readRows<Row, Value>(
  rows: AsyncIterable<SourceRow>,
  kind: ImportKind,
  target: ImportTarget<Row, Value>,
  errors: ErrorList,
  apply: boolean,
): Promise<Counts> {
  const counts = noCounts();
  // The line each key was first seen on: numbers (strings only for new instruments' symbols).
  const firstLine = new Map<number | string, number>();
  let batch: Planned<Value>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    counts.planned += batch.length;
    const result = await target.flush(batch, apply && !errors.any);
    counts.created += result.created;
    counts.changed += result.changed;
    counts.unchanged += result.unchanged;
    for (const error of result.errors) errors.add(error);
    batch = [];
  };
  try {
    for await (const { line, values, problems } of rows) {
      counts.rowsRead += 1;
      const rowErrors: CellError[] = [...(problems ?? [])];
      const parsed = parseRow(kind, values);
      if ("errors" in parsed) {
        rowErrors.push(...parsed.errors);
      } else {
        const resolved = target.resolve(parsed.row as Row);
        if ("errors" in resolved) {
          rowErrors.push(...resolved.errors);
        } else {
          const first = firstLine.get(resolved.key);
          if (first !== undefined) {
            rowErrors.push({
              column: null,
              message: `This row repeats line ${first} (${target.duplicateBy}): keep one of them.`,
            });
          } else if (rowErrors.length === 0) {
            firstLine.set(resolved.key, line);
            batch.push({ line, value: resolved.value });
          }
        }
      }
      for (const error of rowErrors) errors.add({ line, ...error });
      if (batch.length >= IMPORT_BATCH_ROWS) await flush();
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    errors.addFileError({ line: error.line, column: null, message: error.message });
  }
  await flush();
  return counts;
}

function openTarget(
  kind: ImportKind,
  context: TargetContext,
): Promise<ImportTarget<unknown, unknown>> {
  const open = {
    instruments: openInstrumentsTarget,
    positions: openPositionsTarget,
    closes: openClosesTarget,
  }[kind] as (context: TargetContext) => Promise<ImportTarget<unknown, unknown>>;
  return open(context);
}

/** Plain rows as the CSV reader gives them: keys matched to the kind's columns. */
async function* keyedRows(kind: ImportKind, rows: RowsInput): AsyncIterable<SourceRow> {
  const known = new Set<string>(IMPORT_COLUMNS[kind].map((column) => column.name));
  let line = 0;
  for await (const row of rows) {
    line += 1;
    const values: Record<string, string> = {};
    const problems: CellError[] = [];
    for (const [key, value] of Object.entries(row)) {
      const name = normalizeColumnName(key);
      if (known.has(name)) values[name] = typeof value === "string" ? value : String(value);
      else {
        problems.push({
          column: key,
          message: `"${key}" is not a column of the ${kind} file: its columns are ${[...known].join(", ")}.`,
        });
      }
    }
    yield { line, values, ...(problems.length > 0 ? { problems } : {}) };
  }
}
