# Sourced by the scripts that need a throwaway dev-mode API: a work folder, and an API on free loopback ports that
# is stopped (and the folder removed) when the script exits.
#
#   work_dir                       -> sets $work (a temporary folder)
#   start_dev_api DLL_OR_- LOG [ENV=VALUE ...]
#                                  -> starts the API (a built Roomcast.WebApi.dll, or - for `dotnet run --no-build`),
#                                     sets $api_url and waits until /health/ready answers ($dev_api_wait_seconds,
#                                     90 unless the script sets it)

work=""
app_pid=""
dev_api_wait_seconds="${dev_api_wait_seconds:-90}"
_dev_api_cleanup() {
  if [[ -n "$app_pid" ]]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  [[ -n "$work" ]] && rm -rf "$work"
}
trap _dev_api_cleanup EXIT

work_dir() { work="$(mktemp -d)"; }

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

start_dev_api() {
  local dll="$1" log="$2"; shift 2
  local http_port; http_port="$(free_port)"
  local args=(--urls "http://127.0.0.1:$http_port" --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)")
  if [[ "$dll" == "-" ]]; then
    env "$@" dotnet run --project src/WebApi --no-build --no-launch-profile -- "${args[@]}" >"$log" 2>&1 &
  else
    (cd "$(dirname "$dll")" && exec env "$@" dotnet "$dll" "${args[@]}") >"$log" 2>&1 &
  fi
  app_pid=$!
  api_url="http://127.0.0.1:$http_port"
  for _ in $(seq 1 "$dev_api_wait_seconds"); do
    curl -sf "$api_url/health/ready" >/dev/null && return 0
    kill -0 "$app_pid" 2>/dev/null || { cat "$log" >&2; echo "the API did not start" >&2; exit 1; }
    sleep 1
  done
  tail -40 "$log" >&2; echo "the API was not ready in $dev_api_wait_seconds s" >&2; exit 1
}

stop_dev_api() {
  kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""
}
