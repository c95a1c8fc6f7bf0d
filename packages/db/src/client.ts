import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type Prisma, PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
/** The client an interactive transaction hands its callback. */
export type DbTx = Prisma.TransactionClient;

export interface DbOptions {
  databaseUrl: string;
  /** Connections in the pg pool this client owns. */
  poolSize?: number;
  /** How long a query waits for a connection before failing, instead of hanging. */
  connectionTimeoutMs?: number;
}

const POOLS = Symbol.for("@repo/db:pools");

/** Connection counts of a client's pool, as /api/metrics reports them. */
export interface DbPoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/**
 * Kept on globalThis, not in this module: Next bundles a package once per entry point (the
 * instrumentation hook, each route), so a client made in one bundle is looked up in another.
 */
const globalForPools = globalThis as typeof globalThis & {
  [POOLS]?: WeakMap<Db, pg.Pool>;
};
globalForPools[POOLS] ??= new WeakMap<Db, pg.Pool>();
const pools = globalForPools[POOLS];

/** A Prisma client on a pg pool (Prisma 7 driver adapter: no native query engine). */
export function createDb({
  databaseUrl,
  poolSize = 10,
  connectionTimeoutMs = 5_000,
}: DbOptions): Db {
  // The pool is built here rather than inside the adapter so that its connection counts can be
  // read (databasePool); disposeExternalPool keeps $disconnect closing it, as before.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: connectionTimeoutMs,
  });
  const db = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // Prisma gives a transaction 2 s to get a connection by default; under a burst of cache
    // misses a write would fail while the pool is merely busy. It waits as long as a query does.
    transactionOptions: { maxWait: Math.max(connectionTimeoutMs, 5_000), timeout: 15_000 },
  });
  pools.set(db, pool);
  return db;
}

/** The pg pool of a client made by createDb (undefined for any other client). */
export function databasePool(db: Db): DbPoolCounts | undefined {
  return poolOf(db);
}

/** The pool itself, for the test helper that watches what a client sends (testing/). */
export function poolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
}
