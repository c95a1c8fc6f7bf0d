import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createHttpContext } from "../context.ts";
import type { ApiDeps } from "../deps.ts";
import { appRouter } from "../root.ts";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from "./limits.ts";

export const TRPC_ENDPOINT = "/api/trpc";

export { MAX_BATCH_SIZE, MAX_BODY_BYTES };

const TOO_LARGE = "The request is too large.";

/** The API over HTTP (tRPC's fetch adapter): the Next route and the HTTP tests both use it. */
export async function handleTrpcRequest(deps: ApiDeps, request: Request): Promise<Response> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    return Response.json({ error: { message: TOO_LARGE } }, { status: 413 });
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: withBodyLimit(request),
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => createHttpContext(deps, request, resHeaders),
    responseMeta: () => ({ headers: { "cache-control": "no-store" } }),
    onError: ({ error, path }) => logServerSide(path, error),
  });
}

/**
 * The caller gets a sentence; the operator needs the cause. Failures that are the server's
 * (a bug, the database away or out of connections) are logged with what caused them.
 */
function logServerSide(path: string | undefined, error: TRPCError) {
  if (error.code !== "INTERNAL_SERVER_ERROR" && error.code !== "SERVICE_UNAVAILABLE") return;
  const cause = error.cause ?? error;
  const code = (cause as { code?: unknown }).code;
  const detail = `${cause.message.split("\n").at(-1)?.trim()}${typeof code === "string" ? ` (${code})` : ""}`;
  console.error(`risk-dashboard: ${path ?? "unknown procedure"} ${error.code}: ${detail}`);
}

/**
 * A body sent in chunks has no length to check up front, and Next puts no limit of its own on
 * a route's body: it is counted as it is read and refused past MAX_BODY_BYTES, instead of being
 * read into memory whole. Stopping the read cancels the upload, so the client may see the
 * connection close rather than the 413.
 */
function withBodyLimit(request: Request): Request {
  if (!request.body) return request;
  let size = 0;
  const limited = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size <= MAX_BODY_BYTES) controller.enqueue(chunk);
        else controller.error(new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: TOO_LARGE }));
      },
    }),
  );
  // duplex "half" is what a streamed request body requires (Node's fetch, undici).
  return new Request(request, { body: limited, duplex: "half" } as RequestInit);
}
