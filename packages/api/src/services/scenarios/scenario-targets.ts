import type { TenantDb } from "../../data/tenant-db.ts";

/** What a scenario's move can name: the symbols and the sectors of the firm's instruments. */
export async function scenarioTargets(
  db: TenantDb,
): Promise<{ symbols: string[]; sectors: string[] }> {
  const instruments = await db.instrument.findMany({
    select: { symbol: true, sector: true },
    orderBy: { symbol: "asc" },
  });
  return {
    symbols: instruments.map((i) => i.symbol),
    sectors: [...new Set(instruments.map((i) => i.sector))].sort(),
  };
}
