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

# two_instances_behind_proxy A B PROXY SEED: a fresh database, instances on A and B behind Caddy on PROXY,
# and the jams the driver uses (10 jams × 20 songs × 20 attendees) seeded through the proxy into SEED.
two_instances_behind_proxy() {
  build_jars
  pg_start
  fresh_database
  instance_start "$1"
  instance_start "$2"
  proxy_start "$3" "$1" "$2"
  seed "$3" "$4" --jams 10 --items 20 --attendees 20 --crowd 2
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

# mark LABEL: appends "<epoch ms> LABEL" to the marks file the fault driver reads ("down"/"up" pairs
# are judged as a fault's window; other labels are only recorded).
mark() {
  echo "$(date +%s%3N) $1" >> "$MARKS"
}

# night_start OUT [loadgen night options…]: the fault driver in the background; returns once it votes.
# NIGHT_PID is its process; night_wait waits for its result in OUT. NIGHT_OPTS adds options to every
# scenario's driver (e.g. "--phones-per-jam 20").
night_start() {
  local out="$1" extra=()
  shift
  read -r -a extra <<< "${NIGHT_OPTS:-}"
  MARKS="$out.marks"
  rm -f "$MARKS" "$out.started" "$out.stop"
  : > "$MARKS"
  loadgen night --marks "$MARKS" --started "$out.started" --timeline "$out.timeline" "$@" "${extra[@]}" > "$out" 2> "$out.log" &
  NIGHT_PID="$!"
  for _ in $(seq 1 600); do
    if [ -s "$out.started" ]; then return; fi
    if ! kill -0 "$NIGHT_PID" 2>/dev/null; then tail -n 20 "$out.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "the fault driver did not start voting in 60 s" >&2
  return 1
}

night_wait() {
  if ! wait "$NIGHT_PID"; then tail -n 20 "$1.log" >&2; return 1; fi
}

# judge_night RESULT: the driver's result against the database, as JSON: acknowledged writes that the
# database does not hold, phones not at their jam's last seq or vote counts, and corruption (a jam whose
# events are not gap-free, whose seq is not its last event's, or an item whose count is not its votes).
judge_night() {
  local result="$1" jams db
  jams="$(jq -r '[.finalPhones[].jam] | unique | join(",")' "$result")"
  db="$(psql_app -c "select json_build_object(
    'seq', (select json_object_agg(jam_id, s) from (select jam_id, max(seq) s from jam_event where jam_id in ($jams) group by jam_id) x),
    'votes', (select json_object_agg(id, votes) from queue_item where jam_id in ($jams)),
    'pairs', (select coalesce(json_agg(attendee_id || ':' || item_id), '[]')
      from vote where item_id in (select id from queue_item where jam_id in ($jams))),
    'seqGaps', (select count(*) from (select jam_id from jam_event group by jam_id
      having count(*) <> max(seq) - min(seq) + 1) g),
    'jamSeqMismatch', (select count(*) from jam j
      where j.seq <> coalesce((select max(seq) from jam_event e where e.jam_id = j.id), 0)),
    'countMismatch', (select count(*) from queue_item q
      where q.votes <> (select count(*) from vote v where v.item_id = q.id)))")"
  jq -c --argjson db "$db" '
    ($db.pairs | map({key: ., value: true}) | from_entries) as $voted
    | {ackedWritesLost: [.ackedPairs[] | select(($voted["\(.[0]):\(.[1])"] // false) != .[2])] | length,
       ackedPairs: (.ackedPairs | length), ambiguousPairs,
       notConverged: [.finalPhones[] | select(.seq != $db.seq["\(.jam)"]
         or any(.votes | to_entries[]; .value != $db.votes[.key]))] | length,
       corrupt: ($db.seqGaps + $db.jamSeqMismatch + $db.countMismatch)}' "$result"
}

# night_figures RESULT: the driver's figures (without its per-pair and per-phone lists) plus judge_night.
night_figures() {
  jq -c --argjson judged "$(judge_night "$1")" 'del(.ackedPairs, .finalPhones) + $judged' "$1"
}

# rss_mb PORT…: the resident memory of each instance, in MB, as a JSON array.
rss_mb() {
  local p out=()
  for p in "$@"; do
    out+=("$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/${PID_OF[$p]}/status" 2>/dev/null || echo null)")
  done
  local IFS=,
  echo "[${out[*]}]"
}
