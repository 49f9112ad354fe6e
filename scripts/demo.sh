#!/usr/bin/env bash
# Runs a demo app on a fresh machine: installs pnpm and dependencies, builds, and starts the app.
# Usage: bash scripts/demo.sh [chat|collab|dashboard|arena]   (default: chat). PORT picks the port (default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
APP="${1:-chat}"
if [ ! -d "apps/$APP" ]; then
  echo "No demo called \"$APP\". Available: $(ls apps | tr '\n' ' ')" >&2
  exit 2
fi
bash scripts/bootstrap.sh
pnpm exec turbo run build --filter="./apps/$APP..." --output-logs=errors-only
echo "› starting apps/$APP on http://localhost:${PORT:-3000}"
exec pnpm --filter "./apps/$APP" run start
