import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import { envFlag } from "./src/server/env-flag.ts";
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "./src/server/security-headers.ts";

/**
 * Benchmark routes (`route.bench.ts`) are built only when BENCH_ROUTES is set at build time, as
 * `pnpm bench:http` does: a product build has no such route, nor the Redis connection it opens.
 */
const benchRoutes = envFlag.default(false).parse(process.env.BENCH_ROUTES);

const config: NextConfig = {
  // The Docker image runs the self-contained server; `next start` is used everywhere else.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Trace files from the monorepo root so workspace packages land in the standalone output.
  outputFileTracingRoot: fileURLToPath(new URL("../../", import.meta.url)),
  // Workspace packages ship TypeScript source, compiled by Next along with the app.
  transpilePackages: ["@repo/api", "@repo/db", "@repo/risk-cache", "@repo/risk-engine"],
  serverExternalPackages: ["pg", "@prisma/adapter-pg"],
  pageExtensions: ["tsx", "ts", "jsx", "js", ...(benchRoutes ? ["bench.ts"] : [])],
  poweredByHeader: false,
  typedRoutes: true,
  // Pages get their Content-Security-Policy, with a nonce per request, from src/proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: [...SECURITY_HEADERS] },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default config;
