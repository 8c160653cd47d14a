#!/usr/bin/env bash
# Every benchmark, one command: the native model (criterion; benches/results.md), then the
# same in headless Chromium with the app's cold start, wasm size and slider latency
# (scripts/bench-web.sh; benches/web-results.md, benches/web-latency.md).
# Usage: bash scripts/bench.sh            (NATIVE_ONLY=1 skips the browser part)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench model -- --warm-up-time 2 --measurement-time 5
python3 - <<'PY'
import json, glob, os, datetime, platform
rows = []
for path in sorted(glob.glob("target/criterion/**/new/estimates.json", recursive=True)):
    name = os.path.relpath(os.path.dirname(os.path.dirname(path)), "target/criterion")
    if name.endswith("/report") or "report" in name.split("/"):
        continue
    est = json.load(open(path))
    mean, lo, hi = (est["mean"]["point_estimate"], est["mean"]["confidence_interval"]["lower_bound"],
                    est["mean"]["confidence_interval"]["upper_bound"])
    def fmt(ns):
        return f"{ns/1e6:.2f} ms" if ns >= 1e6 else f"{ns/1e3:.1f} µs"
    rows.append(f"| {name} | {fmt(mean)} | {fmt(lo)} - {fmt(hi)} |")
with open("benches/results.md", "w") as f:
    f.write(f"# Native model benchmarks\n\n`bash scripts/bench.sh`, {datetime.date.today()}, "
            f"{os.cpu_count()} cores, {platform.machine()}, one thread.\n\n"
            "| benchmark | mean | 95% interval |\n|---|---|---|\n" + "\n".join(rows) + "\n")
print(open("benches/results.md").read())
PY
if [ "${NATIVE_ONLY:-0}" != 1 ]; then
  bash scripts/bench-web.sh
fi
