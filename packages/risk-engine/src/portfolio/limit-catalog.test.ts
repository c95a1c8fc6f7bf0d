import { describe, expect, it } from "vitest";
import { limitName, limitValue } from "./limit-catalog.ts";

describe("limitValue", () => {
  it("writes each limit in its unit, as the screens and the pre-trade refusal do", () => {
    expect(limitValue("MAX_LEVERAGE", 2.5)).toBe("2.50×");
    expect(limitValue("MAX_CONCENTRATION", 0.153)).toBe("15.3%");
    expect(limitValue("MAX_DRAWDOWN", 0.2)).toBe("20.0%");
    expect(limitValue("MAX_VAR", 54_408.4)).toBe("$54,408");
    expect(limitValue("MAX_DAILY_LOSS", 630.214)).toBe("$630");
    expect(limitValue("MAX_GROSS_EXPOSURE", 1_250_000, "EUR")).toBe("€1,250,000");
  });

  it("writes a value that cannot be measured as a dash, not NaN or Infinity", () => {
    expect(limitValue("MAX_LEVERAGE", Number.POSITIVE_INFINITY)).toBe("—");
    expect(limitValue("MAX_VAR", Number.NaN)).toBe("—");
  });
});

describe("limitName", () => {
  it("names a per-symbol limit with its symbol", () => {
    expect(limitName("MAX_POSITION_NOTIONAL", "NVX")).toBe("Position notional (NVX)");
    expect(limitName("MAX_VAR")).toBe("Value at risk");
  });
});
