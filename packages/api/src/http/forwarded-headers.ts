/**
 * Who sent a request, decided once, where the socket is still known: by the app's HTTP server
 * (apps/web/scripts/server.ts) and the HTTP tests' server, before the request reaches Next or the
 * API. Next's own server only sets X-Forwarded-For when it is absent, so without this a client
 * names its own address, and a new value every request escapes any limit kept per address.
 *
 * The peer of the socket is the client unless it is one of TRUSTED_PROXIES; then the client is
 * the nearest address in X-Forwarded-For, from the right, that is not a trusted proxy too.
 * Afterwards X-Forwarded-For holds that one address, and X-Forwarded-Host / -Proto / -Port
 * survive only from a trusted proxy. The API reads the address from there and nowhere else.
 *
 * Node built-ins only: the Docker image runs the server with Node's type stripping, outside the
 * bundle Next builds.
 */
import type { IncomingHttpHeaders } from "node:http";
import { BlockList, isIP } from "node:net";

export type TrustedProxies = BlockList;

/** What only a trusted proxy may tell the app; from anyone else these headers are dropped. */
const PROXY_HEADERS = [
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
];

/**
 * TRUSTED_PROXIES: addresses and CIDR ranges, separated by commas or spaces (`10.0.0.7,
 * 172.30.0.0/24, fd00::/8`). Empty or unset trusts no one. Throws a sentence naming the entry
 * that is neither.
 */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const list = new BlockList();
  for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address = "", bits, ...rest] = entry.split("/");
    const family = isIP(address);
    const prefix = Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    const valid =
      family !== 0 &&
      rest.length === 0 &&
      (bits === undefined || (/^\d{1,3}$/.test(bits) && prefix <= maxBits));
    if (!valid) throw new Error(`"${entry}" is not an IP address or a CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`, how dual-stack sockets report it) as IPv4. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function isTrusted(trusted: TrustedProxies, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address, from the socket's peer and, behind trusted proxies, X-Forwarded-For. */
export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string {
  let client = plain(peer ?? "");
  if (!isTrusted(trusted, client)) return client || "unknown";
  const hops = [forwardedFor ?? []]
    .flat()
    .join(",")
    .split(",")
    .map((hop) => plain(hop.trim()));
  for (const hop of hops.reverse()) {
    // A hop that is not an address was not written by a proxy: stop at the last one that was.
    if (isIP(hop) === 0) break;
    client = hop;
    if (!isTrusted(trusted, hop)) break;
  }
  return client;
}

/** Rewrites a request's forwarded headers in place, before anything else reads them. */
export function settleForwardedHeaders(
  request: { headers: IncomingHttpHeaders; socket: { remoteAddress?: string | undefined } },
  trusted: TrustedProxies,
): void {
  const { headers } = request;
  const peer = request.socket.remoteAddress;
  headers["x-forwarded-for"] = clientAddressOf(peer, headers["x-forwarded-for"], trusted);
  if (!isTrusted(trusted, plain(peer ?? ""))) {
    for (const name of PROXY_HEADERS) delete headers[name];
  }
}
