#!/usr/bin/env bash
# clang-tidy over the server's sources with the checks in .clang-tidy.
#   scripts/tidy.sh            the .cpp files the last commit changed, and uncommitted changes
#   scripts/tidy.sh --all      every .cpp file under server/
#   scripts/tidy.sh FILE…      these files
# Uses build/dev's compile database (clang 19), else build/release's.
set -euo pipefail
cd "$(dirname "$0")/.."
tidy=$(command -v clang-tidy-19 || true)
if [[ -z "$tidy" ]]; then
  echo "tidy: clang-tidy-19 is not installed (scripts/install-deps.sh)" >&2
  exit 77
fi
db=build/dev
[[ -f $db/compile_commands.json ]] || db=build/release
if [[ ! -f $db/compile_commands.json ]]; then
  echo "tidy: no compile database (configure a preset first: make build)" >&2
  exit 1
fi
if [[ ${1:-} == --all ]]; then
  mapfile -t files < <(git ls-files 'server/*.cpp' | grep -v '^server/fuzz/')
elif [[ $# -gt 0 ]]; then
  files=("$@")
else
  mapfile -t files < <({ git diff --name-only HEAD~1 HEAD 2>/dev/null || true; git diff --name-only HEAD; } |
                       grep -E '^server/.*\.cpp$' | grep -v '^server/fuzz/' | sort -u)
fi
existing=()
for f in "${files[@]}"; do [[ -f $f ]] && existing+=("$f"); done
if [[ ${#existing[@]} -eq 0 ]]; then
  echo "tidy: no C++ source to check"
  exit 0
fi
echo "tidy: ${#existing[@]} files"
status=0
printf '%s\n' "${existing[@]}" |
  xargs -P "$(nproc)" -n 4 "$tidy" -p "$db" --quiet --extra-arg=-Wno-unknown-warning-option || status=$?
exit $status
