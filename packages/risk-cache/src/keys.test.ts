import calculateSlot from "cluster-key-slot";
import { describe, expect, it } from "vitest";
import { CacheKeyError, cacheKey, entryKeys } from "./keys.ts";

const subject = { tenantId: "t1", userId: "u1" };

describe("cache keys", () => {
  it("name a value risk:v<schema>:<kind>:<userId>:{<tenantId>}", () => {
    expect(cacheKey("metrics", subject)).toBe("risk:v3:metrics:u1:{t1}");
    expect(cacheKey("metrics", subject, "staging")).toBe("staging:v3:metrics:u1:{t1}");
  });

  it("put an entry, its version counters and its lease in the tenant's hash-tag slot", () => {
    const keys = Object.values(entryKeys("profile", subject));
    expect(keys).toHaveLength(5);
    for (const key of keys) expect(key.match(/\{(.*)\}/)?.[1]).toBe("t1");
    expect(new Set(keys).size).toBe(5);
  });

  it("map every key of every user of a tenant to one Redis Cluster slot", () => {
    const slots = new Set<number>();
    for (const kind of ["metrics", "profile", "limits", "report", "alerts"] as const) {
      for (const userId of ["u1", "u2", "u3"]) {
        for (const key of Object.values(entryKeys(kind, { tenantId: "t1", userId })))
          slots.add(calculateSlot(key));
      }
    }
    expect(slots.size).toBe(1);
    expect(calculateSlot(cacheKey("metrics", { tenantId: "t2", userId: "u1" }))).not.toBe(
      [...slots][0],
    );
  });

  it("give each kind, user and tenant its own key", () => {
    const keys = new Set([
      cacheKey("metrics", subject),
      cacheKey("limits", subject),
      cacheKey("metrics", { ...subject, userId: "u2" }),
      cacheKey("metrics", { ...subject, tenantId: "t2" }),
      cacheKey("metrics", { ...subject, variant: "v1" }),
      cacheKey("metrics", { ...subject, variant: "v2" }),
    ]);
    expect(keys.size).toBe(6);
    // A variant's keys still end with the user and tenant that invalidations match on.
    for (const key of Object.values(entryKeys("metrics", { ...subject, variant: "v1" }))) {
      expect(key).toMatch(/:\{t1\}$/);
    }
    expect(cacheKey("metrics", { ...subject, variant: "v1" })).toBe("risk:v3:metrics:v1:u1:{t1}");
  });

  it("refuse ids that are empty or could forge another key, with a typed error", () => {
    for (const bad of ["", "a:b", "a}b", "{t}", "x".repeat(65), "a b"]) {
      expect(() => cacheKey("metrics", { ...subject, userId: bad })).toThrow(CacheKeyError);
      expect(() => cacheKey("metrics", { ...subject, tenantId: bad })).toThrow(CacheKeyError);
      expect(() => cacheKey("metrics", { ...subject, variant: bad })).toThrow(CacheKeyError);
    }
    expect(() => cacheKey("metrics", { tenantId: "t1" } as never)).toThrow(CacheKeyError);
  });
});
