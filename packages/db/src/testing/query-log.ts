import { type Db, poolOf } from "../client.ts";

export interface QueryLog {
  /** The SQL of every statement sent since the log began, in order. */
  readonly statements: readonly string[];
  stop(): void;
}

function sqlOf(query: unknown): string {
  if (typeof query === "object" && query !== null && "text" in query) return String(query.text);
  return String(query);
}

/**
 * Records each statement a client made by createDb sends outside a transaction — Prisma's pg
 * adapter runs those through the pool's `query` — so a test can tell what a request cost
 * PostgreSQL, such as nothing at all for a read served from the cache.
 */
export function recordQueries(db: Db): QueryLog {
  const pool = poolOf(db);
  if (!pool) throw new Error("recordQueries needs a client made by createDb");
  const statements: string[] = [];
  const query = pool.query;
  pool.query = new Proxy(query, {
    apply(target, thisArg, args) {
      statements.push(sqlOf(args[0]));
      return Reflect.apply(target, thisArg, args);
    },
  });
  return {
    statements,
    stop: () => {
      pool.query = query;
    },
  };
}
