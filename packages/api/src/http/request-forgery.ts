/**
 * Requests that change something (every POST to the API is a mutation) must come from the app's
 * own pages, not from a form or script on another site that the browser sends along with the
 * session cookie. SameSite=Lax keeps the cookie off most of those, but not all (a sibling
 * subdomain is the same site; older browsers), so the server checks too:
 *
 * - the browser's Origin header (or, without one, Sec-Fetch-Site) must name this app: the host
 *   the request was sent to (`X-Forwarded-Host` when a trusted proxy set it; see
 *   forwarded-headers.ts) or the configured public origin;
 * - the body must be JSON: a page on another origin cannot send that without asking first (a
 *   CORS preflight, which this API never grants), while a form can send multipart, urlencoded or
 *   text/plain at will (and tRPC reads multipart as an input; a logout reads none at all).
 *
 * Clients that are not browsers (the tests, the benchmarks, curl) send neither header and pass.
 */

const NOT_JSON =
  "Changes must be sent as JSON with Content-Type: application/json; other formats are refused.";
const FOREIGN_ORIGIN =
  "This request came from another website, so it was refused: make changes from the app's own pages.";

/**
 * A body a cross-site form cannot send without a preflight: the API's JSON, an import's CSV
 * (text/csv is not one of the types a form or a simple fetch may send).
 */
export type GuardedBodyType = "application/json" | "text/csv";

const NOT_CSV =
  "A file must be sent as CSV with Content-Type: text/csv; other formats are refused.";

/** The sentence a POST is refused with, or null when it may go ahead. */
export function forgeryRefusal(
  request: Request,
  publicOrigin?: string,
  bodyType: GuardedBodyType = "application/json",
): string | null {
  if (request.method !== "POST") return null;
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  const own =
    origin !== null
      ? isOwnOrigin(request, origin, publicOrigin)
      : site === null || site === "same-origin";
  if (!own) return FOREIGN_ORIGIN;
  const type = request.headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase();
  if (type === bodyType) return null;
  return bodyType === "application/json" ? NOT_JSON : NOT_CSV;
}

function isOwnOrigin(request: Request, origin: string, publicOrigin: string | undefined): boolean {
  if (publicOrigin !== undefined && origin === publicOrigin) return true;
  const host =
    request.headers.get("x-forwarded-host")?.split(",", 1)[0]?.trim() ??
    request.headers.get("host");
  if (!host) return false;
  try {
    // "null" (a sandboxed frame, a file) and anything else that is not an origin throw here.
    const from = new URL(origin);
    if (from.protocol !== "http:" && from.protocol !== "https:") return false;
    // Parsed against the origin's own scheme, so a default port written out compares equal.
    return from.origin === origin && new URL(`${from.protocol}//${host}`).host === from.host;
  } catch {
    return false;
  }
}
