#!/usr/bin/env bash
# The fault tests of docs/reliability.md, longer and more often than the suite runs them. Each test starts and stops
# its own PostgreSQL, standby, proxy, silos, network namespaces and packet filters, also when it fails; they need root
# (the WAL disk is a tmpfs the test mounts; namespaces and filters) and what .ci/run installs. Prints each run's result,
# duration and load average, and the figures the tests log.
#
#   load-tests/faults.sh database            issue 22's database faults (below)
#   load-tests/faults.sh cluster [TEST...]   issue 23's cluster faults (below)
set -euo pipefail
cd "$(dirname "$0")/.."

# --- Issue 22: database faults ---------------------------------------------------------------------------------------
# Server.Tests/Faults/FailoverTests and DatabaseFaultTests with DVC_FAULT_SCALE times the dossiers (default 5: 1,500
# dossiers, about 3,500 commands, per fault), then LaggingFailoverFeedTests and RestoreTests at their own size. The
# whole output is kept in the file it names.
database() {
  local scale=${DVC_FAULT_SCALE:-5} log status=0
  log=$(mktemp -t dvc-faults-XXXXXX.log)
  dotnet build tests/DvcGrains.Server.Tests -v q -nologo >/dev/null
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) DVC_FAULT_SCALE=$scale, load average $(cut -d' ' -f1-3 /proc/loadavg); output in $log"
  DVC_FAULT_SCALE=$scale timeout 3600 dotnet test tests/DvcGrains.Server.Tests --no-build -nologo \
    --filter "FullyQualifiedName~Faults.FailoverTests|FullyQualifiedName~Faults.DatabaseFaultTests|FullyQualifiedName~Faults.LaggingFailoverFeedTests|FullyQualifiedName~Faults.RestoreTests" \
    --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
  grep -E '^\s+(Passed|Failed) DvcGrains|^\s*[0-9]{2}:[0-9]{2}\.[0-9] |commands sent|acknowledged .* after|promoted with|cancelled;|replies lost|feed held|WAL disk full' "$log" \
    | sed -E 's/^\s+//; s/DvcGrains\.Server\.Tests\.Faults\.//'
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  return $status
}

# --- Issue 23: cluster faults --------------------------------------------------------------------------------------
# The fair commit fence (Persistence.Tests), then a silo cut off from its peers, clocks ±5 s and ±2 min apart, graceful
# churn (the issue's ten rounds here; the suite runs four) and the kills of ClusterFaultTests, FAULT_RUNS times each.
#
#   load-tests/faults.sh cluster [TEST...]   (FAULT_RUNS=3, DVC_CHURN_ROUNDS=10; TEST: a class of Server.Tests/Faults)
cluster() {
  local runs=${FAULT_RUNS:-3} tests=("$@") failed=0
  cluster_log=$(mktemp -d)
  trap 'rm -rf "$cluster_log"' EXIT
  export DVC_CHURN_ROUNDS=${DVC_CHURN_ROUNDS:-10}
  if [[ ${#tests[@]} -eq 0 ]]; then
    tests=(PartitionTests ClockSkewTests UnitCountersAcrossChurnTests ClusterFaultTests DepartedSiloTests ParentsAfterSiloLossTests)
  fi
  timeout 900 dotnet build tests/DvcGrains.Persistence.Tests -v q --nologo >/dev/null
  timeout 900 dotnet build tests/DvcGrains.Server.Tests -v q --nologo >/dev/null
  local figures='^ *(heartbeat|3 silos|silo |the silo|round |declared|late |restarted|[0-9]+ of|the dead|traffic done|histories|followed|verified)'
  # one PROJECT TEST RUN: one test class once, with the lines of its output that carry figures.
  one() {
    local out="$cluster_log/$2-$3.log" started=$SECONDS status=0
    timeout 1800 dotnet test "tests/$1" --no-build --filter "FullyQualifiedName~$2" --logger "console;verbosity=detailed" >"$out" 2>&1 || status=$?
    printf '%s run %s: %s in %s s (load average %s)\n' "$2" "$3" "$([[ $status -eq 0 ]] && echo passed || echo FAILED)" \
      "$((SECONDS - started))" "$(cut -d' ' -f1-3 /proc/loadavg)"
    grep -E "$figures" "$out" | sed 's/^ */    /' || true
    if [[ $status -ne 0 ]]; then
      failed=1
      grep -E '^\s+(Assert|System\.|Expected|Actual|Waited)' "$out" | head -20 | sed 's/^ */    /' || true
    fi
  }
  for round in $(seq "$runs"); do
    one DvcGrains.Persistence.Tests CommitFenceUnderLoadTests "$round"
    for test in "${tests[@]}"; do
      one DvcGrains.Server.Tests "$test" "$round"
    done
  done
  return $failed
}

case "${1:-}" in
  database) database ;;
  cluster) shift; cluster "$@" ;;
  *) echo "usage: load-tests/faults.sh database | cluster [TEST...]" >&2; exit 2 ;;
esac
