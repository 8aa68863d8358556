#!/usr/bin/env bash
# Every list endpoint at scale. Seeds a portal with `portal seed-scale` (default 1 000 000
# keys, 100 000 users, 1 000 organizations, 100 workspaces, 1 000 000 audit events, 10 000
# prompts) on SQLite and on PostgreSQL, then measures each list with the filters and searches the
# UI offers — first page and a page deep in the cursor — with wrk at 16 connections.
#   BACKENDS="sqlite postgresql"  KEYS USERS AUDIT PROMPTS  DURATION=5s  CONNECTIONS=16
#   REUSE=DIR  keep the seeded databases in DIR and reuse them on the next run
#   SEED_ONLY=1  only seed (with REUSE, to measure later); ONLY=REGEX  only the lists whose label matches
# Needs wrk (apt-get install -y wrk) and, for PostgreSQL, scripts/test-postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PORTAL=${PORTAL_BIN:-build/bin/portal}
BACKENDS=${BACKENDS:-"sqlite postgresql"}
KEYS=${KEYS:-1000000}
USERS=${USERS:-100000}
AUDIT=${AUDIT:-1000000}
PROMPTS=${PROMPTS:-10000}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-16}
work=${REUSE:-$(mktemp -d)}
mkdir -p "$work"
chmod 755 "$work"  # the PostgreSQL server runs as postgres
export PORTAL_ARGON2_MEMORY_KIB=19456 PORTAL_ARGON2_ITERATIONS=2 PORTAL_SYNC_INTERVAL_MINUTES=0 PORTAL_LOG_LEVEL=warn
export PORTAL_TEST_PG_DIR=$work/pg PORTAL_TEST_PG_PORT=25442
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -z "${REUSE:-}" ]; then
    scripts/test-postgres.sh stop
    rm -rf "$work"
  fi
}
trap cleanup EXIT
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
parse() { awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$4} END {print rps, p50, p99, bad+0}'; }

