import type { Prisma } from "@repo/db";
import type { TenantDb } from "../../data/tenant-db.ts";
import { notFound } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import type { Versioned } from "../cache/book-version.ts";
import { LIMIT_RULE_SELECT } from "../limits/limit-view.ts";

/** Everything of one trader's book that risk needs (see `loadBook`). */
const BOOK_SELECT = {
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
    select: LIMIT_RULE_SELECT,
  },
  positions: {
    where: { closedAt: null },
    select: {
      quantity: true,
      instrument: { select: { id: true, symbol: true, sector: true } },
    },
  },
} satisfies Prisma.UserSelect;

export type Book = Prisma.UserGetPayload<{ select: typeof BOOK_SELECT }>;

/**
 * One trader's book as risk needs it — account, profile, active limits, open positions and what
 * they hold — and its version, in one query: the version comes from the same snapshot as the
 * book, so the cache can keep them together (services/cache/read-book.ts). Prices are not part
 * of it: they move every tick and come from the tenant's market (services/prices/market.ts), so
 * a book changes only with its own writes, each of which bumps its version.
 */
export async function loadBook(db: TenantDb, subject: Subject): Promise<Versioned<Book>> {
  const trader = await db.user.findUnique({
    where: { id: subject.userId },
    select: { bookVersion: true, ...BOOK_SELECT },
  });
  if (!trader) throw notFound("The trader");
  const { bookVersion, ...book } = trader;
  return { version: bookVersion, value: book };
}
