#!/usr/bin/env bash
# Read-only database (what a full disk or a failed-over replica looks like to the app). One instance,
# 4 phones per jam over 10 jams and ~50 votes/s. After 6 s the database turns read-only for 10 s:
# ALTER SYSTEM + pg_reload_conf(), which reaches the pool's open connections at their next statement
# (ALTER DATABASE … SET only reaches new sessions). Judged: writes answer 503 + Retry-After with the
# code database_read_only (none 500), snapshot reads keep answering 200, live sockets stay open,
# nothing corrupt (every jam's events gap-free and its seq the last one, every count its votes), and
# once it is writable again writes succeed within 2 s, without a restart.
source "$(dirname "$0")/lib.sh"

A=18411
RATE="${FAULT_RATE:-50}"
SEED="$WORK/seed-read-only.json"
OUT="$WORK/read-only.json"

read_only() {
  # The off switch must itself run in a writable session.
  PGOPTIONS="-c default_transaction_read_only=off" psql_admin -c "alter system set default_transaction_read_only = $1" \
    -c "select pg_reload_conf()" > /dev/null
}

build_jars
pg_start
read_only off
trap 'read_only off || true; proxy_stop; servers_stop' EXIT
fresh_database
instance_start "$A"
seed "$A" "$SEED" --jams 10 --items 20 --attendees 20 --crowd 2
slug="$(jq -r '.jams[0].slug' "$SEED")"
log "read-only: ${RATE} votes/s and 40 phones on :$A; the database read-only for 10 s"
night_start "$OUT" --seed "$SEED" --ports "$A" --ready-ports "$A" --seconds 600 --stop-file "$OUT.stop" \
  --rate "$RATE" --phones-per-jam 4 --pids "${PID_OF[$A]}" --label read-only
sleep 6
read_only on
mark down
reads="$WORK/read-only-reads.txt"
: > "$reads"
end=$((SECONDS + 10))
while [ "$SECONDS" -lt "$end" ]; do
  curl -s -o /dev/null -m 5 -w '%{http_code}\n' "http://127.0.0.1:$A/api/v1/jams/$slug" >> "$reads" || true
  sleep 0.2
done
read_only off
mark up
sleep 8
touch "$OUT.stop"
night_wait "$OUT"
figures="$(night_figures "$OUT" | jq -c --argjson reads "$(sort "$reads" | uniq -c | jq -R -s -c '
  [split("\n")[] | select(length > 0) | capture("(?<n>[0-9]+) (?<s>[0-9]+)") | {key: .s, value: (.n | tonumber)}]
  | from_entries')" '{window: .windows[0], readsDuring: $reads,
   requests: (.requests | {attempts, byStatus, codes, unavailableWithoutRetryAfter, maxMs: .latencyMs.max}),
   disconnects: .phones.disconnects, ackedWritesLost, ambiguousPairs, notConverged, corrupt, quiet, rssMb}')"
verdict read-only "$figures" '(.requests.byStatus | keys - ["200", "503"] | length == 0)
  and (.window.byStatus["503"] // 0) > 0 and (.window.codes | keys == ["database_read_only"])
  and .requests.unavailableWithoutRetryAfter == 0 and (.readsDuring | keys == ["200"])
  and .window.firstOkAfterUpMs != null and .window.firstOkAfterUpMs <= 2000
  and .disconnects == 0 and .ackedWritesLost == 0 and .notConverged == 0 and .corrupt == 0 and .quiet'
