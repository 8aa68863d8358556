#!/usr/bin/env bash
# The portal behind a real nginx with TLS, with the shipped deploy/nginx/appgenius-portal.conf
# (test ports, a self-signed certificate): login through https sets a Secure cookie, HSTS is
# sent, http redirects to https, the real client address reaches login throttling and the access
# log, and a forged X-Forwarded-For (through nginx or straight to the portal) is not believed;
# /metrics serves every metric deploy/monitoring's alerts use.
# Usage: nginx_tls_test.sh PORTAL_BINARY
PORTAL=$1
source "$(dirname "$0")/lib.sh"
SOURCE_DIR=$(cd "$(dirname "$0")/../.." && pwd)
command -v nginx >/dev/null || { echo "$TEST_NAME: nginx is not installed (scripts/install-deps.sh)"; exit 77; }

HOST=portal.example.co.jp
HTTPS_PORT=$(free_port)
HTTP_PORT=$(free_port)
METRICS_TOKEN=metrics-token-$RANDOM$RANDOM$RANDOM
PASSWORD='correct horse battery'

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
chmod 0644 "$WORK/tls.key"

cat >"$WORK/portal.toml" <<TOML
listen = "127.0.0.1:0"
data_dir = "$WORK/data"
log_level = "info"
public_url = "https://$HOST:$HTTPS_PORT"
trusted_proxies = ["127.0.0.1"]
metrics_token = "$METRICS_TOKEN"
argon2_memory_kib = 19456
argon2_iterations = 2
sync_interval_minutes = 0
TOML
"$PORTAL" user create --config "$WORK/portal.toml" --email owner@example.com --name Owner --role SuperAdmin \
  --password "$PASSWORD" >"$WORK/user-create.out" 2>&1
"$PORTAL" serve --config "$WORK/portal.toml" >"$WORK/portal.out" 2>"$WORK/portal.err" &
PIDS+=($!)
wait_for 30 "the portal to listen" portal_listening "$WORK/portal.out"
PORTAL_PORT=$(portal_port "$WORK/portal.out")
wait_for 30 "the portal to be ready" curl -sf --noproxy '*' "http://127.0.0.1:$PORTAL_PORT/readyz"

# The shipped site, with this test's ports, certificate and upstream; nothing else changed.
sed -e "s|listen 443 ssl http2;|listen 127.0.0.1:$HTTPS_PORT ssl http2;|" \
  -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" \
  -e '/listen \[::\]/d' \
  -e "s|/etc/letsencrypt/live/$HOST/fullchain.pem|$WORK/tls.crt|" \
  -e "s|/etc/letsencrypt/live/$HOST/privkey.pem|$WORK/tls.key|" \
  -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$PORTAL_PORT;|" \
  "$SOURCE_DIR/deploy/nginx/appgenius-portal.conf" >"$WORK/site.conf"
start_nginx "$WORK/site.conf"
wait_for 30 "nginx to listen" curl -s --noproxy '*' -o /dev/null "http://127.0.0.1:$HTTP_PORT/"

tls_proxy_helpers

# http → https
status=$(http --resolve "$HOST:$HTTP_PORT:127.0.0.1" "http://$HOST:$HTTP_PORT/login")
check "plain http is redirected to https" test "$status" = 301
check "the redirect names the https address" test "$(header location)" = "https://$HOST/login"

check_behind_tls_proxy nginx

# A forged X-Forwarded-For through nginx: nginx appends the real address, which is what counts.
status=$(login 127.0.0.7 "wrong password" -H 'X-Forwarded-For: 203.0.113.50')
check "a forged header through nginx still logs 127.0.0.7" wait_for 5 "the line" has_log 127.0.0.7 127.0.0.1
check "the forged address is in no access-log line as the client" \
  bash -c "! grep -q '\"remote\":\"203.0.113.50\"' '$WORK/portal.err'"

# A forged X-Forwarded-For straight to the portal from a peer that is not a trusted proxy.
for i in 1 2 3 4 5; do
  status=$(http --interface 127.0.0.8 -H 'Content-Type: application/json' -H "X-Forwarded-For: 198.51.100.$i" \
    --data "$(login_body owner@example.com "wrong password $i")" "http://127.0.0.1:$PORTAL_PORT/api/v1/auth/login")
done
status=$(http --interface 127.0.0.8 -H 'Content-Type: application/json' -H 'X-Forwarded-For: 198.51.100.99' \
  --data "$(login_body owner@example.com "$PASSWORD")" "http://127.0.0.1:$PORTAL_PORT/api/v1/auth/login")
check "an untrusted peer cannot escape throttling with made-up addresses (got $status)" test "$status" = 429
check "the access log names the untrusted peer itself" wait_for 5 "the line" has_log 127.0.0.8 127.0.0.8

# /metrics: not through nginx, and only with the token on the portal itself.
status=$(http "${TLS[@]}" "$BASE/metrics")
check "/metrics is not served through nginx (got $status)" test "$status" = 404
status=$(http "http://127.0.0.1:$PORTAL_PORT/metrics")
check "/metrics without the token is 401 (got $status)" test "$status" = 401
status=$(http -H "Authorization: Bearer $METRICS_TOKEN" "http://127.0.0.1:$PORTAL_PORT/metrics")
check "/metrics with the token is 200 (got $status)" test "$status" = 200
# Every metric the shipped alerts and rules name is one the portal serves (docs/deploy.md "Monitor").
metrics=$(grep -ohE '\bportal_[a-z0-9_]+' "$SOURCE_DIR"/deploy/monitoring/*.yml | sort -u)
check "deploy/monitoring names portal metrics" test -n "$metrics"
for metric in $metrics; do
  check "/metrics serves $metric (deploy/monitoring)" grep -qE "^$metric(\{| )" "$WORK/body"
done
check "no error in nginx's error log" bash -c "! grep -E '\\[(error|crit|alert|emerg)\\]' '$WORK/nginx-error.log'"
finish
