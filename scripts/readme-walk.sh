#!/usr/bin/env bash
# Runs the README's curl walks top to bottom, as a newcomer would copy them: "A walk through with curl",
# "Issuing an API key", "The audience: joining, attendance, bans" and "Live interaction", against a dev-mode API started on free loopback ports (nothing else is reached).
#
#   scripts/readme-walk.sh [--dll PATH/Roomcast.WebApi.dll]
#
# Without --dll the API is built first (Debug). Fails on the first failing command (set -e, pipefail), on a value
# the README's comments promise (# "live", # "unauthorized") that does not come out, or on a variable left empty or null.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

dll=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dll) dll="$2"; shift 2 ;;
    *) echo "readme-walk.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
for tool in curl jq node dotnet; do
  command -v "$tool" >/dev/null || { echo "readme-walk.sh: needs $tool" >&2; exit 1; }
done
if [[ -z "$dll" ]]; then
  dotnet build src/WebApi -v q -nologo >/dev/null
  dll="$root/src/WebApi/bin/Debug/net10.0/Roomcast.WebApi.dll"
fi

source "$root/scripts/lib/dev-api.sh"
work_dir

# The first ```bash block after a heading line.
block() {
  awk -v heading="$1" '
    $0 == heading { found = 1; next }
    found && /^```bash$/ { inside = 1; next }
    inside && /^```$/ { exit }
    inside { print }' README.md
}
walk="$(block '## A walk through with curl')"
keys="$(block '### Issuing an API key')"
audience="$(block '### The audience: joining, attendance, bans')"
interaction="$(block '### Live interaction: polls, chat, the stage and the event stream')"
[[ -n "$walk" && -n "$keys" && -n "$audience" && -n "$interaction" ]] || { echo "readme-walk.sh: README blocks not found" >&2; exit 1; }

password="readme-walk-$(head -c 12 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
start_dev_api "$dll" "$work/app.log" ASPNETCORE_ENVIRONMENT=Development Auth__BootstrapAdmin__Password="$password"
http_port="${api_url##*:}"

# The README's blocks as written, but for the address and the password it tells the reader to copy from the log.
{
  echo 'set -euo pipefail'
  printf '%s\n' "$walk" | sed -e "s#^B=http://127.0.0.1:8080\$#B=http://127.0.0.1:$http_port#" -e "s#^PW='<password from the log>'\$#PW='$password'#"
  printf '%s\n' "$keys"
  printf '%s\n' "$audience"
  printf '%s\n' "$interaction"
  echo 'for v in TOKEN ADMIN_AUTH ROOM SESSION LIB KEY KEY_ID PRESET VIEWER_ID; do'
  echo '  [[ -n "${!v:-}" && "${!v}" != null && "${!v}" != *"Bearer null" ]] || { echo "README walk: \$$v is empty or null" >&2; exit 1; }'
  echo 'done'
} >"$work/walk.sh"
grep -q "^B=http://127.0.0.1:$http_port\$" "$work/walk.sh" && grep -q "^PW='$password'\$" "$work/walk.sh" \
  || { echo "readme-walk.sh: the README no longer sets B= and PW= as expected" >&2; exit 1; }

echo "==> running the README walks against http://127.0.0.1:$http_port"
timeout 120 bash "$work/walk.sh" >"$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; echo "README walk failed" >&2; exit 1; }
cat "$work/out.txt"; cp "$work/out.txt" "${README_WALK_OUTPUT:-/dev/null}"

# Every promise of the form  | jq ...   # "value"  must have come out, in order.
missing=0
while IFS= read -r expected; do
  if ! grep -qxF "$expected" "$work/out.txt"; then echo "README walk: expected $expected in the output" >&2; missing=1; fi
done < <(printf '%s\n%s\n%s\n%s\n' "$walk" "$keys" "$audience" "$interaction" | grep -o '| *jq [^#]*# *"[^"]*"' | grep -o '"[^"]*"$')
[[ $missing -eq 0 ]] || exit 1
echo "==> README walks passed"
