#!/usr/bin/env bash
# npm test: formatting, layer rules, lint, type check, unit + integration tests (Vitest), then browser
# tests (Playwright) against the production build. Sets up what they need: the Prisma clients, the
# build, Chromium, restic.
# PostgreSQL integration tests run too when TEST_PG_URL names a server (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

# Installs a Debian package the tests need when it is missing (as root), else says how to.
ensure_debian_package() {
  local package="$1" present="$2" purpose="$3"
  eval "$present" && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's $package for $purpose…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    echo "$purpose need $package: run 'sudo apt-get install -y $package'." >&2
    exit 1
  fi
}

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
ensure_debian_package chromium '[ -x "$chromium" ]' "the browser tests (or set CHROMIUM_PATH)"
# The Backup Agent's tests drive Debian's restic (0.14 on Debian 12); never a downloaded build.
ensure_debian_package restic 'command -v restic >/dev/null' "the Backup Agent tests"

[ -f generated/sqlite/client.ts ] && [ -f generated/postgres/client.ts ] || npm run db:generate

mkdir -p reports
# Formatting first: it takes seconds and says at once what would fail review.
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "Run npm run format." >&2; exit 1; }
# The layer rules (README, Architecture), in seconds too: only violations not in the baseline fail.
npm run -s lint:layers
# ESLint (React, hooks, accessibility, TypeScript; no warning passes): about 15 s.
npm run -s lint
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
