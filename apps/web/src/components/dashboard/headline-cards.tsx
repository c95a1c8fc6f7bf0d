import { memo } from "react";
import { Explain } from "~/components/explain.tsx";
import { decimal, money, percent, signedMoney } from "~/lib/format.ts";
import type { RiskMetrics } from "~/trpc/types.ts";

/** A card re-renders only when its own text changes (props are strings). */
const Card = memo(function Card({
  label,
  value,
  detail,
  tone,
  explain,
}: {
  label: string;
  value: string;
  detail?: string;
  tone?: "OK" | "WARN" | "BREACH" | "NO_DATA" | "up" | "down";
  /** What the number is: definition, confidence, horizon, lookback. */
  explain: string;
}) {
  return (
    <section className="card" aria-label={label} data-tone={tone}>
      <h2>
        {label}
        <Explain about={label}>{explain}</Explain>
      </h2>
      <p className="value">{value}</p>
      <p className="detail">{detail ?? "\u00a0"}</p>
    </section>
  );
});

export function HeadlineCards({ metrics, currency }: { metrics: RiskMetrics; currency: string }) {
  const confidence = percent(metrics.confidence, 0);
  const { risk, score } = metrics;
  const lookback = `the last ${metrics.dataQuality.days} trading days`;
  return (
    <div className="cards">
      <Card
        label="Net asset value"
        value={money(metrics.nav, currency)}
        detail={`Cash ${money(metrics.cash, currency)}`}
        explain="Cash plus the market value of every open position at the latest prices."
      />
      <Card
        label="Day P&L"
        value={signedMoney(metrics.dayPnl, currency)}
        detail={percent(metrics.dayPnlPct, 2)}
        tone={metrics.dayPnl < 0 ? "down" : "up"}
        explain="Change since the previous close: Σ quantity × (last price − previous close); the percentage is of the net asset value at that close."
      />
      <Card
        label={`VaR ${confidence}, 1 day`}
        value={money(risk.historicalVaR, currency)}
        detail={`Parametric ${money(risk.parametricVaR, currency)}`}
        explain={`Value at risk: the one-day loss exceeded on ${percent(1 - metrics.confidence, 0)} of ${lookback}, replaying each day's price moves on today's positions (historical). Parametric: the same from a normal distribution with that P&L's mean and standard deviation.`}
      />
      <Card
        label={`CVaR ${confidence}, 1 day`}
        value={money(risk.historicalCVaR, currency)}
        detail="Average loss beyond VaR"
        explain={`Expected shortfall: the average one-day loss on the worst ${percent(1 - metrics.confidence, 0)} of ${lookback}, today's positions replayed on each.`}
      />
      <Card
        label="Leverage"
        value={`${decimal(metrics.leverage)}×`}
        detail={`Gross ${money(metrics.exposure.gross, currency)}`}
        explain="Gross exposure (the sum of every position's |notional|) divided by the net asset value."
      />
      <Card
        label="Drawdown"
        value={percent(Math.abs(metrics.currentDrawdown))}
        detail={`Max drawdown ${percent(Math.abs(metrics.maxDrawdown))} in the lookback`}
        explain={`How far today's book, replayed over ${lookback}, is now below its highest value; max drawdown is the deepest such fall in that window.`}
      />
      <Card
        label="Sharpe ratio"
        value={decimal(metrics.sharpe)}
        detail={`Volatility ${percent(metrics.volatility)} a year`}
        explain={`Mean daily return over its standard deviation, × √252, with a risk-free rate of 0, over ${lookback}. Volatility is that standard deviation × √252.`}
      />
      <Card
        label="Risk score"
        value={Number.isFinite(score.value) ? `${Math.round(score.value)} / 100` : "—"}
        detail={score.driver}
        tone={score.status}
        explain="100 × the most used limit's utilisation (measured ÷ limit), capped at 100: 80 is where a limit warns by default, 100 a breach. The line below names that limit with its utilisation, uncapped."
      />
    </div>
  );
}
