import { createHash, timingSafeEqual } from "node:crypto";

/** The token of an `Authorization: Bearer <token>` header (the scheme is case-insensitive). */
function bearerToken(request: Request): string | null {
  const match = request.headers.get("authorization")?.match(/^Bearer +(\S+) *$/i);
  return match?.[1] ?? null;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether the request carries the operator token (OPERATOR_TOKEN). Both sides are compared as
 * SHA-256 digests with timingSafeEqual: equal lengths whatever was sent, so the time taken
 * tells neither how much of a guess was right nor how long the token is.
 */
export function hasOperatorToken(request: Request, token: string | undefined): boolean {
  const given = bearerToken(request);
  if (token === undefined || given === null) return false;
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * The answer of an endpoint for operators only to a request that may not read it; null when it
 * may. With no token configured the endpoint is not served at all (404); without the token, 401.
 */
export function operatorRefusal(request: Request, token: string | undefined): Response | null {
  const headers = { "cache-control": "no-store" };
  if (token === undefined) return new Response("Not found\n", { status: 404, headers });
  if (hasOperatorToken(request, token)) return null;
  return new Response("Send the operator token as `Authorization: Bearer <token>`.\n", {
    status: 401,
    headers: { ...headers, "www-authenticate": 'Bearer realm="operator"' },
  });
}
