#!/usr/bin/env bash
# Every check CI runs (.ci/run calls this): setup, formatting, lints, the model without web
# dependencies, native tests, browser unit tests, the release build, end-to-end tests.
# Stops at the first failure and exits non-zero; KEEP_GOING=1 runs every step anyway and
# lists the failures at the end. Prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
summary=()
failed=()
server_pid=""

cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap cleanup EXIT

report() {
  printf '\n\033[1mSteps\033[0m (%ds in all):\n' $((SECONDS - started))
  printf '%s\n' "${summary[@]}"
}

# step NAME COMMAND...: runs one check under a header and records its time and outcome.
step() {
  local name=$1 t0=$SECONDS status=0
  shift
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  "$@" || status=$?
  if [ "$status" -eq 0 ]; then
    summary+=("$(printf '  ok    %4ds  %s' $((SECONDS - t0)) "$name")")
  else
    summary+=("$(printf '  FAIL  %4ds  %s' $((SECONDS - t0)) "$name")")
    failed+=("$name")
    if [ "${KEEP_GOING:-0}" != 1 ]; then
      report
      printf '\n\033[1;31mFAILED:\033[0m %s (exit %s)\n' "$name" "$status"
      exit 1
    fi
  fi
}

# The release wasm's budget, gzipped (gzip -9): README "Performance" (< 540 KB). The wasm grew
# from 352 to 472 KB unnoticed before this check; README ("Performance") says where the bytes go.
# Raised from 400 KB (409,600 bytes) when the board brief, the projector and workshop file,
# phasing, the room's fixes and the Places and All systems views took it from 373 KB to 483 KB
# (README, "Bundle size"): a decision, written down, not a drift. Raised again from 480 KB to
# 540 KB (552,960 bytes) when goal seeking in the app, levers aimed at places, 80% ranges and
# the workshop link took it to 535 KB (README, "Bundle size, fifth session"). Raised again from
# 540 KB to 560 KB (573,440 bytes) at the seventh session, when places' 80% ranges, the
# record warnings and the productivity text, the acts' kept secret and the prediction box, and
# the charts' new marks took it past 540 KB (README, "Bundle size, seventh session"): the goal
# of issue 12 (300 KB) is not met. Raised again from 560 KB to 580 KB (593,920 bytes) at the
# eighth session, when today's mark and the brief's paired ranges, the room's leftovers, the
# places' gap rules, the four purposes' definitions and the five-wide exp took it to 580,219 (README, "Bundle
# size, eighth session"). Lowered to 508 KB (520,192 bytes) at the ninth session, when one shared
# sort, the scenario code built for size, ASCII case and wasm-opt --low-memory-unused took it
# from 580,508 to 518,595 (README, "Bundle size, ninth session"); the budget was 520 KB
# (532,480 bytes). Raised to 530 KB (542,720 bytes) at the tenth session, when the area search
# by council name, the All systems scale, the place-aim warning, the waterfall drawn as one
# and the levers' keyboard path took it from 524,875 to 538,288 (README, "Bundle size, tenth
# session"): still 42 KB under the eighth session's.
WASM_GZIP_BUDGET=${WASM_GZIP_BUDGET:-542720}

release_build() {
  trunk build --release || return
  local wasm gz
  wasm=$(ls dist/*.wasm) || return
  gz=$(gzip -9c "$wasm" | wc -c)
  printf 'release wasm: %s bytes raw, %s bytes gzipped (gzip -9; budget %s)\n' \
    "$(stat -c %s "$wasm")" "$gz" "$WASM_GZIP_BUDGET"
  if [ "$gz" -gt "$WASM_GZIP_BUDGET" ]; then
    echo "the release wasm is over its budget of $WASM_GZIP_BUDGET bytes gzipped" >&2
    return 1
  fi
}

# Serves dist/ on a free port (the built files, as a static host would) for the e2e tests.
end_to_end() {
  local port status=0
  [ -f dist/index.html ] || { echo "no dist/: the release build failed" >&2; return 1; }
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') || return
  python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
    sleep 0.1
  done
  # Every tests/e2e/*.test.mjs, two files at a time, largest first (tests/e2e/run.mjs says why).
  ICS_E2E_URL="http://127.0.0.1:$port/" node tests/e2e/run.mjs || status=$?
  cleanup
  return "$status"
}

printf '\033[1m==> setup (scripts/setup.sh)\033[0m\n'
t0=$SECONDS
source scripts/setup.sh
summary+=("$(printf '  ok    %4ds  %s' $((SECONDS - t0)) "setup")")

step "cargo fmt --check" cargo fmt --all --check
step "clippy: native" cargo clippy --all-targets -- -D warnings
step "clippy: native, feature web" cargo clippy --all-targets --features web -- -D warnings
step "clippy: wasm32, feature web (library, app, browser tests)" \
  cargo clippy --target wasm32-unknown-unknown --features web --lib --bin ics-whatif-web --test web -- -D warnings
step "clippy: wasm32, the app's release package (web/)" \
  cargo clippy --target wasm32-unknown-unknown -p ics-whatif-web --all-targets -- -D warnings
step "the model builds without web dependencies" cargo build --no-default-features --lib
step "native tests (unit, property, CLI, golden)" cargo test --no-fail-fast
# The app's own unit tests (slider mark layout, number formats, keys in messages, the active
# preset) compile only with the feature web; they need no browser.
step "native tests of the app's components (feature web)" cargo test --features web --lib ui::
step "browser unit tests (wasm-bindgen-test, headless Chromium)" \
  cargo test --target wasm32-unknown-unknown --features web --test web
step "release build (trunk build --release)" release_build
step "end-to-end tests (tests/e2e/run.mjs: node --test, two files at a time; dist/ on 127.0.0.1)" end_to_end

report
if [ "${#failed[@]}" -gt 0 ]; then
  printf '\n\033[1;31mFAILED:\033[0m\n'
  printf '  %s\n' "${failed[@]}"
  exit 1
fi
printf '\n\033[1;32mAll checks passed.\033[0m\n'
