import { defineConfig } from "prisma/config";

// The datasource URL is only read by Prisma CLI commands that talk to a database; generating the
// client does not need one. Migrations run through packages/db (WebAssembly schema engine).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
