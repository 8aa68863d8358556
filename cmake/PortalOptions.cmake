# Warnings, sanitizers and the test helper shared by every target.
option(PORTAL_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(PORTAL_FUZZ "Build the libFuzzer targets (server/fuzz); needs clang" OFF)
option(PORTAL_CI "CI build: optimised with assertions kept, no debug info" OFF)

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

add_library(portal_warnings INTERFACE)
target_compile_options(portal_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wno-missing-field-initializers)

if(PORTAL_SANITIZE)
  # Any undefined behaviour fails the test that reached it, instead of printing and going on.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # clang's vptr check needs the typeinfo of every polymorphic class it sees, and Debian's SOCI
    # does not export that of its internal statement classes (the link fails).
    add_compile_options(-fno-sanitize=vptr)
    add_link_options(-fno-sanitize=vptr)
  endif()
endif()
if(PORTAL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PORTAL_FUZZ needs clang (libFuzzer): use the dev preset")
  endif()
  # Coverage for libFuzzer in every library; only the fuzz targets link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(PORTAL_CI)
  # The ci preset is release plus warnings as errors.
  target_compile_options(portal_warnings INTERFACE -Werror)
endif()

include(GoogleTest)
# portal_add_test(name SOURCES ... LIBS ...) — one gtest binary, tests discovered by ctest.
function(portal_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main portal_warnings)
  set(labels ${ARG_LABELS})
  if(NOT labels)
    set(labels unit)
  endif()
  gtest_discover_tests(${name} PROPERTIES LABELS "${labels}" DISCOVERY_TIMEOUT 60)
endfunction()

# The layers' include roots (docs/architecture.md "Layers"): server/src/<layer> is reachable as
# "<layer>/…" only through build/layers/<layer>/, a directory holding a link to it, which the
# layer's libraries publish. A target can include the headers of the layers it links and no
# others: an include across the layering fails to compile.
function(portal_layer_includes target layer)
  set(root ${CMAKE_BINARY_DIR}/layers/${layer})
  if(NOT IS_SYMLINK ${root}/${layer})
    file(MAKE_DIRECTORY ${root})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/server/src/${layer} ${root}/${layer} SYMBOLIC)
  endif()
  target_include_directories(${target} PUBLIC ${root})
endfunction()
