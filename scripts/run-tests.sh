#!/usr/bin/env bash
# Runs every test: C++ unit and integration tests (SQLite and a real PostgreSQL), and the web
# app's tests, all registered with ctest so that its summary is the last line printed.
set -euo pipefail
preset=${PRESET:-release}
if [ -z "${PORTAL_TEST_DATABASE_URL:-}" ]; then
  PORTAL_TEST_DATABASE_URL=$(scripts/test-postgres.sh start)
  export PORTAL_TEST_DATABASE_URL
  trap 'scripts/test-postgres.sh stop' EXIT
fi
echo "run-tests: PostgreSQL at $PORTAL_TEST_DATABASE_URL"
# Sanitizer reports (the dev preset) with file and line.
[ -x /usr/lib/llvm-19/bin/llvm-symbolizer ] && export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-19/bin/llvm-symbolizer
ctest --preset "$preset" -j "$(nproc)" --timeout 600 "$@"
