# Conformance of the built-in Anthropic emulator with Anthropic's own TypeScript SDK
# (@anthropic-ai/sdk from npm, driven unmodified), under ctest.
set(PORTAL_SDK_TEST_DIR ${PROJECT_SOURCE_DIR}/tests-node/anthropic-sdk)
if(EXISTS ${PORTAL_SDK_TEST_DIR}/package.json AND TARGET portal_emulator)
  add_test(NAME anthropic_sdk_conformance
    COMMAND /bin/sh -c "[ -d node_modules ] || { echo 'run scripts/install-deps.sh (npm ci in tests-node/anthropic-sdk)' >&2; exit 1; }; exec node --test --test-concurrency=1 conformance.test.mjs"
    WORKING_DIRECTORY ${PORTAL_SDK_TEST_DIR})
  set_tests_properties(anthropic_sdk_conformance PROPERTIES
    LABELS conformance TIMEOUT 180 ENVIRONMENT "PORTAL_BIN=${CMAKE_BINARY_DIR}/bin/portal")
endif()
