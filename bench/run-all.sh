#!/usr/bin/env bash
# Every benchmark (figures are copied into docs/benchmarks.md). Installs wrk and nginx when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk nginx; do
  if ! command -v "$tool" >/dev/null; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq wrk nginx-light >/dev/null
  fi
done
bench/me_vs_nginx.sh
bench/sync_and_users.sh
bench/usage_collect.sh
build/release/bin/bench_anthropic_list
