/** Answers kept for conditional polls: one per poll URL, a page polls one or two. */
const MAX_REMEMBERED = 8;

interface Remembered {
  etag: string;
  body: string;
  contentType: string;
}

/**
 * `fetch` for the tRPC link: a GET whose last answer carried an ETag is sent again with
 * If-None-Match, and a 304 is handed to tRPC as that last answer. The server never lets the
 * browser cache an answer (no-store), so this is the one place a poll's copy is kept.
 */
export function conditionalFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  const remembered = new Map<string, Remembered>();
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.method !== "GET") return base(request);
    const known = remembered.get(request.url);
    if (known) request.headers.set("if-none-match", known.etag);
    const response = await base(request);
    if (response.status === 304 && known) {
      return new Response(known.body, {
        status: 200,
        headers: { "content-type": known.contentType, etag: known.etag },
      });
    }
    remembered.delete(request.url);
    const etag = response.headers.get("etag");
    if (response.status !== 200 || etag === null) return response;
    const body = await response.text();
    const contentType = response.headers.get("content-type") ?? "application/json";
    remembered.set(request.url, { etag, body, contentType });
    // Insertion order is age: the oldest goes first.
    if (remembered.size > MAX_REMEMBERED)
      remembered.delete(remembered.keys().next().value as string);
    return new Response(body, { status: 200, headers: response.headers });
  };
}
