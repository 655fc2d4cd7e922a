#!/usr/bin/env bash
# Runs the README's "From zero to a first verified webhook" exactly as written: every fenced block
# after a `<!-- walkthrough -->` marker, in order, in one bash; the block after
# `<!-- walkthrough:background -->` (the product) in the background, stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d /tmp/wallet-walkthrough-XXXXXX)
node - "$WORK" <<'JS'
const { readFileSync, writeFileSync } = require('node:fs');
const [work] = process.argv.slice(2);
const readme = readFileSync('README.md', 'utf8');
const blocks = { background: [], foreground: [] };
for (const m of readme.matchAll(/<!-- walkthrough(:background)? -->\n```sh\n([\s\S]*?)```/g))
  blocks[m[1] ? 'background' : 'foreground'].push(m[2]);
if (blocks.background.length !== 1 || blocks.foreground.length < 4) throw new Error('walkthrough blocks not found');
writeFileSync(`${work}/background.sh`, blocks.background[0]);
writeFileSync(`${work}/foreground.sh`, blocks.foreground.join('\n'));
JS
had_data=$([ -d .data ] && echo yes || echo no)
bash "$WORK/background.sh" >"$WORK/stack.log" 2>&1 &
STACK=$!
stop() {
  # The product ran as `pnpm start`: stop its launcher as Ctrl-C would, by the pid in its lock file.
  if [ -f .data/stack.lock ]; then
    kill -INT "$(node -p 'JSON.parse(require("fs").readFileSync(".data/stack.lock", "utf8")).pid')" || true
  fi
  wait "$STACK" 2>/dev/null || true
  if [ "$had_data" = no ]; then rm -rf .data; fi
  rm -rf "$WORK"
}
trap stop EXIT
echo "-- the walkthrough's commands"
if ! timeout 300 bash -euo pipefail "$WORK/foreground.sh"; then
  echo "the walkthrough failed; the product said:"; cat "$WORK/stack.log"; exit 1
fi
echo "-- walkthrough passed"
