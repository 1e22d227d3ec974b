#!/usr/bin/env bash
# Measures Roomcast against its baselines in one run and prints ratios.
#   bash bench/run.sh                 # every measure
#   bash bench/run.sh hot-read write  # only these (hot-read write memory deadlines start reactivation join audience chat
#                                     #   fanout webhook-intake webhook-delivery file-serving)
# Release builds, Warning logs, loopback only, every load bounded in time. Writes bench/results/latest.json,
# replacing the rows of the measures run and keeping the others.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
MEASURES=("$@")
[[ ${#MEASURES[@]} -eq 0 ]] && MEASURES=(hot-read write memory deadlines start reactivation join audience chat fanout webhook-intake webhook-delivery file-serving)

work=${BENCH_WORK:-$(mktemp -d)}
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

need() { command -v "$1" >/dev/null || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y "$2" >/dev/null; }; }
need wrk wrk
need curl curl

echo "building (Release)..." >&2
dotnet build -c Release src/WebApi/WebApi.csproj -v q -nologo >/dev/null
dotnet build -c Release bench/Baseline/Baseline.csproj -v q -nologo >/dev/null
dotnet build -c Release bench/Driver/Driver.csproj -v q -nologo >/dev/null
API_DLL=src/WebApi/bin/Release/net10.0/Roomcast.WebApi.dll
BASELINE_DLL=bench/Baseline/bin/Release/net10.0/Roomcast.Bench.Baseline.dll
DRIVER_DLL=bench/Driver/bin/Release/net10.0/Roomcast.Bench.Driver.dll

ADMIN_PASSWORD=bench-admin-password
SIGNING_KEY=$(head -c 32 /dev/urandom | base64)
# The LiveKit key pair of the measures that sign webhooks as LiveKit would (no LiveKit server: dev mode, detached).
LIVEKIT_KEY=bench
LIVEKIT_SECRET=$(head -c 32 /dev/urandom | base64)
first_id() { grep -oE '"data":\{"id":"[^"]+"' | head -1 | cut -d'"' -f6; }
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# start_api PORT SILO_PORT [extra env...]: a Roomcast API with an embedded silo, Warning logs.
start_api() {
  local port=$1 silo=$2; shift 2
  env Urls="http://127.0.0.1:$port" Orleans__SiloPort="$silo" Orleans__GatewayPort=$((silo + 1)) \
      Logging__LogLevel__Default=Warning Auth__BootstrapAdmin__Email=admin@roomcast.local \
      Auth__BootstrapAdmin__Password=$ADMIN_PASSWORD Auth__Jwt__SigningKey="$SIGNING_KEY" "$@" \
      dotnet "$API_DLL" >"$work/api-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0; sleep 0.5; done
  echo "API on $port did not start:" >&2; tail -20 "$work/api-$port.log" >&2; return 1
}

login() {
  curl -sf "http://127.0.0.1:$1/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"admin@roomcast.local\",\"password\":\"$ADMIN_PASSWORD\"}" | json 'd["data"]["access_token"]'
}

# create_sessions PORT TOKEN COUNT: prints COUNT session ids, one room per 100.
create_sessions() {
  local port=$1 token=$2 count=$3 room="" at
  at=$(date -u -d '+1 day' +%FT%TZ)
  for i in $(seq 0 $((count - 1))); do
    if (( i % 100 == 0 )); then
      room=$(curl -sf "http://127.0.0.1:$port/v1/rooms" -H "authorization: Bearer $token" -H 'content-type: application/json' \
        -d '{"title":"bench"}' | first_id)
    fi
    curl -sf "http://127.0.0.1:$port/v1/rooms/$room/sessions" -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d "{\"name\":\"bench $i\",\"scheduled_at\":\"$at\"}" | first_id
  done
}

# live_session PORT: logs in, makes one session and starts it; prints its id.
live_session() {
  local token id
  token=$(login "$1")
  id=$(create_sessions "$1" "$token" 1 | head -1)
  curl -sf -X POST "http://127.0.0.1:$1/v1/sessions/$id/start" -H "authorization: Bearer $token" >/dev/null
  echo "$id"
}

# run_wrk URL [args...]: prints "req_per_s p50_ms p99_ms errors"
run_wrk() {
  local url=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$work/wrk.out" 2>&1 || true
  python3 - "$work/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M)
    if not m: return float("nan")
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", text)
bad = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in errors.groups()) if errors else 0)
print(f"{rps:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {bad}")
PY
}

