#!/usr/bin/env bash
# Every check CI runs (.ci/run calls this): setup, formatting, lints, the model without web
# dependencies, native tests, browser unit tests, the release build, end-to-end tests.
# Exits non-zero at the first failure and prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
step_started=$SECONDS
step_name=""
timings=()

step() {
  finish_step
  step_name="$1"
  step_started=$SECONDS
  printf '\n\033[1m==> %s\033[0m\n' "$step_name"
}

finish_step() {
  if [ -n "$step_name" ]; then
    timings+=("$(printf '%4ds  %s' $((SECONDS - step_started)) "$step_name")")
  fi
}

server_pid=""
on_exit() {
  local status=$?
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    printf '\n\033[1;31mFAILED\033[0m in step: %s (exit %s)\n' "${step_name:-setup}" "$status"
  fi
  exit "$status"
}
trap on_exit EXIT

step "setup: tools (scripts/setup.sh)"
source scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all --check

step "clippy, native, default features"
cargo clippy --all-targets -- -D warnings

step "clippy, native, feature web"
cargo clippy --all-targets --features web -- -D warnings

step "clippy, wasm32, feature web (library, app, browser tests)"
cargo clippy --target wasm32-unknown-unknown --features web --lib --bin ics-whatif-web --test web -- -D warnings

step "the model builds without web dependencies"
cargo build --no-default-features --lib

step "cargo test (native: unit, property, CLI and golden tests)"
cargo test

step "browser unit tests (wasm-bindgen-test in headless Chromium)"
cargo test --target wasm32-unknown-unknown --features web --test web

step "trunk build --release"
trunk build --release
wasm=$(ls dist/*.wasm)
printf 'release wasm: %s bytes raw, %s bytes gzipped\n' "$(stat -c %s "$wasm")" "$(gzip -9c "$wasm" | wc -c)"

step "end-to-end tests (node --test tests/e2e/ against dist/)"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.1
done
ICS_E2E_URL="http://127.0.0.1:$port/" node --test tests/e2e/

finish_step
step_name=""
printf '\n\033[1;32mAll checks passed\033[0m in %ds:\n' $((SECONDS - started))
printf '%s\n' "${timings[@]}"
