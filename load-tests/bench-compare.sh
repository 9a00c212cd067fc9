#!/usr/bin/env bash
# Builds in one run, alternately: this checkout and one or more other commits (default: the last commit before the read
# side; several commits bisect a change in one run, each round running them all in turn),
# each on one private PostgreSQL (its defaults: fsync and synchronous_commit on), ROUNDS times a scenario, closed.
# Alternating shares out the machine's own drift (a shared VM's speed moves from minute to minute) between the
# builds; the median of each is printed, with the silo's CPU time per unit of work (process_cpu_seconds_total from
# its /metrics, over the rows committed for commands, over the calls of the contract answered for reads), which a
# loaded machine moves far less than the throughput.
#
# The write path (the default, --scenario lifecycle; or filing): every round on a fresh database, lifecycle over all
# communes with --verify. A read path (--scenario work-queue, province-kpis, kpi-dashboard): each build's database is
# filled once by that build (backlog: BENCH_FILL dossiers in BENCH_PROVINCE, three in ten left open) and read in
# every round, by 8 copies (one portal's slots for lists). --roles R1,R2 runs the servers with bearer tokens (a key
# made for the run) and the generator with one token holding those roles; without it authentication is off and the
# caller holds every role.
#
#   load-tests/bench-compare.sh [--scenario NAME] [--roles ROLES] [REV ...]   (BENCH_ROUNDS=3, BENCH_DURATION=60s)
#
# Each build is labelled by its commit (this checkout: "after"), printed in that order.
#
# Every step is bounded in time; everything started here is stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
source "$repo/load-tests/bench-lib.sh"

SCENARIO=lifecycle
ROLES=""
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --scenario) SCENARIO=$2; shift 2 ;;
    --roles) ROLES=$2; shift 2 ;;
    *) echo "usage: $(basename "$0") [--scenario NAME] [--roles R1,R2] [REV ...]" >&2; exit 2 ;;
  esac
done
REVS=("${@:-70e0cf8}")
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-60s}
WARMUP=${BENCH_WARMUP:-10s}
FILL=${BENCH_FILL:-20000}
PROVINCE=${BENCH_PROVINCE:-79}
case $SCENARIO in
  lifecycle|filing) reads="" ;;
  work-queue|province-kpis|kpi-dashboard) reads=yes ;;
  *) echo "$(basename "$0"): --scenario lifecycle, filing, work-queue, province-kpis or kpi-dashboard" >&2; exit 2 ;;
esac
# A read path's copies are one portal's (one identity): no more lists at once than a caller is given slots for
# (Dvc:Lists:MaxConcurrentPerCaller, 8), or the rounds would measure its refusals.
COPIES=${BENCH_COPIES:-$([[ -n $reads ]] && echo 8 || echo 64)}

bench_start
labels=()
declare -A tree_of=([after]="$repo")
for rev in "${REVS[@]}"; do
  label=$(git rev-parse --short "$rev^{commit}")
  git worktree add -q --detach "$work/$label" "$label"
  worktrees+=("$work/$label")
  labels+=("$label")
  tree_of[$label]="$work/$label"
done
labels+=(after)
log "building this checkout and ${REVS[*]} (Release)"
for label in "${labels[@]}"; do build_release "${tree_of[$label]}"; done
pg_start

server_of() { echo "$1/src/DvcGrains.Server/bin/Release/net10.0/DvcGrains.Server.dll"; }
load_tool() { timeout 2400 dotnet "$repo/load-tests/DvcGrains.LoadTests/bin/Release/net10.0/DvcGrains.LoadTests.dll" --target "$target" "${token_args[@]}" --quiet "$@"; }

use_database() { # name: created and migrated when new
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=$1;Username=postgres"
  if [[ -z $(psql_ -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$1'") ]]; then
    psql_ -d postgres -c "CREATE DATABASE $1"
    timeout 120 dotnet "$(server_of "$2")" migrate >/dev/null
  fi
}

fill() { # label, tree: the database a read path's rounds read, filed once by its own build
  use_database "dvc_$1" "$2"
  server_start "$(server_of "$2")"
  log "$1: filing $FILL dossiers in province $PROVINCE (backlog)"
  load_tool --scenario backlog --province "$PROVINCE" --copies "$COPIES" --count "$FILL" --warmup 0s --max-duration 30m \
    --report-dir "$work/reports/fill-$1" >"$work/reports/fill-$1.log" 2>&1 || log "$1 fill: exit code $?"
  server_stop
  psql_ -d "dvc_$1" -c "VACUUM ANALYZE dossier"
  log "$1: $(psql_ -d "dvc_$1" -c "SELECT count(*) || ' dossiers, ' || count(*) FILTER (WHERE NOT ended) || ' open' FROM dossier")"
}

run_build() { # label, tree, round
  local label=$1 tree=$2 round=$3 work_metric options
  if [[ -n $reads ]]; then
    use_database "dvc_$label" "$tree"; work_metric=dvc_grpc_calls_total; options=(--province "$PROVINCE")
  else
    use_database "dvc_${label}_$round" "$tree"; work_metric=dvc_storage_commit_rows_sum; options=(--verify)
  fi
  server_start "$(server_of "$tree")"
  log "round $round: $label"
  local cpu_before work_before
  cpu_before=$(scrape process_cpu_seconds_total); work_before=$(scrape_sum "$work_metric")
  load_tool --scenario "$SCENARIO" --copies "$COPIES" --duration "$DURATION" --warmup "$WARMUP" "${options[@]}" \
    --report-dir "$work/reports/$label-$round" >"$work/reports/$label-$round.log" 2>&1 || log "$label round $round: exit code $?"
  local cpu_us
  cpu_us=$(echo "scale=1; 1000000 * ($(scrape process_cpu_seconds_total) - $cpu_before) / ($(scrape_sum "$work_metric") - $work_before)" | bc)
  server_stop
  local figures
  figures="$(jq -r '[.steps[] | select(.scenario == "*")][0] | "\(.achieved_rps) \(.latency_ms.p99) \(.failed)"' "$work/reports/$label-$round/summary.json") $cpu_us"
  echo "$figures" >> "$work/$label.txt"
  # Each round's figures as they come (per second, p99 ms, failed, CPU µs): a run cut short still says what it measured.
  log "round $round: $label: $figures"
}

if [[ -n $ROLES ]]; then bench_tokens "$ROLES"; fi
mkdir -p "$work/reports"
if [[ -n $reads ]]; then
  for label in "${labels[@]}"; do COPIES=64 fill "$label" "${tree_of[$label]}"; done
fi
for round in $(seq "$ROUNDS"); do
  for label in "${labels[@]}"; do run_build "$label" "${tree_of[$label]}" "$round"; done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
unit=$([[ -n $reads ]] && echo call || echo command)
for label in "${labels[@]}"; do
  printf '%s: %ss/s %s, p99 ms %s, silo CPU µs per %s %s, failed %s (median of %s; each round: %s; CPU µs: %s)\n' "$label" \
    "$unit" "$(cut -d' ' -f1 "$work/$label.txt" | median)" "$(cut -d' ' -f2 "$work/$label.txt" | median)" "$unit" "$(cut -d' ' -f4 "$work/$label.txt" | median)" \
    "$(cut -d' ' -f3 "$work/$label.txt" | paste -sd+ | bc)" "$ROUNDS" \
    "$(cut -d' ' -f1 "$work/$label.txt" | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 }')" \
    "$(cut -d' ' -f4 "$work/$label.txt" | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 }')"
done
