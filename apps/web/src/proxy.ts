import { type NextRequest, NextResponse } from "next/server";
import { pageContentSecurityPolicy } from "./server/security-headers.ts";

const DEVELOPMENT = process.env.NODE_ENV === "development";

/**
 * Every page gets a Content-Security-Policy with a nonce of its own. Next reads the nonce from
 * the request's policy header while it renders and marks its scripts with it, so the same
 * policy goes on the request (for Next) and on the answer (for the browser). Pages therefore
 * render per request (the root layout waits for the connection): a prerendered page would carry
 * no nonce. The other headers, and the API's policy, come from next.config.ts.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, DEVELOPMENT);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: the API's answers carry a fixed policy (next.config.ts), static files none.
  matcher: ["/((?!api(?:/|$)|_next/static/|_next/image).*)"],
};
