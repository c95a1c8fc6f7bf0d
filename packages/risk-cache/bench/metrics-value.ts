/**
 * A value shaped like one trader's risk metrics (headline numbers, limits, holdings, a year of
 * returns for the charts), about 8 KB as JSON: the size the dashboard reads every 5 seconds.
 */
export function metricsValue(seed = 1) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const round = (value: number, digits = 6) => Number(value.toFixed(digits));
  return {
    nav: 4_218_331.27,
    dayPnl: -12_877.4,
    exposure: { gross: 6_749_330.03, net: 2_144_302.11, long: 4_446_816.07, short: 2_302_513.96 },
    risk: { historicalVaR: 98_211.4, historicalCVaR: 131_877.2, parametricVaR: 101_334.9 },
    limits: Array.from({ length: 8 }, (_, i) => ({
      id: `limit-${i}`,
      utilisation: round(next()),
      status: next() > 0.8 ? "WARN" : "OK",
    })),
    holdings: Array.from({ length: 12 }, (_, i) => ({
      symbol: `SYM${i}`,
      notional: round(next() * 1e6, 2),
      weight: round(next()),
    })),
    returns: Array.from({ length: 710 }, () => round((next() - 0.5) * 0.04)),
  };
}
