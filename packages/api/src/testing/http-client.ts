import { DEMO_PASSWORD } from "@repo/db/demo";
import { createTRPCClient, httpLink, type TRPCClient } from "@trpc/client";
import superjson from "superjson";
import { TRPC_ENDPOINT } from "../http/handle-trpc.ts";
import type { AppRouter } from "../root.ts";

/**
 * Signs the demo user in over HTTP and returns the `name=value` of the session cookie, as a
 * browser would send it back.
 */
export async function signInOverHttp(serverUrl: string, email: string): Promise<string> {
  const response = await fetch(`${serverUrl}${TRPC_ENDPOINT}/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { email, password: DEMO_PASSWORD } }),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(";")[0];
  if (response.status !== 200 || !cookie) {
    throw new Error(`signing in ${email} answered ${response.status}`);
  }
  return cookie;
}

/**
 * The browser's tRPC client (superjson over HTTP) on a test server, sending `cookie`: calls go
 * through the real handler, wire format and session lookup.
 */
export function httpClient(serverUrl: string, cookie?: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${serverUrl}${TRPC_ENDPOINT}`,
        transformer: superjson,
        headers: cookie ? { cookie } : {},
      }),
    ],
  });
}

/**
 * Wording of the libraries under the API (zod, tRPC, JSON.parse, V8), which no answer may pass
 * on: every error says in a sentence of its own what was wrong and how to put it right.
 */
export const LIBRARY_WORDING =
  /call stack|Unexpected (token|end|non-whitespace)|JSON at position|Invalid (input|option|UUID|email|string)|Too (big|small):|Unrecognized key|received (number|string|undefined|object|boolean|null|NaN)|No procedure found|Unsupported (GET|POST|PUT|PATCH|DELETE|content-type)|Missing content-type|Batch call exceeds|Cannot mix procedure|needs to be an object|is not allowed as a property/;

/**
 * Every message of a tRPC error answer (one error, or a batch's items), field errors included;
 * nothing for an answer that is not JSON (Node's own 4xx for a URL or header too long).
 */
export function errorMessagesOf(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  const messages: string[] = [];
  for (const item of [body].flat() as { error?: { json?: WireError } }[]) {
    const error = item?.error?.json;
    if (!error) continue;
    messages.push(error.message, ...Object.values(error.data?.fieldErrors ?? {}).flat());
  }
  return messages;
}

/** An error as tRPC's wire format carries it (inside superjson's `{ json }`). */
export interface WireError {
  message: string;
  data: { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null };
}
