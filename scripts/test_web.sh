#!/usr/bin/env bash
# Tests the web app: the Vitest unit and component tests, then the end-to-end
# tests (web/e2e/*.test.mjs, Node's test runner driving headless Chromium via
# playwright-core) against the real server on a fresh demo database.
# Saves screenshots of the main pages to docs/screenshots/.
#
# Environment:
#   WEIGE_BIN  the server binary (default build/src/cli/weige)
#   E2E_FILTER only the e2e files whose name contains this (e.g. workflow)
#   CHROMIUM   the browser (default /usr/bin/chromium)
#   E2E_ONLY=1 / UNIT_ONLY=1  run one half only
# The server is always stopped on exit, whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

bash scripts/build_web.sh

if [ "${E2E_ONLY:-0}" != 1 ]; then
  echo "test_web: unit and component tests (vitest)"
  (cd web && npm test --silent)
fi
[ "${UNIT_ONLY:-0}" = 1 ] && exit 0

bin="${WEIGE_BIN:-build/src/cli/weige}"
if [ ! -x "$bin" ]; then
  echo "test_web: server binary $bin is missing (build it with scripts/build.sh or set WEIGE_BIN)" >&2
  exit 1
fi
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "test_web: $chromium is missing (scripts/setup.sh --with-browser installs it)" >&2
  exit 1
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "test_web: creating the demo database"
"$bin" demo --db "$work/weige.db" > "$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"
"$bin" serve --db "$work/weige.db" --listen "127.0.0.1:$port" --web "$root/web/dist" > "$work/server.log" 2>&1 &
server_pid=$!

for i in $(seq 100); do
  if curl -fsS "$base/api/v1/health" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "test_web: the server exited:" >&2; cat "$work/server.log" >&2; exit 1
  fi
  if [ "$i" = 100 ]; then echo "test_web: no answer from $base/api/v1/health" >&2; cat "$work/server.log" >&2; exit 1; fi
  sleep 0.2
done
echo "test_web: server up at $base"

mkdir -p docs/screenshots
status=0
# Each demo account signs in once per run (the server allows 10 sign-ins a
# minute per address); the test files share the session cookies through
# E2E_STATE_DIR, which goes away with $work.
WEIGE_URL="$base" CHROMIUM="$chromium" SCREENSHOT_DIR="$root/docs/screenshots" E2E_STATE_DIR="$work/e2e-state" \
  node --test --test-concurrency=1 web/e2e/*"${E2E_FILTER:-}"*.test.mjs || status=$?
if [ "$status" != 0 ]; then
  echo "test_web: e2e failed; server log tail:" >&2
  tail -n 30 "$work/server.log" >&2
fi
exit "$status"
