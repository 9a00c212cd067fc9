#!/usr/bin/env bash
# A reform at national size (docs/benchmarks.md, "A reform at national size"): DOSSIERS summaries (10,000,000 by
# default) filed under the 2023 hierarchy's communes and placed by it, then `reform --Dvc:Hierarchy 2025` (no mapping:
# the communes the 2025 list no longer has go outside it) on a private PostgreSQL with its defaults. It prints the
# reform's own output, how long it took, and the oldest transaction of the placement that the change feed waited for
# (sampled every 200 ms from pg_stat_activity), then, for comparison, how long the same placement takes as one UPDATE,
# which is what a silo ran at its start before decision 35.
#
#   load-tests/bench-reform.sh [DOSSIERS]        (BENCH_REFORM_COMPARE=0 leaves out the one UPDATE)
#
# Every step is bounded in time; everything started here is stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
DOSSIERS=${1:-10000000}
BOUND=${BENCH_REFORM_BOUND:-7200}   # seconds any one step may take

source "$repo/load-tests/bench-lib.sh"
bench_start
log "building the server (Release)"
timeout 600 dotnet build -c Release -v q -nologo "$repo/src/DvcGrains.Server" >/dev/null
server_dll=$repo/src/DvcGrains.Server/bin/Release/net10.0/DvcGrains.Server.dll
pg_start
psql_ -d postgres -c "CREATE DATABASE dvc"
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=dvc;Username=postgres;Command Timeout=0"
timeout 120 dotnet "$server_dll" migrate >/dev/null
timeout 120 dotnet "$server_dll" reform --Dvc:Hierarchy 2023 >/dev/null

log "filing $DOSSIERS dossiers under the 2023 hierarchy's communes"
psql_ -d dvc -c "CREATE TABLE units_2023 (code text, name text, level text, parent_code text)"
psql_ -d dvc -c "\\copy units_2023 FROM '$repo/src/DvcGrains.Server/Data/units/vn-admin-units-2023.csv' WITH (FORMAT csv, HEADER true)"
psql_ -d dvc <<SQL
CREATE TABLE communes AS
    SELECT row_number() OVER (ORDER BY c.code) - 1 AS n, c.code, d.code AS district_code, d.parent_code AS province_code
    FROM units_2023 c JOIN units_2023 d ON d.code = c.parent_code WHERE c.level = 'commune';
SET statement_timeout = 0;
INSERT INTO dossier (dossier_id, version, unit_code, counted_unit, district_code, province_code, status, procedure_code, channel,
    applicant_type, vneid_authenticated, submitted_at, ended, final_timeliness, supplement_requests, paused_seconds, fee_due_vnd,
    paid_vnd, paid_online, electronic_result, synced, rated, satisfied, apologies)
SELECT c.code || '-250620-' || lpad(i::text, 8, '0'), 3, c.code, c.code, c.district_code, c.province_code, 6, '1.001193', 1,
    1, false, timestamptz '2025-06-20 09:00+07' - (i % 180) * interval '1 day', true, 2, 0, 0, 0, 0, false, false, true, false, false, 0
FROM generate_series(1, $DOSSIERS) AS i JOIN communes c ON c.n = i % (SELECT count(*) FROM communes);
VACUUM ANALYZE dossier;
SQL
log "$(psql_ -d dvc -c "SELECT pg_size_pretty(pg_total_relation_size('dossier'))") in table dossier and its indexes"

log "reform --Dvc:Hierarchy 2025"
longest_file=$work/longest
echo 0 > "$longest_file"
( while :; do
    held=$(psql_ -d dvc -c "SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start)), 0)::numeric(10,3) FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND application_name NOT LIKE 'psql%'" 2>/dev/null || echo 0)
    awk -v a="$held" -v b="$(cat "$longest_file")" 'BEGIN { exit !(a > b) }' && echo "$held" > "$longest_file"
    sleep 0.2
  done ) &
sampler=$!
started=$(date +%s.%N)
timeout "$BOUND" dotnet "$server_dll" reform --Dvc:Hierarchy 2025
took=$(echo "$(date +%s.%N) - $started" | bc)
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
log "reform of $DOSSIERS dossiers: $(printf '%.0f' "$took") s; the longest placement transaction seen: $(cat "$longest_file") s"

[[ ${BENCH_REFORM_COMPARE:-1} == 0 ]] && exit 0
log "for comparison: the same placement back as one UPDATE (what a silo's start ran before decision 35)"
started=$(date +%s.%N)
psql_ -d dvc -c "SET statement_timeout = 0" -c "UPDATE dossier d SET counted_unit = d.unit_code, district_code = c.district_code, province_code = c.province_code FROM communes c WHERE c.code = d.unit_code"
log "one UPDATE of $DOSSIERS dossiers: $(printf '%.0f' "$(echo "$(date +%s.%N) - $started" | bc)") s, the change feed held throughout"
