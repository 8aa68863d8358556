#!/usr/bin/env bash
# Two benchmarks:
#  1. a sync of KEYS (default 100 000) API keys and 100 workspaces from the built-in emulator into
#     SQLite and into PostgreSQL: wall time from POST /api/v1/sync to "succeeded", peak RSS; then
#     the same sync again, in which nothing changed (the keys it wrote, from the portal's log);
#  2. GET /api/v1/users?limit=50 with a token under wrk, against nginx serving the same bytes.
# Needs wrk and nginx (apt-get install -y wrk nginx-light) and, for PostgreSQL,
# scripts/test-postgres.sh (started here on port 25440).
set -euo pipefail
cd "$(dirname "$0")/.."
PORTAL=${PORTAL_BIN:-build/bin/portal}
KEYS=${KEYS:-100000}
DURATION=${DURATION:-10s}
work=$(mktemp -d)
chmod 755 "$work"  # the PostgreSQL server runs as postgres
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  PORTAL_TEST_PG_DIR=$work/pg PORTAL_TEST_PG_PORT=25440 scripts/test-postgres.sh stop
  rm -rf "$work"
}
trap cleanup EXIT
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

admin_key="sk-ant-admin01-bench-$(date +%s)"
"$PORTAL" emulator --listen 127.0.0.1:18290 --admin-key "$admin_key" --workspaces 100 --keys "$KEYS" --users 20 \
  >"$work/emulator.out" 2>/dev/null &
pids+=($!)
sleep 2

run_sync() {  # $1 = label, $2 = database url
  local port=$3 dir=$work/$1
  mkdir -p "$dir"
  PORTAL_ARGON2_MEMORY_KIB=19456 PORTAL_ARGON2_ITERATIONS=2 "$PORTAL" user create --data-dir "$dir" \
    --database-url "$2" --email bench@example.com --name Bench --role SuperAdmin --password 'bench password 1' >/dev/null
  # argon2id at its floor so that the login before the sync does not dominate the peak RSS.
  PORTAL_ARGON2_MEMORY_KIB=19456 PORTAL_ARGON2_ITERATIONS=2 PORTAL_SYNC_INTERVAL_MINUTES=0 PORTAL_LOG_LEVEL=info "$PORTAL" serve --data-dir "$dir" --database-url "$2" \
    --listen 127.0.0.1:$port >"$dir/out" 2>"$dir/log" &
  local pid=$!
  pids+=($pid)
  for _ in $(seq 1 100); do grep -q "listening on" "$dir/out" && break; sleep 0.1; done
  local base=http://127.0.0.1:$port/api/v1
  token=$(curl -sf -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench password 1","client":"cli"}' $base/auth/login | json '["accessToken"]')
  curl -sf -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"adminKey\":\"$admin_key\",\"baseUrl\":\"http://127.0.0.1:18290\"}" $base/settings/anthropic >/dev/null
  local label
  for label in "first sync" "again, nothing changed"; do
    local start end run status keys written
    start=$(date +%s.%N)
    run=$(curl -sf -X POST -H "Authorization: Bearer $token" $base/sync | json '["runId"]')
    status=running
    while [ "$status" = running ]; do
      sleep 0.05
      status=$(curl -sf -H "Authorization: Bearer $token" $base/sync/runs/$run | json '["status"]')
    done
    end=$(date +%s.%N)
    keys=$(curl -sf -H "Authorization: Bearer $token" $base/sync/runs/$run | json '["apiKeys"]')
    written=$(grep '"sync_writes"' "$dir/log" | grep "$run" | python3 -c "import json,sys; print(json.loads(sys.stdin.readline())['apiKeysWritten'])")
    printf '| %s into %s | %s keys | %.2f s | %s, %s keys written | peak RSS %s MiB |\n' "$label" "$1" "$keys" \
      "$(echo "$end - $start" | bc)" "$status" "$written" "$(($(awk '/VmHWM/ {print $2}' /proc/$pid/status) / 1024))"
  done
  echo "$pid $port $token" >"$work/$1.info"
}

echo "| run | size | wall | outcome | memory |"
echo "|---|---|---|---|---|"
run_sync sqlite "sqlite:$work/sqlite/portal.db" 18291
pg_url=$(PORTAL_TEST_PG_DIR=$work/pg PORTAL_TEST_PG_PORT=25440 scripts/test-postgres.sh start)
run_sync postgresql "$pg_url" 18292

# GET /api/v1/users?limit=50 (on the SQLite portal, with 60 users) against nginx with the same bytes.
read -r pid port token <"$work/sqlite.info"
org=$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"name":"ベンチ株式会社"}' http://127.0.0.1:$port/api/v1/organizations | json '["id"]')
for i in $(seq 1 60); do
  curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"利用者 $i\",\"email\":\"user$i@example.com\",\"role\":\"User\",\"organizationId\":\"$org\",\"password\":\"bench password $i\"}" \
    http://127.0.0.1:$port/api/v1/users >/dev/null
done
mkdir -p "$work/www"
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/users?limit=50" >"$work/www/users.json"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:18293; root $work/www; location / { default_type application/json; } } }
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.3
parse() { awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /requests in/ {n=$1} END {print rps, p50, p99, n}'; }
# The portal's CPU time (utime + stime, in clock ticks) so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
read -r n_rps n_p50 n_p99 _ <<<"$(wrk -t2 -c64 -d"$DURATION" --latency http://127.0.0.1:18293/users.json | parse)"
ticks_before=$(cpu_ticks "$pid")
read -r u_rps u_p50 u_p99 u_count <<<"$(wrk -t2 -c64 -d"$DURATION" --latency -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$port/api/v1/users?limit=50" | parse)"
cpu_us=$(python3 -c "print(round(($(cpu_ticks "$pid") - $ticks_before) / $(getconf CLK_TCK) / $u_count * 1e6))")
echo
echo "| run (64 connections, $(wc -c <"$work/www/users.json") bytes) | requests/s | p50 | p99 | portal CPU per request |"
echo "|---|---|---|---|---|"
echo "| nginx, static copy | $n_rps | $n_p50 | $n_p99 | |"
echo "| portal GET /api/v1/users?limit=50 | $u_rps ($(python3 -c "print(f'{$u_rps/$n_rps:.2f}')")× nginx) | $u_p50 | $u_p99 | $cpu_us µs |"
