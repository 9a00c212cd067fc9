#!/usr/bin/env bash
# The fault tests of docs/reliability.md, longer and more often than the suite runs them. Each test starts and stops
# its own PostgreSQL, silos, network namespaces and packet filters, also when it fails; they need root and what .ci/run
# installs. Prints each run's verdict, duration and load average, and the figures the test logs.
#
#   load-tests/faults.sh cluster [TEST...]   issue 23's cluster faults (below)
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
failed=0

# run PROJECT TEST RUN PATTERN: one test class once; PATTERN picks the lines of its output that carry figures.
run() {
  local out="$log/$2-$3.log" started=$SECONDS status=0
  timeout 1800 dotnet test "tests/$1" --no-build --filter "FullyQualifiedName~$2" --logger "console;verbosity=detailed" >"$out" 2>&1 || status=$?
  printf '%s run %s: %s in %s s (load average %s)\n' "$2" "$3" "$([[ $status -eq 0 ]] && echo passed || echo FAILED)" \
    "$((SECONDS - started))" "$(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E "$4" "$out" | sed 's/^ */    /' || true
  if [[ $status -ne 0 ]]; then
    failed=1
    grep -E '^\s+(Assert|System\.|Expected|Actual|Waited)' "$out" | head -20 | sed 's/^ */    /' || true
  fi
}

# --- Issue 23: cluster faults --------------------------------------------------------------------------------------
# The fair commit fence (Persistence.Tests), then a silo cut off from its peers, clocks ±5 s and ±2 min apart, graceful
# churn (the issue's ten rounds here; the suite runs four) and the kills of ClusterFaultTests, FAULT_RUNS times each.
#
#   load-tests/faults.sh cluster [TEST...]   (FAULT_RUNS=3, DVC_CHURN_ROUNDS=10; TEST: a class of Server.Tests/Faults)
cluster_faults() {
  local runs=${FAULT_RUNS:-3} tests=("$@")
  export DVC_CHURN_ROUNDS=${DVC_CHURN_ROUNDS:-10}
  if [[ ${#tests[@]} -eq 0 ]]; then
    tests=(PartitionTests ClockSkewTests UnitCountersAcrossChurnTests ClusterFaultTests DepartedSiloTests ParentsAfterSiloLossTests)
  fi
  timeout 900 dotnet build tests/DvcGrains.Persistence.Tests -v q --nologo >/dev/null
  timeout 900 dotnet build tests/DvcGrains.Server.Tests -v q --nologo >/dev/null
  local figures='^ *(heartbeat|3 silos|silo |the silo|round |declared|late |restarted|[0-9]+ of|the dead|traffic done|histories|followed|verified)'
  for round in $(seq "$runs"); do
    run DvcGrains.Persistence.Tests CommitFenceUnderLoadTests "$round" "$figures"
    for test in "${tests[@]}"; do
      run DvcGrains.Server.Tests "$test" "$round" "$figures"
    done
  done
}

case "${1:-}" in
  cluster) shift; cluster_faults "$@" ;;
  *) echo "usage: load-tests/faults.sh cluster [TEST...]" >&2; exit 2 ;;
esac
exit $failed
