#!/usr/bin/env bash
# The deterministic model run before and after a change, in one command on one machine,
# every figure to benches/before-after.md:
#   1. instructions per run (callgrind: exact, and the same however busy the machine is);
#   2. cycles and instructions from the CPU's counters (`perf stat`), where the machine has
#      them (a KVM guest often has none: then the file says so);
#   3. wall time, the two builds linked into one binary and run in alternating batches on
#      one core (benches/ab/main.rs): both see the same load, so their ratio holds on a busy
#      machine;
#   4. wall time, the two builds as two processes side by side, one core each (`taskset`);
#   5. criterion's `deterministic` benches for each build, two rounds each, alternating
#      (skip with CRITERION=0: they take a few minutes and drift most under load).
# BEFORE is a commit, default the parent of this round, 82ab508. Needs ../ (scratch
# checkouts are made beside this one).
#   bash scripts/bench-before-after.sh [BEFORE]
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
before=${1:-82ab508}
scratch="../ics-whatif-before-$before"
[ -d "$scratch" ] || git worktree add -q --detach "$scratch" "$before"
# The examples this script runs, copied into the scratch checkout (which may predate them).
mkdir -p "$scratch/examples"
cp examples/queue_time.rs examples/sim_count.rs "$scratch/examples/"
if [ "${PAIRS:-1}" != 0 ] || [ "${CRITERION:-1}" != 0 ]; then
  for dir in "$scratch" .; do
    (cd "$dir" && cargo build --profile bench --example queue_time --example sim_count -q)
  done
fi
out=benches/before-after.md
{
  echo "# Deterministic run, before ($before) and after ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ', with uncommitted changes'))"
  echo
  echo "\`bash scripts/bench-before-after.sh\`, $(date -u '+%F %H:%M') UTC, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start."
  echo "England's default scenario, one deterministic 10-year run; after / before below 1.3 meets issues 10 and 11."
} > "$out"

# Both builds linked into one binary (benches/ab/main.rs), for sections 1 and 3.
ab="../ics-whatif-ab-$before"
if [ ! -d "$ab/before" ]; then
  mkdir -p "$ab/before"
  git archive "$before" | tar -x -C "$ab/before"
  # A second package named ics-whatif cannot sit in one build with this one: rename it.
  sed -i '0,/^name = "ics-whatif"$/s//name = "ics-whatif-before"/' "$ab/before/Cargo.toml"
  # A later BEFORE is a workspace root of its own (with web/): here it is a dependency.
  sed -i '/^\[workspace\]$/,/^members = /d' "$ab/before/Cargo.toml"
fi
cat > "$ab/Cargo.toml" <<TOML
[package]
name = "ics-whatif-ab"
version = "0.0.0"
edition = "2021"
publish = false

[[bin]]
name = "ab"
path = "$here/benches/ab/main.rs"

[dependencies]
before = { package = "ics-whatif-before", path = "before" }
after = { package = "ics-whatif", path = "$here" }
libc = "0.2"

# As this crate's bench profile: speed, whole-program optimisation, one unit.
[profile.release]
opt-level = 3
lto = true
codegen-units = 1
panic = "abort"
debug = "line-tables-only"

[workspace]
TOML
(cd "$ab" && cargo build --release -q)

# 1. Instructions: callgrind's count for N2 runs less that for N1, over N2 - N1 (the baseline
# built once and the process's start cancel out).
n1=20 n2=120
instructions() { # build runs -> instructions counted
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$ab/target/release/ab" count "$1" "$2" 2>&1 >/dev/null \
    | sed -nE 's/.*Collected : ([0-9]+).*/\1/p'
}
{
  echo
  echo "## 1. Instructions per run (callgrind)"
  echo
  echo "\`valgrind --tool=callgrind ab count before|after N\` (benches/ab/main.rs: both builds in one binary, the same compiler flags) for N = $n1 and $n2: the difference over $((n2 - n1)) runs."
  echo
  echo "| build | instructions per run |"
  echo "|---|---|"
} >> "$out"
declare -A ir
for name in before after; do
  a=$(instructions $name $n1)
  b=$(instructions $name $n2)
  ir[$name]=$(( (b - a) / (n2 - n1) ))
  echo "| $name | ${ir[$name]} |" >> "$out"
