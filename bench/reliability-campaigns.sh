#!/usr/bin/env bash
# The crash and upstream-fault campaigns at full length (docs/reliability.md): 100 × kill -9 during
# mixed writes and 100 syncs with 30 % of Anthropic's answers faulted, each on SQLite and on
# PostgreSQL (started here on 127.0.0.1). `make test` runs the same tests with 4 rounds.
#   ROUNDS=100 PRESET=release bench/reliability-campaigns.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET=${PRESET:-release}
export PORTAL_CAMPAIGN_ROUNDS=${ROUNDS:-100}
if [ -z "${PORTAL_TEST_DATABASE_URL:-}" ]; then
  PORTAL_TEST_DATABASE_URL=$(scripts/test-postgres.sh start)
  export PORTAL_TEST_DATABASE_URL
  trap 'scripts/test-postgres.sh stop' EXIT
fi
start=$(date +%s)
"build/$PRESET/bin/campaign_test" 2>&1 | grep -vE '^NOTICE' | tee /dev/stderr | grep -E '^\[ measured \]|^\[  (PASSED|FAILED) ' || true
echo "campaigns: $PORTAL_CAMPAIGN_ROUNDS rounds each, $(( $(date +%s) - start )) s, preset $PRESET"
