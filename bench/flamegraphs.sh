#!/usr/bin/env bash
# Flame graphs (perf, DWARF call stacks) of the two hot paths under wrk load: GET /api/v1/me and
# GET /api/v1/users?limit=50 on the demo portal (SQLite), into docs/perf/<path>-<LABEL>.svg.
#   LABEL=before|after (default: after)   DURATION (default 8 s of sampling)
# Needs perf (linux-perf) and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
PORTAL=${PORTAL_BIN:-build/bin/portal}
LABEL=${LABEL:-after}
DURATION=${DURATION:-8}
work=$(mktemp -d)
port=18480
cleanup() {
  [ -n "${portal_pid:-}" ] && kill "$portal_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

PORTAL_LOG_LEVEL=info "$PORTAL" serve --demo --data-dir "$work/data" --listen 127.0.0.1:$port \
  >"$work/portal.out" 2>"$work/portal.log" &
portal_pid=$!
for _ in $(seq 1 200); do grep -q "listening on" "$work/portal.out" && break; sleep 0.05; done
line=$(grep -m1 'role=SuperAdmin' "$work/portal.out")
email=$(sed -E 's/.*email=([^ ]+).*/\1/' <<<"$line")
password=$(sed -E 's/.*password=([^ ]+).*/\1/' <<<"$line")
token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\",\"client\":\"cli\"}" \
  http://127.0.0.1:$port/api/v1/auth/login | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

mkdir -p docs/perf
for entry in "me|/api/v1/me|64" "users|/api/v1/users?limit=50|64"; do
  IFS='|' read -r name path connections <<<"$entry"
  wrk -t2 -c"$connections" -d"$((DURATION + 3))s" -H "Authorization: Bearer $token" "http://127.0.0.1:$port$path" \
    >"$work/$name.wrk" &
  wrk_pid=$!
  sleep 1
  perf record -q -F 199 --call-graph dwarf,8192 -p "$portal_pid" -o "$work/$name.data" -- sleep "$DURATION" \
    2>/dev/null
  wait "$wrk_pid"
  perf script -i "$work/$name.data" 2>/dev/null |
    bench/flamegraph.py --title "GET $path, $LABEL ($(awk '/Requests\/sec/ {print $2}' "$work/$name.wrk") req/s)" \
      >"docs/perf/$name-$LABEL.svg"
  echo "docs/perf/$name-$LABEL.svg: $(awk '/Requests\/sec/ {print $2}' "$work/$name.wrk") requests/s"
done
