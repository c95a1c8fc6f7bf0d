import type { TRPCError } from "@trpc/server";

/**
 * The ETag of a batch of query answers, when each of them names the version it was made from
 * (the dashboard's `version`): equal versions carry equal numbers, so the tag is known without
 * hashing the body. Undefined for anything else (an error, a mutation, an answer without one).
 */
export function etagOf(
  type: string,
  errors: readonly TRPCError[],
  data: readonly unknown[] | undefined,
): string | undefined {
  if (type !== "query" || errors.length > 0 || !data || data.length === 0) return undefined;
  const versions: string[] = [];
  for (const item of data) {
    const answer = (item as { result?: { data?: { version?: unknown } } }).result?.data;
    if (typeof answer?.version !== "string") return undefined;
    versions.push(answer.version);
  }
  return `"${versions.join(",")}"`;
}

/**
 * A GET answered 200 with an ETag the client already holds (If-None-Match) becomes a 304 with
 * no body: the client's copy still holds. The body was made, but it does not travel.
 */
export function notModifiedIfCurrent(request: Request, response: Response): Response {
  const etag = response.headers.get("etag");
  if (request.method !== "GET" || response.status !== 200 || etag === null) return response;
  const held = request.headers.get("if-none-match");
  if (held === null || !held.split(",").some((tag) => tag.trim() === etag)) return response;
  const headers = new Headers(response.headers);
  headers.delete("content-type");
  headers.delete("content-length");
  return new Response(null, { status: 304, headers });
}
