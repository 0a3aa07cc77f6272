#!/usr/bin/env bash
# The benchmark suite in one command: installs the tools (wrk, nginx,
# gnuplot), builds Release with the benchmarks, then runs bench/run.py.
#   bench/run.sh [--tier tiny|district|city] [--runs N] [--seconds S] [--smoke]
# Results: bench/results.md, bench/results.json, bench/throughput.png.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${WEIGE_SKIP_SETUP:-0}" != 1 ]; then bash scripts/setup.sh --with-bench; fi
if [ ! -f build-bench/build.ninja ]; then
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DWEIGE_BENCH=ON -DWEIGE_TESTS=OFF
fi
ninja -C build-bench
exec python3 bench/run.py "$@"