done
echo "| after / before | $(awk -v a="${ir[after]}" -v b="${ir[before]}" 'BEGIN{printf "%.3fx", a/b}') |" >> "$out"

# 2. The CPU's own counters, where there are any (with the examples built).
{
  echo
  echo "## 2. Cycles and instructions (\`perf stat\`)"
  echo
} >> "$out"
if [ -x target/release/examples/sim_count ] && command -v perf >/dev/null && perf stat -x, -e cycles:u,instructions:u true 2>&1 >/dev/null | grep -q '^[0-9]'; then
  echo "\`perf stat -e cycles:u,instructions:u target/release/examples/sim_count N\` for N = 200 and 1200, alternated three times; the difference over 1,000 runs, median of three." >> "$out"
  echo >> "$out"
  echo "| build | cycles per run | instructions per run | instructions per cycle |" >> "$out"
  echo "|---|---|---|---|" >> "$out"
  counters() { # binary runs -> "cycles instructions"
    perf stat -x, -e cycles:u,instructions:u "$1" "$2" 2>&1 >/dev/null \
      | awk -F, '$3 ~ /^cycles/ {c=$1} $3 ~ /^instructions/ {i=$1} END {print c, i}'
  }
  declare -A cyc ins
  for rep in 1 2 3; do
    for dir in "$scratch" .; do
      name=$([ "$dir" = . ] && echo after || echo before)
      read -r c1 i1 < <(counters "$dir/target/release/examples/sim_count" 200)
      read -r c2 i2 < <(counters "$dir/target/release/examples/sim_count" 1200)
      cyc[$name]+="$(( (c2 - c1) / 1000 )) "
      ins[$name]+="$(( (i2 - i1) / 1000 )) "
    done
  done
  med() { tr ' ' '\n' | grep . | sort -n | sed -n 2p; }
  for name in before after; do
    c=$(echo "${cyc[$name]}" | med); i=$(echo "${ins[$name]}" | med)
    echo "| $name | $c | $i | $(awk -v c="$c" -v i="$i" 'BEGIN{printf "%.2f", i/c}') |" >> "$out"
  done
  cb=$(echo "${cyc[before]}" | med); ca=$(echo "${cyc[after]}" | med)
  echo "| after / before | $(awk -v a="$ca" -v b="$cb" 'BEGIN{printf "%.3fx", a/b}') | | |" >> "$out"
else
  echo "Not available on this machine: \`perf stat -e cycles:u,instructions:u true\` reports \`<not supported>\` (a KVM guest without the CPU's performance counters), so wall time stands in for cycles below." >> "$out"
fi

# 3. One binary, both builds, alternating batches on one core.

{
  echo
  echo "## 3. Wall time, both builds in one process, alternating on one core"
  echo
  echo "benches/ab/main.rs: the two builds linked into one binary (same compiler flags), pinned to one core (\`taskset -c 1\`), 400 pairs of batches of 20 runs each, which build goes first alternating; µs per run. Three repeats."
  echo
  echo "| repeat | before: median / least | after: median / least | after / before: medians / least | within each pair: median (quartiles) |"
  echo "|---|---|---|---|---|"
} >> "$out"
for rep in 1 2 3; do
  taskset -c 1 "$ab/target/release/ab" 400 20 > /tmp/bench-ab.$$
  v() { awk -v k="$1" '$1==k{print $2}' /tmp/bench-ab.$$; }
  echo "| $rep | $(v before_median_us) / $(v before_least_us) | $(v after_median_us) / $(v after_least_us) | $(v ratio_of_medians)x / $(v ratio_of_least)x | $(v pair_ratio_median)x ($(v pair_ratio_q1)-$(v pair_ratio_q3)) |" >> "$out"
