import { describe, expect, it } from "vitest";
import { money } from "./money.ts";

describe("money", () => {
  it("writes amounts in whole units whatever their size, so a column never mixes decimals", () => {
    expect(money(-1_409.42)).toBe("-$1,409");
    expect(money(-630.21)).toBe("-$630");
    expect(money(54_408.5)).toBe("$54,409");
    expect(money(0.4)).toBe("$0");
    expect(money(-0.4)).toBe("$0");
  });

  it("writes a price to the cent, small or large", () => {
    expect(money(187.4, "USD", "cents")).toBe("$187.40");
    expect(money(1_234.5, "USD", "cents")).toBe("$1,234.50");
  });

  it("writes the book's currency", () => {
    expect(money(1_250_000, "EUR")).toBe("€1,250,000");
    expect(money(99.999, "GBP", "cents")).toBe("£100.00");
  });

  it("writes a value that cannot be measured as a dash, not NaN or Infinity", () => {
    expect(money(Number.NaN)).toBe("—");
    expect(money(Number.NEGATIVE_INFINITY, "USD", "cents")).toBe("—");
  });
});
