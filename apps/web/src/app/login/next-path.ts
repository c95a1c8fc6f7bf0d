/**
 * Stands in for the app's own origin when `next` is parsed. The answer is only ever a path of
 * it, so the server (which would otherwise have to trust the Host header) and the browser
 * decide alike; a reserved name (RFC 2606) cannot be anybody's site.
 */
const OWN_ORIGIN = "http://app.invalid";

function sameOrigin(candidate: string): URL | null {
  try {
    const url = new URL(candidate, `${OWN_ORIGIN}/`);
    return url.origin === OWN_ORIGIN ? url : null;
  } catch {
    return null;
  }
}

/**
 * Where to go after signing in: the path, query and fragment `next` names on this site, or null
 * when it names none (another site, another scheme, not a string). An open redirect would hand
 * a signed-in visitor to someone else's page, and browsers read `/\host`, `\\host`, tabs and
 * newlines inside the scheme-relative `//host` the same way: the URL parser, not a prefix
 * check, decides. Used by the sign-in page's server redirect and the form's client redirect.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string") return null;
  const url = sameOrigin(next);
  if (!url) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can leave a path that starts with `//` (`/.//host` parses to the path
  // `//host`), which is another site once it stands alone: the path must keep the origin too.
  return sameOrigin(path) ? path : null;
}
