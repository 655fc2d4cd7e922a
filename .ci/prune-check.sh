#!/usr/bin/env bash
# Apps that deploy alone, without Docker: for each app, what its Dockerfile does. Prune the workspace
# to the app (turbo prune --docker), install from the pruned lockfile (--frozen-lockfile), build,
# keep only its production dependencies (pnpm deploy --prod), start that folder on its own against a
# scratch database of the CI PostgreSQL, and check its health and readiness (and its metrics with
# promtool when it is installed). The API starts first: it applies the migrations the workers need.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PNPM="npx -y pnpm@12.21.0"
# The apps run on the workspace's pinned Node (24), as in their images.
NODE=$ROOT/node_modules/.bin/node
SERVER_URL=${SERVER_URL:-postgres://postgres@127.0.0.1:5432/test}
WORK=$(mktemp -d /tmp/wallet-prune-XXXXXX)
DB="wallet_prune_$$"
PIDS=()
# One key for both apps that hold webhook secrets (the API encrypts, the dispatcher decrypts).
SECRET_KEYS="prune:$(head -c 32 /dev/urandom | base64)"
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql "$SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql "$SERVER_URL" -qc "CREATE DATABASE $DB"
DATABASE_URL="${SERVER_URL%/*}/$DB"

free_port() { "$NODE" -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# Waits until GET $1 answers 200; prints the app's log and fails otherwise.
wait_ok() {
  local url=$1 log=$2 pid=$3
  for _ in $(seq 1 120); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "the app exited"; cat "$log"; return 1; }
    sleep 0.5
  done
  echo "$url never answered 200"; cat "$log"; return 1
}

for app in api compliance-worker webhook-dispatcher; do
  started=$(date +%s)
  dir="$WORK/$app"
  echo "-- $app: prune"
  npx turbo prune "@wallet/$app" --docker --out-dir "$dir/pruned" >/dev/null
  mkdir -p "$dir/build"
  cp -r "$dir/pruned/json/." "$dir/build/"
  echo "-- $app: install from the pruned lockfile"
  (cd "$dir/build" && $PNPM install --frozen-lockfile --reporter=silent)
  cp -r "$dir/pruned/full/." "$dir/build/"
  echo "-- $app: build"
  (cd "$dir/build" && $PNPM exec turbo run build "--filter=@wallet/$app" --output-logs=errors-only >/dev/null)
  echo "-- $app: production dependencies only"
  (cd "$dir/build" && $PNPM --filter "@wallet/$app" deploy --prod "$dir/app" --reporter=silent)
  if [ -d "$dir/app/node_modules/typescript" ] || [ -d "$dir/app/node_modules/vitest" ]; then
    echo "$app: development dependencies in the production folder"; exit 1
  fi
  echo "   $(du -sh "$dir/app" | cut -f1) in $dir/app"

  echo "-- $app: start alone and check health"
  port=$(free_port)
  case $app in
    api) env_port=(PORT="$port" HOST=127.0.0.1); health="http://127.0.0.1:$port" ;;
    *) env_port=(METRICS_PORT="$port" METRICS_HOST=127.0.0.1); health="http://127.0.0.1:$port" ;;
  esac
  (cd "$dir/app" && exec env "${env_port[@]}" DATABASE_URL="$DATABASE_URL" LOG_LEVEL=warn \
    ADMIN_TOKEN=prune-check-admin-token-0123456789 WEBHOOK_SECRET_KEYS="$SECRET_KEYS" NODE_ENV=production \
    "$NODE" dist/main.js) >"$dir/app.log" 2>&1 &
  PIDS+=($!)
  wait_ok "$health/healthz" "$dir/app.log" "$!"
  wait_ok "$health/readyz" "$dir/app.log" "$!"
  curl -sf "$health/metrics" >"$dir/metrics.txt"
  if command -v promtool >/dev/null; then promtool check metrics <"$dir/metrics.txt"; fi
  echo "   $app healthy and ready on $health ($(($(date +%s) - started)) s)"
done

echo "-- stop: each app drains and exits 0 on SIGTERM"
for pid in "${PIDS[@]}"; do kill -TERM "$pid"; done
for pid in "${PIDS[@]}"; do wait "$pid"; done
PIDS=()
