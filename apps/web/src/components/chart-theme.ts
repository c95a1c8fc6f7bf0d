import type { ChartOptions, DeepPartial } from "lightweight-charts";

/** The border of a chart's scales, on the price scale and on each chart's own time scale. */
export const CHART_BORDER = "#2a323c";

/**
 * What every chart of the app draws around its lines — the dark page's colours, no logo, no
 * scrolling or zooming — so the dashboard's history and the cache page's lines look alike.
 */
export const CHART_THEME = {
  autoSize: true,
  layout: {
    background: { color: "transparent" },
    textColor: "#9aa5b1",
    attributionLogo: false,
  },
  grid: { vertLines: { color: "#222a33" }, horzLines: { color: "#222a33" } },
  rightPriceScale: { borderColor: CHART_BORDER },
  handleScroll: false,
  handleScale: false,
} satisfies DeepPartial<ChartOptions>;
