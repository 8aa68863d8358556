#!/usr/bin/env bash
# run-fuzzer.sh BINARY CORPUS SECONDS [libFuzzer options…]: fuzzes for SECONDS, starting from the
# corpus in the repository, which it leaves as it is (new inputs go to a scratch folder; merge them
# in with `bench/fuzz-campaign.sh`). A crash, leak or failed property fails the run and leaves the
# input in the scratch folder, whose path is printed.
set -euo pipefail
binary=$1 corpus=$2 seconds=$3
shift 3
scratch=$(mktemp -d "${TMPDIR:-/tmp}/portal-fuzz.XXXXXX")
dict=$(dirname "$corpus")/../dictionaries/$(basename "$corpus").dict
extra=()
[ -f "$dict" ] && extra+=("-dict=$dict")
if "$binary" "$scratch" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$scratch/" -print_final_stats=1 "${extra[@]}" "$@" 2>"$scratch/log"; then
  grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$scratch/log" || true
  rm -rf "$scratch"
else
  status=$?
  tail -60 "$scratch/log"
  echo "run-fuzzer: $(basename "$binary") failed (exit $status); input and log in $scratch" >&2
  exit 1
fi
