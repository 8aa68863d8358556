#!/usr/bin/env bash
# GET /api/v1/me with a valid token against nginx serving the same bytes as a
# static file, with wrk on this machine; then logins at 16 concurrent connections while /me runs.
# Prints a Markdown table (figures go to docs/benchmarks.md). Needs: wrk, nginx (scripts/install-deps.sh
# does not install them: apt-get install -y wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
PORTAL=${PORTAL_BIN:-build/bin/portal}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
work=$(mktemp -d)
portal_port=18180
nginx_port=18181
cleanup() {
  [ -n "${portal_pid:-}" ] && kill "$portal_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$PORTAL" serve --demo --data-dir "$work/data" --listen 127.0.0.1:$portal_port >"$work/portal.out" 2>"$work/portal.log" &
portal_pid=$!
wait_listening "$work/portal.out"
demo_admin_login "$work/portal.out" http://127.0.0.1:$portal_port

# nginx serves exactly the bytes /me returns.
mkdir -p "$work/www"
curl -sf -H "Authorization: Bearer $token" http://127.0.0.1:$portal_port/api/v1/me >"$work/www/me.json"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location / { default_type application/json; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.3

parse() {  # wrk output → "rps p50 p99"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print rps, p50, p99}'
}

nginx_stats=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency http://127.0.0.1:$nginx_port/me.json | parse)
me_stats=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $token" \
  http://127.0.0.1:$portal_port/api/v1/me | parse)
# Resident memory right after the /me run (argon2id's 64 MiB blocks are returned after each hash).
rss_me_kb=$(awk '/VmRSS/ {print $2}' /proc/$portal_pid/status)

# Logins (argon2id, m=64 MiB, t=3) at 16 connections while /me keeps running.
cat >"$work/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '$login_body'
wrk.headers["Content-Type"] = "application/json"
LUA
wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $token" \
  http://127.0.0.1:$portal_port/api/v1/me >"$work/me-under-login.txt" &
me_pid=$!
login_stats=$(wrk -t1 -c16 -d"$DURATION" --timeout 10s --latency -s "$work/login.lua" http://127.0.0.1:$portal_port/api/v1/auth/login | tee "$work/login.txt" | parse)
wait $me_pid
me_under_login=$(parse <"$work/me-under-login.txt")
login_non2xx=$(awk '/Non-2xx/ {print $4}' "$work/login.txt")
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$portal_pid/status)

read -r n_rps n_p50 n_p99 <<<"$nginx_stats"
read -r m_rps m_p50 m_p99 <<<"$me_stats"
read -r l_rps l_p50 l_p99 <<<"$login_stats"
read -r u_rps u_p50 u_p99 <<<"$me_under_login"
ratio=$(python3 -c "print(f'{$m_rps/$n_rps:.2f}')")
echo "| run | requests/s | p50 | p99 |"
echo "|---|---|---|---|"
echo "| nginx, static copy of /me ($CONNECTIONS conn) | $n_rps | $n_p50 | $n_p99 |"
echo "| portal GET /api/v1/me ($CONNECTIONS conn) | $m_rps (${ratio}× nginx) | $m_p50 | $m_p99 |"
echo "| portal POST /auth/login (16 conn, during /me load) | $l_rps (non-2xx: ${login_non2xx:-0}) | $l_p50 | $l_p99 |"
echo "| portal GET /api/v1/me during the logins ($CONNECTIONS conn) | $u_rps | $u_p50 | $u_p99 |"
kill "$portal_pid"
wait "$portal_pid" 2>/dev/null || true
portal_pid=

# The same /me run on a portal as it is deployed: no demo data, no built-in emulator, one user.
mkdir -p "$work/plain"
PORTAL_ARGON2_MEMORY_KIB=19456 PORTAL_ARGON2_ITERATIONS=2 "$PORTAL" user create --data-dir "$work/plain" \
  --email bench@example.com --name Bench --role SuperAdmin --password 'bench password 1' >/dev/null 2>&1
PORTAL_SYNC_INTERVAL_MINUTES=0 "$PORTAL" serve --data-dir "$work/plain" --listen 127.0.0.1:$portal_port \
  >"$work/plain.out" 2>"$work/plain.log" &
portal_pid=$!
wait_listening "$work/plain.out"
plain_token=$(curl -sf -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench password 1","client":"cli"}' \
  http://127.0.0.1:$portal_port/api/v1/auth/login | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
plain_stats=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $plain_token" \
  http://127.0.0.1:$portal_port/api/v1/me | parse)
rss_plain_kb=$(awk '/VmRSS/ {print $2}' /proc/$portal_pid/status)
read -r p_rps p_p50 p_p99 <<<"$plain_stats"
echo "| portal without the demo, GET /api/v1/me ($CONNECTIONS conn) | $p_rps ($(python3 -c "print(f'{$p_rps/$n_rps:.2f}')")× nginx) | $p_p50 | $p_p99 |"
echo
echo "portal RSS after the /me run: $((rss_me_kb / 1024)) MiB with the demo (its data and built-in emulator), $((rss_plain_kb / 1024)) MiB without; peak RSS over the demo run (VmHWM, includes argon2id's 19 MiB per concurrent hash): $((rss_kb / 1024)) MiB"
