#!/usr/bin/env bash
# LISTEN connection killed. Two instances on one database, ~50 votes/s through the first, 4 phones per
# jam over 10 jams on both (so half of them live on the relay: their events cross instances by
# LISTEN/NOTIFY). Every 3 s for 60 s, every LISTEN connection is terminated. Judged: no phone on either
# instance sees an event twice, out of order or skipped (a gap in its live stream), no acknowledged
# write lost, every phone at the database's seq and counts.
source "$(dirname "$0")/lib.sh"

A=18409
B=18410
RATE="${FAULT_RATE:-50}"
SECONDS_KILLING="${LISTEN_KILL_SECONDS:-60}"
SEED="$WORK/seed-listen-kill.json"
OUT="$WORK/listen-kill.json"

build_jars
pg_start
fresh_database
instance_start "$A"
instance_start "$B"
seed "$A" "$SEED" --jams 10 --items 20 --attendees 20 --crowd 2
log "listen-kill: ${RATE} votes/s through :$A, phones on :$A and :$B; LISTEN killed every 3 s for ${SECONDS_KILLING} s"
night_start "$OUT" --seed "$SEED" --vote-ports "$A" --phone-ports "$A,$B" --seconds 600 --stop-file "$OUT.stop" \
  --rate "$RATE" --phones-per-jam 4 --pids "${PID_OF[$A]},${PID_OF[$B]}" --label listen-kill
kills=0
rounds=0
end=$((SECONDS + SECONDS_KILLING))
while [ "$SECONDS" -lt "$end" ]; do
  sleep 3
  # The relay's connection shows its last statement, LISTEN "jam_events", while it idles.
  n="$(psql_app -c "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity
    where datname = 'jamanager' and query ilike 'listen%' and pid <> pg_backend_pid()")"
  kills=$((kills + n))
  rounds=$((rounds + 1))
done
sleep 6
touch "$OUT.stop"
night_wait "$OUT"
listening="$(psql_app -c "select count(*) from pg_stat_activity where datname = 'jamanager' and query ilike 'listen%'")"
figures="$(night_figures "$OUT" | jq -c --argjson kills "$kills" --argjson rounds "$rounds" --argjson listening "$listening" '
  {killRounds: $rounds, listenConnectionsKilled: $kills, listeningAtEnd: $listening,
   requests: (.requests | {attempts, byStatus, maxMs: .latencyMs.max}),
   phones: (.phones | {count, disconnects, duplicates, outOfOrder, gaps, gapFetches, reloads}),
   deliveryMs: .deliveryMs.fromAnswer, ackedWritesLost, ambiguousPairs, notConverged, corrupt, quiet, rssMb}')"
verdict listen-kill "$figures" '.phones.duplicates == 0 and .phones.outOfOrder == 0 and .phones.gaps == 0
  and .ackedWritesLost == 0 and .notConverged == 0 and .corrupt == 0 and .quiet and .listeningAtEnd == 2
  and .listenConnectionsKilled > 0'
