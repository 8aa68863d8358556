#!/usr/bin/env bash
# Two portal instances on one PostgreSQL behind a real nginx load balancer (round robin), as
# docs/deploy.md "Several instances" sets them up (shared master and JWT keys): sessions, refresh
# rotation and its reuse detection, logout, disabling a user, deleting an organization and the
# login throttle act across instances; a sync started through one is seen through the other and
# simultaneous requests make one run; killing one instance mid-stream loses no acknowledged write
# and the other keeps serving.
# Usage: two_instances_test.sh PORTAL_BINARY (PORTAL_TEST_DATABASE_URL names a server to use)
PORTAL=$1
source "$(dirname "$0")/lib.sh"
SOURCE_DIR=$(cd "$(dirname "$0")/../.." && pwd)
[ -n "${PORTAL_TEST_DATABASE_URL:-}" ] || { echo "$TEST_NAME: PORTAL_TEST_DATABASE_URL is not set"; exit 77; }
command -v nginx >/dev/null || { echo "$TEST_NAME: nginx is not installed (scripts/install-deps.sh)"; exit 77; }

SERVER=${PORTAL_TEST_DATABASE_URL%/*}
DB=portal_two_$RANDOM$RANDOM
trap 'cleanup; psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true' EXIT
psql -q "$SERVER/postgres" -c "CREATE DATABASE $DB"
PASSWORD='correct horse battery'
ADMIN_KEY=sk-ant-admin01-two-instances-test

# The Anthropic side: the built-in emulator, slow enough that a sync takes a few seconds.
"$PORTAL" emulator --admin-key "$ADMIN_KEY" --listen 127.0.0.1:0 --keys 400 --latency-ms 250 \
  >"$WORK/emulator.out" 2>"$WORK/emulator.err" &
PIDS+=($!)
wait_for 30 "the emulator" grep -q 'listening on' "$WORK/emulator.out"
EMULATOR=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$WORK/emulator.out")

mkdir -m 0700 "$WORK/keys"
cat >"$WORK/portal.toml" <<TOML
listen = "127.0.0.1:0"
database_url = "$SERVER/$DB"
master_key_file = "$WORK/keys/master.key"
jwt_key_file = "$WORK/keys/jwt.key"
trusted_proxies = ["127.0.0.1"]
anthropic_base_url = "$EMULATOR"
sync_interval_minutes = 0
argon2_memory_kib = 19456
argon2_iterations = 2
TOML
start_instance() {  # start_instance NAME
  "$PORTAL" serve --config "$WORK/portal.toml" --data-dir "$WORK/data-$1" >"$WORK/$1.out" 2>"$WORK/$1.err" &
  PIDS+=($!)
  eval "PID_$1=$!"
  wait_for 30 "instance $1 to listen" portal_listening "$WORK/$1.out"
  eval "$1=http://127.0.0.1:$(portal_port "$WORK/$1.out")"
}
"$PORTAL" migrate --config "$WORK/portal.toml" --data-dir "$WORK/data-A" >/dev/null 2>&1
start_instance A
start_instance B

# nginx balances the two, round robin, with the shipped site's proxy settings (plain http here:
# TLS in front is nginx_tls_test's subject); X-Upstream says which instance answered.
LB_PORT=$(free_port)
cat >"$WORK/site.conf" <<SITE
upstream appgenius_portal {
    server ${A#http://};
    server ${B#http://};
}
server {
    listen 127.0.0.1:$LB_PORT;
    location / {
        proxy_pass http://appgenius_portal;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host \$host;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        add_header X-Upstream \$upstream_addr always;
    }
}
SITE
start_nginx "$WORK/site.conf"
LB=http://127.0.0.1:$LB_PORT
wait_for 30 "nginx to listen" curl -s --noproxy '*' -o /dev/null "$LB/healthz"

json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$WORK/body" | head -1; }
post() {  # post URL JSON [curl args…]
  local url=$1 body=$2
  shift 2
  http -H 'Content-Type: application/json' --data "$body" "$@" "$url"
}

# Setup through the balancer: the SuperAdmin and the Anthropic admin key (its first sync starts).
status=$(post "$LB/api/v1/setup" "{\"name\":\"管理者\",\"email\":\"owner@example.com\",\"password\":\"$PASSWORD\",\"anthropicAdminKey\":\"$ADMIN_KEY\"}")
check "setup through the balancer (got $status)" test "$status" = 201
login() {  # login BASE EMAIL [PASSWORD]: the answer's status in $status, its tokens in ACCESS / REFRESH
  status=$(post "$1/api/v1/auth/login" "{\"email\":\"$2\",\"password\":\"${3:-$PASSWORD}\",\"client\":\"cli\"}")
  ACCESS=$(json_field accessToken)
  REFRESH=$(json_field refreshToken)
}
auth() { echo "Authorization: Bearer $1"; }

# Round robin: both instances answer through nginx.
: >"$WORK/upstreams"
for i in 1 2 3 4 5 6; do
  http "$LB/api/v1/setup" >/dev/null
  header x-upstream >>"$WORK/upstreams"
done
check "the balancer used both instances ($(sort -u "$WORK/upstreams" | tr '\n' ' '))" \
  test "$(sort -u "$WORK/upstreams" | wc -l)" -eq 2

# Login on A, refresh on B, reuse of the rotated token on A revokes the family on both.
login "$A" owner@example.com
check "login on A (got $status)" test "$status" = 200
FIRST_REFRESH=$REFRESH
status=$(post "$B/api/v1/auth/refresh" "{\"refreshToken\":\"$FIRST_REFRESH\"}")
check "refresh on B of A's token (got $status)" test "$status" = 200
SECOND_REFRESH=$(json_field refreshToken)
SECOND_ACCESS=$(json_field accessToken)
status=$(http -H "$(auth "$SECOND_ACCESS")" "$A/api/v1/me")
check "B's access token works on A (got $status)" test "$status" = 200
status=$(post "$A/api/v1/auth/refresh" "{\"refreshToken\":\"$FIRST_REFRESH\"}")
check "reusing the rotated token on A is refused (got $status)" test "$status" = 401
status=$(post "$B/api/v1/auth/refresh" "{\"refreshToken\":\"$SECOND_REFRESH\"}")
check "and revoked the family: B refuses its successor (got $status)" test "$status" = 401
status=$(http -H "$(auth "$SECOND_ACCESS")" "$B/api/v1/me")
check "the family's access token is refused on B at the next request (got $status)" test "$status" = 401

# Logout on A ends the session on B.
login "$A" owner@example.com
OWNER=$ACCESS
login "$B" owner@example.com
LEAVING=$ACCESS
status=$(http -X POST -H "$(auth "$LEAVING")" "$A/api/v1/auth/logout")
check "logout on A (got $status)" test "$status" = 204
status=$(http -H "$(auth "$LEAVING")" "$B/api/v1/me")
check "the logged-out token is refused on B (got $status)" test "$status" = 401

# Disabling a user on A, deleting an organization on B.
post "$A/api/v1/organizations" '{"name":"株式会社二台目"}' -H "$(auth "$OWNER")" >/dev/null
ORG=$(json_field id)
status=$(post "$A/api/v1/users" "{\"name\":\"田中\",\"email\":\"tanaka@example.com\",\"password\":\"$PASSWORD\",\"role\":\"User\",\"organizationId\":\"$ORG\"}" -H "$(auth "$OWNER")")
check "a user is created on A (got $status)" test "$status" = 201
TANAKA_ID=$(json_field id)
login "$B" tanaka@example.com
TANAKA=$ACCESS
status=$(http -X PATCH -H 'Content-Type: application/json' -H "$(auth "$OWNER")" --data '{"status":"disabled"}' "$A/api/v1/users/$TANAKA_ID")
check "the user is disabled on A (got $status)" test "$status" = 200
status=$(http -H "$(auth "$TANAKA")" "$B/api/v1/me")
check "the disabled user's token is refused on B at the next request (got $status)" test "$status" = 403 -o "$status" = 401
post "$B/api/v1/organizations" '{"name":"株式会社消える"}' -H "$(auth "$OWNER")" >/dev/null
GONE=$(json_field id)
status=$(http -X DELETE -H "$(auth "$OWNER")" "$B/api/v1/organizations/$GONE")
check "an organization is deleted on B (got $status)" test "$status" = 200 -o "$status" = 204
status=$(http -H "$(auth "$OWNER")" "$A/api/v1/organizations/$GONE")
check "A no longer finds it (got $status)" test "$status" = 404

# The login throttle counts across instances: 3 failures on A and 2 on B, then 429 on either.
for base in "$A" "$A" "$A" "$B" "$B"; do
  login "$base" owner@example.com "wrong password"
  check "a failed login on ${base#http://} is 401 (got $status)" test "$status" = 401
done
login "$A" owner@example.com
check "the sixth attempt, on A, is throttled (got $status)" test "$status" = 429
login "$B" owner@example.com
check "and on B too (got $status)" test "$status" = 429

# Syncs: simultaneous requests on A and B make one run; B sees A's run while it runs.
sync_status() { http -H "$(auth "$OWNER")" "$1/api/v1/sync/runs/latest" >/dev/null; json_field status; }
wait_for 60 "the setup's first sync to finish" bash -c "[ \"\$(curl -s --noproxy '*' -H '$(auth "$OWNER")' '$A/api/v1/sync/runs/latest' | sed -n 's/.*\"status\":\"\\([^\"]*\\)\".*/\\1/p')\" = succeeded ]"
# A's request in the background writes its own body file (the shared one is B's).
curl -sS --noproxy '*' -o "$WORK/body-a" -w '%{http_code}' -H 'Content-Type: application/json' --data '{}' \
  -H "$(auth "$OWNER")" "$A/api/v1/sync" >"$WORK/sync-a.status" &
post_a=$!
post "$B/api/v1/sync" '{}' -H "$(auth "$OWNER")" >"$WORK/sync-b.status"
RUN_B=$(json_field runId)
wait $post_a
check "both sync requests are accepted ($(cat "$WORK/sync-a.status") $(cat "$WORK/sync-b.status"))" \
  test "$(cat "$WORK/sync-a.status")$(cat "$WORK/sync-b.status")" = 202202
status=$(http -H "$(auth "$OWNER")" "$A/api/v1/sync/runs/$RUN_B")
check "A sees the run B reported (got $status)" test "$status" = 200
wait_for 90 "the run to finish" bash -c "[ \"\$(curl -s --noproxy '*' -H '$(auth "$OWNER")' '$A/api/v1/sync/runs/latest' | sed -n 's/.*\"status\":\"\\([^\"]*\\)\".*/\\1/p')\" != running ]"
running=$(psql -qtA "$SERVER/$DB" -c "SELECT count(*) FROM sync_runs WHERE started_at > (SELECT max(started_at) FROM sync_runs WHERE trigger_kind = 'setup')")
check "the two requests made exactly one run ($running)" test "$running" = 1
check "and it succeeded" test "$(sync_status "$B")" = succeeded

# kill -9 of A while writes stream through the balancer: nothing acknowledged is lost, B serves.
writer() {
  local i=0
  while [ ! -f "$WORK/stop" ]; do
    i=$((i + 1))
    code=$(curl -s --noproxy '*' -o /dev/null -w '%{http_code}' -H "$(auth "$OWNER")" \
      -H 'Content-Type: application/json' --data "{\"name\":\"stream-$i\"}" "$LB/api/v1/organizations")
    echo "$code stream-$i" >>"$WORK/stream"
  done
}
writer &
WRITER=$!
wait_for 30 "30 writes" bash -c "[ \$(grep -c '^201' '$WORK/stream' 2>/dev/null || echo 0) -ge 30 ]"
kill -9 "$PID_A"
count_after_kill=$(wc -l <"$WORK/stream")
wait_for 30 "30 more writes after the kill" bash -c "[ \$(tail -n +$((count_after_kill + 1)) '$WORK/stream' | grep -c '^201') -ge 30 ]"
touch "$WORK/stop"
wait "$WRITER"
after=$(tail -n +$((count_after_kill + 1)) "$WORK/stream" | tail -n +3)
check "after the kill every request through the balancer succeeds ($(echo "$after" | grep -vc '^201') failed)" \
  test "$(echo "$after" | grep -vc '^201')" = 0
grep '^201' "$WORK/stream" | cut -d' ' -f2 | sort >"$WORK/acknowledged"
psql -qtA "$SERVER/$DB" -c "SELECT name FROM organizations WHERE name LIKE 'stream-%'" | sort >"$WORK/stored"
missing=$(comm -23 "$WORK/acknowledged" "$WORK/stored" | wc -l)
check "no acknowledged write is lost ($missing of $(wc -l <"$WORK/acknowledged") missing)" test "$missing" = 0
status=$(http "$B/readyz")
check "B is still ready (got $status)" test "$status" = 200
finish
