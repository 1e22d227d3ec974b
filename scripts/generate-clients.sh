#!/usr/bin/env bash
# Generates the API clients from the served OpenAPI document and lints the document.
#
#   scripts/generate-clients.sh [--spec FILE] [--out DIR] [--check]
#
#   --spec FILE  the document to use (the WebApi tests write the app's /openapi/v1.json to a file and pass it);
#                without it the script builds and starts the API (dev mode) on a free loopback port, fetches
#                /openapi/v1.json and stops it again.
#   --out DIR    where the TypeScript client and a copy of the document go (default: artifacts/clients, ignored by git).
#   --check      do not touch the checked-in C# client: generate it into a temporary folder and fail if it differs
#                from tests/Roomcast.WebApi.Tests/Client (the client walk test compiles that copy).
#
# Steps: 1. redocly lint (zero errors; config scripts/openapi/redocly.yaml); 2. C# client with Kiota (local dotnet
# tool, .config/dotnet-tools.json); 3. TypeScript types with openapi-typescript, type-checked with tsc.
# The npm tools are pinned in scripts/openapi/package.json + package-lock.json and installed there with `npm ci`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

spec="" out="$root/artifacts/clients" check=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --spec) spec="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --check) check=1; shift ;;
    *) echo "generate-clients.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

csharp_dir="tests/Roomcast.WebApi.Tests/Client"
csharp_namespace="Roomcast.WebApi.Tests.Client"
tools="$root/scripts/openapi"
dev_api_wait_seconds=120
source "$root/scripts/lib/dev-api.sh"
work_dir
step() { echo "==> $*"; }

step "tools: dotnet tool restore (Kiota), npm ci (openapi-typescript, @redocly/cli, typescript)"
dotnet tool restore >/dev/null
if [[ ! -x "$tools/node_modules/.bin/redocly" || "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]]; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [[ -z "$spec" ]]; then
  step "document: starting the API on a loopback port"
  dotnet build src/WebApi -v q -nologo >/dev/null
  start_dev_api - "$work/app.log"
  curl -sf "$api_url/openapi/v1.json" -o "$work/openapi.json" || { tail -50 "$work/app.log" >&2; echo "no document from the API" >&2; exit 1; }
  stop_dev_api
  spec="$work/openapi.json"
fi
[[ -s "$spec" ]] || { echo "generate-clients.sh: no document at '$spec'" >&2; exit 1; }
mkdir -p "$out"
cp "$spec" "$out/openapi.json"

step "lint: redocly lint (errors fail; warnings are listed in scripts/openapi/redocly.yaml with their reasons)"
"$tools/node_modules/.bin/redocly" lint "$out/openapi.json" --config "$tools/redocly.yaml" --format=stylish 2>&1 \
  | grep -v -e '║' -e '╔' -e '╚' | sed '/^[[:space:]]*$/d'

step "C#: Kiota $(dotnet kiota --version 2>/dev/null | head -1)"
export KIOTA_OFFLINE_ENABLED=true KIOTA_TUTORIAL_ENABLED=false KIOTA_CLI_TELEMETRY_OPTOUT=true
target="$csharp_dir"
[[ $check -eq 1 ]] && target="$work/csharp"
dotnet kiota generate --language CSharp --openapi "$out/openapi.json" --output "$target" \
  --class-name RoomcastClient --namespace-name "$csharp_namespace" \
  --exclude-backward-compatible --clean-output --log-level Error >/dev/null
# The lock file records where the document was read from (a temporary path): it would differ on every run.
rm -f "$target/kiota-lock.json"
if [[ $check -eq 1 ]]; then
  if ! diff -r -q "$csharp_dir" "$target" >"$work/diff.txt"; then
    cat "$work/diff.txt" >&2
    echo "STALE: $csharp_dir does not match the served document; run scripts/generate-clients.sh and commit the result." >&2
    exit 1
  fi
  echo "    $csharp_dir is current"
else
  echo "    written to $csharp_dir"
fi

step "TypeScript: openapi-typescript, then tsc --noEmit"
mkdir -p "$out/typescript"
"$tools/node_modules/.bin/openapi-typescript" "$out/openapi.json" --output "$out/typescript/roomcast-api.ts" --enum-values --empty-objects-unknown >/dev/null
"$tools/node_modules/.bin/tsc" --noEmit --strict --target es2022 --module es2022 "$out/typescript/roomcast-api.ts"
echo "    written to $out/typescript/roomcast-api.ts"
step "done"
