#!/usr/bin/env bash
# Builds the web app into web/dist (served by `weige serve --web web/dist`).
# Installs dependencies with `npm ci` from web/package-lock.json (npm install
# when there is no lock file), skipping the install when web/node_modules is
# newer than the lock file; skips the build when web/dist is newer than every
# source file. Idempotent: a second run with nothing changed takes a second.
# Usage: scripts/build_web.sh [--force]   (--force reinstalls and rebuilds)
set -euo pipefail
cd "$(dirname "$0")/../web"

force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    *) echo "build_web.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if ! command -v npm >/dev/null 2>&1; then
  echo "build_web.sh: npm is missing (scripts/setup.sh installs it)" >&2
  exit 1
fi

export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

# node_modules/.package-lock.json is written by every install, so its time
# says when the last install finished.
stamp=node_modules/.package-lock.json
if [ -f package-lock.json ]; then
  if [ "$force" = 1 ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    echo "build_web: npm ci"
    npm ci --no-progress
  else
    echo "build_web: dependencies up to date"
  fi
else
  echo "build_web: npm install (no package-lock.json yet)"
  npm install --no-progress
fi

# Rebuild only when a source or config file is newer than the last build.
if [ "$force" = 0 ] && [ -f dist/index.html ] && [ -z "$(find src public index.html package.json package-lock.json \
     vite.config.ts tsconfig.json tsconfig.app.json tsconfig.node.json "$stamp" -newer dist/index.html -print -quit 2>/dev/null)" ]; then
  echo "build_web: web/dist is up to date"
  exit 0
fi
echo "build_web: npm run build"
npm run build --silent
echo "build_web: built web/dist"
