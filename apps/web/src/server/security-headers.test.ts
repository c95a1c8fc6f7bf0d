import { describe, expect, it } from "vitest";
import {
  API_CONTENT_SECURITY_POLICY,
  pageContentSecurityPolicy,
  SECURITY_HEADERS,
} from "./security-headers.ts";

/** A policy's directives by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split("; ").map((directive) => {
      const [name = "", ...sources] = directive.split(" ");
      return [name, sources];
    }),
  );
}

describe("pageContentSecurityPolicy", () => {
  it("runs only scripts with the request's nonce, and nothing inline or evaluated, in production", () => {
    const policy = directives(pageContentSecurityPolicy("abc123", false));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
  });

  it("allows eval and inline style elements in development only", () => {
    const production = pageContentSecurityPolicy("abc123", false);
    const development = directives(pageContentSecurityPolicy("abc123", true));
    expect(production).not.toContain("'unsafe-eval'");
    expect(development.get("script-src")).toContain("'unsafe-eval'");
    expect(development.get("script-src")).not.toContain("'unsafe-inline'");
    expect(development.get("style-src")).toContain("'unsafe-inline'");
  });
});

describe("the API's policy and the headers of every answer", () => {
  it("lets nothing load, run or frame an API answer", () => {
    const policy = directives(API_CONTENT_SECURITY_POLICY);
    expect(policy.get("default-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("names each header once", () => {
    const names = SECURITY_HEADERS.map(({ key }) => key.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(["x-content-type-options", "referrer-policy", "permissions-policy"]),
    );
  });
});
