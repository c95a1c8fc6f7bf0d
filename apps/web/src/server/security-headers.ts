/**
 * The browser-side defences of every answer, in one place: next.config.ts sends the plain
 * headers with everything and the API's policy with /api/*, proxy.ts the pages' policy with
 * its per-request nonce. Plain TypeScript without aliases, as next.config.ts loads it.
 */

type Directives = Record<string, readonly string[]>;

const serialize = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");

/** No page of this site may be framed (clickjacking), nor load plugins, nor move its base URL. */
const EVERYWHERE: Directives = {
  "frame-ancestors": ["'none'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
};

/** Sent with every answer: pages, API and static files. */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  // Files are what their Content-Type says: a JSON answer is never run as a script.
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Full URLs (paths, ids, queries) go to this site only; the app links nowhere else.
  { key: "Referrer-Policy", value: "same-origin" },
  // Powerful features the app never uses, refused to it and anything it could embed.
  {
    key: "Permissions-Policy",
    value: [
      "accelerometer",
      "camera",
      "display-capture",
      "geolocation",
      "gyroscope",
      "magnetometer",
      "microphone",
      "midi",
      "payment",
      "usb",
    ]
      .map((feature) => `${feature}=()`)
      .join(", "),
  },
  // frame-ancestors for browsers that predate it.
  { key: "X-Frame-Options", value: "DENY" },
];

/** The API answers JSON and text: nothing in them may load, run or be framed. */
export const API_CONTENT_SECURITY_POLICY = serialize({
  "default-src": ["'none'"],
  "form-action": ["'none'"],
  ...EVERYWHERE,
});

/**
 * The pages' policy. Scripts run only with this request's nonce, which Next reads from the
 * request's Content-Security-Policy header and puts on its own scripts; 'strict-dynamic' lets
 * those load the page's chunks. Style elements need the nonce too (lightweight-charts adds one
 * only for the attribution logo, which the charts turn off). Style attributes stay allowed:
 * React server-renders the limit and sector bars' widths as `style="width: …"`, which a nonce
 * cannot cover, and an attribute can style only its own element.
 *
 * In development React evaluates code for its debugging stacks ('unsafe-eval') and Next
 * injects style elements without a nonce for hot reloading ('unsafe-inline', which browsers
 * ignore beside a nonce, so the nonce leaves style-src there).
 */
export function pageContentSecurityPolicy(nonce: string, development: boolean): string {
  const scripts = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"];
  return serialize({
    "default-src": ["'self'"],
    "script-src": development ? [...scripts, "'unsafe-eval'"] : scripts,
    "style-src": development ? ["'self'", "'unsafe-inline'"] : ["'self'", `'nonce-${nonce}'`],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    ...EVERYWHERE,
  });
}
