import type { Freshness } from "@repo/risk-cache";
import type { RiskScore } from "@repo/risk-engine";
import { tenantSummary } from "../cache/invalidate-book.ts";
import { readBook } from "../cache/read-book.ts";
import type { MetricsDeps } from "../risk/get-metrics.ts";
import { computeTradersSummary } from "./traders-summary.ts";

export interface TraderRow {
  id: string;
  name: string;
  email: string;
  score: Pick<RiskScore, "value" | "status" | "driver">;
  openBreaches: number;
}

/**
 * The admins' overview of their tenant. Scores and counts come from the cached summary (dropped
 * whenever any trader's metrics are); names and emails are joined from the database after the
 * cache read, since the cache may hold no personal data. A trader deactivated since the summary
 * was cached drops out here.
 */
export async function listTraders(
  deps: MetricsDeps,
  tenantId: string,
): Promise<{ traders: TraderRow[]; freshness: Freshness }> {
  const { value: lines, freshness } = await readBook(deps, "traders", tenantSummary(tenantId), () =>
    computeTradersSummary(deps, tenantId),
  );
  const people = await deps.db.user.findMany({
    where: { id: { in: lines.map((line) => line.traderId) }, role: "TRADER", active: true },
    select: { id: true, name: true, email: true },
  });
  const personOf = new Map(people.map((person) => [person.id, person]));
  const traders = lines.flatMap(({ traderId, score, openBreaches }) => {
    const person = personOf.get(traderId);
    return person ? [{ ...person, score, openBreaches }] : [];
  });
  traders.sort((a, b) => a.name.localeCompare(b.name));
  return { traders, freshness };
}