seed_notes=()
echo "| backend | list | requests/s | p50 | p99 | first call | items/total |"
echo "|---|---|---|---|---|---|---|"
port=18300
for backend in $BACKENDS; do
  port=$((port + 1))
  if [ "$backend" = sqlite ]; then url="sqlite:$work/sqlite/portal.db"; else url=$(scripts/test-postgres.sh start); fi
  if [ ! -f "$work/$backend.seeded" ]; then
    mkdir -p "$work/$backend"
    /usr/bin/time -f "%e s, peak RSS %M KiB" "$PORTAL" seed-scale --data-dir "$work/$backend" --database-url "$url" \
      --keys "$KEYS" --users "$USERS" --audit-events "$AUDIT" --prompts "$PROMPTS" >"$work/$backend.seed" 2>&1
    if [ "$backend" = postgresql ]; then
      # What autovacuum does on a database that has been running a while: the seeder's own VACUUM,
      # right after its bulk inserts, leaves most pages not all-visible (no index-only scans).
      psql -q "$url" -c 'VACUUM ANALYZE'
    fi
    touch "$work/$backend.seeded"
  fi
  seed_notes+=("$backend: $(tail -1 "$work/$backend.seed")")
  [ -z "${SEED_ONLY:-}" ] || continue
  "$PORTAL" serve --data-dir "$work/$backend" --database-url "$url" --listen 127.0.0.1:$port \
    >"$work/$backend.out" 2>"$work/$backend.log" &
  pids+=($!)
  for _ in $(seq 1 300); do grep -q "listening on" "$work/$backend.out" && break; sleep 0.1; done
  base=http://127.0.0.1:$port/api/v1
  token=$(curl -sf -H 'Content-Type: application/json' \
    -d '{"email":"scale-admin@example.com","password":"scale password 1","client":"cli"}' $base/auth/login |
    json 'd["accessToken"]')
  auth=(-H "Authorization: Bearer $token")
  get() { curl -sf "${auth[@]}" "$base/$1"; }
  # A cursor PAGES (default 20) pages of 500 deep into a list.
  deep() {
    local path=$1 pages=${2:-20} cursor="" sep='?'
    case "$path" in *\?*) sep='&' ;; esac
    for _ in $(seq 1 "$pages"); do
      cursor=$(get "$path${sep}limit=500${cursor:+&cursor=$cursor}" | json 'd.get("nextCursor") or ""')
      [ -n "$cursor" ] || break
    done
    echo "$cursor"
  }
  org=$(get "workspaces?limit=1" | json 'd["items"][0]["organizationId"]')
  ws=$(get "workspaces?limit=1" | json 'd["items"][0]["id"]')
  some_key=$(get "api-keys?limit=1&status=active" | json 'd["items"][0]')
  hint_prefix=$(echo "$some_key" | python3 -c "import sys,ast; print(ast.literal_eval(sys.stdin.read())['hint'][:16])")
  id_prefix=$(echo "$some_key" | python3 -c "import sys,ast; print(ast.literal_eval(sys.stdin.read())['id'][:14])")
  actor=$(get "audit?limit=1" | json 'd["items"][0]["actorId"]')
  cases=(
    "keys, first page|api-keys?limit=50"
    "keys, 10 000 deep|api-keys?limit=50&cursor=$(deep api-keys)"
    "keys, status=inactive|api-keys?limit=50&status=inactive"
    "keys, status=archived, 10 000 deep|api-keys?limit=50&status=archived&cursor=$(deep 'api-keys?status=archived')"
    "keys, organization|api-keys?limit=50&organizationId=$org"
    "keys, workspace|api-keys?limit=50&workspaceId=$ws"
    "keys, assigned|api-keys?limit=50&assigned=true"
    "keys, unassigned|api-keys?limit=50&assigned=false"
    "keys, q=営業 (a word, 1 in 24)|api-keys?limit=50&q=%E5%96%B6%E6%A5%AD"
    "keys, q=31415 (a number, rare)|api-keys?limit=50&q=31415"
    "keys, q=hint prefix|api-keys?limit=50&q=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$hint_prefix")"
    "keys, q=id prefix|api-keys?limit=50&q=$id_prefix"
    "keys, q=no match|api-keys?limit=50&q=zzqqxx"
    "keys, assigned, 5 000 deep|api-keys?limit=50&assigned=true&cursor=$(deep 'api-keys?assigned=true' 10)"
    "keys, workspace, 5 000 deep|api-keys?limit=50&workspaceId=$ws&cursor=$(deep "api-keys?workspaceId=$ws" 10)"
    "users, first page|users?limit=50"
    "users, 10 000 deep|users?limit=50&cursor=$(deep users)"
    "users, organization|users?limit=50&organizationId=$org"
    "users, role=Admin|users?limit=50&role=Admin"
    "users, status=disabled|users?limit=50&status=disabled"
    "users, q=佐藤 (1 in 20)|users?limit=50&q=%E4%BD%90%E8%97%A4"
    "users, q=email, rare|users?limit=50&q=user031415"
    "users, q=no match|users?limit=50&q=zzqqxx"
    "users, role=User, 10 000 deep|users?limit=50&role=User&cursor=$(deep 'users?role=User')"
    "organizations, first page|organizations?limit=50"
    "organizations, q=顧客 001 (a name)|organizations?limit=50&q=%E9%A1%A7%E5%AE%A2%20001"
    "organizations, 500 deep|organizations?limit=50&cursor=$(get 'organizations?limit=500' | json 'd.get("nextCursor") or ""')"
    "workspaces, first page|workspaces?limit=50"
    "workspaces, organization|workspaces?limit=50&organizationId=$org"
    "audit, first page|audit?limit=50"
    "audit, 10 000 deep|audit?limit=50&cursor=$(deep audit)"
    "audit, organization|audit?limit=50&organizationId=$org"
    "audit, actor|audit?limit=50&actorId=$actor"
    "audit, action|audit?limit=50&action=auth.login"
    "audit, action, 10 000 deep|audit?limit=50&action=auth.login&cursor=$(deep 'audit?action=auth.login')"
    "prompts, first page|prompts?limit=50"
    "prompts, 5 000 deep|prompts?limit=50&cursor=$(deep prompts)"
    "prompts, q=要約 (every one)|prompts?limit=50&q=%E8%A6%81%E7%B4%84"
    "prompts, q=番号 7777 (rare)|prompts?limit=50&q=%E7%95%AA%E5%8F%B7%207777"
    "prompts, category=要約|prompts?limit=50&category=%E8%A6%81%E7%B4%84"
    "prompts, tag=scale|prompts?limit=50&tag=scale"
  )
  for entry in "${cases[@]}"; do
    label=${entry%%|*}
    path=${entry#*|}
    [[ -z "${ONLY:-}" || "$label" =~ $ONLY ]] || continue
    first=$(curl -s -o "$work/body.json" -w '%{time_total}' "${auth[@]}" "$base/$path")
    counts=$(json 'str(len(d["items"])) + "/" + str(d.get("total", "-")) + ("+" if d.get("totalExact") is False else "")' \
      <"$work/body.json" 2>/dev/null || echo "error $(head -c 200 "$work/body.json")")
    read -r rps p50 p99 bad <<<"$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${auth[@]}" "$base/$path" | parse)"
    [ "$bad" = 0 ] || rps="$rps ($bad errors)"
    printf '| %s | %s | %s | %s | %s | %.0f ms | %s |\n' "$backend" "$label" "$rps" "$p50" "$p99" \
      "$(echo "$first * 1000" | bc)" "$counts"
  done
  printf '| %s | portal peak RSS | %s MiB | | | | |\n' "$backend" \
    "$(($(awk '/VmHWM/ {print $2}' /proc/"${pids[-1]}"/status) / 1024))"
  kill "${pids[-1]}"
done
echo
echo "Seeding (\`portal seed-scale\` under \`/usr/bin/time\`, the whole data set in one run):"
for note in "${seed_notes[@]}"; do echo "- $note"; done
