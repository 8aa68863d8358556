#!/usr/bin/env bash
# The Debian package as an operator meets it (docs/deploy.md "Install"): build it, install it with
# apt-get on this machine, check what it put where, verify its systemd unit, run `portal serve`
# exactly as the unit does (its user, command line, umask and Type=notify readiness), set the
# portal up and log in, back it up and restore it with the documented commands, then remove it
# (data kept) and purge it (data, configuration and user gone).
# It changes the machine, so it runs only as root with CI=true or PORTAL_TEST_PACKAGE=1.
# Usage: package_test.sh BUILD_DIR
BUILD_DIR=$1
source "$(dirname "$0")/lib.sh"
if [ "$(id -u)" -ne 0 ] || { [ "${CI:-}" != "true" ] && [ -z "${PORTAL_TEST_PACKAGE:-}" ]; }; then
  echo "$TEST_NAME: skipped: installs a package system-wide; runs as root with CI=true or PORTAL_TEST_PACKAGE=1"
  exit 77
fi
for tool in apt-get cpack systemd-analyze socat setpriv sudo; do
  command -v "$tool" >/dev/null || { echo "$TEST_NAME: $tool is missing (scripts/install-deps.sh)"; exit 1; }
done
export DEBIAN_FRONTEND=noninteractive
UNIT=/lib/systemd/system/appgenius-portal.service
DATA=/var/lib/appgenius-portal
CONFIG=/etc/appgenius-portal/portal.toml
PASSWORD='correct horse battery'

(cd "$BUILD_DIR" && cpack -G DEB -B "$WORK/package" >"$WORK/cpack.log" 2>&1) || { cat "$WORK/cpack.log"; exit 1; }
DEB=$(ls "$WORK"/package/appgenius-portal_*.deb)
dpkg-query -W appgenius-portal >/dev/null 2>&1 && apt-get purge -y -qq appgenius-portal >/dev/null
apt-get install -y -qq "$DEB" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; exit 1; }
log "installed $(basename "$DEB")"

check "the binary is /usr/bin/portal" test -x /usr/bin/portal
check "the web app is in /usr/share/appgenius-portal/web" test -f /usr/share/appgenius-portal/web/index.html
check "the nginx site and the Caddyfile are in /usr/share/doc/appgenius-portal" \
  test -f /usr/share/doc/appgenius-portal/appgenius-portal.conf -a -f /usr/share/doc/appgenius-portal/Caddyfile
check "portal.toml is a conffile" bash -c "dpkg-query -W -f='\${Conffiles}' appgenius-portal | grep -q '$CONFIG'"
check "portal.toml is readable by the portal's group only" test "$(stat -c '%a %U:%G' "$CONFIG")" = "640 root:appgenius-portal"
check "the system user exists and cannot log in" bash -c "getent passwd appgenius-portal | grep -q ':/usr/sbin/nologin$'"
check "the data directory is 0700 and the user's" test "$(stat -c '%a %U' "$DATA")" = "700 appgenius-portal"
check "the runtime dependencies are declared" bash -c "dpkg-query -W -f='\${Depends}' appgenius-portal | grep -q libsodium"
check "systemd-analyze verify passes on the unit" systemd-analyze verify "$UNIT"
for setting in "ProtectSystem=strict" "NoNewPrivileges=yes" "PrivateTmp=yes" "ReadWritePaths=$DATA" \
  "Restart=on-failure" "Type=notify"; do
  check "the unit sets $setting" grep -qx "$setting" "$UNIT"
done

# Run it as the unit would: its User, ExecStart and UMask, with a notify socket for Type=notify.
exec_start=$(sed -n 's/^ExecStart=//p' "$UNIT")
user=$(sed -n 's/^User=//p' "$UNIT")
umask_value=$(sed -n 's/^UMask=//p' "$UNIT")
serve_as_unit() {  # serve_as_unit RUN: starts it (PORTAL_PID, output in $WORK/RUN/) and waits for READY=1
  local run=$WORK/$1
  mkdir -m 0777 "$run"
  socat -u UNIX-RECV:"$run/notify" CREATE:"$run/notify-messages" &
  PIDS+=($!)
  wait_for 10 "the notify socket" test -S "$run/notify"
  chmod 0777 "$run/notify"
  setpriv --reuid="$user" --regid="$user" --init-groups --no-new-privs -- env -i PATH=/usr/bin:/bin NOTIFY_SOCKET="$run/notify" \
    sh -c "umask $umask_value; cd /; exec $exec_start" >"$run/portal.out" 2>"$run/portal.err" &
  PORTAL_PID=$!
  PIDS+=($PORTAL_PID)
  wait_for 30 "READY=1 on the notify socket" grep -q '^READY=1' "$run/notify-messages"
}
stop_portal() {  # stop_portal: SIGTERM, as systemctl stop sends it
  kill -TERM "$PORTAL_PID"
  wait "$PORTAL_PID" && stopped=0 || stopped=$?
  check "SIGTERM stops it with status 0 (got $stopped)" test "$stopped" = 0
}
login_owner() {
  http -H 'Content-Type: application/json' \
    --data "{\"email\":\"owner@example.com\",\"password\":\"$PASSWORD\",\"client\":\"cli\"}" "$BASE/api/v1/auth/login"
}
serve_as_unit first-run
BASE=http://127.0.0.1:8080
status=$(http "$BASE/readyz")
check "/readyz answers 200 once READY=1 was sent (got $status)" test "$status" = 200
status=$(http "$BASE/login")
check "the web app is served from the package (got $status)" grep -q '<div id="root">' "$WORK/body"
status=$(http -H 'Content-Type: application/json' \
  --data "{\"name\":\"管理者\",\"email\":\"owner@example.com\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/setup")
