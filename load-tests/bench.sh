#!/usr/bin/env bash
# The benchmarks of docs/benchmarks.md, measured in one go on this machine: a private PostgreSQL with its defaults
# (fsync and synchronous_commit on), the server (Release) on it, the machine's ceilings (pgbench: a single-row upsert
# per transaction, 32 clients; h2load and the load generator: grpc.health.v1.Health/Check), then the scenarios. It
# rewrites the tables between the bench markers of docs/benchmarks.md, each figure next to its ceiling.
#
#   load-tests/bench.sh [--keep DIR] [--read-side]
#
# DIR keeps the reports (by default they go with the temporary directory). --read-side adds the read side's runs:
# a change-feed follower beside lifecycle commands, then the work-queue list at BENCH_SMALL and BENCH_LARGE dossiers
# (300,000 and 1,000,000; the backlog scenario files what is missing), its own table between the read-side markers
# and the plans of each list shape (explain-lists) between the explain markers of docs/decisions/0014-read-side.md.
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
FEED_RATE=${BENCH_FEED_RATE:-}       # lifecycle dossiers/s beside the feed follower (four commands each); default: 60 % of the closed spread run
SMALL=${BENCH_SMALL:-300000}
LARGE=${BENCH_LARGE:-1000000}
keep=""
read_side=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) keep=${2:?--keep needs a directory}; shift 2 ;;
    --read-side) read_side=1; shift ;;
    *) echo "bench.sh: unknown argument $1 (use --keep DIR, --read-side)" >&2; exit 2 ;;
  esac
done

source "$repo/load-tests/bench-lib.sh"
bench_prepare
psql_ -d postgres -c "CREATE DATABASE dvc" -c "CREATE DATABASE ceiling"

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
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=dvc;Username=postgres"
timeout 120 dotnet "$server_dll" migrate >/dev/null
server_start "$server_dll"

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

# Replaces what lies between the markers BEGIN and END of a file with a file's text.
between_markers() { # file, begin marker, end marker, text file
  grep -q "^$2" "$1" || { echo "$1 has no $2 marker" >&2; exit 1; }
  awk -v text="$4" -v begin="^$2" -v end="^$3" '
    $0 ~ begin { print; while ((getline line < text) > 0) print line; skipping = 1; next }
    $0 ~ end { skipping = 0 }
    !skipping { print }' "$1" > "$work/rewritten"
  cp "$work/rewritten" "$1"
}

sed '1d;$d' "$work/tables.md" > "$work/write-tables.md"
between_markers docs/benchmarks.md '<!-- bench.sh:begin' '<!-- bench.sh:end' "$work/write-tables.md"
cat "$work/tables.md"

