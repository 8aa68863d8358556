# The web app's tests under ctest (label "web"), so that `make test` ends in one summary.
# Registered unconditionally: when web/node_modules is missing they fail with a clear message
# (CI runs scripts/install-deps.sh, which runs `npm ci`, before the tests).
set(PORTAL_WEB_DIR ${PROJECT_SOURCE_DIR}/web)
set(_portal_web_check
    "[ -d node_modules ] || { echo 'web tests: web/node_modules is missing; run: (cd web && npm ci) or scripts/install-deps.sh' >&2; exit 1; }")

# Vitest + Testing Library + MSW.
add_test(NAME web_unit
  COMMAND /bin/sh -c "${_portal_web_check}; exec npm test --silent"
  WORKING_DIRECTORY ${PORTAL_WEB_DIR})
set_tests_properties(web_unit PROPERTIES LABELS web TIMEOUT 600)

# ESLint (with the layering rules of STYLE.md) and Prettier, both clean: `npm run format` fixes the latter.
add_test(NAME web_lint
  COMMAND /bin/sh -c "${_portal_web_check}; npm run --silent lint && exec npm run --silent format:check"
  WORKING_DIRECTORY ${PORTAL_WEB_DIR})
set_tests_properties(web_lint PROPERTIES LABELS web TIMEOUT 120)

# One contract: src/lib/api-schema.gen.ts is what docs/api/openapi.yaml generates now, and the app's
# request and response types still match it (the checks of src/lib/api-contract.ts, under tsc).
add_test(NAME web_api_contract
  COMMAND /bin/sh -c "${_portal_web_check}; npm run --silent check:api && exec npm run --silent typecheck"
  WORKING_DIRECTORY ${PORTAL_WEB_DIR})
set_tests_properties(web_api_contract PROPERTIES LABELS web TIMEOUT 120)

# Playwright (playwright-core + Debian's /usr/bin/chromium) against the real server binary built
# here; e2e/run.mjs starts it on fresh temporary data directories and free ports.
add_test(NAME web_e2e
  COMMAND /bin/sh -c "${_portal_web_check}; exec node e2e/run.mjs"
  WORKING_DIRECTORY ${PORTAL_WEB_DIR})
# Alone it takes about 160 s on 2 cores; beside the rest of ctest -j2 about twice that.
set_tests_properties(web_e2e PROPERTIES
  LABELS web
  TIMEOUT 600
  ENVIRONMENT "PORTAL_BIN=${CMAKE_BINARY_DIR}/bin/portal;WEB_DIST=${PORTAL_WEB_DIR}/dist")
