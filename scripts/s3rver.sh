#!/usr/bin/env bash
# Runs scripts/s3rver/serve.mjs: s3rver, an S3-compatible server on 127.0.0.1, for the S3 recording storage tests
# (tests/Roomcast.Storage.Tests). Installs what it needs, idempotently, from the registries only: Node.js from Debian's
# packages if missing (as root), the npm packages pinned in scripts/s3rver/package-lock.json.
#   usage: s3rver.sh <directory> <bucket>...
# Prints `s3rver listening http://127.0.0.1:<port>` to stdout once it serves; stops when its stdin closes.
# Exit: 2 a tool could not be installed or a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=scripts/s3rver

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "s3rver: installing Node.js from Debian's packages" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >/dev/null 2>&1 || true
  fi
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "s3rver: no node/npm and they could not be installed" >&2
    exit 2
  fi
fi

stamp="$tools/node_modules/.installed-from-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$tools/package-lock.json" "$stamp"; then
  # Two test processes may get here at once: one installs, the other waits for it.
  exec 9>"$tools/.npm-ci.lock"
  flock 9
  if [ ! -f "$stamp" ] || ! cmp -s "$tools/package-lock.json" "$stamp"; then
    echo "s3rver: npm ci in $tools" >&2
    if ! (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
      echo "s3rver: npm ci failed (no registry?)" >&2
      exit 2
    fi
    cp "$tools/package-lock.json" "$stamp"
  fi
  flock -u 9
  exec 9>&-
fi

exec node "$tools/serve.mjs" "$@"
