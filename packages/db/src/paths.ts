import { fileURLToPath } from "node:url";

/** The repository's prisma/ folder: schema.prisma and the committed migrations. */
export const prismaDir = fileURLToPath(new URL("../../../prisma/", import.meta.url));
export const schemaPath = `${prismaDir}schema.prisma`;
export const migrationsDir = `${prismaDir}migrations`;
