import { memo } from "react";
import { decimal, money, percent, signedMoney } from "~/lib/format.ts";
import type { RiskMetrics } from "~/trpc/types.ts";

/** A card re-renders only when its own text changes (props are strings). */
const Card = memo(function Card({
  label,
  value,
  detail,
  tone,
}: {
  label: string;
  value: string;
  detail?: string;
  tone?: "OK" | "WARN" | "BREACH" | "NO_DATA" | "up" | "down";
}) {
  return (
    <section className="card" aria-label={label} data-tone={tone}>
      <h2>{label}</h2>
      <p className="value">{value}</p>
      <p className="detail">{detail ?? "\u00a0"}</p>
    </section>
  );
});

export function HeadlineCards({ metrics, currency }: { metrics: RiskMetrics; currency: string }) {
  const confidence = percent(metrics.confidence, 0);
  const { risk, score } = metrics;
  return (
    <div className="cards">
      <Card
        label="Net asset value"
        value={money(metrics.nav, currency)}
        detail={`Cash ${money(metrics.cash, currency)}`}
      />
      <Card
        label="Day P&L"
        value={signedMoney(metrics.dayPnl, currency)}
        detail={percent(metrics.dayPnlPct, 2)}
        tone={metrics.dayPnl < 0 ? "down" : "up"}
      />
      <Card
        label={`VaR ${confidence}, 1 day`}
        value={money(risk.historicalVaR, currency)}
        detail={`Parametric ${money(risk.parametricVaR, currency)}`}
      />
      <Card
        label={`CVaR ${confidence}, 1 day`}
        value={money(risk.historicalCVaR, currency)}
        detail="Average loss beyond VaR"
      />
      <Card
        label="Leverage"
        value={`${decimal(metrics.leverage)}×`}
        detail={`Gross ${money(metrics.exposure.gross, currency)}`}
      />
      <Card
        label="Drawdown"
        value={percent(Math.abs(metrics.currentDrawdown))}
        detail={`Max drawdown ${percent(Math.abs(metrics.maxDrawdown))} in the lookback`}
      />
      <Card
        label="Sharpe ratio"
        value={decimal(metrics.sharpe)}
        detail={`Volatility ${percent(metrics.volatility)} a year`}
      />
      <Card
        label="Risk score"
        value={Number.isFinite(score.value) ? `${Math.round(score.value)} / 100` : "—"}
        detail={score.driver}
        tone={score.status}
      />
    </div>
  );
}
