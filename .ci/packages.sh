#!/usr/bin/env bash
# Packages another repository can install: packs the five publishable packages with `pnpm pack` (which
# replaces `catalog:` and `workspace:` ranges), installs the tarballs with plain npm into a project
# OUTSIDE the workspace, and checks them against the running product (the stack on a scratch database):
# @wallet/client drives the API, @wallet/webhooks verifies a real signed delivery from the dispatcher.
# Needs a built workspace and the PostgreSQL server of SERVER_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# The product runs on the workspace's pinned Node (24), as `pnpm start` does; the consumer on the system one.
PRODUCT_NODE=$ROOT/node_modules/.bin/node
SERVER_URL=${SERVER_URL:-postgres://postgres@127.0.0.1:5432/test}
WORK=$(mktemp -d /tmp/wallet-packages-XXXXXX)
chmod 755 "$WORK"
DB="wallet_packages_$$"
STACK_PID=""
cleanup() {
  if [ -n "$STACK_PID" ]; then kill "$STACK_PID" 2>/dev/null && wait "$STACK_PID" 2>/dev/null || true; fi
  psql "$SERVER_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "-- pack with pnpm"
mkdir -p "$WORK/tarballs"
for pkg in domain errors validation webhooks client; do
  (cd "packages/$pkg" && npx -y pnpm@12.21.0 pack --pack-destination "$WORK/tarballs" >/dev/null)
done
for tarball in "$WORK"/tarballs/*.tgz; do
  manifest=$(tar -xOzf "$tarball" package/package.json)
  if grep -qE '"(catalog|workspace):' <<<"$manifest"; then
    echo "$tarball still has catalog: or workspace: ranges"; exit 1
  fi
  contents=$(tar -tzf "$tarball")
  for file in package/LICENSE package/README.md package/dist/index.js package/dist/index.d.ts; do
    grep -qx "$file" <<<"$contents" || { echo "$tarball lacks $file"; exit 1; }
  done
done
ls "$WORK/tarballs"

echo "-- install with npm outside the workspace"
mkdir -p "$WORK/consumer"
cp .ci/package-consumer/check.mjs "$WORK/consumer/"
cd "$WORK/consumer"
printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
npm install --no-audit --no-fund --loglevel=error "$WORK"/tarballs/*.tgz
cd "$ROOT"

echo "-- the product, on a scratch database"
psql "$SERVER_URL" -qc "CREATE DATABASE $DB"
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
DATABASE_URL="${SERVER_URL%/*}/$DB" STACK_DATA_DIR="$WORK/stack" PORT=$PORT HOST=127.0.0.1 LOG_LEVEL=warn \
  WEBHOOK_ALLOW_PRIVATE_NETWORKS=true "$PRODUCT_NODE" apps/stack/dist/main.js >"$WORK/stack.log" 2>&1 &
STACK_PID=$!
for _ in $(seq 1 120); do
  if [ "$(grep -c 'listening on' "$WORK/stack.log")" -ge 3 ]; then break; fi
  kill -0 "$STACK_PID" 2>/dev/null || { cat "$WORK/stack.log"; exit 1; }
  sleep 0.5
done
grep '^\[stack\]' "$WORK/stack.log" | grep -v ADMIN_TOKEN

echo "-- the installed packages against it"
(cd "$WORK/consumer" && node check.mjs "http://127.0.0.1:$PORT" "$(cat "$WORK/stack/admin-token")") || {
  cat "$WORK/stack.log"; exit 1;
}
