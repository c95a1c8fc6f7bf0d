import type { Db } from "@repo/db";

const READS_AND_WRITES_BY_WHERE = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

type Args = Record<string, unknown>;

function withTenant(operation: string, args: Args, tenantId: string): Args {
  if (READS_AND_WRITES_BY_WHERE.has(operation)) {
    return { ...args, where: { ...(args.where as Args | undefined), tenantId } };
  }
  if (operation === "create") return { ...args, data: { ...(args.data as Args), tenantId } };
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const rows = Array.isArray(args.data) ? args.data : [args.data];
    return { ...args, data: rows.map((row: Args) => ({ ...row, tenantId })) };
  }
  if (operation === "upsert") {
    return {
      ...args,
      where: { ...(args.where as Args), tenantId },
      create: { ...(args.create as Args), tenantId },
    };
  }
  throw new Error(`tenant-db: no tenant rule for ${operation}`);
}

function scopeToTenant(db: Db, tenantId: string) {
  return db.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (model === "Tenant") {
            if (!operation.startsWith("find")) throw new Error("tenant-db: tenants are read-only");
            return query({
              ...(args as Args),
              where: { ...((args as Args).where as Args), id: tenantId },
            });
          }
          return query(withTenant(operation, args as Args, tenantId) as never);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof scopeToTenant>;

// Every signed-in request needs its tenant's client; building one is an $extends per request,
// so each (client, tenant) pair is built once and reused (tenants are few and long-lived).
const scoped = new WeakMap<Db, Map<string, TenantDb>>();

/**
 * The database as one tenant sees it: every model query gets `tenantId` added to its filter or
 * its new rows, so a query that forgets the tenant cannot be written against this client. The
 * Tenant model itself is read-only here and filtered by its id. Raw SQL is not rewritten: the
 * few raw queries bind the tenant themselves (see services/risk/load-history.ts).
 */
export function tenantDb(db: Db, tenantId: string): TenantDb {
  let byTenant = scoped.get(db);
  if (!byTenant) {
    byTenant = new Map();
    scoped.set(db, byTenant);
  }
  let client = byTenant.get(tenantId);
  if (!client) {
    client = scopeToTenant(db, tenantId);
    byTenant.set(tenantId, client);
  }
  return client;
}
/** The client inside `tenantDb.$transaction(async (tx) => …)`: scoped the same way. */
export type TenantTx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];
