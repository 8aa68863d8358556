# Shared by the deployment tests (deploy/tests/*.sh): temporary directories, free ports on
# 127.0.0.1, waiting for a condition, and cleaning up every process a test started.
set -euo pipefail

TEST_NAME=$(basename "$0" .sh)
WORK=$(mktemp -d "/tmp/portal-$TEST_NAME.XXXXXX")
chmod 0755 "$WORK"
PIDS=()
FAILURES=0

cleanup() {
  local pid
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  if [ "$FAILURES" -eq 0 ] && [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; else echo "$TEST_NAME: files kept in $WORK"; fi
}
trap cleanup EXIT

log() { echo "$TEST_NAME: $*"; }
fail() {
  echo "$TEST_NAME: FAIL: $*" >&2
  FAILURES=$((FAILURES + 1))
}
check() {  # check "what" command...
  local what=$1
  shift
  if "$@"; then log "ok: $what"; else fail "$what"; fi
}
finish() {
  if [ "$FAILURES" -ne 0 ]; then
    echo "$TEST_NAME: $FAILURES check(s) failed" >&2
    exit 1
  fi
  log "all checks passed"
}

# A TCP port on 127.0.0.1 that nothing listens on now, below the kernel's ephemeral range (where
# the outgoing connections of the tests running alongside take their local ports) and not the
# test PostgreSQL's 25432.
free_port() {
  local port low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  while true; do
    port=$((20000 + RANDOM % (low - 20000)))
    [ "$port" -eq "${PORTAL_TEST_PG_PORT:-25432}" ] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# wait_for SECONDS "what" command...: runs the command until it succeeds.
wait_for() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$TEST_NAME: timed out after ${limit}s waiting for $what" >&2
      return 1
    fi
    sleep 0.1
  done
}

# The port a `portal serve` started with listen = 127.0.0.1:0 printed on its first line.
portal_port() {  # portal_port STDOUT_FILE
  sed -n 's/^AppGenius Portal listening on https\?:\/\/[^:]*:\([0-9]*\) .*/\1/p' "$1" | head -1
}

portal_listening() { test -n "$(portal_port "$1")"; }

# An HTTP status code (and the body in $WORK/body, the headers in $WORK/headers).
http() {
  curl -sS --noproxy '*' -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@"
}
header() {  # header NAME: the value of a response header of the last http call
  grep -i "^$1:" "$WORK/headers" | head -1 | cut -d' ' -f2- | tr -d '\r'
}

# Runs nginx in the foreground with SITE (a file of upstream/server blocks) as its only site,
# every path under $WORK; stopped by cleanup.
start_nginx() {  # start_nginx SITE
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
user $(id -un) $(id -gn);
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 256; }
http {
  access_log $WORK/nginx-access.log;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  include $1;
}
NGINX
  nginx -t -q -e "$WORK/nginx-error.log" -p "$WORK/nginx" -c "$WORK/nginx.conf"
  nginx -e "$WORK/nginx-error.log" -p "$WORK/nginx" -c "$WORK/nginx.conf" -g 'daemon off;' &
  PIDS+=($!)
}

# Behind a TLS reverse proxy at https://$HOST:$HTTPS_PORT (certificate $WORK/tls.crt): TLS, BASE,
# login_body and login SOURCE_ADDRESS PASSWORD [curl args…] (as owner@example.com), and has_log
# CLIENT PEER (an access-log line of a login from CLIENT through PEER in $WORK/portal.err).
tls_proxy_helpers() {
  TLS=(--cacert "$WORK/tls.crt" --resolve "$HOST:$HTTPS_PORT:127.0.0.1")
  BASE="https://$HOST:$HTTPS_PORT"
  login_body() { printf '{"email":"%s","password":"%s","client":"%s"}' "$1" "$2" "${3:-web}"; }
  login() {
    local source=$1 password=$2
    shift 2
    http "${TLS[@]}" --interface "$source" -H 'Content-Type: application/json' \
      --data "$(login_body owner@example.com "$password")" "$@" "$BASE/api/v1/auth/login"
  }
  has_log() { grep -q "\"route\":\"/api/v1/auth/login\".*\"remote\":\"$1\",\"peer\":\"$2\"" "$WORK/portal.err"; }
}

# What every TLS proxy in front of the portal must give (check_behind_tls_proxy NAME, after
# tls_proxy_helpers; the portal's owner password in $PASSWORD): a Secure cookie and HSTS through
# https, and the real client address in login throttling and the access log.
check_behind_tls_proxy() {
  local proxy=$1 status i
  status=$(login 127.0.0.4 "$PASSWORD")
  check "login through $proxy over https answers 200 (got $status)" test "$status" = 200
  check "the refresh cookie is Secure: $(header set-cookie)" grep -qi '^set-cookie:.*; Secure' "$WORK/headers"
  check "HSTS is sent" test "$(header strict-transport-security)" = "max-age=31536000"
  status=$(http "${TLS[@]}" "$BASE/")
  check "the web app is served through $proxy with HSTS" test "$(header strict-transport-security)" = "max-age=31536000"
  # 127.0.0.5 is throttled after its 5 failures…
  for i in 1 2 3 4 5; do
    status=$(login 127.0.0.5 "wrong password $i")
    check "failure $i from 127.0.0.5 answers 401 (got $status)" test "$status" = 401
  done
  status=$(login 127.0.0.5 "$PASSWORD")
  check "the 6th attempt from 127.0.0.5 is throttled (got $status)" test "$status" = 429
  # …while the owner at 127.0.0.6, behind the same proxy (127.0.0.1 to the portal), is not.
  status=$(login 127.0.0.6 "$PASSWORD")
  check "another client address behind the same proxy logs in (got $status)" test "$status" = 200
  # Access-log lines reach the log within a fraction of a second (written a batch at a time).
  check "the access log names the client 127.0.0.5 and the proxy 127.0.0.1" wait_for 5 "the line" has_log 127.0.0.5 127.0.0.1
}
