import { tenantDb } from "../../data/tenant-db.ts";
import { InvalidRowsError, type RowError } from "../../errors.ts";
import { runImport } from "../../services/imports/run-import.ts";
import type { TokenPrincipal } from "../../services/tokens/authenticate-token.ts";
import type { TokenOperationDeps } from "./operations.ts";

/** The kinds of the file import the token API posts: closes and positions. */
export type ImportedKind = "closes" | "positions";

/** `averagePrice` → `average price`: a JSON field as the file import's column names it. */
const columnOf = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

/** `average price` → `averagePrice`: a column of the import's errors as the JSON names it. */
const fieldOf = (column: string) =>
  column.replace(/ ([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The day (UTC) a time falls on, as the import reads a day. */
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Closes or positions through the file import's core (services/imports/run-import.ts), so the
 * API checks and writes them exactly as an uploaded file: the same columns (camelCase here),
 * the same checks and sentences, one transaction, equal values not rewritten, audited as an
 * import whose actor is the admin who made the token, the token's name as its source. Any
 * invalid row refuses the batch (InvalidRowsError, the import's line as the row's index).
 */
export async function importRows(
  kind: ImportedKind,
  deps: TokenOperationDeps,
  principal: TokenPrincipal,
  rows: readonly unknown[],
): Promise<Record<string, unknown>> {
  const now = deps.clock();
  const shapeErrors: RowError[] = [];
  const keyed = rows.map((row, index) => {
    const values: Record<string, string> = {};
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      shapeErrors.push({ index, field: "row", message: "Each row must be an object of fields." });
      return values;
    }
    for (const [field, value] of Object.entries(row)) {
      if (typeof value === "string" || typeof value === "number") {
        values[columnOf(field)] = String(value);
      } else {
        shapeErrors.push({ index, field, message: "Must be text or a number." });
      }
    }
    // A position's opening time is optional here: the day it was received (UTC), a day rather
    // than the instant so the same position posted again that day is unchanged, not reopened.
    if (kind === "positions" && !("opened at" in values)) values["opened at"] = dayOf(now);
    return values;
  });
  if (shapeErrors.length > 0) throw new InvalidRowsError(shapeErrors);
  const report = await runImport(
    { db: tenantDb(deps.db, principal.tenantId), cache: deps.cache, clock: deps.clock },
    {
      kind,
      mode: "apply",
      actor: { tenantId: principal.tenantId, userId: principal.actorId },
      rows: keyed,
      fileName: `API token "${principal.name}"`,
    },
  );
  if (!report.applied) {
    throw new InvalidRowsError(
      report.errors.map(({ line, column, message }) => ({
        index: line - 1,
        field: column === null ? "row" : fieldOf(column),
        message,
      })),
    );
  }
  const { importId, created, changed, unchanged } = report;
  return { importId, created, changed, unchanged };
}
