#!/usr/bin/env bash
# make bench: runs every benchmark and writes docs/benchmarks.md — each table under the command
# that produced it, with the machine and the date; bench/notes/<name>.md (what the figures mean,
# the targets, what holds a missed one back) follows each table. Installs wrk, nginx and perf when
# missing. LIST_REUSE=DIR keeps bench/list_scale.sh's million-key databases for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk nginx perf; do
  if ! command -v "$tool" >/dev/null; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq wrk nginx-light linux-perf >/dev/null
  fi
done
out=$(mktemp)
trap 'rm -f "$out"' EXIT

section() {  # section NAME "Title" "shown command" command...: runs it, appends its output and the notes
  local name=$1 title=$2 shown=$3
  shift 3
  echo "make bench: $title ($shown)" >&2
  {
    echo "## $title"
    echo
    echo "Command: \`$shown\`"
    echo
    "$@" 2>/dev/null
    echo
    if [ -f "bench/notes/$name.md" ]; then
      cat "bench/notes/$name.md"
      echo
    fi
  } >>"$out"
}

passwords() {  # bench_password_hash's console output as a table
  echo "| argon2id m (KiB) / t | one hash | memory |"
  echo "|---|---|---|"
  build/release/bin/bench_password_hash --benchmark_format=csv 2>/dev/null |
    awk -F, '/^"Argon2id\// {split($1, a, "/"); printf "| %s / %s | %.1f ms | %s MiB |\n", a[2], a[3], $3, $NF}
             /^"PortalHasher/ {printf "| the portal'"'"'s default | %.1f ms | |\n", $3}'
}

anthropic_list() {
  echo "| run |"
  echo "|---|"
  build/release/bin/bench_anthropic_list 2>/dev/null | sed 's/^/| /; s/$/ |/'
}

bundle() {  # the browser app's first load, gzip, from a fresh production build
  (cd web && npx vite build --logLevel error >/dev/null && node scripts/bundle-size.mjs) |
    awk 'BEGIN {print "| file | gzip |"; print "|---|---|"}
         /kB gzip$/ && !/initial load/ {printf "| %s | %s kB |\n", $1, $2}
         /^initial load:/ {printf "| **initial load** | **%s kB** (budget 250 kB) |\n", $3}'
}

{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (bench/run-all.sh) on $(date -u +%Y-%m-%d). Machine: $(nproc) cores" \
    "($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem/ {print $2}') GiB," \
    "$(. /etc/os-release && echo "$PRETTY_NAME"), release build. The load generator (wrk) and the" \
    "portal share these cores over 127.0.0.1; HTTP figures are measured side by side with nginx" \
    "serving the same bytes in the same run. Flame graphs of the two hot paths: \`docs/perf/\`" \
    "(\`bench/flamegraphs.sh\`)."
  echo
} >"$out"
section me "GET /api/v1/me and logins, against nginx" bench/me_vs_nginx.sh bench/me_vs_nginx.sh
section sync "Sync of 100 000 keys, and GET /api/v1/users against nginx" bench/sync_and_users.sh \
  bench/sync_and_users.sh
section lists "Every list at a million keys" bench/list_scale.sh env REUSE="${LIST_REUSE:-}" bench/list_scale.sh
section coldstart "Cold start" bench/cold_start.sh bench/cold_start.sh
section passwords "Password hashing (argon2id)" build/release/bin/bench_password_hash passwords
section bundle "The browser app's first load" "cd web && npx vite build && node scripts/bundle-size.mjs" bundle
section usage "The usage collector" bench/usage_collect.sh bench/usage_collect.sh
section anthropic "Listing through the Admin API client" build/release/bin/bench_anthropic_list anthropic_list
mv "$out" docs/benchmarks.md
trap - EXIT
echo "make bench: wrote docs/benchmarks.md" >&2
