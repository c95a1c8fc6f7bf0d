import { describe, expect, it } from "vitest";
import { signedMoney, timeOf, whenOf } from "./format.ts";

const MOMENT = new Date("2026-03-03T13:05:09Z");

describe("whenOf and timeOf", () => {
  it("write a moment in the zone asked for, and name the zone", () => {
    expect(whenOf(MOMENT, "UTC")).toBe("3 Mar 2026, 13:05:09 UTC");
    expect(whenOf(MOMENT, "Europe/Berlin")).toBe("3 Mar 2026, 14:05:09 CET");
    expect(timeOf(MOMENT, "Asia/Tokyo")).toBe("22:05:09 GMT+9");
  });

  it("write the date of the zone, which may be another day than UTC's", () => {
    expect(whenOf(new Date("2026-03-03T23:30:00Z"), "Asia/Tokyo")).toBe(
      "4 Mar 2026, 08:30:00 GMT+9",
    );
  });
});

describe("signedMoney", () => {
  it("writes a change with its sign either way, in the whole units of every amount", () => {
    expect(signedMoney(1_409.42)).toBe("+$1,409");
    expect(signedMoney(-630.21)).toBe("-$630");
    expect(signedMoney(0)).toBe("$0");
    expect(signedMoney(2.5, "USD", "cents")).toBe("+$2.50");
  });
});
