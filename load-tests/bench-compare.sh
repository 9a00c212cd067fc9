#!/usr/bin/env bash
# The write path of two builds in one run, alternately: this checkout and another commit (default: the last commit
# before the read side), each on a fresh database of one private PostgreSQL (its defaults: fsync and synchronous_commit
# on), ROUNDS times lifecycle over all communes with 64 copies and --verify. Alternating shares out the machine's own
# drift (a shared VM's speed moves from minute to minute) between the builds; the median of each is printed, with the
# silo's CPU time per committed command (process_cpu_seconds_total over the rows committed, from its /metrics), which
# a loaded machine moves far less than the throughput.
#
#   load-tests/bench-compare.sh [REV]        (BENCH_ROUNDS=3, BENCH_DURATION=60s)
#
# Every step is bounded in time; everything started here is stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
source "$repo/load-tests/bench-lib.sh"

REV=${1:-70e0cf8}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-60s}
WARMUP=${BENCH_WARMUP:-10s}
COPIES=${BENCH_COPIES:-64}

bench_start
before="$work/before"
git worktree add -q --detach "$before" "$REV"
worktrees+=("$before")
log "building this checkout and $REV (Release)"
build_release "$repo"
build_release "$before"
pg_start

run_build() { # label, tree, round
  local label=$1 tree=$2 round=$3 database="dvc_${1}_$3"
  psql_ -d postgres -c "CREATE DATABASE $database"
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=$database;Username=postgres"
  timeout 120 dotnet "$tree/src/DvcGrains.Server/bin/Release/net10.0/DvcGrains.Server.dll" migrate >/dev/null
  server_start "$tree/src/DvcGrains.Server/bin/Release/net10.0/DvcGrains.Server.dll"
  log "round $round: $label"
  local cpu_before rows_before
  cpu_before=$(scrape process_cpu_seconds_total); rows_before=$(scrape dvc_storage_commit_rows_sum)
  timeout 900 dotnet "$repo/load-tests/DvcGrains.LoadTests/bin/Release/net10.0/DvcGrains.LoadTests.dll" --target "$target" \
    --scenario lifecycle --copies "$COPIES" --duration "$DURATION" --warmup "$WARMUP" --verify --quiet \
    --report-dir "$work/reports/$label-$round" >"$work/reports/$label-$round.log" 2>&1 || log "$label round $round: exit code $?"
  local cpu_us
  cpu_us=$(echo "scale=1; 1000000 * ($(scrape process_cpu_seconds_total) - $cpu_before) / ($(scrape dvc_storage_commit_rows_sum) - $rows_before)" | bc)
  server_stop
  echo "$(jq -r '[.steps[] | select(.scenario == "*")][0] | "\(.achieved_rps) \(.latency_ms.p99)"' "$work/reports/$label-$round/summary.json") $cpu_us" >> "$work/$label.txt"
}

mkdir -p "$work/reports"
for round in $(seq "$ROUNDS"); do
  run_build before "$before" "$round"
  run_build after "$repo" "$round"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for label in before after; do
  printf '%s: commands/s %s, p99 ms %s, silo CPU µs per command %s (median of %s; each round: %s; CPU µs: %s)\n' "$label" \
    "$(cut -d' ' -f1 "$work/$label.txt" | median)" "$(cut -d' ' -f2 "$work/$label.txt" | median)" "$(cut -d' ' -f3 "$work/$label.txt" | median)" "$ROUNDS" \
    "$(cut -d' ' -f1 "$work/$label.txt" | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 }')" \
    "$(cut -d' ' -f3 "$work/$label.txt" | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 }')"
done
