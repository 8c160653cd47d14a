#!/usr/bin/env bash
# Builds the app (release) and serves it at http://127.0.0.1:8080, rebuilding on change.
# Usage: bash scripts/serve.sh [extra trunk serve flags]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
echo "serve: building, then serving ICS What-If at http://127.0.0.1:8080 (Ctrl-C to stop)"
exec trunk serve --release --address 127.0.0.1 --port 8080 "$@"