# The API's own GC figures around a load (from its /metrics, Telemetry__Prometheus=true): the tails are often its pauses.
gc_metric() { curl -sf "http://127.0.0.1:$1/metrics" | awk -v m="^$2" '$0 ~ m {s += $NF} END {print s + 0}'; }
# with_api_gc ROW METRICS_PORT PAUSED_BEFORE [key=value...]: ROW with the API's GC pause since then, its heap after, and the extra fields.
with_api_gc() {
  python3 - "$1" "$3" "$(gc_metric "$2" dotnet_gc_pause_time_seconds_total)" "$(gc_metric "$2" dotnet_gc_last_collection_heap_size_bytes)" "${@:4}" <<'PY'
import json, sys
row = json.loads(sys.argv[1])
row["api_gc_pause_ms"] = round((float(sys.argv[3]) - float(sys.argv[2])) * 1000)
row["api_heap_mib_after"] = round(float(sys.argv[4]) / 2**20)
row.update(kv.split("=", 1) for kv in sys.argv[5:])
print(json.dumps(row, separators=(",", ":")))
PY
}

results="$work/results.jsonl"
: >"$results"
record() {
  echo "$1" >>"$results"
  # A load whose requests failed measures the failure path, not the service: say so loudly.
  if grep -qE '"([a-z_]*errors|lost|disconnects)":[1-9]' <<<"$1"; then echo "WARNING: failed requests or lost events during this measure; its figures are not valid: $1" >&2; fi
  if grep -qE '"setup_seconds_to_spare":-' <<<"$1"; then echo "WARNING: the set-up ran into the deadline window (set BENCH_SETUP_RATE lower); its figures are not valid: $1" >&2; fi
}

# grain_measure MEASURE COUNT MODE...: the driver's in-process silo measure once per mode; each postgres run gets a
# fresh database (the driver's silo runs Roomcast's migrations on it). The silo opens several pools (grain storage,
# catalog, reminders, clustering, subscriber log): 12 connections each stay within PostgreSQL's default 100.
grain_measure() {
  local measure=$1 count=$2 mode base; shift 2
  for mode in "$@"; do
    echo "  $measure $count --mode $mode" >&2
    if [[ $mode == postgres ]]; then
      base=$(bash scripts/postgres.sh)
      runuser -u postgres -- psql -q -X -c "DROP DATABASE IF EXISTS roomcast_bench_grains WITH (FORCE)" \
        -c "CREATE DATABASE roomcast_bench_grains OWNER roomcast" >/dev/null
      export BENCH_POSTGRES="${base/Database=roomcast/Database=roomcast_bench_grains};Maximum Pool Size=12"
    fi
    record "$(dotnet "$DRIVER_DLL" "$measure" "$count" --mode "$mode" | tail -1)"
  done
}

for measure in "${MEASURES[@]}"; do
  case "$measure" in
    hot-read)
      echo "hot-read: GET /v1/sessions/{id} vs bare minimal API..." >&2
      start_api 18190 41111
      token=$(login 18190)
      id=$(create_sessions 18190 "$token" 1 | head -1)
      curl -sf "http://127.0.0.1:18190/v1/sessions/$id" -H "authorization: Bearer $token" | json 'json.dumps(d["data"])' >"$work/session.json"
      dotnet "$BASELINE_DLL" --SessionJson "$work/session.json" --Urls http://127.0.0.1:18191 --Logging:LogLevel:Default=Warning >"$work/baseline.log" 2>&1 &
      pids+=($!)
      for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:18191/v1/sessions/$id" >/dev/null && break; sleep 0.5; done
      run_wrk "http://127.0.0.1:18191/v1/sessions/$id" >/dev/null # warm-up both, same length
      read -r b_rps b_p50 b_p99 b_err < <(run_wrk "http://127.0.0.1:18191/v1/sessions/$id")
      BENCH_TOKEN=$token run_wrk "http://127.0.0.1:18190/v1/sessions/$id" -s bench/wrk/bearer.lua >/dev/null
      read -r r_rps r_p50 r_p99 r_err < <(BENCH_TOKEN=$token run_wrk "http://127.0.0.1:18190/v1/sessions/$id" -s bench/wrk/bearer.lua)
      record "{\"measure\":\"hot-read\",\"roomcast_rps\":$r_rps,\"roomcast_p50_ms\":$r_p50,\"roomcast_p99_ms\":$r_p99,\"roomcast_errors\":$r_err,\"baseline_rps\":$b_rps,\"baseline_p50_ms\":$b_p50,\"baseline_p99_ms\":$b_p99,\"baseline_errors\":$b_err,\"ratio\":$(python3 -c "print(round($r_rps/$b_rps,3))"),\"target\":\">= 0.6\"}"
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      ;;
    write)
      echo "write: PATCH /v1/sessions/{id} in Postgres mode vs pgbench single-row UPDATE..." >&2
      base=$(bash scripts/postgres.sh)
      runuser -u postgres -- psql -q -X -c "DROP DATABASE IF EXISTS roomcast_bench WITH (FORCE)" -c "CREATE DATABASE roomcast_bench OWNER roomcast" >/dev/null
      conn="${base/Database=roomcast/Database=roomcast_bench}"
      start_api 18192 41121 Storage=Postgres LiveKit__ApiKey=bench LiveKit__ApiSecret=bench-livekit-secret-0123456789abcdef ConnectionStrings__Roomcast="$conn;Maximum Pool Size=$((CONNECTIONS + 8))"
      token=$(login 18192)
      create_sessions 18192 "$token" 1000 >"$work/ids.txt"
      BENCH_TOKEN=$token BENCH_IDS_FILE=$work/ids.txt run_wrk http://127.0.0.1:18192 -s bench/wrk/patch.lua >/dev/null
      read -r r_rps r_p50 r_p99 r_err < <(BENCH_TOKEN=$token BENCH_IDS_FILE=$work/ids.txt run_wrk http://127.0.0.1:18192 -s bench/wrk/patch.lua)
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      PGPASSWORD=roomcast psql -q -X -h 127.0.0.1 -U roomcast -d roomcast_bench \
        -c "CREATE TABLE bench_rows (id int PRIMARY KEY, name text NOT NULL)" \
        -c "INSERT INTO bench_rows SELECT g, 'row ' || g FROM generate_series(1, 1000) g" >/dev/null
      echo "\\set id random(1, 1000)
UPDATE bench_rows SET name = 'bench ' || :id WHERE id = :id;" >"$work/update.sql"
      secs=${DURATION%s}
      PGPASSWORD=roomcast pgbench -n -h 127.0.0.1 -U roomcast -c "$CONNECTIONS" -j 2 -T "$secs" -f "$work/update.sql" roomcast_bench >"$work/pgbench.out" 2>&1
      p_tps=$(grep -oP 'tps = \K[\d.]+' "$work/pgbench.out" | head -1)
      record "{\"measure\":\"write\",\"roomcast_rps\":$r_rps,\"roomcast_p50_ms\":$r_p50,\"roomcast_p99_ms\":$r_p99,\"roomcast_errors\":$r_err,\"pgbench_tps\":$p_tps,\"ratio\":$(python3 -c "print(round($r_rps/$p_tps,3))"),\"target\":\">= 0.5\"}"
      ;;
    memory)
      echo "memory: idle sessions, heap per session with and without activations..." >&2
      for n in 10000 50000 100000; do grain_measure memory "$n" dev postgres; done
      ;;
    deadlines)
      echo "deadlines: sessions due within one minute, lateness..." >&2
      for n in 10000 100000; do grain_measure deadlines "$n" dev postgres; done
      ;;
    start)
      echo "start: p99 at half the maximum start rate..." >&2
      grain_measure start 5000 dev postgres
      ;;
    reactivation)
      echo "reactivation: 10,000 sessions read again through a new silo after a silo restart..." >&2
      grain_measure reactivation 10000 postgres
      ;;
    join)
      echo "join: POST /v1/sessions/{id}/join by new viewers, maximum rate then latency at half of it..." >&2
      start_api 18194 41131 Sessions__StartGrace=1.00:00:00 Telemetry__Prometheus=true Telemetry__PrometheusPort=18195
      id=$(live_session 18194)
      paused=$(gc_metric 18195 dotnet_gc_pause_time_seconds_total)
      record "$(with_api_gc "$(BENCH_SIGNING_KEY=$SIGNING_KEY dotnet "$DRIVER_DLL" join "${DURATION%s}" http://127.0.0.1:18194 "$id" | tail -1)" 18195 "$paused")"
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      ;;
    audience)
      echo "audience: 10,000 viewers join one live session, then refresh; heap per viewer..." >&2
      record "$(dotnet "$DRIVER_DLL" audience 10000 | tail -1)"
      ;;
    chat)
      # The per-sender limit raised to its maximum (1000 burst, 1000/s): 1,000 senders take turns, the grain is measured.
      echo "chat: POST /v1/sessions/{id}/chat by 1,000 joined viewers in turn, 64 in flight..." >&2
      start_api 18196 41141 Sessions__StartGrace=1.00:00:00 Chat__BurstSize=1000 Chat__RefillPerSecond=1000 \
        Telemetry__Prometheus=true Telemetry__PrometheusPort=18198
      id=$(live_session 18196)
      paused=$(gc_metric 18198 dotnet_gc_pause_time_seconds_total)
      record "$(with_api_gc "$(BENCH_SIGNING_KEY=$SIGNING_KEY dotnet "$DRIVER_DLL" chat "${DURATION%s}" http://127.0.0.1:18196 "$id" | tail -1)" 18198 "$paused" mode=dev)"
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      ;;
    fanout)
      # Default chat limits: the senders take turns, each well under one message a second.
      echo "fanout: 1,000 SSE streams of one session, chat messages at a fixed rate, send-to-receive latency..." >&2
      start_api 18197 41151 Sessions__StartGrace=1.00:00:00 Telemetry__Prometheus=true Telemetry__PrometheusPort=18199
      id=$(live_session 18197)
      paused=$(gc_metric 18199 dotnet_gc_pause_time_seconds_total)
      record "$(with_api_gc "$(BENCH_SIGNING_KEY=$SIGNING_KEY dotnet "$DRIVER_DLL" fanout "${DURATION%s}" http://127.0.0.1:18197 "$id" | tail -1)" 18199 "$paused" mode=dev)"
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      ;;
    webhook-intake)
      # Dev mode without LiveKit:Url: go_live gets the detached egress service's synthetic HLS egress.
      echo "webhook-intake: signed LiveKit webhooks (participant joined/left, HLS egress_updated) for 20 live sessions, 64 in flight..." >&2
      start_api 18200 41161 Sessions__StartGrace=1.00:00:00 LiveKit__ApiKey=$LIVEKIT_KEY LiveKit__ApiSecret="$LIVEKIT_SECRET" \
        Telemetry__Prometheus=true Telemetry__PrometheusPort=18201
      token=$(login 18200)
      paused=$(gc_metric 18201 dotnet_gc_pause_time_seconds_total)
      record "$(with_api_gc "$(BENCH_TOKEN=$token BENCH_LIVEKIT_KEY=$LIVEKIT_KEY BENCH_LIVEKIT_SECRET=$LIVEKIT_SECRET \
        dotnet "$DRIVER_DLL" webhook-intake "${DURATION%s}" http://127.0.0.1:18200 | tail -1)" 18201 "$paused" mode=dev)"
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      ;;
    webhook-delivery)
      # Dev mode (in-memory outbox); the receiver runs inside the driver on 127.0.0.1, hence AllowPrivateAddresses; the
      # 2,000 sessions are made before the window, hence the raised scheduled-session quota.
      echo "webhook-delivery: 2,000 sessions started at a steady pace over the window, session.started delivered to a local receiver..." >&2
      start_api 18204 41181 Webhooks__AllowPrivateAddresses=true Quotas__ScheduledSessionsPerOwner=5000 Telemetry__Prometheus=true Telemetry__PrometheusPort=18205
      token=$(login 18204)
      paused=$(gc_metric 18205 dotnet_gc_pause_time_seconds_total)
      record "$(with_api_gc "$(BENCH_TOKEN=$token dotnet "$DRIVER_DLL" webhook-delivery "${DURATION%s}" http://127.0.0.1:18204 | tail -1)" 18205 "$paused" mode=dev)"
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      ;;
    file-serving)
      # Ready recordings made as in production (see bench/Driver/ReadyRecordings.cs).
      echo "file-serving: GET /v1/recordings/{id}/file (signed URL) vs Kestrel static files, same files, 64 KiB, 16 MiB, 1 MiB ranges..." >&2
      start_api 18202 41171 Sessions__StartGrace=1.00:00:00 LiveKit__ApiKey=$LIVEKIT_KEY LiveKit__ApiSecret="$LIVEKIT_SECRET" \
        RecordingStorage__Local__Root="$work/recordings"
      token=$(login 18202)
      small=65536 large=16777216 range=1048576
      BENCH_TOKEN=$token BENCH_LIVEKIT_KEY=$LIVEKIT_KEY BENCH_LIVEKIT_SECRET=$LIVEKIT_SECRET \
        dotnet "$DRIVER_DLL" ready-recordings http://127.0.0.1:18202 "$work/recordings" $small $large | tail -1 >"$work/recordings.json"
      dotnet "$BASELINE_DLL" --StaticRoot "$work/recordings" --Urls http://127.0.0.1:18203 --Logging:LogLevel:Default=Warning >"$work/static.log" 2>&1 &
      pids+=($!)
      static_url() { echo "http://127.0.0.1:18203/$(json "d['key_$1']" <"$work/recordings.json")"; }
      roomcast_url() { echo "http://127.0.0.1:18202$(json "d['url_$1']" <"$work/recordings.json")"; }
      for _ in $(seq 1 60); do curl -sf -o /dev/null "$(static_url $small)" && break; sleep 0.5; done
      cmp -s <(curl -sf "$(static_url $large)") <(curl -sf "$(roomcast_url $large)") || { echo "file-serving: the two servers answer different bytes" >&2; exit 1; }
      for url in "$(static_url $large)" "$(roomcast_url $large)"; do
        answer=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "Range: bytes=$range-$((2 * range - 1))" "$url")
        [[ $answer == "206 $range" ]] || { echo "file-serving: a 1 MiB range of $url answered $answer" >&2; exit 1; }
      done
      run_wrk "$(static_url $small)" >/dev/null # warm-up both, same length
      run_wrk "$(roomcast_url $small)" >/dev/null
      for case in "whole $small" "whole $large" "range $large"; do
        read -r kind size <<<"$case"
        args=(); bytes=$size
        [[ $kind == range ]] && { args=(-H "Range: bytes=$range-$((2 * range - 1))"); bytes=$range; }
        read -r s_rps s_p50 s_p99 s_err < <(run_wrk "$(static_url "$size")" "${args[@]}")
        read -r r_rps r_p50 r_p99 r_err < <(run_wrk "$(roomcast_url "$size")" "${args[@]}")
        record "$(python3 - "$kind" "$size" "$bytes" "$r_rps" "$r_p50" "$r_p99" "$r_err" "$s_rps" "$s_p50" "$s_p99" "$s_err" <<'PY'
import json, sys
kind, size, bytes_, r_rps, r_p50, r_p99, r_err, s_rps, s_p50, s_p99, s_err = sys.argv[1:]
mb = lambda rps: round(float(rps) * int(bytes_) / 1e6)
print(json.dumps({"measure": "file-serving", "request": f"{kind} of {int(size) // 1024} KiB" if kind == "whole" else f"1 MiB range of {int(size) // 1024} KiB",
    "bytes_per_response": int(bytes_),
    "roomcast_rps": int(r_rps), "roomcast_mb_per_s": mb(r_rps), "roomcast_p50_ms": float(r_p50), "roomcast_p99_ms": float(r_p99), "roomcast_errors": int(r_err),
    "static_rps": int(s_rps), "static_mb_per_s": mb(s_rps), "static_p50_ms": float(s_p50), "static_p99_ms": float(s_p99), "static_errors": int(s_err),
    "ratio": round(float(r_rps) / float(s_rps), 3)}, separators=(",", ":")))
PY
)"
      done
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      ;;
    *) echo "unknown measure $measure" >&2; exit 2 ;;
  esac
done

mkdir -p bench/results
python3 - "$results" bench/results/latest.json <<'PY'
import json, os, platform, subprocess, sys, datetime
now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
rows = [dict(json.loads(l), date=now) for l in open(sys.argv[1]) if l.strip()]
# The rows of the measures not run this time stay, with the date they were measured.
try:
    previous = json.load(open(sys.argv[2]))
except (OSError, ValueError):
    previous = {"results": []}
ran = {r["measure"] for r in rows}
kept = [dict(r, date=r.get("date", previous.get("date"))) for r in previous["results"] if r["measure"] not in ran]
machine = {
    "cpus": os.cpu_count(),
    "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    "os": platform.platform(),
    "dotnet": subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip(),
}
out = {"date": now, "machine": machine, "results": kept + rows}
json.dump(out, open(sys.argv[2], "w"), indent=2)
print(f"| measure | figures |\n|---|---|")
for r in rows:
    m = r.pop("measure")
    r.pop("date")
    print(f"| {m} | " + ", ".join(f"{k}={v}" for k, v in r.items()) + " |")
PY
