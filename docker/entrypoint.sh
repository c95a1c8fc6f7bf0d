#!/bin/sh
# Migrates (MIGRATE_ON_START, default true) and seeds the demo data (SEED_DEMO_DATA, default
# false) before handing the process over to the Next.js server.
set -e
if [ "${MIGRATE_ON_START:-true}" = "true" ]; then
  node --import tsx /db/src/cli/migrate.ts
fi
if [ "${SEED_DEMO_DATA:-false}" = "true" ]; then
  node --import tsx /db/src/cli/seed.ts
fi
exec node apps/web/server.js
