#!/usr/bin/env bash
# Regenerates the single initial migration from db/schema. Only valid while no database outside
# development has applied it; after the first release, add migrations with `npm run db:generate`.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf db/migrations
npx drizzle-kit generate --name init >/dev/null
sql=$(ls db/migrations/0000_*.sql)
{ echo 'CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint'; cat "$sql"; } >"$sql.tmp" && mv "$sql.tmp" "$sql"
echo "regenerated $sql"
