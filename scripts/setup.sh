#!/usr/bin/env bash
# Installs what building and testing the app needs, checking first, so a second run installs
# nothing and takes seconds. Written for Debian 12 with Rust (rustup) and node 20, where only
# package registries are reachable (no GitHub downloads): see "Two commands" in README.md.
#
#   bash scripts/setup.sh      install; prints how to put the tools on PATH
#   source scripts/setup.sh    install and put the tools on PATH in this shell
#
# Tools that are not cargo or apt packages go to $ICS_TOOLS (default ~/.cache/ics-whatif-tools),
# outside the repository. $ICS_TOOLS/env.sh sets PATH for later shells.

ICS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ICS_TOOLS="${ICS_TOOLS:-$HOME/.cache/ics-whatif-tools}"
export ICS_TOOLS
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0

ics_path() {
  echo "$HOME/.cargo/bin:$ICS_TOOLS/node_modules/.bin"
}

# Runs in a subshell so `set -e` and friends never leak into a shell that sources this file.
ics_install() (
  set -euo pipefail
  export PATH="$(ics_path):$PATH"
  say() { printf 'setup: %s\n' "$*"; }
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

  apt_install() {
    # apt-get update only when the package lists are missing or stale enough to fail.
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; then
      as_root apt-get update
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
    fi
  }

  # Rust itself: rustup and the components the checks use.
  if ! command -v rustup >/dev/null; then
    say "installing rustup (stable, minimal profile)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  fi
  local installed
  installed="$(rustup component list --installed)"
  for component in rustfmt clippy; do
    if ! grep -q "^$component" <<<"$installed"; then
      say "adding rustup component $component"
      rustup component add "$component"
    fi
  done
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi

  # Trunk: 0.22 needs a newer rustc, so pin the version and its lock file.
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
    cargo install --locked trunk --version "$TRUNK_VERSION"
  fi

  # wasm-bindgen CLI: must equal the library version in Cargo.lock. Not --locked: its lock
  # file pins a crate the registry no longer has.
  local bindgen
  bindgen="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ICS_ROOT/Cargo.lock")"
  if [ -z "$bindgen" ]; then
    echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2
    exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ] \
    || [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $bindgen" ]; then
    say "installing wasm-bindgen-cli $bindgen (about 4 minutes)"
    cargo install wasm-bindgen-cli --version "$bindgen"
  fi

  # node: the e2e tests and binaryen's wasm-opt run on it.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "installing node and npm"
    apt_install nodejs npm
  fi

  # wasm-opt from npm binaryen: Debian's binaryen (108) cannot read wasm-bindgen 0.2.130 output.
  if ! "$ICS_TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $ICS_TOOLS"
    mkdir -p "$ICS_TOOLS"
    npm install --prefix "$ICS_TOOLS" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
  fi

  # Chromium and its driver, for the browser tests; the distribution's, never a download.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver"
    apt_install chromium chromium-driver
  fi
  command -v python3 >/dev/null || apt_install python3

  # playwright-core for tests/e2e, from its lock file. Reinstalled only when the lock changes.
  local e2e="$ICS_ROOT/tests/e2e" lock_sum
  lock_sum="$(sha256sum "$e2e/package-lock.json" | cut -d' ' -f1)"
  if [ ! -d "$e2e/node_modules" ] || [ "$(cat "$e2e/node_modules/.lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
    say "installing the e2e tests' node packages (npm ci)"
    (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" >"$e2e/node_modules/.lock-sha256"
  fi

  mkdir -p "$ICS_TOOLS"
  printf 'export PATH="%s:$PATH"\n' "$(ics_path)" >"$ICS_TOOLS/env.sh"
  say "ready: rustc $(rustc --version | cut -d' ' -f2), $(trunk --version), wasm-bindgen $bindgen, wasm-opt $BINARYEN_VERSION, $(chromium --version 2>/dev/null | cut -d' ' -f1-2), node $(node --version)"
)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  # Sourced: install, then put the tools on this shell's PATH (once).
  ics_install || return 1
  case ":$PATH:" in
    *":$ICS_TOOLS/node_modules/.bin:"*) ;;
    *) export PATH="$(ics_path):$PATH" ;;
  esac
else
  ics_install || exit 1
  echo "setup: to use the tools in this shell: source \"$ICS_TOOLS/env.sh\""
fi
