import type { TenantDb } from "../../data/tenant-db.ts";
import { notFound } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";

/**
 * Everything of one trader's book that risk needs, in one query: account, profile, active
 * limits, open positions and what they hold, open alerts. Prices are not part of it: they move
 * every tick and come from the tenant's market (services/prices/market.ts), so a book changes
 * only with its own writes, each of which bumps its version.
 */
export async function loadBook(db: TenantDb, subject: Subject) {
  const trader = await db.user.findUnique({
    where: { id: subject.userId },
    select: {
      account: { select: { cash: true, baseCurrency: true } },
      profile: {
        select: {
          riskTolerance: true,
          varConfidence: true,
          lookbackDays: true,
          maxDrawdownTolerance: true,
          version: true,
        },
      },
      limits: {
        where: { active: true },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          type: true,
          threshold: true,
          warnFraction: true,
          severity: true,
          symbol: true,
        },
      },
      // The open alerts' keys, so that recomputing an unchanged book writes nothing.
      alerts: { where: { resolvedAt: null }, select: { openKey: true } },
      positions: {
        where: { closedAt: null },
        select: {
          quantity: true,
          instrument: {
            select: { id: true, symbol: true, sector: true },
          },
        },
      },
    },
  });
  if (!trader) throw notFound("The trader");
  return trader;
}

export type Book = Awaited<ReturnType<typeof loadBook>>;
