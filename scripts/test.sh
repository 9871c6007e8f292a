#!/usr/bin/env bash
# npm test: type check, unit + integration tests (Vitest), then browser tests (Playwright) against
# the production build. Sets up what they need: the Prisma clients, the build, Chromium, restic.
# PostgreSQL integration tests run too when TEST_PG_URL names a server (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's Chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Browser tests need Chromium at $chromium: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi

# The Backup Agent's tests drive Debian's restic (0.14 on Debian 12); never a downloaded build.
if ! command -v restic >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's restic for the Backup Agent tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq restic >/dev/null
  else
    echo "The Backup Agent tests need restic: run 'sudo apt-get install -y restic'." >&2
    exit 1
  fi
fi

[ -f generated/sqlite/client.ts ] && [ -f generated/postgres/client.ts ] || npm run db:generate

mkdir -p reports
# Before Vitest: the REST API suite drives the production server.
node scripts/ensure-build.mjs
npx vitest run --reporter=default --reporter=json --outputFile=reports/vitest.json
# After the build, so the route types it generates are current.
npx tsc --noEmit
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/e2e.json npx playwright test --reporter=list,json

node -e '
const fs = require("fs");
const unit = JSON.parse(fs.readFileSync("reports/vitest.json", "utf8"));
const e2e = JSON.parse(fs.readFileSync("reports/e2e.json", "utf8")).stats;
const passed = unit.numPassedTests + e2e.expected + e2e.flaky;
const failed = unit.numFailedTests + e2e.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped;
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
'
