#!/usr/bin/env bash
# The model's speed in headless Chromium, the app's cold start and its wasm size, written to
# benches/web-results.md (beside the native figures of scripts/bench.sh, which it quotes
# when benches/results.md exists), and slider latency (tests/e2e/perf.mjs) written to
# benches/web-latency.md. Builds into target/bench-web/, never dist/.
# Usage: bash scripts/bench-web.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

out=target/bench-web
# build PAGE DIR: a release build, checked: a trunk build running at the same time in the
# same tree (scripts/test.sh) shares target/ and can leave a truncated wasm; one retry.
build() {
  local try
  for try in 1 2; do
    trunk build "$1" --release --dist "$2"
    if [ "$(head -c 4 "$2"/*.wasm | od -An -tx1 | tr -d ' \n')" = 0061736d ]; then return; fi
    echo "bench-web: $2 has no valid wasm (another build at the same time?); rebuilding" >&2
  done
  return 1
}
build index.html "$out/app"
build benches/bench.html "$out/bench"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
serve() {
  local port=$1 dir=$2
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && return; sleep 0.1; done
  echo "server on $port did not start" >&2
  return 1
}
app_port=$(free_port); serve "$app_port" "$out/app"
bench_port=$(free_port); serve "$bench_port" "$out/bench"

APP_URL="http://127.0.0.1:$app_port/" BENCH_URL="http://127.0.0.1:$bench_port/" APP_DIST="$out/app" \
  node tests/e2e/bench-web.mjs
# Slider latency on the same served build: benches/web-latency.md.
node tests/e2e/perf.mjs "http://127.0.0.1:$app_port/"
