import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createHttpContext } from "../context.ts";
import type { ApiDeps } from "../deps.ts";
import { appRouter } from "../root.ts";

export const TRPC_ENDPOINT = "/api/trpc";

/**
 * Bodies above this are refused before they are read. It leaves room for a 1 MB field value,
 * which gets a field error from validation rather than a bare 413.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The API over HTTP (tRPC's fetch adapter): the Next route and the HTTP tests both use it. */
export async function handleTrpcRequest(deps: ApiDeps, request: Request): Promise<Response> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    return Response.json({ error: { message: "The request is too large." } }, { status: 413 });
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    createContext: ({ resHeaders }) => createHttpContext(deps, request, resHeaders),
    responseMeta: () => ({ headers: { "cache-control": "no-store" } }),
  });
}
