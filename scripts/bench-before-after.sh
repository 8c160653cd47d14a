#!/usr/bin/env bash
# The deterministic model run before and after a change, in one command on one machine:
# criterion's `deterministic` benches for BEFORE (a commit, default the parent of this round,
# 82ab508) and for this checkout, two rounds each, alternating; figures to
# benches/before-after.md. Needs ../ (a scratch worktree is made beside this checkout).
#   bash scripts/bench-before-after.sh [BEFORE]
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:-82ab508}
scratch="../ics-whatif-before-$before"
[ -d "$scratch" ] || git worktree add -q --detach "$scratch" "$before"
out=benches/before-after.md
{
  echo "# Deterministic run, before ($before) and after ($(git rev-parse --short HEAD))"
  echo
  echo "\`bash scripts/bench-before-after.sh\`, $(date -u +%F), $(nproc) cores; criterion's central estimate."
  echo
  echo "| round | build | deterministic_10y | by horizon: 1 / 5 / 10 / 20 years |"
  echo "|---|---|---|---|"
} > "$out"
for dir in "$scratch" .; do (cd "$dir" && cargo bench --bench model --no-run -q); done
for round in 1 2; do
  for dir in "$scratch" .; do
    name=$([ "$dir" = . ] && echo after || echo before)
    res=$(cd "$dir" && cargo bench --bench model -- deterministic --warm-up-time 2 --measurement-time 5 2>/dev/null \
      | awk '/^deterministic/{n=$1} /time:/{for (i = 1; i <= NF; i++) if ($i == "time:") print n" "$(i+3)" "$(i+4)}')
    ten=$(echo "$res" | awk '$1=="deterministic_10y"{print $2" "$3}')
    hz=$(echo "$res" | awk '$1 ~ /by_horizon/{printf "%s%s %s", sep, $2, $3; sep=" / "}')
    echo "| $round | $name | $ten | $hz |" >> "$out"
  done
done
# The same moment on two cores: before on one, after on the other, then swapped, four times
# each way. A machine whose speed drifts slows both alike, so their ratio holds better than
# that of two runs taken one after the other. (examples/queue_time.rs: the median and least
# of 21 batches of 300 runs; copied into the scratch checkout, which predates it.)
mkdir -p "$scratch/examples"
cp examples/queue_time.rs "$scratch/examples/"
for dir in "$scratch" .; do (cd "$dir" && cargo build --profile bench --example queue_time -q); done
{
  echo
  echo "Side by side, one core each (\`taskset\`), examples/queue_time.rs, µs per run:"
  echo
  echo "| pair | before: median / least | after: median / least | after / before, medians |"
  echo "|---|---|---|---|"
} >> "$out"
read_us() { sed -E 's/.*median ([0-9.]+) us, least ([0-9.]+) us.*/\1 \2/' "$1"; }
for pair in 1 2 3 4 5 6 7 8; do
  a=$(( pair % 2 )); b=$(( 1 - a ))
  taskset -c "$a" "$scratch/target/release/examples/queue_time" > /tmp/bench-before.$$ &
  taskset -c "$b" target/release/examples/queue_time > /tmp/bench-after.$$
  wait
  read -r bm bl < <(read_us /tmp/bench-before.$$)
  read -r am al < <(read_us /tmp/bench-after.$$)
  echo "| $pair | $bm / $bl | $am / $al | $(awk -v a="$am" -v b="$bm" 'BEGIN{printf "%.2fx", a/b}') |" >> "$out"
done
rm -f /tmp/bench-before.$$ /tmp/bench-after.$$
cat "$out"
