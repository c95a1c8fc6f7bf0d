/** The outcomes a caller can branch on; each maps to the tRPC code of the same name. */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS";

/**
 * The one error services throw. `message` is a sentence shown to the user as it is; the error
 * formatter in trpc.ts turns it into a tRPC error with this code.
 */
export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }

  /** Seconds the caller should wait before trying again; the HTTP answer's Retry-After. */
  retryAfterSeconds?: number;
}

/** One refused row of a batch a machine posted (the token API): its place, field and why. */
export interface RowError {
  /** 0-based position of the row in the request's array. */
  index: number;
  field: string;
  message: string;
}

/**
 * A batch refused whole because some of its rows are invalid: nothing of it was written. The
 * token API answers it 422 with every row's error, so a client can fix them all at once.
 */
export class InvalidRowsError extends AppError {
  override name = "InvalidRowsError";

  constructor(readonly rows: RowError[]) {
    super(
      "BAD_REQUEST",
      `${rows.length === 1 ? "One row is" : `${rows.length} rows are`} invalid: nothing was saved. Fix ${rows.length === 1 ? "it" : "them"} and send the request again.`,
    );
  }
}

/** TOO_MANY_REQUESTS that tells the caller, in words and in Retry-After, when to try again. */
export function tooManyRequests(message: string, retryAfterSeconds: number): AppError {
  const error = new AppError("TOO_MANY_REQUESTS", message);
  error.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return error;
}

/** A row the caller may not know about: the same answer whether it is missing or elsewhere. */
export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} was not found.`);
}

export function conflict(what: string): AppError {
  return new AppError(
    "CONFLICT",
    `This ${what} was changed by someone else since you loaded it. Reload to see the latest version.`,
  );
}

// Prisma's codes for a database that cannot be reached or did not answer in time, and the
// driver adapter's kinds for the same (a closed or refused connection).
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

/** Whether `error` says the database is away (as opposed to a query that is wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  };
  if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  const kind = meta?.driverAdapterError?.cause?.kind;
  return typeof kind === "string" && UNAVAILABLE_KINDS.has(kind);
}

/**
 * pg-pool's message when no connection of this server's pool came free within its wait (Prisma
 * passes it on with no code). The database is up, so this is not an outage: a remembered value
 * is not served on its account, but the caller is told to try again, not that the server broke.
 */
const POOL_WAIT_EXCEEDED = "timeout exceeded when trying to connect";

/** Whether every connection of the pool stayed busy for longer than a query may wait. */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Error && error.message.includes(POOL_WAIT_EXCEEDED);
}

type CallType = "query" | "mutation" | "subscription";

export function databaseUnavailableMessage(type: CallType): string {
  return type === "mutation"
    ? "Your change was not saved: the database cannot be reached right now. Try again in a moment."
    : "The database cannot be reached right now. Try again in a moment.";
}

/**
 * The sentence of a SERVICE_UNAVAILABLE answer when `error` is the database's state (away, or
 * too busy to give this server a connection in time) rather than the request's; else null.
 */
export function databaseStateMessage(error: unknown, type: CallType): string | null {
  if (isDatabaseUnavailable(error)) return databaseUnavailableMessage(type);
  if (!isDatabaseBusy(error)) return null;
  return type === "mutation"
    ? "Your change was not saved: the server is too busy right now. Try again in a moment."
    : "The server is too busy to answer right now. Try again in a moment.";
}
