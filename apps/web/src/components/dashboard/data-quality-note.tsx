import type { RiskMetrics } from "~/trpc/types.ts";

type DataQuality = RiskMetrics["dataQuality"];

const days = (count: number) => `${count} day${count === 1 ? "" : "s"}`;
const list = (items: string[]) => items.join(", ");

/** Each thing the numbers rest on less than fully, as one sentence; none when all is well. */
export function qualitySentences(quality: DataQuality): string[] {
  const sentences: string[] = [];
  if (quality.navNonPositive) {
    sentences.push(
      "Net asset value is not positive: returns, volatility, Sharpe and drawdowns cannot be measured.",
    );
  }
  if (quality.days < quality.lookbackDays) {
    sentences.push(
      `History covers ${days(quality.days)} of the ${quality.lookbackDays} the profile looks back over.`,
    );
  }
  if (quality.stale.length > 0) {
    const named = quality.stale.map((s) => `${s.symbol} (${days(s.longestRun)} without a close)`);
    sentences.push(
      `Stale prices: ${list(named)}. The last close is carried, so the move counts when prices resume.`,
    );
  }
  if (quality.carriedForward.length > 0) {
    const named = quality.carriedForward.map((c) => `${c.symbol} (${days(c.days)})`);
    sentences.push(`Last close carried over days without one: ${list(named)}.`);
  }
  if (quality.shortHistory.length > 0) {
    const named = quality.shortHistory.map((s) => `${s.symbol} (${s.days} of ${quality.days})`);
    sentences.push(
      `Short history: ${list(named)} daily moves; no move is counted before an instrument's first close.`,
    );
  }
  if (quality.noPreviousClose.length > 0) {
    sentences.push(
      `No previous close for ${list(quality.noPreviousClose)}: day P&L leaves them out.`,
    );
  }
  return sentences;
}

/** What the numbers above rest on, shown beside them whenever it is less than it seems. */
export function DataQualityNote({ quality }: { quality: DataQuality }) {
  const sentences = qualitySentences(quality);
  if (sentences.length === 0) return null;
  return (
    <section className="panel warning" aria-labelledby="data-quality-heading">
      <h2 id="data-quality-heading">What these numbers rest on</h2>
      <ul>
        {sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </section>
  );
}
