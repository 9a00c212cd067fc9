#!/usr/bin/env bash
# The benchmarks of docs/benchmarks.md, measured in one go on this machine: a private PostgreSQL with its defaults
# (fsync and synchronous_commit on), the server (Release) on it, the machine's ceilings (pgbench: a single-row upsert
# per transaction, 32 clients; h2load and the load generator: grpc.health.v1.Health/Check), then the scenarios. It
# rewrites the tables between the bench markers of docs/benchmarks.md, each figure next to its ceiling.
#
#   load-tests/bench.sh [--keep DIR]     (DIR keeps the reports; by default they go with the temporary directory)
#
# Every step is bounded in time; everything started here is stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

DURATION=${BENCH_DURATION:-60s}      # each scenario's measured time
WARMUP=${BENCH_WARMUP:-5s}
CEILING_SECONDS=${BENCH_CEILING_SECONDS:-15}
PROVINCE=${BENCH_PROVINCE:-79}
COPIES=${BENCH_COPIES:-64}
keep=""
if [[ "${1:-}" == "--keep" ]]; then keep=${2:?--keep needs a directory}; fi

for tool in pgbench h2load jq curl ss dotnet; do
  command -v "$tool" >/dev/null || { echo "bench.sh needs $tool (Debian: postgresql-client/postgresql, nghttp2-client, jq, curl, iproute2)" >&2; exit 2; }
done
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$pg_bin/initdb" ]] || { echo "bench.sh needs PostgreSQL's server binaries (apt-get install postgresql)" >&2; exit 2; }

work=$(mktemp -d /tmp/dvc-bench.XXXXXX)
chmod 755 "$work"   # PostgreSQL runs as its own user below it
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  if [[ -f "$work/pg/data/postmaster.pid" ]]; then as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true; fi
  if [[ -n "$keep" && -d "$work/reports" ]]; then mkdir -p "$keep" && cp -r "$work/reports/." "$keep/"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# initdb refuses root: as root, PostgreSQL runs as the postgres user.
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -Htln "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

log() { echo "[bench $(date +%H:%M:%S)] $*"; }

log "building the server and the load generator (Release)"
timeout 600 dotnet build -c Release -v q -nologo src/DvcGrains.Server >/dev/null
timeout 600 dotnet build -c Release -v q -nologo load-tests/DvcGrains.LoadTests >/dev/null
server_dll=$repo/src/DvcGrains.Server/bin/Release/net10.0/DvcGrains.Server.dll
load_dll=$repo/load-tests/DvcGrains.LoadTests/bin/Release/net10.0/DvcGrains.LoadTests.dll

log "starting a private PostgreSQL (defaults: fsync and synchronous_commit on)"
mkdir -p "$work/pg/socket" "$work/reports"
[[ $(id -u) -eq 0 ]] && chown -R postgres: "$work/pg"
pg_port=$(free_port)
as_postgres timeout 120 "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
as_postgres timeout 60 "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/postgres.log" -w -t 60 \
  -o "-p $pg_port -k $work/pg/socket -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
