#!/usr/bin/env bash
# The usage collector's first run (a 90-day back-fill) for KEYS (default 1 000) API keys
# of the built-in emulator, into SQLite and into PostgreSQL: wall time from POST
# /api/v1/usage/collect to "succeeded", rows stored, the portal's peak RSS (/proc VmHWM, which
# includes the login and the sync before it), then GET /api/v1/usage for 90 days by user.
# Needs scripts/test-postgres.sh for PostgreSQL (started here on port 25441).
set -euo pipefail
cd "$(dirname "$0")/.."
PORTAL=${PORTAL_BIN:-build/bin/portal}
KEYS=${KEYS:-1000}
work=$(mktemp -d)
chmod 755 "$work"  # the PostgreSQL server runs as postgres
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  PORTAL_TEST_PG_DIR=$work/pg PORTAL_TEST_PG_PORT=25441 scripts/test-postgres.sh stop
  rm -rf "$work"
}
trap cleanup EXIT
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

admin_key="sk-ant-admin01-bench-$(date +%s)"
"$PORTAL" emulator --listen 127.0.0.1:18390 --admin-key "$admin_key" --workspaces 10 --keys "$KEYS" --users 20 \
  >"$work/emulator.out" 2>/dev/null &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening on" "$work/emulator.out" && break; sleep 0.1; done

wait_status() {  # $1 = url, $2 = token: polls until the run is no longer running
  local status=running
  while [ "$status" = running ]; do
    sleep 0.05
    status=$(curl -sf -H "Authorization: Bearer $2" "$1" | json '["status"]')
  done
  echo "$status"
}

run() {  # $1 = label, $2 = database url, $3 = port
  local port=$3 dir=$work/$1
  mkdir -p "$dir"
  PORTAL_ARGON2_MEMORY_KIB=19456 PORTAL_ARGON2_ITERATIONS=2 "$PORTAL" user create --data-dir "$dir" \
    --database-url "$2" --email bench@example.com --name Bench --role SuperAdmin --password 'bench password 1' >/dev/null
  PORTAL_ARGON2_MEMORY_KIB=19456 PORTAL_ARGON2_ITERATIONS=2 PORTAL_SYNC_INTERVAL_MINUTES=0 PORTAL_USAGE_AFTER_SYNC=false \
    PORTAL_LOG_LEVEL=warn "$PORTAL" serve --data-dir "$dir" --database-url "$2" --listen 127.0.0.1:$port \
    >"$dir/out" 2>"$dir/log" &
  local pid=$!
  pids+=($pid)
  for _ in $(seq 1 100); do grep -q "listening on" "$dir/out" && break; sleep 0.1; done
  local base=http://127.0.0.1:$port/api/v1
  local token
  token=$(curl -sf -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench password 1","client":"cli"}' $base/auth/login | json '["accessToken"]')
  curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"adminKey\":\"$admin_key\",\"baseUrl\":\"http://127.0.0.1:18390\"}" $base/settings/anthropic >/dev/null
  local run_id
  run_id=$(curl -sf -X POST -H "Authorization: Bearer $token" $base/sync | json '["runId"]')
  wait_status "$base/sync/runs/$run_id" "$token" >/dev/null
  local rss_before start end status rows cpu_before cpu_after
  rss_before=$(($(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024))
  cpu_before=$(awk '{print $14 + $15}' /proc/$pid/stat)
  start=$(date +%s.%N)
  curl -sf -X POST -H "Authorization: Bearer $token" $base/usage/collect >/dev/null
  status=$(wait_status "$base/usage/runs/latest" "$token")
  end=$(date +%s.%N)
  cpu_after=$(awk '{print $14 + $15}' /proc/$pid/stat)
  rows=$(curl -sf -H "Authorization: Bearer $token" $base/usage/runs/latest | json '["rowsWritten"]')
  local query_start query_end
  query_start=$(date +%s.%N)
  curl -sf -H "Authorization: Bearer $token" "$base/usage?from=$(date -u -d '89 days ago' +%F)&to=$(date -u +%F)&groupBy=user" >/dev/null
  query_end=$(date +%s.%N)
  printf '| %s | %s keys × 90 days | %.2f s (portal CPU %.2f s) | %s | %s rows | peak RSS %s MiB (%s MiB before) | 90-day query %.0f ms |\n' \
    "$1" "$KEYS" "$(echo "$end - $start" | bc)" "$(echo "($cpu_after - $cpu_before) / $(getconf CLK_TCK)" | bc -l)" \
    "$status" "$rows" \
    "$(($(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024))" "$rss_before" \
    "$(echo "($query_end - $query_start) * 1000" | bc)"
}

echo "| database | size | collection wall | outcome | stored | memory | read |"
echo "|---|---|---|---|---|---|---|"
run sqlite "sqlite:$work/sqlite/portal.db" 18391
pg_url=$(PORTAL_TEST_PG_DIR=$work/pg PORTAL_TEST_PG_PORT=25441 scripts/test-postgres.sh start)
run postgresql "$pg_url" 18392
