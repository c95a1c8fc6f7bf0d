#!/bin/sh
# Migrates (MIGRATE_ON_START, default true) and seeds the demo data (SEED_DEMO_DATA, default
# false) before handing the process over to the app's server: Next.js's standalone output behind
# apps/web/scripts/server.ts, which settles the client's address (TRUSTED_PROXIES) first.
set -e
if [ "${MIGRATE_ON_START:-true}" = "true" ]; then
  node --import tsx /db/src/cli/migrate.ts
fi
if [ "${SEED_DEMO_DATA:-false}" = "true" ]; then
  node --import tsx /db/src/cli/seed.ts
fi
exec node apps/web/scripts/server.ts standalone
