#!/usr/bin/env bash
# Validates deploy/k8s without a cluster (README, Kubernetes):
#   1. `kubectl kustomize` builds the base and every overlay (skipped, and said so, when kubectl is missing);
#   2. scripts/k8s-validate/validate.mjs checks every manifest file and every build: the Kubernetes schemas
#      (kubernetes-models), unknown fields (@kubernetes/client-node's models), selectors, named ports, references
#      (builds), and what Orleans' Kubernetes hosting needs on the silo pods.
# Installs what it needs, idempotently, from the registries only: Node.js from Debian's packages if missing (as root),
# the npm packages pinned in scripts/k8s-validate/package-lock.json.
# Exit: 0 valid, 1 a problem, 2 a tool could not be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=scripts/k8s-validate

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "validate-k8s: installing Node.js from Debian's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >/dev/null 2>&1 || true
  fi
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "validate-k8s: no node/npm and they could not be installed" >&2
    exit 2
  fi
fi

stamp="$tools/node_modules/.installed-from-lock"
if [ ! -f "$stamp" ] || ! cmp -s "$tools/package-lock.json" "$stamp"; then
  echo "validate-k8s: npm ci in $tools"
  if ! (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
    echo "validate-k8s: npm ci failed (no registry?)" >&2
    exit 2
  fi
  cp "$tools/package-lock.json" "$stamp"
fi

status=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "validate-k8s: manifest files"
mapfile -t files < <(find deploy/k8s -name '*.yaml' ! -name kustomization.yaml | sort)
node "$tools/validate.mjs" "${files[@]}" || status=1

if kubectl kustomize --help >/dev/null 2>&1; then
  for dir in deploy/k8s/base deploy/k8s/overlays/*/; do
    dir=${dir%/}
    name=$(echo "$dir" | tr '/' '-')
    echo "validate-k8s: kubectl kustomize $dir ($(kubectl version --client 2>/dev/null | grep -i kustomize || echo 'kustomize'))"
    if ! kubectl kustomize "$dir" >"$out/$name.yaml" 2>"$out/$name.err"; then
      echo "  PROBLEM $dir: $(cat "$out/$name.err")"
      status=1
      continue
    fi
    # The base leaves Secret roomcast-secrets to the operator (secret.example.yaml); an overlay must be complete.
    if [ "$dir" = deploy/k8s/base ]; then
      node "$tools/validate.mjs" "$out/$name.yaml" || status=1
    else
      node "$tools/validate.mjs" --complete "$out/$name.yaml" || status=1
    fi
  done
else
  echo "validate-k8s: SKIPPED the kustomize builds: no kubectl with kustomize here (Debian's kubernetes-client is too old for it)"
fi

if [ "$status" = 0 ]; then echo "validate-k8s: all valid"; else echo "validate-k8s: problems above"; fi
exit "$status"
