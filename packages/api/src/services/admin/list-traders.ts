import type { Freshness } from "@repo/risk-cache";
import type { ServiceDeps } from "../../deps.ts";
import { tenantSummary } from "../cache/invalidate-book.ts";
import { readBook } from "../cache/read-book.ts";
import { computeTradersSummary, type TraderScoreLine } from "./traders-summary.ts";

export type TraderRow = Omit<TraderScoreLine, "traderId"> & {
  id: string;
  name: string;
  email: string;
};

/** The firm's sums over the listed traders: exposure and VaR per currency, breaches overall. */
export interface FirmTotals {
  byCurrency: { currency: string; gross: number; net: number; var: number }[];
  openBreaches: number;
}

/** Sums what was valued (a trader without a profile adds nothing), one line per currency. */
export function firmTotals(traders: readonly TraderRow[]): FirmTotals {
  const sums = new Map<string, FirmTotals["byCurrency"][number]>();
  for (const trader of traders) {
    if (!Number.isFinite(trader.gross)) continue;
    const sum = sums.get(trader.currency) ?? {
      currency: trader.currency,
      gross: 0,
      net: 0,
      var: 0,
    };
    sum.gross += trader.gross;
    sum.net += trader.net;
    sum.var += Number.isFinite(trader.var) ? trader.var : 0;
    sums.set(trader.currency, sum);
  }
  return {
    byCurrency: [...sums.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    openBreaches: traders.reduce((count, trader) => count + trader.openBreaches, 0),
  };
}

/**
 * The admins' overview of their tenant. Scores and counts come from the cached summary (dropped
 * whenever any trader's metrics are); names and emails are joined from the database after the
 * cache read, since the cache may hold no personal data. A trader deactivated since the summary
 * was cached drops out here.
 */
export async function listTraders(
  deps: ServiceDeps,
  tenantId: string,
): Promise<{ traders: TraderRow[]; totals: FirmTotals; freshness: Freshness }> {
  const { value: lines, freshness } = await readBook(deps, "traders", tenantSummary(tenantId), () =>
    computeTradersSummary(deps, tenantId),
  );
  const people = await deps.db.user.findMany({
    where: { id: { in: lines.map((line) => line.traderId) }, role: "TRADER", active: true },
    select: { id: true, name: true, email: true },
  });
  const personOf = new Map(people.map((person) => [person.id, person]));
  const traders = lines.flatMap(({ traderId, ...line }) => {
    const person = personOf.get(traderId);
    return person ? [{ ...person, ...line }] : [];
  });
  traders.sort((a, b) => a.name.localeCompare(b.name));
  return { traders, totals: firmTotals(traders), freshness };
}
