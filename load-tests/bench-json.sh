#!/usr/bin/env bash
# The JSON routes' throughput beside gRPC's, on one Release server on the embedded default, in one run
# (docs/benchmarks.md, "JSON over HTTP beside gRPC"): GetUnitKpis, and Submit of one dossier resent under its request
# id (the replay that a portal's retry takes: the same work on both transports, without a new dossier per request,
# which h2load's one body cannot give). gRPC: 4 HTTP/2 connections of 8 streams; JSON: 32 HTTP/1.1 connections;
# 32 calls in flight on both. Then Submits that each file a new dossier, with the project's load generator (its
# filing scenario, 32 copies closed-loop, --transport grpc and json) on the same server: FILINGS per row, the pair
# twice in both orders.
#
#   load-tests/bench-json.sh            REQUESTS=20000 per h2load row, FILINGS=20000 per filing row by default
#
# Ports are not the defaults (another server may be on them); every step is bounded in time; the server is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${REQUESTS:-20000}
FILINGS=${FILINGS:-20000}
GRPC_PORT=${GRPC_PORT:-15180}
WEB_PORT=${WEB_PORT:-18180}
METRICS_PORT=${METRICS_PORT:-19564}
SILO_PORT=${SILO_PORT:-21211}
work=$(mktemp -d)
server_pid=""
cleanup() { [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

command -v h2load >/dev/null || { echo "h2load is missing: apt-get install nghttp2-client" >&2; exit 1; }
command -v jq >/dev/null || { echo "jq is missing: apt-get install jq" >&2; exit 1; }
timeout 600 dotnet build src/DvcGrains.Server/DvcGrains.Server.csproj -c Release -v q -o "$work/server" >/dev/null
timeout 600 dotnet build load-tests/DvcGrains.LoadTests -c Release -v q -nologo >/dev/null
load_dll=load-tests/DvcGrains.LoadTests/bin/Release/net10.0/DvcGrains.LoadTests.dll
dotnet "$work/server/DvcGrains.Server.dll" --urls "http://127.0.0.1:$GRPC_PORT" --Dvc:Web:Urls "http://127.0.0.1:$WEB_PORT" \
  --Dvc:MetricsPort "$METRICS_PORT" --Orleans:SiloPort "$SILO_PORT" --Dvc:RateLimit:PerSecond 0 \
  --Logging:LogLevel:Default Warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$METRICS_PORT/health/ready" && break; sleep 1; done
curl -sf -o /dev/null "http://127.0.0.1:$METRICS_PORT/health/ready" || { cat "$work/server.log" >&2; exit 1; }

# The request bodies: gRPC frames (a 0 byte, a 4-byte length, the protobuf message) and their JSON.
python3 - "$work" <<'PY'
import struct, sys
def field(number, payload):
    return bytes([number << 3 | 2, len(payload)]) + payload
def frame(message):
    return b"\0" + struct.pack(">I", len(message)) + message
kpis = field(1, b"01")
meta = field(1, b"bench-json-1") + field(2, b"BENCH-JSON-1")
submit = field(1, meta) + field(2, b"01") + field(3, b"1.001193") + bytes([4 << 3, 2])
open(f"{sys.argv[1]}/kpis.grpc", "wb").write(frame(kpis))
open(f"{sys.argv[1]}/submit.grpc", "wb").write(frame(submit))
open(f"{sys.argv[1]}/submit.json", "w").write('{"meta":{"requestId":"bench-json-1","dossierId":"BENCH-JSON-1"},"unitCode":"01","procedureCode":"1.001193","channel":"ONLINE"}')
PY
curl -sf -o /dev/null -X POST -H 'content-type: application/json' --data-binary @"$work/submit.json" "http://127.0.0.1:$WEB_PORT/v1/dossiers"

run() { # name, h2load arguments...
  local name=$1; shift
  local report="$work/${name//[^A-Za-z0-9]/_}.txt"
  timeout 300 h2load -n "$REQUESTS" "$@" >"$report" 2>&1 || true
  local rps ok
  rps=$(grep -oE 'finished in [^,]+, [0-9.]+ req/s' "$report" | grep -oE '[0-9.]+ req/s' || echo "? req/s")
  ok=$(grep -oE '[0-9]+ succeeded' "$report" || echo "? succeeded")
  printf '| %s | %s | %s |\n' "$name" "$rps" "$ok"
}
grpc=(-c 4 -m 8 -H 'content-type: application/grpc' -H 'te: trailers')
json=(--h1 -c 32 -m 1)
echo "load before: $(uptime)"
echo "| call | throughput | of $REQUESTS |"
echo "|---|---|---|"
run "gRPC GetUnitKpis" "${grpc[@]}" -d "$work/kpis.grpc" "http://127.0.0.1:$GRPC_PORT/dvc.v1.Kpis/GetUnitKpis"
run "JSON GET /v1/units/01/kpis" "${json[@]}" "http://127.0.0.1:$WEB_PORT/v1/units/01/kpis"
run "gRPC Submit (replay)" "${grpc[@]}" -d "$work/submit.grpc" "http://127.0.0.1:$GRPC_PORT/dvc.v1.Dossiers/Submit"
run "JSON POST /v1/dossiers (replay)" "${json[@]}" -H 'content-type: application/json' -d "$work/submit.json" "http://127.0.0.1:$WEB_PORT/v1/dossiers"

filing() { # name, transport options...
  local name=$1; shift
  local reports="$work/${name//[^A-Za-z0-9]/_}"
  timeout 300 dotnet "$load_dll" --target "http://127.0.0.1:$GRPC_PORT" --scenario filing --copies 32 --count "$FILINGS" \
    --warmup 3s --max-duration 240s --connections 4 --max-lag 1s --quiet --report-dir "$reports" "$@" >"$reports.log" 2>&1 || true
  jq -r --arg name "$name" '. as $run | .steps[] | select(.scenario == "filing" and .step == "Submit")
    | "| \($name) | \(.achieved_rps | floor) req/s | \(.ok) succeeded, \(.failed) failed\(if $run.valid then "" else " (invalid run)" end) |"' \
    "$reports/summary.json" 2>/dev/null || { printf '| %s | ? req/s | no report |\n' "$name"; tail -5 "$reports.log" >&2; }
}
# Whichever transport files first runs on a colder server (its first measured run was the slower by a third or more,
# either way round), so the pair runs twice, in both orders.
grpc_filing() { filing "gRPC Submit (new dossier), round $1"; }
json_filing() { filing "JSON POST /v1/dossiers (new dossier), round $1" --transport json --web-url "http://127.0.0.1:$WEB_PORT" --web-connections 32; }
grpc_filing 1; json_filing 1
json_filing 2; grpc_filing 2
echo "load after: $(uptime)"
