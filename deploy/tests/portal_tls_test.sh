#!/usr/bin/env bash
# HTTPS served by the portal itself (tls_cert_file / tls_key_file, docs/deploy.md): a small
# install without a proxy. The web app and the API answer over TLS with HSTS and a Secure cookie,
# a plain-HTTP client gets no answer and does not disturb the server, and a missing or broken
# certificate stops start-up with one line.
# Usage: portal_tls_test.sh PORTAL_BINARY
PORTAL=$1
source "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || { echo "$TEST_NAME: openssl is not installed"; exit 77; }

HOST=portal.example.co.jp
PASSWORD='correct horse battery'
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=$HOST" \
  -addext "subjectAltName=DNS:$HOST" -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
export PORTAL_ARGON2_MEMORY_KIB=19456 PORTAL_ARGON2_ITERATIONS=2 PORTAL_SYNC_INTERVAL_MINUTES=0

# Misconfiguration: one clear line, exit status 2.
set +e
PORTAL_TLS_CERT_FILE="$WORK/tls.crt" "$PORTAL" serve --data-dir "$WORK/data" --listen 127.0.0.1:0 \
  >/dev/null 2>"$WORK/half.err"
half=$?
echo "not a key" >"$WORK/broken.key"
PORTAL_TLS_CERT_FILE="$WORK/tls.crt" PORTAL_TLS_KEY_FILE="$WORK/broken.key" "$PORTAL" serve \
  --data-dir "$WORK/data" --listen 127.0.0.1:0 >/dev/null 2>"$WORK/broken.err"
broken=$?
set -e
check "a certificate without its key is refused at start (exit $half)" test "$half" = 2
check "…with one line naming both settings" grep -qx 'portal: configuration: tls_cert_file and tls_key_file: set both or neither' "$WORK/half.err"
check "a key file that is not a key stops start-up (exit $broken)" test "$broken" = 1
check "…naming tls_key_file: $(tail -1 "$WORK/broken.err")" bash -c "tail -1 '$WORK/broken.err' | grep -q '^portal: tls_key_file '"

"$PORTAL" user create --data-dir "$WORK/data" --email owner@example.com --name Owner --role SuperAdmin \
  --password "$PASSWORD" >"$WORK/user-create.out" 2>&1
PORTAL_TLS_CERT_FILE="$WORK/tls.crt" PORTAL_TLS_KEY_FILE="$WORK/tls.key" \
  "$PORTAL" serve --data-dir "$WORK/data" --listen 127.0.0.1:0 >"$WORK/portal.out" 2>"$WORK/portal.err" &
PIDS+=($!)
wait_for 30 "the portal to listen" portal_listening "$WORK/portal.out"
PORT=$(portal_port "$WORK/portal.out")
check "it says it listens on https" grep -q "^AppGenius Portal listening on https://127.0.0.1:$PORT " "$WORK/portal.out"
TLS=(--cacert "$WORK/tls.crt" --resolve "$HOST:$PORT:127.0.0.1")
BASE="https://$HOST:$PORT"

status=$(http "${TLS[@]}" "$BASE/readyz")
check "/readyz answers over TLS (got $status)" test "$status" = 200
check "HSTS is sent" test "$(header strict-transport-security)" = "max-age=31536000"
status=$(http "${TLS[@]}" -H 'Content-Type: application/json' \
  --data "{\"email\":\"owner@example.com\",\"password\":\"$PASSWORD\",\"client\":\"web\"}" "$BASE/api/v1/auth/login")
check "login over TLS (got $status)" test "$status" = 200
check "the refresh cookie is Secure" grep -qi '^set-cookie:.*; Secure' "$WORK/headers"
status=$(curl -s --noproxy '*' -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/readyz" || true)
check "a plain-HTTP request gets no HTTP answer (got ${status:-none})" test "${status:-000}" = 000
status=$(http "${TLS[@]}" "$BASE/readyz")
check "and the portal serves TLS clients after it (got $status)" test "$status" = 200
finish
