#!/usr/bin/env bash
# The portal behind a real Caddy with TLS, with the shipped deploy/caddy/Caddyfile (test ports, a
# self-signed certificate instead of Let's Encrypt): login through https sets a Secure cookie, HSTS
# is sent, http redirects to https, the real client address reaches login throttling and the
# access log, a forged X-Forwarded-For through Caddy is not believed, and /metrics is not served
# through it. Caddy listens on 127.0.0.1 only, without its admin endpoint, and keeps its state in
# this test's directory. Skipped when caddy is missing, except in CI.
# Usage: caddy_tls_test.sh PORTAL_BINARY
PORTAL=$1
source "$(dirname "$0")/lib.sh"
SOURCE_DIR=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v caddy >/dev/null; then
  echo "$TEST_NAME: caddy is not installed (scripts/install-deps.sh)"
  [ "${CI:-}" = "true" ] && exit 1
  exit 77
fi

HOST=portal.example.co.jp
HTTPS_PORT=$(free_port)
HTTP_PORT=$(free_port)
METRICS_TOKEN=metrics-token-$RANDOM$RANDOM$RANDOM
PASSWORD='correct horse battery'

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null

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

# The shipped site with this test's certificate and upstream, after global options that keep
# Caddy on 127.0.0.1 and the test ports, without an admin endpoint; HOME and XDG_* keep what it
# stores (its local CA, an autosaved config) under $WORK.
mkdir -p "$WORK/caddy/home" "$WORK/caddy/data" "$WORK/caddy/config"
{
  cat <<CADDY
{
	admin off
	http_port $HTTP_PORT
	https_port $HTTPS_PORT
	default_bind 127.0.0.1
	skip_install_trust
}

CADDY
  sed -e "s|^$HOST {\$|&\n\ttls $WORK/tls.crt $WORK/tls.key|" \
    -e "s|reverse_proxy 127.0.0.1:8080\$|reverse_proxy 127.0.0.1:$PORTAL_PORT|" \
    "$SOURCE_DIR/deploy/caddy/Caddyfile"
} >"$WORK/Caddyfile"
check "the test's Caddyfile has the certificate and the upstream" bash -c \
  "grep -q '	tls $WORK/tls.crt' '$WORK/Caddyfile' && grep -q 'reverse_proxy 127.0.0.1:$PORTAL_PORT\$' '$WORK/Caddyfile'"
CADDY_ENV=(env HOME="$WORK/caddy/home" XDG_DATA_HOME="$WORK/caddy/data" XDG_CONFIG_HOME="$WORK/caddy/config")
"${CADDY_ENV[@]}" caddy validate --adapter caddyfile --config "$WORK/Caddyfile" >"$WORK/caddy-validate.log" 2>&1 ||
  { cat "$WORK/caddy-validate.log"; exit 1; }
"${CADDY_ENV[@]}" caddy run --adapter caddyfile --config "$WORK/Caddyfile" >"$WORK/caddy.out" 2>"$WORK/caddy.log" &
PIDS+=($!)
wait_for 30 "caddy to listen" curl -s --noproxy '*' -o /dev/null "http://127.0.0.1:$HTTP_PORT/"

tls_proxy_helpers

# http → https
status=$(http --resolve "$HOST:$HTTP_PORT:127.0.0.1" "http://$HOST:$HTTP_PORT/login")
check "plain http is redirected to https (got $status)" test "$status" = 308
# The redirect names the site's host without a port: the test's https port stands in for 443.
check "the redirect names the https address: $(header location)" test "$(header location)" = "https://$HOST/login"

check_behind_tls_proxy Caddy

# A forged X-Forwarded-For through Caddy: Caddy replaces it with the address it sees.
for i in 1 2 3 4 5; do
  status=$(login 127.0.0.7 "wrong password $i" -H "X-Forwarded-For: 203.0.113.$i")
done
status=$(login 127.0.0.7 "$PASSWORD" -H 'X-Forwarded-For: 203.0.113.99')
check "a client cannot escape throttling through Caddy with made-up addresses (got $status)" test "$status" = 429
check "a forged header through Caddy still logs 127.0.0.7" wait_for 5 "the line" has_log 127.0.0.7 127.0.0.1
check "no forged address is in an access-log line as the client" \
  bash -c "! grep -q '\"remote\":\"203\\.0\\.113\\.' '$WORK/portal.err'"

# /metrics: not through Caddy (nor with another spelling of the path), only on the portal itself.
for path in /metrics /METRICS '/metrics?x=1'; do
  status=$(http "${TLS[@]}" -H "Authorization: Bearer $METRICS_TOKEN" "$BASE$path")
  check "$path is not served through Caddy, even with the token (got $status)" test "$status" = 404
done
check "the 404 is Caddy's, not the metrics" bash -c "! grep -q '^portal_' '$WORK/body'"
status=$(http -H "Authorization: Bearer $METRICS_TOKEN" "http://127.0.0.1:$PORTAL_PORT/metrics")
check "/metrics with the token on the portal is 200 (got $status)" test "$status" = 200

# Bound to 127.0.0.1 alone, not to every address: another loopback address is refused.
for port in "$HTTP_PORT" "$HTTPS_PORT"; do
  check "caddy does not answer on 127.0.0.2:$port" bash -c "! curl -s --noproxy '*' -o /dev/null http://127.0.0.2:$port/"
done
check "caddy kept its state in this test's directory" \
  test -f "$WORK/caddy/config/caddy/autosave.json" -a -d "$WORK/caddy/data/caddy/pki"
check "no error in caddy's log" bash -c "! grep -E '\"level\":\"(error|panic|fatal)\"' '$WORK/caddy.log'"
finish
