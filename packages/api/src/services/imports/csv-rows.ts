import { pipeline, type Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import {
  columnList,
  IMPORT_COLUMNS,
  type ImportKind,
  normalizeColumnName,
} from "./import-kinds.ts";
import type { ImportError } from "./import-report.ts";
import type { CellError } from "./row-schemas.ts";

/** One row of a file as its kind's columns name its values, and the line it ends on. */
export interface SourceRow {
  line: number;
  values: Record<string, string>;
  /** What is wrong with the row's shape (more values than the header names). */
  problems?: CellError[];
}

/** The file cannot be read on from here (CSV it cannot parse): the import stops at `line`. */
export class ImportFileError extends Error {
  override name = "ImportFileError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One record may hold at most this many characters: a quote that is never closed would
 * otherwise make the parser hold the rest of the file as one value.
 */
const MAX_RECORD_CHARS = 64 * 1024;

export interface CsvSource {
  /** Unknown and missing columns: a file with any is not read past its header. */
  headerErrors: ImportError[];
  rows: AsyncIterable<SourceRow>;
}

/**
 * Reads a CSV file of `kind` as it arrives: csv-parse's streaming parser, one record at a time,
 * so memory holds a record and what the consumer batches, never the file. The header's names
 * are matched to the kind's columns case-insensitively; a BOM, blank lines and spaces around
 * values are ignored. Errors of the input stream itself (a body over its limit) are thrown
 * as they are.
 */
export async function readCsv(kind: ImportKind, input: Readable): Promise<CsvSource> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // pipeline, not pipe: an error of the input (the body limit, a dropped upload) reaches the
  // parser's reader instead of leaving it waiting.
  pipeline(input, parser, () => {});
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{
    info: { lines: number };
    record: string[];
  }>;
  let first: IteratorResult<{ info: { lines: number }; record: string[] }>;
  try {
    first = await nextRecord(records, parser);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    return {
      headerErrors: [{ line: error.line, column: null, message: error.message }],
      rows: (async function* () {})(),
    };
  }
  if (first.done) {
    return {
      headerErrors: [
        {
          line: 1,
          column: null,
          message: `The file is empty: its first line must name the columns ${columnList(kind)}.`,
        },
      ],
      rows: (async function* () {})(),
    };
  }
  const header = first.value.record.map(normalizeColumnName);
  const headerErrors = checkHeader(kind, header);
  if (headerErrors.length > 0) {
    parser.destroy();
    return { headerErrors, rows: (async function* () {})() };
  }
  return {
    headerErrors,
    rows: (async function* () {
      for (;;) {
        const next = await nextRecord(records, parser);
        if (next.done) return;
        const { info, record } = next.value;
        const values: Record<string, string> = {};
        header.forEach((name, index) => {
          const value = record[index];
          if (value !== undefined) values[name] = value;
        });
        const extra = record.length - header.length;
        yield {
          line: info.lines,
          values,
          ...(extra > 0 && record.slice(header.length).some((value) => value.trim() !== "")
            ? {
                problems: [
                  {
                    column: null,
                    message: `This row has ${record.length} values but the header names ${header.length} columns: remove the extra ones or quote values that contain commas.`,
                  },
                ],
              }
            : {}),
        };
      }
    })(),
  };
}

/** Unknown headers, repeated ones and missing required columns, each in a sentence. */
export function checkHeader(kind: ImportKind, header: readonly string[]): ImportError[] {
  const columns = IMPORT_COLUMNS[kind];
  const known = new Set<string>(columns.map((column) => column.name));
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "") {
      errors.push({
        line: 1,
        column: null,
        message: `A column of the header has no name: the ${kind} file's columns are ${columnList(kind)}.`,
      });
    } else if (!known.has(name)) {
      errors.push({
        line: 1,
        column: name,
        message: `"${name}" is not a column of the ${kind} file: its columns are ${columnList(kind)}.`,
      });
    } else if (seen.has(name)) {
      errors.push({
        line: 1,
        column: name,
        message: `The header names "${name}" twice: keep one.`,
      });
    }
    seen.add(name);
  }
  for (const column of columns) {
    if (column.required && !seen.has(column.name)) {
      errors.push({
        line: 1,
        column: column.name,
        message: `The header has no "${column.name}" column: the ${kind} file needs ${columnList(kind)}.`,
      });
    }
  }
  return errors;
}

async function nextRecord<T>(records: AsyncIterator<T>, parser: { info: { lines: number } }) {
  try {
    return await records.next();
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(parser.info.lines, csvMessage(error));
    throw error;
  }
}

function csvMessage(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "A quoted value is never closed: the file cannot be read past this line.";
    case "CSV_MAX_RECORD_SIZE":
      return `A row is longer than ${MAX_RECORD_CHARS / 1024} KB (an unclosed quote?): the file cannot be read past this line.`;
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return 'A quoted value is followed by other characters: write a quote inside a value as two quotes ("").';
    default:
      return "This line is not valid CSV: the file cannot be read past it.";
  }
}
