import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;

export interface DbOptions {
  databaseUrl: string;
  /** Connections in the pg pool this client owns. */
  poolSize?: number;
  /** How long a query waits for a connection before failing, instead of hanging. */
  connectionTimeoutMs?: number;
}

/** A Prisma client on a pg pool (Prisma 7 driver adapter: no native query engine). */
export function createDb({
  databaseUrl,
  poolSize = 10,
  connectionTimeoutMs = 5_000,
}: DbOptions): Db {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: connectionTimeoutMs,
  });
  return new PrismaClient({ adapter });
}
