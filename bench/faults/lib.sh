# shellcheck shell=bash
# Shared by the bench/faults/ scenarios: bench/lib.sh (a throwaway PostgreSQL 15, the built jars,
# production-mode servers) plus what a fault needs: stopping and starting the database, killing and
# restarting one instance, a Caddy proxy in front of two, and the one-line verdict. Source it.
FAULTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Its own database and work directory, so a fault run never disturbs (or is disturbed by) bench/.
export BENCH_WORK="${BENCH_WORK:-/tmp/jamanager-faults}"
export BENCH_PG_PORT="${BENCH_PG_PORT:-55433}"
# shellcheck source=bench/lib.sh
source "$FAULTS/../lib.sh"
PROXY_PID=""
declare -A PID_OF=()

# db_stop fast|immediate: stops the database the way an operator or a crash would.
db_stop() {
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m "${1:-fast}" -w stop > /dev/null
}

# db_start: starts the stopped database again (bench/lib.sh's pg_start also creates the role once).
db_start() {
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/postgres.log" -w start > /dev/null
}

# instance_start PORT: a production server on PORT, remembered so it can be killed or stopped alone.
instance_start() {
  server_start "$1"
  PID_OF[$1]="${SERVER_PIDS[-1]}"
}

# instance_kill PORT [SIGNAL]: SIGKILL (default) or SIGTERM one instance and wait until it is gone.
instance_kill() {
  local pid="${PID_OF[$1]}"
  kill "-${2:-KILL}" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# proxy_start PORT UPSTREAM_PORT…: Caddy on PORT balancing over the instances, as Fly's proxy does:
# it stops sending to an instance whose /health/ready fails and retries a refused connection on another.
proxy_start() {
  local port="$1" upstreams=""
  shift
  for p in "$@"; do upstreams+=" 127.0.0.1:$p"; done
  cat > "$WORK/Caddyfile" <<CADDY
{
  admin off
  auto_https off
}
http://127.0.0.1:$port {
  reverse_proxy$upstreams {
    lb_policy round_robin
    lb_try_duration 5s
    lb_try_interval 100ms
    health_uri /health/ready
    health_interval 500ms
    health_timeout 1s
    fail_duration 2s
  }
}
CADDY
  caddy run --config "$WORK/Caddyfile" --adapter caddyfile > "$WORK/caddy.log" 2>&1 &
  PROXY_PID="$!"
  for _ in $(seq 1 100); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/health/live"; then return; fi
    sleep 0.1
  done
  tail -n 20 "$WORK/caddy.log" >&2
  return 1
}

proxy_stop() {
  if [ -n "$PROXY_PID" ]; then kill "$PROXY_PID" 2>/dev/null || true; wait "$PROXY_PID" 2>/dev/null || true; fi
  PROXY_PID=""
}

trap 'proxy_stop; servers_stop' EXIT

# metric PORT NAME: the sum of a Prometheus metric's samples (all label sets) from /metrics of the
# server on PORT (served on its metrics port, bench/lib.sh's metrics_port).
metric() {
  curl -sf "http://127.0.0.1:$(metrics_port "$1")/metrics" | awk -v name="$2" '$1 == name || index($1, name "{") == 1 { s += $NF } END { print s + 0 }'
}

# verdict NAME FIGURES_JSON JQ_CONDITION: prints {"scenario","pass",figures…} as one JSON line and
# exits 1 when the condition (a jq expression over the figures) does not hold.
verdict() {
  local name="$1" figures="$2" condition="$3" pass
  pass="$(jq -c "$condition" <<< "$figures")"
  jq -c --arg s "$name" --argjson pass "$pass" --argjson machine "$(machine_json)" \
    '{scenario: $s, pass: $pass} + . + {machine: $machine}' <<< "$figures"
  [ "$pass" = true ]
}