if [[ -n "$read_side" ]]; then
  step_of() { jq -r ".steps[] | select(.scenario == \"$2\" and .step == \"$3\") | $4" "$work/reports/$1/summary.json"; }
  dossiers_stored() { psql_ -d dvc -c "SELECT count(*) FROM dossier"; }

  FEED_RATE=${FEED_RATE:-$(jq -r '[.steps[] | select(.scenario == "*")][0].achieved_rps * 0.6 / 4 | floor' "$work/reports/lifecycle-spread/summary.json")}
  log "read side 1: a feed follower of the nation beside lifecycle at $FEED_RATE dossiers/s"
  cat > "$work/feed.json" <<JSON
{ "scenarios": [ { "name": "lifecycle", "load": "inject $FEED_RATE/s $DURATION" }, { "name": "change-feed", "load": "keep-constant 1 $DURATION" } ] }
JSON
  run_tool change-feed --config "$work/feed.json" --warmup "$WARMUP" --verify
  commands=$(jq -r '[.steps[] | select(.scenario == "lifecycle" and .step != "*") | .ok] | add' "$work/reports/change-feed/summary.json")
  changes=$(step_of change-feed change-feed ChangeLag .ok)

  list_row() { # label, report name
    local valid
    valid=$(jq -r 'if .valid == false then " (invalid: the generator fell behind)" else "" end' "$work/reports/$2/summary.json")
    echo "| $1$valid | $(fmt "$(total "$2" .achieved_rps)") | $(fmt "$(total "$2" .latency_ms.p50)") | $(fmt "$(total "$2" .latency_ms.p99)") | $(fmt "$(total "$2" .latency_ms.max)") | $(total "$2" .failed) / $(total "$2" .dropped) |" >> "$work/read-rows.md"
  }
  work_queue() { # label, report name
    run_tool "$2" --scenario work-queue --province "$PROVINCE" --copies "$COPIES" --duration 30s --warmup "$WARMUP"
    list_row "$1, $COPIES copies (closed)" "$2"
    # Open: the generator shares the cores and reads each page too, so half the closed rate, and the issue's floor.
    open_rate=$(jq -r '[.steps[] | select(.scenario == "*")][0].achieved_rps * 0.5 | floor' "$work/reports/$2/summary.json")
    for rate in "$open_rate" 1000; do
      run_tool "$2-open-$rate" --scenario work-queue --province "$PROVINCE" --rate "$rate" --duration 30s --warmup "$WARMUP"
      list_row "$1, $rate lists/s (open)" "$2-open-$rate"
    done
  }
  : > "$work/read-rows.md"
  for size in "$SMALL" "$LARGE"; do
    have=$(dossiers_stored)
    if (( have < size )); then
      log "read side 2: filing $((size - have)) dossiers (backlog: three in ten left open) to hold $size"
      run_tool "backlog-$size" --scenario backlog --copies "$COPIES" --count $((size - have)) --warmup 0s --max-duration 60m
    fi
    psql_ -d dvc -c "VACUUM ANALYZE dossier" >/dev/null
    work_queue "work-queue of province $PROVINCE at $(dossiers_stored) dossiers" "work-queue-$size"
  done
  open_in_province=$(psql_ -d dvc -c "SELECT count(*) FROM dossier WHERE province_code = '$PROVINCE' AND NOT ended")
  {
    echo
    echo "$(date -u +%Y-%m-%d), the same machine and run as the table above."
    echo
    echo "| change feed | value |"
    echo "|---|---:|"
    echo "| lifecycle commands acknowledged beside the follower (open, $FEED_RATE dossiers/s: 60 % of the closed spread run) | $commands ($(fmt "$(step_of change-feed lifecycle '*' .achieved_rps)")/s, p99 $(fmt "$(step_of change-feed lifecycle '*' .latency_ms.p99)") ms) |"
    echo "| changes the follower received (WatchChanges VN, from now), and acknowledged commands it never saw | $changes, $(step_of change-feed change-feed ChangeLag .failed) |"
    echo "| lag from the command's acknowledgement to the change's arrival, p50 / p99 / max ms | $(fmt "$(step_of change-feed change-feed ChangeLag .latency_ms.p50)") / $(fmt "$(step_of change-feed change-feed ChangeLag .latency_ms.p99)") / $(fmt "$(step_of change-feed change-feed ChangeLag .latency_ms.max)") |"
    echo "| --verify of the lifecycle's counters | $(jq -r 'if .verify == null then "–" elif .verify.mismatches == 0 then "exact (\(.verify.units_checked) units)" else "\(.verify.mismatches) mismatches" end' "$work/reports/change-feed/summary.json") |"
    echo
    echo "| list | lists/s | p50 ms | p99 ms | max ms | failed / dropped |"
    echo "|---|---:|---:|---:|---:|---:|"
    cat "$work/read-rows.md"
    echo
    echo "Each list is a page of 100 of the $open_in_province open dossiers of province $PROVINCE at the end, most urgent first."
    echo
  } > "$work/read-side.md"
  between_markers docs/benchmarks.md '<!-- bench.sh:read-side:begin' '<!-- bench.sh:read-side:end' "$work/read-side.md"
  timeout 300 dotnet "$server_dll" explain-lists --unit "$PROVINCE" > "$work/explain.md"
  between_markers docs/decisions/0014-read-side.md '<!-- explain:begin' '<!-- explain:end' "$work/explain.md"
  cat "$work/read-side.md"
fi
log "done: docs/benchmarks.md rewritten"
