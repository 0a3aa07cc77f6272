#!/usr/bin/env bash
# Sets everything up, builds, and runs every test: the C++ unit, store and API
# scenario tests (CTest), then the web app's tests when the web app exists.
# Usage: scripts/test.sh [--slow] [--bench]
#   --slow   adds the sanitizer build tier
#   --bench  adds the benchmark smoke run (bench/run.sh --tier district --smoke:
#            a Release build, district generation with a year of cases, one short
#            run of every measurement; see bench/README.md for its time)
set -euo pipefail
cd "$(dirname "$0")/.."

slow=0
bench=0
for arg in "$@"; do
  case "$arg" in
    --slow) slow=1 ;;
    --bench) bench=1 ;;
    *) echo "test.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh --with-browser
bash scripts/build.sh Check build
(cd build && ctest --output-on-failure -j2 --timeout 300)

if [ "$slow" = 1 ]; then
  bash scripts/build.sh Debug build-asan -DWEIGE_SANITIZE=ON
  (cd build-asan && ctest --output-on-failure -j2 --timeout 900)
fi

if [ -f web/package.json ]; then
  bash scripts/build_web.sh
  bash scripts/test_web.sh
fi

if [ "$bench" = 1 ]; then
  bash bench/run.sh --tier district --smoke
fi
