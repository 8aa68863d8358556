#!/usr/bin/env bash
# Cold start: time from exec of `portal serve` to the first 200 from /readyz, on an existing
# SQLite database (`serve --demo`: the demo database the first start created), RUNS times;
# prints the median and the max.
set -euo pipefail
cd "$(dirname "$0")/.."
PORTAL=${PORTAL_BIN:-build/bin/portal}
RUNS=${RUNS:-10}
work=$(mktemp -d)
port=18580
trap 'kill "${pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
export PORTAL_LOG_LEVEL=warn PORTAL_SYNC_INTERVAL_MINUTES=0

start_once() {  # prints milliseconds from exec to the first 200 of /readyz
  local t0 t1
  t0=$(date +%s%N)
  "$PORTAL" serve "$@" --data-dir "$work/data" --listen 127.0.0.1:$port >"$work/out" 2>"$work/log" &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:$port/readyz 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "portal exited: $(tail -3 "$work/log")" >&2; exit 1; }
    sleep 0.002
  done
  t1=$(date +%s%N)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo $(((t1 - t0) / 1000000))
}

start_once --demo >/dev/null  # creates and migrates the database, seeds the demo
times=()
for _ in $(seq 1 "$RUNS"); do times+=("$(start_once --demo)"); done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(sed -n "$(((RUNS + 1) / 2))p" <<<"$sorted")
max=$(tail -1 <<<"$sorted")
echo "| run | starts | median | max |"
echo "|---|---|---|---|"
echo "| \`portal serve\` to the first 200 from /readyz, existing SQLite database | $RUNS | $median ms | $max ms |"
