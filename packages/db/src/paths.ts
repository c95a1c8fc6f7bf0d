import { fileURLToPath } from "node:url";

/**
 * The repository's prisma/ folder: schema.prisma and the committed migrations. PRISMA_DIR points
 * elsewhere where the package runs outside the repository (the Docker image).
 */
const configured = process.env.PRISMA_DIR;
export const prismaDir = configured
  ? `${configured.replace(/\/$/, "")}/`
  : fileURLToPath(new URL("../../../prisma/", import.meta.url));
export const schemaPath = `${prismaDir}schema.prisma`;
export const migrationsDir = `${prismaDir}migrations`;
