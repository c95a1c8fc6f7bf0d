import { appRouter, createHttpContext } from "@repo/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getApiDeps } from "~/server/api-deps.ts";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  const deps = await getApiDeps();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: ({ resHeaders }) => createHttpContext(deps, request, resHeaders),
    responseMeta: () => ({ headers: { "cache-control": "no-store" } }),
  });
}

export { handler as GET, handler as POST };
