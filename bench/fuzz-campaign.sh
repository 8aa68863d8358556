#!/usr/bin/env bash
# Fuzzing campaign: every libFuzzer target (server/fuzz) for FUZZ_SECONDS (default 240) each, two
# at a time, from the corpus in the repository; new inputs that add coverage are merged back into
# server/fuzz/corpus/ (commit them). Prints a Markdown table for docs/reliability.md.
# Needs the dev preset built (cmake --preset dev && cmake --build build/dev).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-240}
BIN=${FUZZ_BIN_DIR:-build/dev/bin}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
targets=$(cd server/fuzz && ls *_fuzz.cpp | sed 's/_fuzz.cpp//')

run_one() {
  local t=$1 bin=$2 seconds=$3 work=$4
  mkdir -p "$work/$t/new"
  local dict=server/fuzz/dictionaries/$t.dict extra=()
  [ -f "$dict" ] && extra+=("-dict=$dict")
  set +e
  "$bin/fuzz_$t" "$work/$t/new" "server/fuzz/corpus/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/$t/" -print_final_stats=1 "${extra[@]}" >"$work/$t/log" 2>&1
  echo $? >"$work/$t/status"
}
export -f run_one
printf '%s\n' $targets | xargs -P 2 -I{} bash -c "run_one {} $BIN $SECONDS_EACH $work"

echo "| target | seconds | executions | exec/s | new coverage inputs | crashes | corpus files (after merge) |"
echo "|---|---|---|---|---|---|---|"
total=0
failed=0
for t in $targets; do
  log=$work/$t/log
  execs=$(awk '/^stat::number_of_executed_units/ {print $2}' "$log")
  rate=$(awk '/^stat::average_exec_per_sec/ {print $2}' "$log")
  added=$(awk '/^stat::new_units_added/ {print $2}' "$log")
  crashes=$(ls "$work/$t" | grep -cE '^(crash|leak|timeout|oom)-' || true)
  if [ "$(cat "$work/$t/status")" != 0 ]; then
    failed=1
    echo "fuzz-campaign: $t failed; its log:" >&2
    tail -40 "$log" >&2
    mkdir -p build/fuzz-artifacts && cp "$work/$t"/crash-* "$work/$t"/leak-* "$work/$t"/timeout-* build/fuzz-artifacts/ 2>/dev/null || true
  fi
  # Keep only what adds coverage to the committed corpus.
  "$BIN/fuzz_$t" -merge=1 "server/fuzz/corpus/$t" "$work/$t/new" >"$work/$t/merge.log" 2>&1 || true
  files=$(ls "server/fuzz/corpus/$t" | wc -l)
  total=$((total + ${execs:-0}))
  echo "| $t | $SECONDS_EACH | ${execs:-0} | ${rate:-0} | ${added:-0} | $crashes | $files |"
done
echo
echo "Total executions: $total"
exit $failed
