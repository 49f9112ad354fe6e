#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs, then runs lint, format check, type
# check, every vitest project (unit, integration, type tests), the consumer suite (the packed packages
# installed with npm outside the repo), the API reference and every app's browser tests, and ends with the
# line `N passed, N failed` summed from their JSON reports.
set -uo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 CI="${CI:-true}"

bash scripts/bootstrap.sh --system || { echo "bootstrap failed"; echo "0 passed, 1 failed"; exit 1; }

rm -rf .reports && mkdir -p .reports
status=0
step() {
  local name="$1"; shift
  echo "━━ $name"
  if ! "$@"; then
    echo "✗ $name failed"
    echo "$name" >> .reports/failed-steps.txt
    status=1
  fi
}

step "lint" pnpm run lint
step "format check" pnpm run format:check
step "type check" pnpm run typecheck
step "build" pnpm run build
step "unit and integration tests" pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json
step "consumer tests" pnpm run test:consumer --reporter=default --reporter=json --outputFile.json=../../.reports/consumer.json
step "api reference" pnpm run docs:api
step "browser tests" pnpm run test:e2e

node scripts/summarize.mjs || status=1
exit "$status"
