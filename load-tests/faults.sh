#!/usr/bin/env bash
# The fault tests of docs/reliability.md, longer than the suite runs them. Each test starts and stops its own
# PostgreSQL, standby, proxy and silos on loopback, also when it fails; they need root (the WAL disk is a tmpfs the test
# mounts). Prints each scenario's result and figures; the whole output is kept in the file it names.
#
#   load-tests/faults.sh database     issue 22's database faults (below)
set -euo pipefail
cd "$(dirname "$0")/.."

# --- Issue 22: database faults ---------------------------------------------------------------------------------------
# Server.Tests/Faults/FailoverTests and DatabaseFaultTests with DVC_FAULT_SCALE times the dossiers (default 5: 1,500
# dossiers, about 3,500 commands, per fault), then LaggingFailoverFeedTests and RestoreTests at their own size.
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

case "${1:-}" in
  database) database ;;
  *) echo "usage: load-tests/faults.sh database" >&2; exit 2 ;;
esac
