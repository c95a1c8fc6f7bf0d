import type { CacheRead } from "@repo/risk-cache";
import type { TenantDb, TenantTx } from "../../data/tenant-db.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { TENANT_SUMMARY_USER } from "./invalidate-book.ts";

/** A cached value and the version (of a book, of a market) it was computed at. */
export interface Versioned<T> {
  version: number;
  value: T;
}

/** A cache read of a versioned value: the value, its freshness and the version it was made at. */
export type VersionedRead<T> = CacheRead<T> & Versioned<T>;

/**
 * The version of what `subject` names: one trader's book, or for the tenant summary the sum of
 * every book's (each only grows, so the sum moves whenever any book does). Database triggers
 * bump a trader's version in every transaction that changes the book (prisma/schema.prisma).
 * A trader that is gone reads as version 0: nothing cached of them can be newer.
 */
export async function readBookVersion(db: TenantDb | TenantTx, subject: Subject): Promise<number> {
  if (subject.userId === TENANT_SUMMARY_USER) {
    const { _sum } = await db.user.aggregate({ _sum: { bookVersion: true } });
    return _sum.bookVersion ?? 0;
  }
  const user = await db.user.findFirst({
    where: { id: subject.userId },
    select: { bookVersion: true },
  });
  return user?.bookVersion ?? 0;
}

/** The version of one trader's alerts, bumped by a trigger on every change of their rows. */
export async function readAlertVersion(db: TenantDb | TenantTx, subject: Subject): Promise<number> {
  const user = await db.user.findFirst({
    where: { id: subject.userId },
    select: { alertVersion: true },
  });
  return user?.alertVersion ?? 0;
}
