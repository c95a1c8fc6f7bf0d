import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const config: NextConfig = {
  // The Docker image runs the self-contained server; `next start` is used everywhere else.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Trace files from the monorepo root so workspace packages land in the standalone output.
  outputFileTracingRoot: fileURLToPath(new URL("../../", import.meta.url)),
  // Workspace packages ship TypeScript source, compiled by Next along with the app.
  transpilePackages: ["@repo/api", "@repo/db", "@repo/risk-cache", "@repo/risk-engine"],
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: true,
};

export default config;
