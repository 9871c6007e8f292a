#!/usr/bin/env bash
# Authors a migration for both databases (prisma migrate dev cannot run with the js engine).
# Usage: npm run db:new-migration -- <name>
# It diffs the schema as last committed (what the existing migrations build; the drift test
# keeps that true) against the working schema, for each provider, and writes
# prisma/<provider>/migrations/<UTC timestamp>_<name>/migration.sql. Review the SQL, then commit.
# The PostgreSQL diff needs a reachable server (PG_URL, default the local one); it changes nothing there.
set -euo pipefail
name="${1:?usage: npm run db:new-migration -- <name>}"
cd "$(dirname "$0")/.."
node scripts/gen-pg-schema.mjs
stamp="$(date -u +%Y%m%d%H%M%S)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for provider in sqlite postgres; do
  case "$provider" in
    sqlite) url="file::memory:"; lock_provider="sqlite" ;;
    postgres) url="${PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"; lock_provider="postgresql" ;;
  esac
  dir="prisma/$provider/migrations"
  if [ -d "$dir" ] && ls "$dir" | grep -q '^[0-9]'; then
    git show HEAD:prisma/sqlite/schema.prisma > "$tmp/previous-sqlite.prisma"
    if [ "$provider" = postgres ]; then
      node -e 'import("./scripts/gen-pg-schema.mjs").then(m => process.stdout.write(m.postgresSchemaFrom(require("fs").readFileSync(process.argv[1], "utf8"))))' "$tmp/previous-sqlite.prisma" > "$tmp/previous.prisma"
    else
      cp "$tmp/previous-sqlite.prisma" "$tmp/previous.prisma"
    fi
    from=(--from-schema-datamodel "$tmp/previous.prisma")
  else
    from=(--from-empty)
  fi
  sql="$(DATABASE_URL="$url" npx prisma migrate diff "${from[@]}" --to-schema-datamodel "prisma/$provider/schema.prisma" --script 2>/dev/null)"
  if ! grep -qv '^--' <<<"$(grep -v '^\s*$' <<<"$sql")"; then
    echo "$provider: no changes"
    continue
  fi
  mkdir -p "$dir/${stamp}_${name}"
  printf '%s\n' "$sql" > "$dir/${stamp}_${name}/migration.sql"
  [ -f "$dir/migration_lock.toml" ] || printf '# Do not edit by hand.\nprovider = "%s"\n' "$lock_provider" > "$dir/migration_lock.toml"
  echo "$provider: wrote $dir/${stamp}_${name}/migration.sql"
done
