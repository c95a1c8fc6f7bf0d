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
