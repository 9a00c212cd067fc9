#!/usr/bin/env bash
# The campaign replay of docs/benchmarks.md: Cà Mau's "69 days and nights" (69 business days from 2023-03-01, and
# the generator's lead-in before them) replayed in REPLAY_DURATION on one silo on a private PostgreSQL with its
# defaults (fsync and synchronous_commit on). Writes the province's trajectory chart to
# docs/images/campaign-replay-96.svg and the figures (how long it took, the generator's and the server's, the
# machine's load average before and after) between the bench-replay markers of docs/benchmarks.md.
#
#   load-tests/bench-replay.sh [--keep DIR]
#
# Every step is bounded in time; everything started here is stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

RATE=${REPLAY_RATE:-200}
DURATION=${REPLAY_DURATION:-90s}
keep=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) keep=${2:?--keep needs a directory}; shift 2 ;;
    *) echo "bench-replay.sh: unknown argument $1 (use --keep DIR)" >&2; exit 2 ;;
  esac
done

source "$repo/load-tests/bench-lib.sh"
bench_prepare
psql_ -d postgres -c "CREATE DATABASE dvc"
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=dvc;Username=postgres"
timeout 120 dotnet "$server_dll" migrate >/dev/null
server_start "$server_dll"

commits_before=$(scrape dvc_storage_commit_duration_seconds_count); commit_seconds_before=$(scrape dvc_storage_commit_duration_seconds_sum)
cpu_before=$(scrape process_cpu_seconds_total)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "replaying 69 business days at $RATE dossiers/s for $DURATION (load average $load_before)"
started=$(date +%s.%N)
exit_code=0
timeout 900 dotnet "$load_dll" --target "$target" --server-metrics "$metrics" --report-dir "$work/reports/replay" --quiet \
  --scenario campaign-replay --province 96 --from 2023-03-01 --business-days 69 --rate "$RATE" --duration "$DURATION" --verify \
  >"$work/reports/replay.log" 2>&1 || exit_code=$?
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
commits=$(echo "$(scrape dvc_storage_commit_duration_seconds_count) - $commits_before" | bc)
commit_ms=$(echo "scale=2; 1000 * ($(scrape dvc_storage_commit_duration_seconds_sum) - $commit_seconds_before) / $commits" | bc)
cpu=$(echo "$(scrape process_cpu_seconds_total) - $cpu_before" | bc)
log "exit code $exit_code after $elapsed s (load average $load_after)"

summary=$work/reports/replay/summary.json
cp "$work/reports/replay/trajectory.svg" docs/images/campaign-replay-96.svg
total=$(jq -c '.steps[] | select(.scenario == "*")' "$summary")
first=$(jq -c '.business_days[0]' "$summary"); last=$(jq -c '.business_days[-1]' "$summary")
pct() { jq -r "$1 * 10000 | round / 100" <<<"$2"; }
section=$(cat <<MD

$(date -u +%Y-%m-%d), $(lscpu | awk -F': +' '/Model name/ { print $2; exit }' | cut -d' ' -f1-2), $(nproc) cores, PostgreSQL $pg_version (fsync and synchronous_commit on), one silo; the generator, the silo and PostgreSQL share the cores with the other work of the machine: load average $load_before before the run, $load_after after it.

\`\`\`sh
load-tests/bench-replay.sh   # REPLAY_RATE=$RATE REPLAY_DURATION=$DURATION
\`\`\`

![Cà Mau's trajectory over the replayed business days](images/campaign-replay-96.svg)

| what | value |
|---|---:|
| exit code of the run (0: passed, --verify exact) | $exit_code |
| wall time, start of the generator to its verdict (reference data, load, drain, verification, trajectory) | $(printf '%.0f' "$elapsed") s |
| dossiers filed (lead-in included) | $(jq '[.steps[] | select(.scenario == "campaign-replay" and .step == "Submit") | .ok] | add' "$summary") |
| commands acknowledged / failed | $(jq '.ok' <<<"$total") / $(jq '.failed' <<<"$total") |
| commands per second (achieved) | $(jq '.achieved_rps | round' <<<"$total") |
| latency p50 / p99 / max (ms, from the intended start) | $(jq -r '.latency_ms | "\(.p50) / \(.p99) / \(.max)"' <<<"$total") |
| apology slips issued | $(jq '[.steps[] | select(.step == "IssueApology" and .scenario == "campaign-replay") | .ok] | add' "$summary") |
| --verify (YEAR counters of every unit, DAY counters of 96 and its parents for 69 days) | $(jq -r '.verify | "\(.units_checked) unit periods, \(.mismatches) mismatches"' "$summary") |
| server: storage commits, mean commit time | $commits, $commit_ms ms |
| server: CPU seconds used during the run | $cpu |
| province 96 on 2023-03-01, the day / last 30 days: online, on time, score | $(pct .online_rate "$first") %, $(pct .on_time_rate "$first") %, $(jq .total_score <<<"$first") / $(pct .rolling_30_days.online_rate "$first") %, $(pct .rolling_30_days.on_time_rate "$first") %, $(jq .rolling_30_days.total_score <<<"$first") |
| province 96 on 2023-06-08, the day / last 30 days: online, on time, score | $(pct .online_rate "$last") %, $(pct .on_time_rate "$last") %, $(jq .total_score <<<"$last") / $(pct .rolling_30_days.online_rate "$last") %, $(pct .rolling_30_days.on_time_rate "$last") %, $(jq .rolling_30_days.total_score <<<"$last") |
| rank of 96 among $(jq .provinces <<<"$last") provinces (last 30 days), first and last day | $(jq .rank <<<"$first"), $(jq .rank <<<"$last") |
| overdue (end of the last day), finished late over the 69 days | $(jq .overdue <<<"$last"), $(jq '[.business_days[].finished_late] | add' "$summary") |
| province 96 by level, last 30 days on 2023-06-08: online (received) | $(jq -r '[.final_by_level[] | "\(.level | ascii_downcase) \(.online_rate * 10000 | round / 100) % (\(.received))"] | join(", ")' "$summary") |
| apology slips of province 96's dossiers on the 69 days | $(jq .apologies "$summary") |

The headline of the run's report (\`--lang vi\` writes it in Vietnamese):

> $(sed -n 3p "$work/reports/replay/report.md")

MD
)
python3 - "$section" <<'PY'
import sys, re
path = "docs/benchmarks.md"
text = open(path, encoding="utf-8").read()
begin, end = "<!-- bench-replay:begin (written by load-tests/bench-replay.sh; edits between the markers are overwritten) -->", "<!-- bench-replay:end -->"
pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
text = pattern.sub(lambda _: begin + "\n" + sys.argv[1] + "\n" + end, text)
open(path, "w", encoding="utf-8").write(text)
PY
log "docs/benchmarks.md and docs/images/campaign-replay-96.svg written"
