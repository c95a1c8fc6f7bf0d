import { describe, expect, it } from "vitest";
import { cacheKey } from "./keys.ts";

const subject = { tenantId: "t1", userId: "u1" };

describe("cacheKey", () => {
  it("puts the tenant in a Redis Cluster hash tag so a tenant's keys share one slot", () => {
    expect(cacheKey("metrics", subject)).toBe("risk:metrics:u1:{t1}");
    expect(cacheKey("profile", subject).match(/\{(.*)\}/)?.[1]).toBe("t1");
  });

  it("gives each kind and user its own key", () => {
    const keys = new Set([
      cacheKey("metrics", subject),
      cacheKey("limits", subject),
      cacheKey("metrics", { ...subject, userId: "u2" }),
      cacheKey("metrics", { ...subject, tenantId: "t2" }),
    ]);
    expect(keys.size).toBe(4);
  });

  it("refuses ids that are empty or could forge another key", () => {
    for (const bad of ["", "a:b", "a}b", "{t}", "x".repeat(65), "a b"]) {
      expect(() => cacheKey("metrics", { ...subject, userId: bad })).toThrow(TypeError);
      expect(() => cacheKey("metrics", { ...subject, tenantId: bad })).toThrow(TypeError);
    }
  });
});
