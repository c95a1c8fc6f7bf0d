import { TRPCClientError } from "@trpc/client";

interface ErrorData {
  code?: string;
  fieldErrors?: Record<string, string[]> | null;
}

function dataOf(error: unknown): ErrorData | undefined {
  return error instanceof TRPCClientError ? (error.data as ErrorData | undefined) : undefined;
}

export function errorCode(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

/**
 * A sentence for the user. The server's messages are written as sentences; anything without
 * a code (the network, a proxy's HTML page) is said plainly, never shown raw.
 */
export function messageOf(error: unknown): string {
  const code = errorCode(error);
  if (code === "CONFLICT") {
    return "This was changed by someone else since you opened it. Reload to see the latest version, then make your change again.";
  }
  if (code && error instanceof Error && code !== "INTERNAL_SERVER_ERROR") return error.message;
  if (code === "INTERNAL_SERVER_ERROR")
    return "Something went wrong on our side. Try again in a moment.";
  return "The server could not be reached. Check your connection and try again.";
}

/** Field errors of a BAD_REQUEST, keyed by field name. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  return dataOf(error)?.fieldErrors ?? {};
}
