# Shared by the benchmark scripts (sourced): a temporary work directory cleaned on exit, a private PostgreSQL with
# its defaults (fsync and synchronous_commit on), and the server started and stopped on it. Everything started here is
# stopped on exit, whatever happens.

for tool in pgbench h2load jq curl ss dotnet; do
  command -v "$tool" >/dev/null || { echo "$(basename "$0") needs $tool (Debian: postgresql-client/postgresql, nghttp2-client, jq, curl, iproute2)" >&2; exit 2; }
done
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$pg_bin/initdb" ]] || { echo "$(basename "$0") needs PostgreSQL's server binaries (apt-get install postgresql)" >&2; exit 2; }

work=""
server_pid=""
keep=${keep:-}
worktrees=()

log() { echo "[bench $(date +%H:%M:%S)] $*"; }

# initdb refuses root: as root, PostgreSQL runs as the postgres user.
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A port below the kernel's ephemeral range (ip_local_port_range, 32768 and up), where no outgoing connection takes
# one, and in no socket's use now; it can still be taken before the server binds it, so server_start tries again.
free_port() {
  local port
  while :; do
    port=$((10000 + RANDOM % 22000))
    ss -Htan "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}

server_stop() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

bench_cleanup() {
  server_stop
  if [[ -f "$work/pg/data/postmaster.pid" ]]; then as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true; fi
  if [[ -n "$keep" && -d "$work/reports" ]]; then mkdir -p "$keep" && cp -r "$work/reports/." "$keep/"; fi
  for tree in "${worktrees[@]}"; do git -C "$repo" worktree remove --force "$tree" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}

bench_start() {
  work=$(mktemp -d /tmp/dvc-bench.XXXXXX)
  chmod 755 "$work"   # PostgreSQL runs as its own user below it
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

build_release() { # tree
  timeout 600 dotnet build -c Release -v q -nologo "$1/src/DvcGrains.Server" >/dev/null
  timeout 600 dotnet build -c Release -v q -nologo "$1/load-tests/DvcGrains.LoadTests" >/dev/null
}

# The start every benchmark script shares: the work directory, the Release builds of this checkout (server_dll,
# load_dll), a private PostgreSQL and the reports' directory.
bench_prepare() {
  bench_start
  log "building the server and the load generator (Release)"
  build_release "$repo"
  server_dll=$repo/src/DvcGrains.Server/bin/Release/net10.0/DvcGrains.Server.dll
  load_dll=$repo/load-tests/DvcGrains.LoadTests/bin/Release/net10.0/DvcGrains.LoadTests.dll
  pg_start
  mkdir -p "$work/reports"
}

pg_start() {
  log "starting a private PostgreSQL (defaults: fsync and synchronous_commit on)"
  mkdir -p "$work/pg/socket"
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$work/pg"
  pg_port=$(free_port)
  as_postgres timeout 120 "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
  as_postgres timeout 60 "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/postgres.log" -w -t 60 \
    -o "-p $pg_port -k $work/pg/socket -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  pg_version=$(psql_ -d postgres -c "SHOW server_version" | cut -d' ' -f1)
}

psql_() { timeout 600 "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# Servers started after this take bearer tokens of a key of its own (JWT, RS256, every unit), and $work/token holds
# one with the roles given (comma-separated), valid for 55 minutes: the generator sends it with --token-file. Without
# it a server runs without authentication, where every caller holds every role.
bench_tokens() { # roles
  local b64url='openssl base64 -A | tr "+/" "-_" | tr -d "="'
  local now header payload
  openssl genrsa -out "$work/issuer.pem" 2048 2>/dev/null
  openssl rsa -in "$work/issuer.pem" -pubout -out "$work/issuer.pub.pem" 2>/dev/null
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | eval "$b64url")
  payload=$(jq -cn --arg roles "$1" --argjson now "$now" \
    '{iss: "bench", aud: "dvcgrains", sub: "bench-portal", iat: $now, nbf: $now, exp: ($now + 3300), dvc_units: ["VN"], dvc_roles: ($roles | split(","))}' | eval "$b64url")
  echo "$header.$payload.$(printf '%s' "$header.$payload" | openssl dgst -sha256 -sign "$work/issuer.pem" | eval "$b64url")" > "$work/token"
  server_auth=(--Dvc:Auth:Mode Jwt --Dvc:Auth:Jwt:PublicKeyFiles "$work/issuer.pub.pem" --Dvc:Auth:Jwt:Issuer bench --Dvc:Auth:Jwt:Audience dvcgrains
    --Dvc:RateLimit:PerSecond 0)
  token_args=(--token-file "$work/token")
}
server_auth=()
token_args=()

server_start() { # server dll; sets target and metrics
  local grpc_port metrics_port attempt
  for attempt in 1 2 3; do
    grpc_port=$(free_port); metrics_port=$(free_port)
    dotnet "$1" --urls "http://127.0.0.1:$grpc_port" --Dvc:MetricsPort "$metrics_port" --Dvc:Web:Urls "" --Orleans:SiloPort "$(free_port)" \
      --Orleans:GatewayPort "$(free_port)" --Orleans:ClusterId "bench-$$-$RANDOM" --Logging:LogLevel:Default Warning "${server_auth[@]}" >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 120); do
      curl -fs "http://127.0.0.1:$metrics_port/health/ready" >/dev/null 2>&1 && break 2
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$server_pid" 2>/dev/null; then break; fi
    # A port taken between its choice and the bind is tried again on others; any other exit ends the run.
    grep -q "address already in use" "$work/server.log" && [[ $attempt -lt 3 ]] || { cat "$work/server.log" >&2; exit 1; }
    log "a port was taken before the server bound it: starting again on others"
  done
  curl -fs "http://127.0.0.1:$metrics_port/health/ready" >/dev/null || { echo "the server did not get ready in 60 s" >&2; exit 1; }
  target="http://127.0.0.1:$grpc_port"
  metrics="http://127.0.0.1:$metrics_port/metrics"
}

# The value of one series of the server's /metrics. The whole page is read: awk leaving at the first match would close
# the pipe under curl, which then fails (exit 23) and, with pipefail, stops the script.
scrape() { curl -fs "$metrics" | awk -v name="$1" '$1 == name && !found { print $2; found = 1 }'; }

# The sum of every series of one metric, whatever its labels (0 when it has none).
scrape_sum() { curl -fs "$metrics" | awk -v name="$1" 'index($1, name "{") == 1 || $1 == name { sum += $2 } END { printf "%.0f\n", sum }'; }
