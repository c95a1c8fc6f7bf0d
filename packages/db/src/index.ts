export {
  createDb,
  type Db,
  type DbOptions,
  type DbPoolCounts,
  type DbTx,
  databasePool,
} from "./client.ts";
export { Prisma } from "./generated/prisma/client.ts";
export * from "./generated/prisma/enums.ts";
export { checkDatabase, type DatabaseCheck } from "./health.ts";
export { hashPassword, verifyPassword } from "./password.ts";
