#!/usr/bin/env bash
# Back up and restore a PostgreSQL installation with the commands docs/deploy.md gives:
# pg_dump --format=custom during a stream of writes, pg_restore into a new database, a portal on
# the restored database serving the same account and every write acknowledged before the dump.
# Usage: postgres_backup_test.sh PORTAL_BINARY (PORTAL_TEST_DATABASE_URL names a server to use)
PORTAL=$1
source "$(dirname "$0")/lib.sh"
[ -n "${PORTAL_TEST_DATABASE_URL:-}" ] || { echo "$TEST_NAME: PORTAL_TEST_DATABASE_URL is not set"; exit 77; }
command -v pg_dump >/dev/null || { echo "$TEST_NAME: pg_dump is not installed"; exit 77; }

SERVER=${PORTAL_TEST_DATABASE_URL%/*}  # postgresql://user@host:port
SOURCE_DB=portal_backup_$RANDOM$RANDOM
TARGET_DB=${SOURCE_DB}_restored
PASSWORD='correct horse battery'
drop_databases() { psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS $SOURCE_DB" -c "DROP DATABASE IF EXISTS $TARGET_DB" 2>/dev/null || true; }
trap 'cleanup; drop_databases' EXIT
psql -q "$SERVER/postgres" -c "CREATE DATABASE $SOURCE_DB"

export PORTAL_DATABASE_URL="$SERVER/$SOURCE_DB"
export PORTAL_ARGON2_MEMORY_KIB=19456 PORTAL_ARGON2_ITERATIONS=2 PORTAL_SYNC_INTERVAL_MINUTES=0
"$PORTAL" user create --data-dir "$WORK/data" --email owner@example.com --name Owner --role SuperAdmin \
  --password "$PASSWORD" >"$WORK/user-create.out" 2>&1
"$PORTAL" serve --data-dir "$WORK/data" --listen 127.0.0.1:0 >"$WORK/portal.out" 2>"$WORK/portal.err" &
PIDS+=($!)
wait_for 30 "the portal to listen" portal_listening "$WORK/portal.out"
BASE="http://127.0.0.1:$(portal_port "$WORK/portal.out")"
token() {
  curl -sf --noproxy '*' -H 'Content-Type: application/json' \
    --data "{\"email\":\"owner@example.com\",\"password\":\"$PASSWORD\",\"client\":\"cli\"}" "$1/api/v1/auth/login" |
    sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}
TOKEN=$(token "$BASE")
check "login on the source installation" test -n "$TOKEN"

# A writer creates organizations without pause and logs each one acknowledged.
writer() {
  local i=0
  while [ ! -f "$WORK/stop" ]; do
    i=$((i + 1))
    code=$(curl -s --noproxy '*' -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' --data "{\"name\":\"backup-org-$i\"}" "$BASE/api/v1/organizations")
    [ "$code" = 201 ] && echo "backup-org-$i" >>"$WORK/acknowledged"
  done
}
writer &
WRITER=$!
wait_for 30 "20 acknowledged writes" bash -c "[ \$(wc -l <'$WORK/acknowledged' 2>/dev/null || echo 0) -ge 20 ]"
cp "$WORK/acknowledged" "$WORK/before-dump"

# docs/deploy.md "Back up and restore" (PostgreSQL)
pg_dump --format=custom --file="$WORK/portal.dump" "$SERVER/$SOURCE_DB"
psql -q "$SERVER/postgres" -c "CREATE DATABASE $TARGET_DB"
pg_restore --no-owner --exit-on-error --dbname="$SERVER/$TARGET_DB" "$WORK/portal.dump"

touch "$WORK/stop"
wait "$WRITER"
check "writes went on during the dump" test "$(wc -l <"$WORK/acknowledged")" -gt "$(wc -l <"$WORK/before-dump")"

psql -qtA "$SERVER/$TARGET_DB" -c "SELECT name FROM organizations" >"$WORK/restored-names"
missing=$(sort "$WORK/before-dump" | comm -23 - <(sort "$WORK/restored-names") | wc -l)
check "every write acknowledged before the dump is in the restored database ($missing of $(wc -l <"$WORK/before-dump") missing)" \
  test "$missing" -eq 0

# The restored database serves the same installation (same master and JWT keys).
PORTAL_DATABASE_URL="$SERVER/$TARGET_DB" "$PORTAL" serve --data-dir "$WORK/data" --listen 127.0.0.1:0 \
  >"$WORK/restored.out" 2>"$WORK/restored.err" &
PIDS+=($!)
wait_for 30 "the restored portal to listen" portal_listening "$WORK/restored.out"
RESTORED="http://127.0.0.1:$(portal_port "$WORK/restored.out")"
check "the readiness check of the restored portal passes" curl -sf --noproxy '*' -o /dev/null "$RESTORED/readyz"
check "the same account logs in on the restored database" test -n "$(token "$RESTORED")"
finish