done
rm -f /tmp/bench-ab.$$

# 4. (skip with PAIRS=0) Two processes at the same moment on two cores: before on one, after on the other, then
# swapped, four times each way. A machine whose speed drifts slows both alike, so their ratio
# holds better than that of two runs taken one after the other. (examples/queue_time.rs: the
# median and least of 21 batches of 300 runs.)
if [ "${PAIRS:-1}" != 0 ]; then
{
  echo
  echo "## 4. Wall time, two processes side by side, one core each"
  echo
  echo "\`taskset\`, examples/queue_time.rs (median and least of 21 batches of 300 runs), µs per run:"
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
fi

# 5. Criterion, one build after the other.
if [ "${CRITERION:-1}" != 0 ]; then
  {
    echo
    echo "## 5. Criterion, one build after the other"
    echo
    echo "\`cargo bench --bench model -- deterministic\` in each checkout, two rounds, alternating; criterion's central estimate."
    echo
    echo "| round | build | deterministic_10y | by horizon: 1 / 5 / 10 / 20 years |"
    echo "|---|---|---|---|"
  } >> "$out"
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
fi
# 6. Issue 13.6 (skip with PLACES=0): a 1,000-run Monte Carlo of one ICB with and without its
# places, for PLACES_BEFORE (default f14e88a, where this round's speed work started; the
# places' Monte Carlo postdates 82ab508) and this checkout, in one process
# (benches/ab/places.rs), which also compares the two builds' CLI output byte for byte.
if [ "${PLACES:-1}" != 0 ]; then
  pb=${PLACES_BEFORE:-f14e88a}
  abp="../ics-whatif-ab-$pb"
  if [ ! -d "$abp/before" ]; then
    mkdir -p "$abp/before"
    git archive "$pb" | tar -x -C "$abp/before"
    sed -i '0,/^name = "ics-whatif"$/s//name = "ics-whatif-before"/' "$abp/before/Cargo.toml"
    sed -i '/^\[workspace\]$/,/^members = /d' "$abp/before/Cargo.toml"
  fi
  sed -e 's|^\[dependencies\]$|[[bin]]\nname = "ab_places"\npath = "'"$here"'/benches/ab/places.rs"\n\n[dependencies]|' "$ab/Cargo.toml" > "$abp/Cargo.toml"
  (cd "$abp" && cargo build --release -q)
  {
    echo
    echo "## 6. Monte Carlo with and without places (issue 13.6), before ($pb) and after"
    echo
    echo "benches/ab/places.rs: \`ab_places 1000 7 QE1\` pinned to one core: 1,000 runs of Lancashire and South Cumbria (17 places), 10 years, without places (\`monte_carlo\`) and with them (\`places_monte_carlo\`), each build, 7 rounds in a rotating order; medians of this thread's CPU seconds (wall in brackets). Ratio with / without: the median of the rounds' ratios; at most 1.5 meets issue 13.6."
    echo
    echo "| build | without places | with places | with / without |"
    echo "|---|---|---|---|"
  } >> "$out"
  taskset -c 1 "$abp/target/release/ab_places" 1000 7 QE1 > /tmp/bench-places.$$
  v() { awk -v k="$1" '$1==k{print $2}' /tmp/bench-places.$$; }
  for b in before after; do
    echo "| $b | $(v cpu_${b}_without) s ($(v wall_${b}_without) s) | $(v cpu_${b}_with) s ($(v wall_${b}_with) s) | $(v cpu_${b}_ratio)x ($(v wall_${b}_ratio)x) |" >> "$out"
  done
  echo >> "$out"
  echo "Same place figures from both builds (every number, \`Debug\` text): $(v same_figures). CLI output of both builds, byte for byte (\`ab_places cli\`: back-cast JSON, backtests, runs and Monte Carlos with and without places):" >> "$out"
  echo >> "$out"
  "$abp/target/release/ab_places" cli | sed 's/^/    /' >> "$out"
  rm -f /tmp/bench-places.$$
fi
cat "$out"