psql_() { timeout 60 "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_ -d postgres -c "CREATE DATABASE dvc" -c "CREATE DATABASE ceiling"
pg_version=$(psql_ -d postgres -c "SHOW server_version" | cut -d' ' -f1)

log "ceiling 1: pgbench, one single-row upsert per transaction, 32 clients, ${CEILING_SECONDS}s"
psql_ -d ceiling -c "CREATE TABLE upsert_ceiling (id int PRIMARY KEY, n bigint NOT NULL)"
cat > "$work/upsert.sql" <<'SQL'
\set id random(1, 100000)
INSERT INTO upsert_ceiling (id, n) VALUES (:id, 1) ON CONFLICT (id) DO UPDATE SET n = upsert_ceiling.n + 1;
SQL
pgbench_tps=$(timeout $((CEILING_SECONDS + 60)) pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 32 -j 2 -T "$CEILING_SECONDS" \
  -f "$work/upsert.sql" ceiling 2>/dev/null | awk -F'= ' '/^tps/ { split($2, a, " "); print a[1]; exit }')
log "pgbench: $pgbench_tps upserts/s"

log "migrating and starting the server on PostgreSQL"
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=dvc;Username=postgres;Maximum Pool Size=100"
timeout 120 dotnet "$server_dll" migrate >/dev/null
grpc_port=$(free_port); metrics_port=$(free_port); silo_port=$(free_port); gateway_port=$(free_port)
dotnet "$server_dll" --urls "http://127.0.0.1:$grpc_port" --Dvc:MetricsPort "$metrics_port" --Orleans:SiloPort "$silo_port" \
  --Orleans:GatewayPort "$gateway_port" --Orleans:ClusterId "bench-$$" --Logging:LogLevel:Default Warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$metrics_port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$metrics_port/health/ready" >/dev/null || { echo "the server did not get ready in 60 s" >&2; exit 1; }
target="http://127.0.0.1:$grpc_port"
metrics="http://127.0.0.1:$metrics_port/metrics"

log "ceiling 2: h2load, grpc.health.v1.Health/Check, 4 connections × 32 streams, ${CEILING_SECONDS}s"
# gRPC framing: a 5-byte prefix (not compressed, length 0) and the empty HealthCheckRequest.
printf '\x00\x00\x00\x00\x00' > "$work/health-check.grpc"
h2load_rps=$(timeout $((CEILING_SECONDS + 30)) h2load -c 4 -m 32 -D "$CEILING_SECONDS" --warm-up-time=2 -d "$work/health-check.grpc" \
  -H 'content-type: application/grpc' -H 'te: trailers' "$target/grpc.health.v1.Health/Check" \
  | awk '/^finished in/ { gsub(",", ""); for (i = 1; i <= NF; i++) if ($(i + 1) == "req/s") print $i }')
log "h2load: $h2load_rps calls/s"

run_tool() { # name, then the tool's arguments
  local name=$1; shift
  log "scenario run: $name"
  timeout 900 dotnet "$load_dll" --target "$target" --server-metrics "$metrics" --report-dir "$work/reports/$name" --quiet "$@" \
    >"$work/reports/$name.log" 2>&1 || log "$name: exit code $? (see its report)"
  [[ -f "$work/reports/$name/summary.json" ]] || { cat "$work/reports/$name.log" >&2; exit 1; }
}
total() { jq -r ".steps[] | select(.scenario == \"*\") | $2" "$work/reports/$1/summary.json"; }

run_tool health-tool --scenario health-check --copies "$COPIES" --duration 20s --warmup 2s
run_tool lifecycle-province --scenario lifecycle --province "$PROVINCE" --copies "$COPIES" --duration "$DURATION" --warmup "$WARMUP" --verify
run_tool lifecycle-spread --scenario lifecycle --copies "$COPIES" --duration "$DURATION" --warmup "$WARMUP" --verify
# Open model at 70 % of what the closed spread run achieved: the latency a portal sees at that arrival rate.
open_rate=$(jq -r '[.steps[] | select(.scenario == "*")][0].achieved_rps * 0.7 / 4 | floor' "$work/reports/lifecycle-spread/summary.json")
run_tool lifecycle-open --scenario lifecycle --rate "$open_rate" --duration "$DURATION" --warmup "$WARMUP" --verify
run_tool province-kpis --scenario province-kpis --province "$PROVINCE" --copies "$COPIES" --duration 30s --warmup "$WARMUP"

# Memory per dossier filed during a run: the server's working set and managed heap from the end of the warm-up to the end.
per_dossier() { # run, column (3: working set, 4: managed heap)
  local dossiers
  dossiers=$(jq -r '[.steps[] | select(.step == "Submit" and .scenario != "*") | .ok] | add // 0' "$work/reports/$1/summary.json")
  awk -F, -v col="$2" -v n="$dossiers" 'NR > 1 && $1 >= 0 && $col != "" { if (first == "") first = $col; last = $col }
    END { if (n > 0 && first != "") printf "%.1f", (last - first) / n / 1024; else printf "–" }' "$work/reports/$1/memory.csv"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else printf "–" }'; }
fmt() { awk -v v="$1" 'BEGIN { printf (v >= 100 ? "%.0f" : "%.1f"), v }'; }
row() { # label, run, ceiling label, ceiling value
  local rps p50 p99 max failed dropped verify
  rps=$(total "$2" .achieved_rps); p50=$(total "$2" .latency_ms.p50); p99=$(total "$2" .latency_ms.p99); max=$(total "$2" .latency_ms.max)
  failed=$(total "$2" .failed); dropped=$(total "$2" .dropped)
  verify=$(jq -r 'if .verify == null then "–" elif .verify.mismatches == 0 then "exact (\(.verify.units_checked) units)" else "\(.verify.mismatches) mismatches" end' "$work/reports/$2/summary.json")
  echo "| $1 | $(fmt "$rps") | $3 $(fmt "$4") | $(ratio "$rps" "$4") | $(fmt "$p50") | $(fmt "$p99") | $(fmt "$max") | $failed / $dropped | $verify |"
}

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
  echo "<!-- bench.sh:begin (written by load-tests/bench.sh; edits between the markers are overwritten) -->"
  echo
  echo "$(date -u +%Y-%m-%d), $cpu, $(nproc) cores, .NET $(dotnet --list-runtimes | awk '/NETCore.App/ { v = $2 } END { print v }'), PostgreSQL $pg_version (fsync and synchronous_commit on), one silo; the generator, the silo and PostgreSQL share the cores."
  echo
  echo "| ceiling | calls/s |"
  echo "|---|---:|"
  echo "| pgbench: one single-row upsert per transaction, 32 clients | $(fmt "$pgbench_tps") |"
  echo "| h2load: grpc.health.v1.Health/Check, 4 connections × 32 streams | $(fmt "$h2load_rps") |"
  echo "| the load generator: Health/Check, $COPIES copies | $(fmt "$(total health-tool .achieved_rps)") ($(ratio "$(total health-tool .achieved_rps)" "$h2load_rps") of h2load) |"
  echo
  echo "| run | calls/s | ceiling | ratio | p50 ms | p99 ms | max ms | failed / dropped | --verify |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
  row "lifecycle, communes of province $PROVINCE, $COPIES copies (closed)" lifecycle-province "pgbench" "$pgbench_tps"
  row "lifecycle, all communes, $COPIES copies (closed)" lifecycle-spread "pgbench" "$pgbench_tps"
  row "lifecycle, all communes, $open_rate dossiers/s (open, 70 % of the closed rate)" lifecycle-open "pgbench" "$pgbench_tps"
  row "province-kpis: GetUnitKpis of $PROVINCE for the month, $COPIES copies (closed)" province-kpis "h2load" "$h2load_rps"
  echo
  echo "Lifecycle calls are commands (Submit, StartProcessing, FinishProcessing, ReturnResult; codes made by the generator), each a"
  echo "durable write; latency is from each call's intended start (closed runs: from its send). Server memory per dossier filed"
  echo "(working set / managed heap, KB, from the end of the warm-up to the end of the run, without a forced collection):"
  echo "province $(per_dossier lifecycle-province 3) / $(per_dossier lifecycle-province 4), spread $(per_dossier lifecycle-spread 3) / $(per_dossier lifecycle-spread 4),"
  echo "open $(per_dossier lifecycle-open 3) / $(per_dossier lifecycle-open 4)."
  echo
  echo "<!-- bench.sh:end -->"
} > "$work/tables.md"

doc=docs/benchmarks.md
grep -q '^<!-- bench.sh:begin' "$doc" || { echo "$doc has no bench.sh markers" >&2; exit 1; }
awk -v tables="$work/tables.md" '
  /^<!-- bench.sh:begin/ { while ((getline line < tables) > 0) print line; skipping = 1; next }
  /^<!-- bench.sh:end/ { skipping = 0; next }
  !skipping { print }' "$doc" > "$work/benchmarks.md"
cp "$work/benchmarks.md" "$doc"
cat "$work/tables.md"
log "done: $doc rewritten"
