import { afterEach, describe, expect, it } from "vitest";
import { processGlobal } from "./process-global.ts";

const NAME = "riskDashboardProcessGlobalTest";

describe("a process global", () => {
  afterEach(() => {
    processGlobal(NAME).take();
  });

  it("makes its value once, and every module asking by the same name gets that one", () => {
    let made = 0;
    const make = () => ({ made: ++made });
    const first = processGlobal<{ made: number }>(NAME).get(make);
    const again = processGlobal<{ made: number }>(NAME).get(make);
    expect(again).toBe(first);
    expect(made).toBe(1);
  });

  it("gives its value up once on take, and makes a new one after", () => {
    const slot = processGlobal<string>(NAME);
    slot.set("pool");
    expect(slot.take()).toBe("pool");
    expect(slot.peek()).toBeUndefined();
    expect(slot.take()).toBeUndefined();
    expect(slot.get(() => "new pool")).toBe("new pool");
  });

  it("keeps nothing when making the value fails, so the next call tries again", () => {
    const slot = processGlobal<string>(NAME);
    expect(() =>
      slot.get(() => {
        throw new Error("DATABASE_URL is not set.");
      }),
    ).toThrow("DATABASE_URL");
    expect(slot.peek()).toBeUndefined();
  });
});
