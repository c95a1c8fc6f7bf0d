import { describe, expect, it } from "vitest";
import {
  clientAddressOf,
  parseTrustedProxies,
  settleForwardedHeaders,
} from "./forwarded-headers.ts";

describe("TRUSTED_PROXIES", () => {
  it("takes addresses and CIDR ranges of either family, and refuses anything else by name", () => {
    const trusted = parseTrustedProxies("10.0.0.7, 172.30.80.0/24 fd00::/8");
    expect(trusted.check("10.0.0.7", "ipv4")).toBe(true);
    expect(trusted.check("172.30.80.200", "ipv4")).toBe(true);
    expect(trusted.check("fd00::1", "ipv6")).toBe(true);
    expect(trusted.check("10.0.0.8", "ipv4")).toBe(false);
    for (const bad of ["proxy", "10.0.0.0/33", "10.0.0.1/8/1", "::1/129", "10.0.0/8"]) {
      expect(() => parseTrustedProxies(bad)).toThrow(
        `"${bad}" is not an IP address or a CIDR range`,
      );
    }
    expect(parseTrustedProxies("").check("127.0.0.1", "ipv4")).toBe(false);
  });
});

describe("the client's address", () => {
  const trusted = parseTrustedProxies("10.0.0.0/8");

  it("is the peer unless the peer is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("203.0.113.5", "198.51.100.1", trusted)).toBe("203.0.113.5");
    expect(clientAddressOf("::ffff:203.0.113.5", undefined, trusted)).toBe("203.0.113.5");
    expect(clientAddressOf(undefined, "198.51.100.1", trusted)).toBe("unknown");
  });

  it("behind trusted proxies, is the nearest hop that is not one", () => {
    expect(clientAddressOf("10.0.0.2", "198.51.100.1", trusted)).toBe("198.51.100.1");
    // The leftmost hop is whatever the client wrote; the proxies appended the rest.
    expect(clientAddressOf("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.9", trusted)).toBe(
      "198.51.100.1",
    );
    expect(clientAddressOf("10.0.0.2", ["6.6.6.6", "198.51.100.1"], trusted)).toBe("198.51.100.1");
    // A hop that is not an address ends the chain at the last proxy that wrote one.
    expect(clientAddressOf("10.0.0.2", "garbage, 10.0.0.9", trusted)).toBe("10.0.0.9");
    expect(clientAddressOf("10.0.0.2", undefined, trusted)).toBe("10.0.0.2");
  });

  it("is written into X-Forwarded-For, and a proxy's other headers kept from a trusted peer only", () => {
    const fromClient = {
      headers: { "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "evil.example", host: "app" },
      socket: { remoteAddress: "203.0.113.5" },
    };
    settleForwardedHeaders(fromClient, trusted);
    expect(fromClient.headers).toEqual({ "x-forwarded-for": "203.0.113.5", host: "app" });
    const fromProxy = {
      headers: { "x-forwarded-for": "198.51.100.1", "x-forwarded-host": "risk.example.com" },
      socket: { remoteAddress: "10.0.0.2" },
    };
    settleForwardedHeaders(fromProxy, trusted);
    expect(fromProxy.headers).toEqual({
      "x-forwarded-for": "198.51.100.1",
      "x-forwarded-host": "risk.example.com",
    });
  });
});