check "the first-run setup creates the SuperAdmin (got $status)" test "$status" = 201
status=$(login_owner)
check "the SuperAdmin logs in (got $status)" test "$status" = 200
check "the database, master key and JWT key are the user's, mode 0600" \
  bash -c "for f in portal.db master.key jwt.key; do [ \"\$(stat -c '%a %U' $DATA/\$f)\" = '600 appgenius-portal' ] || exit 1; done"

# Back up while it runs, with the command of docs/deploy.md "Back up and restore" (the date taken once).
BACKUP=/var/lib/appgenius-portal/backup-$(date +%F).db
sudo -u appgenius-portal portal backup --config /etc/appgenius-portal/portal.toml \
  --to "$BACKUP" >"$WORK/backup.log" 2>&1 && backed_up=0 || backed_up=$?
check "portal backup of the live database succeeds (got $backed_up: $(tail -1 "$WORK/backup.log"))" test "$backed_up" = 0
check "the backup is the user's, mode 0600" test "$(stat -c '%a %U' "$BACKUP" 2>&1)" = "600 appgenius-portal"
check "the portal wrote nothing outside its data directory (ProtectSystem=strict)" \
  bash -c "[ -z \"\$(find / -xdev -user appgenius-portal -not -path '$DATA*' -not -path '/proc/*' 2>/dev/null)\" ]"
stop_portal

# Restore as the docs say: the portal stopped, a data directory without a database (here: a new
# one, as the package makes it) holding the original master key and JWT key, and the backup.
mv "$DATA" "$WORK/old-data"
install -d -m 0700 -o appgenius-portal -g appgenius-portal "$DATA"
install -m 0600 -o appgenius-portal -g appgenius-portal "$WORK/old-data/master.key" "$WORK/old-data/jwt.key" \
  "$WORK/old-data/$(basename "$BACKUP")" "$DATA/"
sudo -u appgenius-portal portal restore --config /etc/appgenius-portal/portal.toml \
  --from "$BACKUP" >"$WORK/restore.log" 2>&1 && restored=0 || restored=$?
check "portal restore into the new data directory succeeds (got $restored: $(tail -1 "$WORK/restore.log"))" \
  test "$restored" = 0
check "the restored database is the user's, mode 0600" test "$(stat -c '%a %U' "$DATA/portal.db" 2>&1)" = "600 appgenius-portal"
sudo -u appgenius-portal portal restore --config /etc/appgenius-portal/portal.toml \
  --from "$BACKUP" >"$WORK/restore-again.log" 2>&1 && restored=0 || restored=$?
check "a second restore refuses to replace the database (got $restored: $(tail -1 "$WORK/restore-again.log"))" \
  bash -c "[ $restored -ne 0 ] && grep -q 'there is a database at $DATA/portal.db already' '$WORK/restore-again.log'"
serve_as_unit restored
status=$(login_owner)
check "the SuperAdmin of the backup logs in to the restored portal (got $status)" test "$status" = 200
stop_portal

apt-get remove -y -qq appgenius-portal >"$WORK/remove.log" 2>&1
check "remove takes the binary away" test ! -e /usr/bin/portal
check "remove keeps the data" test -f "$DATA/portal.db"
check "remove keeps the configuration" test -f "$CONFIG"
apt-get purge -y -qq appgenius-portal >"$WORK/purge.log" 2>&1
check "purge deletes the data" test ! -e "$DATA"
check "purge deletes the configuration" test ! -e /etc/appgenius-portal
check "purge deletes the system user" bash -c "! getent passwd appgenius-portal"
finish
