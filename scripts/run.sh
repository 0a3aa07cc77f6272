#!/usr/bin/env bash
# Sets everything up, builds, and serves the demo community on http://127.0.0.1:8080
# (creating data/weige.db and its key data/weige.db.key on first run).
# Environment: WEIGE_PORT (default 8080), WEIGE_DB (default data/weige.db).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh Release build-release -DWEIGE_TESTS=OFF

if [ -f web/package.json ]; then
  bash scripts/build_web.sh
fi

port="${WEIGE_PORT:-8080}"
db="${WEIGE_DB:-data/weige.db}"
mkdir -p "$(dirname "$db")"
web_args=()
if [ -f web/dist/index.html ]; then web_args=(--web web/dist); fi
echo "Starting Weige at http://127.0.0.1:${port}/"
exec ./build-release/src/cli/weige serve --db "$db" --listen "127.0.0.1:${port}" --demo-if-empty "${web_args[@]}"
