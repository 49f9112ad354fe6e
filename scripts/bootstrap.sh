#!/usr/bin/env bash
# Installs what this repository needs on a fresh machine with Node 20 and npm: the pinned pnpm and the
# workspace dependencies. With --system it also installs Debian's chromium and redis-server when missing;
# with --redis, only redis-server (the clustered demo needs it).
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "› installing pnpm@$PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || npm install -g "pnpm@$PNPM_VERSION"
fi

if [ "${1:-}" = "--system" ] || [ "${1:-}" = "--redis" ]; then
  missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ "${1:-}" = "--system" ]; then
    command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
    # python-socketio runs the Python client example of docs/protocol.md against a real server.
    /usr/bin/python3 -c 'import socketio, websocket' >/dev/null 2>&1 || missing+=(python3-socketio python3-websocket)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "› installing ${missing[*]} from Debian"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

echo "› installing dependencies"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | tail -n 5
