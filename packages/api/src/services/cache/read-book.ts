import type { CacheRead } from "@repo/risk-cache";
import type { ApiCache, ApiCacheKind } from "../../cache-policy.ts";
import type { TenantDb } from "../../data/tenant-db.ts";
import { isDatabaseUnavailable } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readBookVersion, type Versioned } from "./book-version.ts";

/**
 * Cache-aside for a value of a book (or the tenant summary), never older than the last write
 * acknowledged on any instance.
 *
 * While the cache's invalidations reach every instance, a write drops every copy before it
 * returns, so a cached value is current. While they may not (Redis away or hanging, the bus
 * silent), a write through another instance cannot reach this one's memory: a remembered value
 * is then served only if the book's version in PostgreSQL — one indexed row — is still the one
 * it was computed at; otherwise it is dropped and recomputed. With PostgreSQL away too, no write
 * can be acknowledged, so what is remembered is served as it is.
 */
export async function readBook<T>(
  deps: { db: TenantDb; cache: ApiCache },
  kind: ApiCacheKind,
  subject: Subject,
  compute: () => Promise<T>,
): Promise<CacheRead<T>> {
  const load = () => computeVersioned(deps.db, subject, compute);
  let read = await deps.cache.getOrCompute(kind, subject, load);
  if (
    !deps.cache.invalidationsReachEveryInstance &&
    read.freshness.source !== "computed" &&
    (await isBehind(deps.db, subject, read.value.bookVersion))
  ) {
    await deps.cache.invalidate(kind, subject);
    read = await deps.cache.getOrCompute(kind, subject, load);
  }
  return { value: read.value.value, freshness: read.freshness };
}

/**
 * A book value as the cache keeps it, with the book version it was computed at: what every
 * path that stores a book value (reads, warm-up) must store.
 */
export async function computeVersioned<T>(
  db: TenantDb,
  subject: Subject,
  compute: () => Promise<T>,
): Promise<Versioned<T>> {
  // Read before the book: a write committed in between makes the value look older than it is
  // (recomputed once more), never newer.
  const bookVersion = await readBookVersion(db, subject);
  return { bookVersion, value: await compute() };
}

async function isBehind(db: TenantDb, subject: Subject, bookVersion: number): Promise<boolean> {
  try {
    return (await readBookVersion(db, subject)) > bookVersion;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  }
}
