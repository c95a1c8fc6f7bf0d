import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { incomingMessageToRequest } from "@trpc/server/adapters/node-http";
import type { ApiDeps } from "../deps.ts";
import { parseTrustedProxies, settleForwardedHeaders } from "../http/forwarded-headers.ts";
import { handleTrpcRequest } from "../http/handle-trpc.ts";
import { handleImportRequest, IMPORT_ENDPOINT } from "../http/import-handler.ts";
import { LiveSessions } from "../services/auth/live-sessions.ts";
import type { ApiFixture } from "./api-fixture.ts";

export interface TestHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The API on a real socket, answering exactly as the Next route does (same handler, behind the
 * same settling of forwarded headers as the app's server), so HTTP tests see status codes,
 * cookies and the wire format without building the web app.
 */
export async function startTestHttpServer(
  deps: ApiDeps,
  options: {
    /** TRUSTED_PROXIES of this server: the test's own address, to play a proxy in front. */
    trustedProxies?: string;
  } = {},
): Promise<TestHttpServer> {
  const trusted = parseTrustedProxies(options.trustedProxies);
  const server: Server = createServer(async (req, res) => {
    try {
      settleForwardedHeaders(req, trusted);
      // No limit here: the handler keeps its own, as it must behind Next, which sets none.
      const request = incomingMessageToRequest(req, res, { maxBodySize: null });
      // The app's routes: imports (app/api/admin/imports/[kind]) and tRPC (app/api/trpc).
      const path = new URL(request.url).pathname;
      const response = path.startsWith(`${IMPORT_ENDPOINT}/`)
        ? await handleImportRequest(deps, request, path.slice(IMPORT_ENDPOINT.length + 1))
        : await handleTrpcRequest(deps, request);
      res.statusCode = response.status;
      for (const [name, value] of response.headers) {
        if (name !== "set-cookie") res.setHeader(name, value);
      }
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) res.setHeader("set-cookie", cookies);
      if (response.body) Readable.fromWeb(response.body as never).pipe(res);
      else res.end();
    } catch {
      res.statusCode = 400;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Two app instances behind a load balancer: A with the fixture's dependencies, B with a cache
 * (own connections, own in-process tier) and live sessions of its own on the same Redis.
 */
export async function startTwoInstances(
  fixture: ApiFixture,
): Promise<{ serverA: TestHttpServer; serverB: TestHttpServer }> {
  const cacheB = await fixture.otherInstance();
  const serverA = await startTestHttpServer(fixture.deps);
  const serverB = await startTestHttpServer({
    ...fixture.deps,
    cache: cacheB,
    sessions: { ...fixture.deps.sessions, live: new LiveSessions(cacheB) },
  });
  return { serverA, serverB };
}
