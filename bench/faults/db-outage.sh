#!/usr/bin/env bash
# Database outage. Two instances on one PostgreSQL, 4 phones per jam over 10 jams on both, ~50 votes/s
# through the first. Three runs: the database stopped (fast) for 5 s and started again; stopped for
# 30 s; restarted in immediate mode (a crash). Each run is judged: every write answers 2xx or
# 503 + Retry-After with the one code database_unavailable (none 500, none later than
# REQUEST_TIMEOUT_SECONDS), /health/ready answers 503 while the database is away, no live socket
# closes, writes succeed and readiness is back within 2 s of the database's return, no acknowledged
# write is lost and every phone ends at the database's seq and counts.
source "$(dirname "$0")/lib.sh"

A=18401
B=18402
REQUEST_TIMEOUT=10
RATE="${FAULT_RATE:-50}"
SERVER_ENV+=("REQUEST_TIMEOUT_SECONDS=$REQUEST_TIMEOUT")
SEED="$WORK/seed-db-outage.json"

# outage NAME MODE SECONDS_AWAY: one run, its figures and verdict as one JSON object.
outage() {
  local name="$1" mode="$2" away="$3" out="$WORK/db-outage-$1.json"
  log "db-outage $name: PostgreSQL stopped ($mode) for ${away} s during ${RATE} votes/s"
  night_start "$out" --seed "$SEED" --vote-ports "$A" --phone-ports "$A,$B" --ready-ports "$A,$B" \
    --seconds 600 --stop-file "$out.stop" --rate "$RATE" --phones-per-jam 4 --timeout $((REQUEST_TIMEOUT + 3)) \
    --pids "${PID_OF[$A]},${PID_OF[$B]}" --label "$name"
  sleep 6
  db_stop "$mode"
  mark down
  sleep "$away"
  # pg_ctl start returns a little after the database accepts connections: readiness is judged
  # until "starting", writes and readiness coming back from "up".
  mark starting
  db_start
  mark up
  sleep 12
  touch "$out.stop"
  night_wait "$out"
  night_figures "$out" | jq -c --arg mode "$mode" --argjson away "$away" --argjson limit "$((REQUEST_TIMEOUT * 1000))" '
    {run: .scenario, mode: $mode, awaySeconds: $away, window: .windows[0],
     requests: (.requests | {attempts, byStatus, codes, unavailableWithoutRetryAfter, maxMs: .latencyMs.max}),
     disconnects: .phones.disconnects, ackedWritesLost, ambiguousPairs, notConverged, corrupt, rssMb}
    | .pass = ((.requests.byStatus | keys - ["200", "503"] | length == 0)
      and (.requests.codes | keys - ["database_unavailable"] | length == 0)
      and .requests.unavailableWithoutRetryAfter == 0 and .requests.maxMs <= $limit + 250
      and (.window.readyDuring | keys - ["503"] | length == 0)
      and ($away == 0 or (.window.readyDuring["503"] // 0) > 0)
      and .window.firstOkAfterUpMs != null and .window.firstOkAfterUpMs <= 2000
      and .window.readyAfterUpMs != null and .window.readyAfterUpMs <= 2000
      and .disconnects == 0 and .ackedWritesLost == 0 and .notConverged == 0 and .corrupt == 0)'
}

build_jars
pg_start
fresh_database
instance_start "$A"
instance_start "$B"
seed "$A" "$SEED" --jams 10 --items 20 --attendees 20 --crowd 2
runs=()
runs+=("$(outage stopped-5s fast 5)")
runs+=("$(outage stopped-30s fast 30)")
runs+=("$(outage immediate-restart immediate 0)")
figures="$(printf '%s\n' "${runs[@]}" | jq -s -c --argjson rate "$RATE" '{votesPerSecond: $rate, phones: 40,
  instances: 2, runs: ., failedRuns: [.[] | select(.pass | not) | .run],
  rssMb: {before: .[0].rssMb.before, after: .[-1].rssMb.after}}')"
verdict db-outage "$figures" '.failedRuns == []'
