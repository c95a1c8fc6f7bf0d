import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { type TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { type Context, createHttpContext } from "../context.ts";
import type { ApiDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { appRouter } from "../root.ts";
import { etagOf, notModifiedIfCurrent } from "./conditional-get.ts";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from "./limits.ts";
import { forgeryRefusal } from "./request-forgery.ts";

export const TRPC_ENDPOINT = "/api/trpc";

export { MAX_BATCH_SIZE, MAX_BODY_BYTES };

const TOO_LARGE = `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB: send less at a time.`;

/**
 * The API over HTTP (tRPC's fetch adapter): the Next route and the HTTP tests both use it. What
 * can be refused from the request alone (its size, a POST from another site) is refused before
 * tRPC reads it; the per-client rate limit is kept once the session says who the client is.
 */
export async function handleTrpcRequest(deps: ApiDeps, request: Request): Promise<Response> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return refusal("PAYLOAD_TOO_LARGE", TOO_LARGE);
  const forged = forgeryRefusal(request, deps.publicOrigin);
  if (forged) return refusal("FORBIDDEN", forged);
  const response = await fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: withBodyLimit(request),
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: async ({ resHeaders, info }) => {
      const ctx = await createHttpContext(deps, request, resHeaders);
      await keepRequestLimit(ctx, info.calls.length, resHeaders);
      return ctx;
    },
    responseMeta: ({ errors, type, data }) => {
      const etag = etagOf(type, errors, data);
      return {
        headers: {
          // Never kept by the browser or a proxy; a client that holds an answer asks again
          // with its ETag and is told 304 while it still holds.
          "cache-control": "no-store",
          ...(etag ? { etag } : {}),
          ...retryAfterOf(errors),
        },
      };
    },
    onError: ({ error, path }) => logServerSide(path, error),
  });
  return notModifiedIfCurrent(request, response);
}

/** A refusal that says when to try again (sign-in paused) says it in Retry-After too. */
function retryAfterOf(errors: TRPCError[]): Record<string, string> {
  const seconds = Math.max(
    0,
    ...errors.map((error) =>
      error.cause instanceof AppError ? (error.cause.retryAfterSeconds ?? 0) : 0,
    ),
  );
  return seconds > 0 ? { "retry-after": String(seconds) } : {};
}

/**
 * Counts the request's calls against its client's budget: the signed-in user, or the address of
 * an anonymous caller (a cookie that signs no one in counts as anonymous).
 */
async function keepRequestLimit(ctx: Context, calls: number, responseHeaders: Headers) {
  const limiter = ctx.deps.requestLimiter;
  if (!limiter) return;
  const client = ctx.viewer ? { userId: ctx.viewer.userId } : { address: ctx.address };
  const wait = await limiter.consume(client, calls);
  if (wait === 0) return;
  responseHeaders.set("retry-after", String(wait));
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `Too many requests in the last minute: wait ${wait} second${wait === 1 ? "" : "s"} and try again.`,
  });
}

/**
 * An answer given before tRPC reads the request, in the shape trpc.ts's errorFormatter gives
 * every other error (inside superjson's `{ json }`), so the app's client shows its sentence.
 */
function refusal(code: TRPC_ERROR_CODE_KEY, message: string): Response {
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code, message }));
  const data = { code, httpStatus, path: null, fieldErrors: null };
  return Response.json(
    { error: { json: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data } } },
    { status: httpStatus, headers: { "cache-control": "no-store" } },
  );
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
