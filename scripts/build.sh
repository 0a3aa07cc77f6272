#!/usr/bin/env bash
# Configures and builds with CMake + Ninja (ccache when present).
# Usage: scripts/build.sh [BUILD_TYPE] [BUILD_DIR] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-RelWithDebInfo}"
dir="${2:-build}"
shift $(( $# > 2 ? 2 : $# ))
if [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@"
fi
ninja -C "$dir"
