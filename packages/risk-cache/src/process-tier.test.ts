import { describe, expect, it } from "vitest";
import type { Invalidation } from "./invalidation-bus.ts";
import { cacheKey } from "./keys.ts";
import { ProcessTier, RECENT_INVALIDATIONS } from "./process-tier.ts";

const alice = { tenantId: "t1", userId: "alice" };
const bob = { tenantId: "t1", userId: "bob" };
const carol = { tenantId: "t2", userId: "carol" };
const key = (kind: string, subject: { tenantId: string; userId: string }) =>
  cacheKey(kind, subject);

function tier() {
  return new ProcessTier(100, 60_000, key);
}

/** Remembers `value` under `entry` as a load that started at `epoch` would, fresh for a minute. */
function remember(l1: ProcessTier, entry: string, value: unknown, epoch: number) {
  l1.remember(entry, value, Date.now(), Date.now() + 60_000, epoch);
}

describe("L1's judgement of a load that ran across invalidations", () => {
  it("keeps the value when what was invalidated meanwhile is another key", () => {
    const l1 = tier();
    const epoch = l1.epoch;
    l1.apply({ scope: "entry", ...bob, kinds: ["book"] });
    l1.apply({ scope: "entry", ...alice, kinds: ["alerts"] });
    l1.apply({ scope: "user", ...bob });
    l1.apply({ scope: "tenant", tenantId: carol.tenantId });
    remember(l1, key("book", alice), "alice's book", epoch);
    expect(l1.get(key("book", alice), performance.now())?.value).toBe("alice's book");
  });

  it("drops the value when an invalidation since the load started covers its key", () => {
    const covering: Invalidation[] = [
      { scope: "entry", ...alice, kinds: ["alerts", "book"] },
      { scope: "user", ...alice },
      { scope: "tenant", tenantId: alice.tenantId },
      { scope: "all" },
    ];
    for (const invalidation of covering) {
      const l1 = tier();
      const epoch = l1.epoch;
      l1.apply(invalidation);
      l1.apply({ scope: "entry", ...bob, kinds: ["book"] });
      remember(l1, key("book", alice), "alice's book", epoch);
      expect(l1.get(key("book", alice), performance.now()), invalidation.scope).toBeUndefined();
    }
  });

  it("drops the value when the invalidations it ran across are more than it keeps", () => {
    const l1 = tier();
    const epoch = l1.epoch;
    for (let i = 0; i <= RECENT_INVALIDATIONS; i++) {
      l1.apply({ scope: "entry", ...bob, kinds: ["book"] });
    }
    remember(l1, key("book", alice), "alice's book", epoch);
    expect(l1.get(key("book", alice), performance.now())).toBeUndefined();
  });

  it("lets later reads join a running load unless an invalidation covered its key", async () => {
    const l1 = tier();
    const entry = key("book", alice);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    const first = l1.share(entry, load);
    l1.apply({ scope: "entry", ...bob, kinds: ["book"] });
    expect(l1.share(entry, load)).toBe(first);
    l1.apply({ scope: "user", ...alice });
    const second = l1.share(entry, load);
    expect(second).not.toBe(first);
    expect([await first, await second]).toEqual([1, 2]);
  });
});
