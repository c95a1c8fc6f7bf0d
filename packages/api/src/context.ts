import { isIP } from "node:net";
import { TRPCError } from "@trpc/server";
import type { ApiDeps } from "./deps.ts";
import { databaseStateMessage } from "./errors.ts";
import { clearedSessionCookie, readSessionToken, sessionCookie } from "./http/session-cookie.ts";
import { liveViewer } from "./services/auth/live-sessions.ts";
import type { Viewer } from "./services/auth/sessions.ts";

/** Where the session cookie goes: response headers over HTTP, a record in tests. */
export interface SessionTransport {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context {
  deps: ApiDeps;
  viewer: Viewer | null;
  /** The caller's address, for the limits kept per address (sign-in, anonymous requests). */
  address: string;
  session: SessionTransport;
}

/**
 * A context without an HTTP request, for createCaller in tests and benchmarks: the viewer is
 * given, not read from a cookie.
 */
export function createInnerContext(options: {
  deps: ApiDeps;
  viewer?: Viewer | null;
  address?: string;
  session?: SessionTransport;
}): Context {
  return {
    deps: options.deps,
    viewer: options.viewer ?? null,
    address: options.address ?? "127.0.0.1",
    session: options.session ?? { set() {}, clear() {} },
  };
}

/**
 * The caller's address, as the app's HTTP server settled it from the socket and the trusted
 * proxies (http/forwarded-headers.ts): one address in X-Forwarded-For. Nothing else the client
 * sends is believed, and a value that is not an address counts as one unknown caller.
 */
function clientAddress(headers: Headers): string {
  const address = headers.get("x-forwarded-for")?.trim() ?? "";
  return isIP(address) === 0 ? "unknown" : address;
}

/**
 * Sessions live in PostgreSQL, remembered by each instance: a session not remembered cannot be
 * recognised without PostgreSQL, which the caller is told.
 */
async function viewerOrUnavailable(deps: ApiDeps, token: string, type: "query" | "mutation") {
  try {
    return await liveViewer(deps, token);
  } catch (error) {
    const unavailable = databaseStateMessage(error, type);
    if (!unavailable) throw error;
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: unavailable, cause: error });
  }
}

/** The context of one HTTP request: the viewer comes from the session cookie. */
export async function createHttpContext(
  deps: ApiDeps,
  request: Request,
  responseHeaders: Headers,
): Promise<Context> {
  const token = readSessionToken(request.headers.get("cookie"));
  const type = request.method === "POST" ? "mutation" : "query";
  const viewer = token ? await viewerOrUnavailable(deps, token, type) : null;
  const secure = deps.sessions.secureCookie;
  return createInnerContext({
    deps,
    viewer,
    address: clientAddress(request.headers),
    session: {
      set: (value, expiresAt) =>
        responseHeaders.append("set-cookie", sessionCookie(value, expiresAt, secure)),
      clear: () => responseHeaders.append("set-cookie", clearedSessionCookie(secure)),
    },
  });
}
