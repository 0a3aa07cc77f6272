#!/usr/bin/env bash
# Configures and builds with CMake + Ninja (ccache when present).
# Usage: scripts/build.sh [BUILD_TYPE] [BUILD_DIR] [extra cmake args...]
#   BUILD_TYPE  Check (the test build: -O1, line tables, assertions; the
#               default), Release, RelWithDebInfo or Debug
# Each call configures again (a second or two when nothing changed), so a
# build directory follows the type and options asked for.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-Check}"
dir="${2:-build}"
shift $(( $# > 2 ? 2 : $# ))
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" > /dev/null
ninja -C "$dir"
