/**
 * The app's HTTP server: Next.js through its programmatic API (a custom server, see Next's
 * "Custom Server" guide), with one step of its own before Next sees a request. Next's server
 * only sets X-Forwarded-For when the client has not, so a route cannot tell the socket's peer
 * from whatever the client claims; here the client's address is settled from the socket and
 * TRUSTED_PROXIES, and X-Forwarded-For (and -Host, -Proto, from a trusted proxy only) rewritten
 * to say it (packages/api/src/http/forwarded-headers.ts). The API reads the address from there.
 *
 *   node scripts/server.ts start|dev   run by scripts/serve.ts (`pnpm start`, `pnpm dev`)
 *   node apps/web/scripts/server.ts standalone   in the Docker image, beside Next's standalone
 *                                      output (docker/entrypoint.sh)
 *
 * Run by Node itself (type stripping), outside anything Next builds, so it imports Node's
 * built-ins, `next`, that module and src/server/stop-hook.ts only. PORT and HOSTNAME as for
 * `next start`.
 *
 * SIGINT and SIGTERM stop it cleanly and it exits 0, so Ctrl-C in a terminal (which signals
 * scripts/serve.ts and pnpm too) ends without pnpm reporting a failed script: no new
 * connections, the requests in flight answered, Next closed, then the app's price feed, cache
 * and database pool (src/server/stop.ts).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import {
  parseTrustedProxies,
  settleForwardedHeaders,
} from "../../../packages/api/src/http/forwarded-headers.ts";
import { stopHook } from "../src/server/stop-hook.ts";

// Listened for first, so a stop asked for while Next is loading is a clean one too; what it
// stops is set once there is something to stop.
let stopping = false;
let shutdown = async () => {};
async function stop() {
  // A terminal signals the whole process group, and scripts/serve.ts passes the signal on too.
  if (stopping) return;
  stopping = true;
  await shutdown();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const mode = process.argv[2];
if (mode !== "start" && mode !== "dev" && mode !== "standalone") {
  console.error("usage: node scripts/server.ts start|dev|standalone");
  process.exit(2);
}
const dir = fileURLToPath(new URL("../", import.meta.url));
// Next runs from its app's folder, as under `next start` and the standalone server.js.
process.chdir(dir);
const port = Number(process.env.PORT || 3000);
// As `next start`: every interface (IPv6 and IPv4) unless HOSTNAME names one (the Docker image
// says 0.0.0.0).
const hostname = process.env.HOSTNAME || undefined;

let trusted: ReturnType<typeof parseTrustedProxies>;
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (error) {
  console.error(
    `risk-dashboard: configuration error: TRUSTED_PROXIES: ${(error as Error).message}`,
  );
  process.exit(1);
}

// Set before Next is loaded: it (and React) pick their builds by it, as `next start` would.
Object.assign(process.env, { NODE_ENV: mode === "dev" ? "development" : "production" });
if (mode === "standalone") {
  // The standalone output has no next.config: Next's own generated server.js hands it the
  // build's configuration this way, from the manifest the build writes beside it.
  const manifest = JSON.parse(
    readFileSync(new URL("../.next/required-server-files.json", import.meta.url), "utf8"),
  ) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(manifest.config);
}
const { default: next } = await import("next");

// Requests being answered, so that a stop lets them finish (and then closes every connection,
// kept-alive ones too) instead of cutting them off.
let answering = 0;
let drained = () => {};
const server = createServer((request, response) => {
  answering++;
  response.once("close", () => {
    answering--;
    if (answering === 0) drained();
  });
  // Once stopping, a request on a kept-alive connection is the last on that connection.
  if (stopping) response.setHeader("Connection", "close");
  settleForwardedHeaders(request, trusted);
  void handle(request, response);
});
const app = next({ dev: mode === "dev", dir, hostname, port, httpServer: server });
const prepared = app.prepare();
shutdown = async () => {
  await prepared;
  server.close();
  if (answering > 0) await new Promise<void>((done) => (drained = done));
  server.closeAllConnections();
  await app.close();
  await stopHook()?.();
};
await prepared;
const handle = app.getRequestHandler();
server.once("error", (error: NodeJS.ErrnoException) => {
  // scripts/serve.ts checked the port before the build; another program took it since.
  const reason = error.code === "EADDRINUSE" ? "is in use by another program" : error.message;
  console.error(`risk-dashboard: port ${port} ${reason}: set PORT to a free port.`);
  process.exit(1);
});
if (!stopping) {
  server.listen(port, hostname, () => {
    console.info(`risk-dashboard: serving on http://${hostname ?? "localhost"}:${port} (${mode})`);
  });
}
