#!/usr/bin/env bash
# Runs a demo app on a fresh machine: installs pnpm and dependencies, builds, and starts the app.
# Usage: bash scripts/demo.sh [chat|collab|dashboard|arena] [--workers N]   (default: chat, 1 worker).
# PORT picks the port (default 3000). `chat --workers 2` runs the chat on N processes behind one port
# (Node's cluster + @socket.io/sticky) over a redis-server this script starts on a free port and stops on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
APP="${1:-chat}"
[ $# -gt 0 ] && shift
WORKERS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) WORKERS="${2:-}"; shift 2 || shift ;;
    --workers=*) WORKERS="${1#*=}"; shift ;;
    *) echo "Unknown option \"$1\". Usage: npm run demo -- <app> [--workers N]" >&2; exit 2 ;;
  esac
done
if [ ! -d "apps/$APP" ]; then
  echo "No demo called \"$APP\". Available: $(ls apps | tr '\n' ' ')" >&2
  exit 2
fi
if ! [[ "$WORKERS" =~ ^[1-9][0-9]*$ ]]; then
  echo "--workers takes a number of processes, e.g. --workers 2" >&2
  exit 2
fi
if [ "$WORKERS" -gt 1 ] && [ "$APP" != chat ]; then
  echo "--workers is supported by the chat demo (the others run as one process)." >&2
  exit 2
fi

if [ "$WORKERS" -eq 1 ]; then
  bash scripts/bootstrap.sh
  pnpm exec turbo run build --filter="./apps/$APP..." --output-logs=errors-only
  echo "› starting apps/$APP on http://localhost:${PORT:-3000}"
  exec pnpm --filter "./apps/$APP" run start
fi

bash scripts/bootstrap.sh --redis
pnpm exec turbo run build --filter="./apps/$APP..." --output-logs=errors-only

# A redis-server of our own on a free port, without persistence, stopped however this script ends.
REDIS_DIR="$(mktemp -d)"
REDIS_PORT="$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close() })")"
APP_PID=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ -f "$REDIS_DIR/redis.pid" ]; then kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true; fi
  sleep 0.2
  rm -rf "$REDIS_DIR"
  echo "› stopped the chat and redis-server"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$REDIS_DIR/redis.pid" --dir "$REDIS_DIR" --logfile "$REDIS_DIR/redis.log"
for _ in $(seq 1 50); do
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
  sleep 0.1
done
echo "› redis-server on 127.0.0.1:$REDIS_PORT"
echo "› starting apps/$APP on http://localhost:${PORT:-3000} with $WORKERS workers"
(cd "apps/$APP" && REDIS_URL="redis://127.0.0.1:$REDIS_PORT" WORKERS="$WORKERS" exec pnpm exec tsx --conditions=@volley/source server/cluster.ts) &
APP_PID=$!
wait "$APP_PID"
