#!/usr/bin/env bash
# Every benchmark; figures are copied into docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/me_vs_nginx.sh
build/release/bin/bench_anthropic_list 10000
