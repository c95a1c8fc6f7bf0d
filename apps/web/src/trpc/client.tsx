"use client";

import type { AppRouter } from "@repo/api";
import { MAX_BATCH_SIZE } from "@repo/api/http-limits";
import { isServer, type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import superjson from "superjson";
import { errorCode } from "~/lib/errors.ts";
import { conditionalFetch } from "./conditional-fetch.ts";
import { makeQueryClient } from "./query-client.ts";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // A new client per server render; one for the life of the page in the browser.
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient(signInAgainWhenSignedOut);
  return browserQueryClient;
}

/**
 * A session that ends while a page is open (expiry, logout elsewhere) sends the user to sign in
 * and back to this page afterwards, instead of leaving a screen of errors.
 */
function signInAgainWhenSignedOut(error: unknown) {
  if (errorCode(error) !== "UNAUTHORIZED" || window.location.pathname === "/login") return;
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/login?next=${encodeURIComponent(next)}&expired=1`);
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // Calls made in the same tick travel as one HTTP request: a poll is one request, and one
      // whose answer has not changed is a 304 with no body (conditional-fetch.ts).
      links: [
        httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          maxItems: MAX_BATCH_SIZE,
          fetch: conditionalFetch(),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
