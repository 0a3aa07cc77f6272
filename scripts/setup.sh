#!/usr/bin/env bash
# Installs every Debian package Weige needs to build, test and run.
# Idempotent: packages already present are skipped, so a second run is quick.
# Usage: scripts/setup.sh [--with-browser] [--with-bench]
set -euo pipefail

with_browser=0
with_bench=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    --with-bench) with_bench=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libjemalloc-dev
  libxlsxwriter-dev libqrencode-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev zbar-tools
  curl ca-certificates
)
if [ "$with_browser" = 1 ]; then packages+=(chromium fonts-wqy-microhei); fi
if [ "$with_bench" = 1 ]; then packages+=(wrk nginx-light gnuplot-nox python3); fi
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi
