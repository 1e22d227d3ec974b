#!/usr/bin/env bash
# Measures Roomcast against its baselines in one run and prints ratios.
#   bash bench/run.sh                 # every measure
#   bash bench/run.sh hot-read write  # only these (hot-read write memory deadlines start reactivation failover join
#                                     #   audience chat fanout webhook-intake webhook-delivery file-serving)
# Release builds, Warning logs, loopback only, every load bounded in time. Writes bench/results/latest.json,
# replacing the rows of the measures run and keeping the others.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
# The measures compared with a baseline run their sides in alternating rounds and report the median ratio.
ROUNDS=${BENCH_ROUNDS:-3}
(( ROUNDS >= 3 )) || { echo "BENCH_ROUNDS must be at least 3 (a median of fewer runs says little)" >&2; exit 2; }
MEASURES=("$@")
[[ ${#MEASURES[@]} -eq 0 ]] && MEASURES=(hot-read write memory deadlines start reactivation failover join audience chat fanout webhook-intake webhook-delivery file-serving)

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
dotnet build -c Release bench/Peer/Peer.csproj -v q -nologo >/dev/null
[[ " ${MEASURES[*]} " == *" failover "* ]] && dotnet build -c Release src/Silo/Silo.csproj -v q -nologo >/dev/null
API_DLL=src/WebApi/bin/Release/net10.0/Roomcast.WebApi.dll
BASELINE_DLL=bench/Baseline/bin/Release/net10.0/Roomcast.Bench.Baseline.dll
DRIVER_DLL=bench/Driver/bin/Release/net10.0/Roomcast.Bench.Driver.dll
PEER_DLL=bench/Peer/bin/Release/net10.0/Roomcast.Bench.Peer.dll
SILO_DLL=src/Silo/bin/Release/net10.0/Roomcast.Silo.dll

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

# start_silo NAME HTTP_PORT SILO_PORT [extra env...]: a standalone silo (src/Silo), gateway on SILO_PORT+1, Warning logs.
start_silo() {
  local name=$1 port=$2 silo=$3; shift 3
  env Urls="http://127.0.0.1:$port" Orleans__SiloPort="$silo" Orleans__GatewayPort=$((silo + 1)) Orleans__AdvertisedAddress=127.0.0.1 \
      Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple "$@" \
      dotnet "$SILO_DLL" >"$work/silo-$name.log" 2>&1 &
  pids+=($!)
}

# silo_ready HTTP_PORT NAME: waits until the silo is Active in the membership table (its /health/ready).
silo_ready() {
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "silo $2 did not become active:" >&2; tail -20 "$work/silo-$2.log" >&2; return 1
}

login() {
  curl -sf "http://127.0.0.1:$1/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"admin@roomcast.local\",\"password\":\"$ADMIN_PASSWORD\"}" | json 'd["data"]["access_token"]'
}

# create_sessions PORT TOKEN COUNT [ANSWERS_FILE]: prints COUNT session ids, one room per 100; appends Roomcast's
# answer for each session (one JSON envelope a line) to ANSWERS_FILE if given.
create_sessions() {
  local port=$1 token=$2 count=$3 answers=${4:-/dev/null} room="" at answer
  at=$(date -u -d '+1 day' +%FT%TZ)
  for i in $(seq 0 $((count - 1))); do
    if (( i % 100 == 0 )); then
      room=$(curl -sf "http://127.0.0.1:$port/v1/rooms" -H "authorization: Bearer $token" -H 'content-type: application/json' \
        -d '{"title":"bench"}' | first_id)
    fi
    answer=$(curl -sf "http://127.0.0.1:$port/v1/rooms/$room/sessions" -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d "{\"name\":\"bench $i\",\"scheduled_at\":\"$at\"}")
    echo "$answer" >>"$answers"
    first_id <<<"$answer"
  done
}

# fresh_database NAME: prints the connection string of an empty database NAME (dropped and made again).
fresh_database() {
  local base
  base=$(bash scripts/postgres.sh)
  runuser -u postgres -- psql -q -X -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1 OWNER roomcast" >/dev/null
  echo "${base/Database=roomcast/Database=$1}"
}

# start_peer PORT CONNECTION_STRING ANSWERS_FILE: the conventional peer (bench/Peer) with Roomcast's signing key, its
# table made from the sessions Roomcast answered.
start_peer() {
  dotnet "$PEER_DLL" --Urls "http://127.0.0.1:$1" --Logging:LogLevel:Default=Warning --Auth:Jwt:SigningKey "$SIGNING_KEY" \
    --ConnectionStrings:Peer "$2" --Seed "$3" >"$work/peer-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/v1/sessions/00000000-0000-0000-0000-000000000000") == 401 ]] && return 0
    sleep 0.5
  done
  echo "peer on $1 did not start:" >&2; tail -20 "$work/peer-$1.log" >&2; return 1
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

# run_pgbench SCRIPT_FILE: the same figures for pgbench (prepared statements, as many clients as wrk has connections),
# the percentiles from its per-transaction log.
run_pgbench() {
  rm -f "$work"/pgbench.log*
  PGPASSWORD=roomcast pgbench -n -M prepared -h 127.0.0.1 -U roomcast -c "$CONNECTIONS" -j 2 -T "${DURATION%s}" \
    -l --log-prefix="$work/pgbench.log" -f "$1" roomcast_bench >"$work/pgbench.out" 2>&1 || true
  python3 - "$work/pgbench.out" "$work"/pgbench.log* <<'PY'
import re, statistics, sys
text = open(sys.argv[1]).read()
latencies = sorted(int(line.split()[2]) / 1000 for name in sys.argv[2:] for line in open(name) if line.strip())
q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
failed = re.search(r"number of failed transactions: (\d+)", text)
tps = float(re.search(r"tps = ([\d.]+)", text).group(1))
print(f"{tps:.0f} {q[49]:.2f} {q[98]:.2f} {int(failed.group(1)) if failed else 0}")
PY
}

# alternate ROUNDS_FILE SIDE...: one warm-up of each side, then BENCH_ROUNDS rounds of the sides in the order given.
# A side is a shell function named side_NAME that prints "req_per_s p50_ms p99_ms errors"; each of its runs is written
# to ROUNDS_FILE as "ROUND NAME figures". Before each run, a pause lets the previous side settle (and its pools close
# their idle connections, see write), and one untimed second of the same load opens this side's connections again.
alternate() {
  local file=$1 side round; shift
  for side in "$@"; do sleep 3; "side_$side" >/dev/null; done
  : >"$file"
  for round in $(seq 1 "$ROUNDS"); do
    for side in "$@"; do
      sleep 3
      DURATION=1s "side_$side" >/dev/null
      echo "$round $side $("side_$side")" >>"$file"
    done
  done
}

# summarise MEASURE ROUNDS_FILE ROOMCAST_SIDE OTHER_SIDE [key=value...]: the row comparing two sides of alternate's
# rounds. ratio = the median of the per-round ratios ROOMCAST/OTHER, with their spread; each side's median figures;
# runs = every round's raw figures. Extra fields as given (target=..., mode=...).
summarise() {
  python3 - "$@" <<'PY'
import json, statistics, sys
measure, file, ours, theirs = sys.argv[1:5]
rounds = {}
for line in open(file):
    n, side, rps, p50, p99, errors = line.split()
    rounds.setdefault(int(n), {})[side] = {"rps": float(rps), "p50_ms": float(p50), "p99_ms": float(p99), "errors": int(errors)}
# A side that answered nothing in a round has no ratio there; its errors say why (and record warns).
runs = [{"round": n, ours: r[ours], theirs: r[theirs], "ratio": round(r[ours]["rps"] / r[theirs]["rps"], 3) if r[theirs]["rps"] else None}
        for n, r in sorted(rounds.items())]
ratios = [run["ratio"] for run in runs if run["ratio"] is not None] or [float("nan")]
row = {"measure": measure, "ratio": round(statistics.median(ratios), 3), "ratio_min": min(ratios), "ratio_max": max(ratios), "rounds": len(runs)}
for side in (ours, theirs):
    unit = "tps" if side == "pgbench" else "rps"
    row[f"{side}_{unit}"] = round(statistics.median(run[side]["rps"] for run in runs))
    for figure in ("p50_ms", "p99_ms"):
        row[f"{side}_{figure}"] = round(statistics.median(run[side][figure] for run in runs), 2)
    # A round in which a side got no answer at all counts as failed even if wrk saw no error.
    row[f"{side}_errors"] = sum(run[side]["errors"] + (run[side]["rps"] == 0) for run in runs)
row.update(kv.split("=", 1) for kv in sys.argv[5:])
row["runs"] = runs
print(json.dumps(row, separators=(",", ":")))
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
  [[ -n $1 ]] || { echo "a measure gave no result row (see the error above)" >&2; exit 1; }
  echo "$1" >>"$results"
  # A load whose requests failed measures the failure path, not the service: say so loudly. Failover measures the
  # failure path: there, only a lost write or a missed target is worth a warning.
  if [[ $1 == '{"measure":"failover"'* ]]; then
    python3 -c "import json,sys; r=json.loads(sys.argv[1]); sys.exit(1 if r['lost_writes'] or not 0 <= r['recovery_max_s'] <= 10 else 0)" "$1" ||
      echo "WARNING: failover lost acknowledged writes or missed its 10 s recovery target: $1" >&2
    return 0
  fi
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
    row=$(dotnet "$DRIVER_DLL" "$measure" "$count" --mode "$mode" | tail -1) || true
    # A measure that crashed printed no row: say so, and keep the others' figures.
    if [[ $row == '{'* ]]; then record "$row"; else echo "WARNING: $measure $count --mode $mode failed; no figures recorded" >&2; fi
  done
}

for measure in "${MEASURES[@]}"; do
  case "$measure" in
    hot-read)
      echo "hot-read: GET /v1/sessions/{id}: Roomcast (dev mode) vs bare minimal API vs PostgreSQL peer, $ROUNDS alternating rounds..." >&2
      start_api 18210 41211
      token=$(login 18210)
      id=$(create_sessions 18210 "$token" 1 "$work/hot-read.sessions" | head -1)
      curl -sf "http://127.0.0.1:18210/v1/sessions/$id" -H "authorization: Bearer $token" | json 'json.dumps(d["data"])' >"$work/session.json"
      dotnet "$BASELINE_DLL" --SessionJson "$work/session.json" --Urls http://127.0.0.1:18211 --Logging:LogLevel:Default=Warning >"$work/baseline.log" 2>&1 &
      pids+=($!)
      for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:18211/v1/sessions/$id" >/dev/null && break; sleep 0.5; done
      start_peer 18212 "$(fresh_database roomcast_bench_peer);Maximum Pool Size=$((CONNECTIONS + 8))" "$work/hot-read.sessions"
      side_baseline() { run_wrk "http://127.0.0.1:18211/v1/sessions/$id"; }
      side_roomcast() { BENCH_TOKEN=$token run_wrk "http://127.0.0.1:18210/v1/sessions/$id" -s bench/wrk/bearer.lua; }
      side_peer() { BENCH_TOKEN=$token run_wrk "http://127.0.0.1:18212/v1/sessions/$id" -s bench/wrk/bearer.lua; }
      alternate "$work/hot-read.rounds" baseline roomcast peer
      record "$(summarise hot-read "$work/hot-read.rounds" roomcast baseline "target=>= 0.75" mode=dev)"
      record "$(summarise hot-read-peer "$work/hot-read.rounds" roomcast peer mode=dev)"
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      ;;
    write)
      echo "write: PATCH /v1/sessions/{id}: Roomcast (Postgres mode) vs PostgreSQL peer vs pgbench single-row UPDATE, $ROUNDS alternating rounds..." >&2
      # Both servers get the same pool, whose idle connections close within seconds: Roomcast's, the peer's and pgbench's
      # connections together would not fit in PostgreSQL's 100 slots if the two servers kept theirs between rounds.
      conn="$(fresh_database roomcast_bench);Maximum Pool Size=$((CONNECTIONS + 8));Connection Idle Lifetime=2;Connection Pruning Interval=1"
      # 1,000 scheduled sessions of one owner: past the default quota of 500.
      start_api 18213 41221 Storage=Postgres Quotas__ScheduledSessionsPerOwner=5000 LiveKit__ApiKey=bench LiveKit__ApiSecret=bench-livekit-secret-0123456789abcdef ConnectionStrings__Roomcast="$conn"
      token=$(login 18213)
      create_sessions 18213 "$token" 1000 "$work/write.sessions" >"$work/ids.txt"
      start_peer 18214 "$conn" "$work/write.sessions"
      PGPASSWORD=roomcast psql -q -X -h 127.0.0.1 -U roomcast -d roomcast_bench \
        -c "CREATE TABLE bench_rows (id int PRIMARY KEY, name text NOT NULL)" \
        -c "INSERT INTO bench_rows SELECT g, 'row ' || g FROM generate_series(1, 1000) g" >/dev/null
      echo "\\set id random(1, 1000)
UPDATE bench_rows SET name = 'bench ' || :id WHERE id = :id;" >"$work/update.sql"
      side_peer() { BENCH_TOKEN=$token BENCH_IDS_FILE=$work/ids.txt run_wrk http://127.0.0.1:18214 -s bench/wrk/patch.lua; }
      side_roomcast() { BENCH_TOKEN=$token BENCH_IDS_FILE=$work/ids.txt run_wrk http://127.0.0.1:18213 -s bench/wrk/patch.lua; }
      side_pgbench() { run_pgbench "$work/update.sql"; }
      alternate "$work/write.rounds" peer roomcast pgbench
      record "$(summarise write "$work/write.rounds" roomcast pgbench "target=>= 0.5" mode=postgres)"
      record "$(summarise write-peer "$work/write.rounds" roomcast peer "target=>= 1.0" mode=postgres)"
      kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      ;;
    memory)
      echo "memory: idle sessions, heap per session with and without activations..." >&2
      # Bytes per session are flat across sizes; 100,000 in postgres mode would add ~6 minutes of set-up for no news.
      for n in 10000 50000; do grain_measure memory "$n" dev postgres; done
      grain_measure memory 100000 dev
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
    failover)
      # Two standalone silos (A: silo port 41251, gateway 41252; B: 41253/41254) and an external API node on 18250, all
      # Storage=Postgres with production's failover options; the driver kills silo A (SIGKILL) itself, so the kill and
      # every request are timed by one clock. A fresh database per round; BENCH_ROUNDS rounds (3), the row has the median
      # and every run. BENCH_FAILOVER_BEFORE / BENCH_FAILOVER_AFTER: seconds of load before and after the kill (5, 25).
      rounds=${BENCH_ROUNDS:-3} before=${BENCH_FAILOVER_BEFORE:-5} after=${BENCH_FAILOVER_AFTER:-25}
      base=$(bash scripts/postgres.sh)
      # 20 connections per process at most (Npgsql: 100): three processes must fit PostgreSQL's max_connections (100)
      # when the survivor re-activates the dead silo's sessions all at once.
      conn="${base/Database=roomcast/Database=roomcast_bench_failover};Maximum Pool Size=20"
      cluster=(Storage=Postgres ConnectionStrings__Roomcast="$conn" Orleans__ClusterId=bench-failover Orleans__ServiceId=roomcast-bench-failover
               LiveKit__ApiKey=bench LiveKit__ApiSecret=bench-livekit-secret-0123456789abcdef)
      : >"$work/failover-runs.jsonl"
      for round in $(seq 1 "$rounds"); do
        echo "failover ($round/$rounds): 2 silos + external API node, 200 sessions renamed at 200/s, silo A killed -9 after ${before}s, ${after}s more..." >&2
        runuser -u postgres -- psql -q -X -c "DROP DATABASE IF EXISTS roomcast_bench_failover WITH (FORCE)" -c "CREATE DATABASE roomcast_bench_failover OWNER roomcast" >/dev/null
        start_silo a 18251 41251 "${cluster[@]}"
        silo_a=$!
        start_silo b 18252 41253 "${cluster[@]}"
        silo_ready 18251 a
        silo_ready 18252 b
        start_api 18250 41255 Api__Silo=External Logging__Console__FormatterName=simple "${cluster[@]}"
        token=$(login 18250)
        run=$(BENCH_TOKEN=$token dotnet "$DRIVER_DLL" failover "$before" "$after" http://127.0.0.1:18250 "$silo_a" | tail -1)
        python3 - "$run" "$(cut -d' ' -f1 /proc/loadavg)" >>"$work/failover-runs.jsonl" <<'PY'
import json, sys
run = json.loads(sys.argv[1])
run.pop("measure", None)
run["load_average_1m"] = float(sys.argv[2])
print(json.dumps(run, separators=(",", ":")))
PY
        if python3 -c "import json,sys; r=json.loads(sys.argv[1]); sys.exit(0 if 0 <= r['recovery_seconds'] <= 10 else 1)" "$run"; then :; else
          echo "failover: recovery over 10 s; Warning logs of the API node and the surviving silo:" >&2
          grep -hE '(warn|fail|crit): ' "$work/api-18250.log" | cut -c1-400 | tail -40 >&2 || true
          grep -hE '(warn|fail|crit): ' "$work/silo-b.log" | cut -c1-400 | tail -40 >&2 || true
        fi
        kill "${pids[@]}" 2>/dev/null || true; pids=(); sleep 1
      done
      record "$(python3 - "$work/failover-runs.jsonl" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
# An unrecovered run (-1) counts as the slowest.
recovery = sorted(r["recovery_seconds"] if r["recovery_seconds"] >= 0 else float("inf") for r in runs)
median = statistics.median_low(recovery)
print(json.dumps({"measure": "failover", "mode": "postgres",
    "recovery_seconds": median if median != float("inf") else -1,
    "recovery_min_s": recovery[0] if recovery[0] != float("inf") else -1,
    "recovery_max_s": recovery[-1] if recovery[-1] != float("inf") else -1,
    "recovery_new_requests_seconds": statistics.median_low(sorted(r["recovery_new_requests_seconds"] for r in runs)),
    "error_window_seconds": statistics.median_low(sorted(r["error_window_seconds"] for r in runs)),
    "errors": statistics.median_low(sorted(r["errors"] for r in runs)),
    "lost_writes": sum(r["lost_writes"] for r in runs),
    "target": "recovery <= 10 s",
    "setup": "2 silos + external API node, 200 sessions renamed at 200/s, silo A SIGKILLed",
    "rounds": len(runs), "runs": runs}, separators=(",", ":")))
PY
)"
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
# The table shows the medians and their spread; latest.json keeps every round's figures too.
print(f"| measure | figures |\n|---|---|")
for r in rows:
    m = r.pop("measure")
    r.pop("date")
    r.pop("runs", None)
    print(f"| {m} | " + ", ".join(f"{k}={v}" for k, v in r.items()) + " |")
PY
