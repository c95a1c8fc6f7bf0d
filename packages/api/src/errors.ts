/** The outcomes a caller can branch on; each maps to the tRPC code of the same name. */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
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
