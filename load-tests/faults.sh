#!/usr/bin/env bash
# The database fault scenarios of docs/reliability.md, longer than the suite runs them: the same tests
# (Server.Tests/Faults/FailoverTests and DatabaseFaultTests, which start and stop their own PostgreSQL, standby, proxy and
# silos on loopback), with DVC_FAULT_SCALE times the dossiers (default 5: 1,500 dossiers, about 3,500 commands, per
# fault). Prints each scenario's result and figures; the whole output is kept in the file it names.
#
#   load-tests/faults.sh            (DVC_FAULT_SCALE=5, as root: the WAL disk is a tmpfs it mounts)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${DVC_FAULT_SCALE:-5}
log=$(mktemp -t dvc-faults-XXXXXX.log)
dotnet build tests/DvcGrains.Server.Tests -v q -nologo >/dev/null
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) DVC_FAULT_SCALE=$scale, load average $(cut -d' ' -f1-3 /proc/loadavg); output in $log"
status=0
DVC_FAULT_SCALE=$scale timeout 3600 dotnet test tests/DvcGrains.Server.Tests --no-build -nologo \
  --filter "FullyQualifiedName~Faults.FailoverTests|FullyQualifiedName~Faults.DatabaseFaultTests" \
  --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
grep -E '^\s+(Passed|Failed) DvcGrains|commands sent|acknowledged .* after|promoted with|cancelled;|replies lost|feed held|WAL disk full' "$log" \
  | sed -E 's/^\s+//; s/DvcGrains\.Server\.Tests\.Faults\.//'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
