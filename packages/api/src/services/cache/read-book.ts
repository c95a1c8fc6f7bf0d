import type { ApiCacheKind } from "../../cache-policy.ts";
import type { TenantDb, TenantTx } from "../../data/tenant-db.ts";
import type { ReadDeps } from "../../deps.ts";
import { isDatabaseUnavailable } from "../../errors.ts";
import type { Subject } from "../auth/resolve-subject.ts";
import { readBookVersion, type Versioned, type VersionedRead } from "./book-version.ts";

/** Reads the version in PostgreSQL that a cached value of a subject was computed at. */
export type VersionReader = (db: TenantDb | TenantTx, subject: Subject) => Promise<number>;

/**
 * Cache-aside for a value of a book (or the tenant summary), never older than the last write
 * acknowledged on any instance. Also answers the book version the value was computed at.
 */
export function readBook<T>(
  deps: ReadDeps,
  kind: ApiCacheKind,
  subject: Subject,
  compute: () => Promise<T>,
): Promise<VersionedRead<T>> {
  return readChecked(deps, kind, subject, readBookVersion, () =>
    computeVersioned(deps.db, subject, compute),
  );
}

/**
 * Cache-aside for a value whose source carries a version in PostgreSQL that every change bumps
 * (a book's version, a tenant's price tick), never older than the last change acknowledged on
 * any instance. `load` answers the value with the version it was read at (one query when it can,
 * else `computeVersioned`); `readVersion` reads the version alone.
 *
 * While the cache's invalidations reach every instance, a change drops every copy before it
 * returns, so a cached value is current. While they may not (Redis away or hanging, the bus
 * silent), a change through another instance cannot reach this one's memory: a remembered value
 * is then served only if the version in PostgreSQL — one indexed row — is still the one it was
 * computed at; otherwise it is dropped and recomputed. With PostgreSQL away too, no change can
 * be acknowledged, so what is remembered is served as it is.
 */
export async function readChecked<T>(
  deps: ReadDeps,
  kind: ApiCacheKind,
  subject: Subject,
  readVersion: VersionReader,
  load: () => Promise<Versioned<T>>,
): Promise<VersionedRead<T>> {
  let read = await deps.cache.getOrCompute(kind, subject, load);
  if (
    !deps.cache.invalidationsReachEveryInstance &&
    read.freshness.source !== "computed" &&
    (await isBehind(deps.db, subject, read.value.version, readVersion))
  ) {
    await deps.cache.invalidate(kind, subject);
    read = await deps.cache.getOrCompute(kind, subject, load);
  }
  return { value: read.value.value, freshness: read.freshness, version: read.value.version };
}

/**
 * A value as the cache keeps it, with the version it was computed at, for a value whose query
 * cannot read the version itself: what every path that stores a versioned value (reads,
 * warm-up) must store.
 */
export async function computeVersioned<T>(
  db: TenantDb,
  subject: Subject,
  compute: () => Promise<T>,
  readVersion: VersionReader = readBookVersion,
): Promise<Versioned<T>> {
  // Read before the value: a change committed in between makes the value look older than it is
  // (recomputed once more), never newer.
  const version = await readVersion(db, subject);
  return { version, value: await compute() };
}

async function isBehind(
  db: TenantDb,
  subject: Subject,
  version: number,
  readVersion: VersionReader,
): Promise<boolean> {
  try {
    return (await readVersion(db, subject)) > version;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  }
}
