#!/usr/bin/env bash
# Runs scripts/livekit/verify-token.mjs (LiveKit's own server SDK checking Roomcast's tokens; see that file for the modes).
# Installs what it needs, idempotently, from the registries only: Node.js from Debian's packages if missing (as root),
# the npm packages pinned in scripts/livekit/package-lock.json. Only the script's answer goes to stdout.
# Exit: what the script exits with (0 ok, 1 rejected), 2 a tool could not be installed or a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=scripts/livekit

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "livekit-verify: installing Node.js from Debian's packages" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >/dev/null 2>&1 || true
  fi
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "livekit-verify: no node/npm and they could not be installed" >&2
    exit 2
  fi
fi

stamp="$tools/node_modules/.installed-from-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$tools/package-lock.json" "$stamp"; then
  echo "livekit-verify: npm ci in $tools" >&2
  # Two test processes may get here at once: one installs, the other waits for it.
  exec 9>"$tools/.npm-ci.lock"
  flock 9
  if [ ! -f "$stamp" ] || ! cmp -s "$tools/package-lock.json" "$stamp"; then
    if ! (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
      echo "livekit-verify: npm ci failed (no registry?)" >&2
      exit 2
    fi
    cp "$tools/package-lock.json" "$stamp"
  fi
  flock -u 9
fi

exec node "$tools/verify-token.mjs" "$@"
