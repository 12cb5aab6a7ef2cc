#!/usr/bin/env bash
# Scenario 5, reconnect storm (issue 11): 2,000 phones on 4 jams, votes flowing, then the server is
# restarted (SIGKILL, or a deploy's SIGTERM with STORM_SIGNAL=TERM) so every phone drops at once and comes back with
# the SPA's backoff, resyncing by seq through events?after. Measures the database's peak statements/s
# during the storm, the time until the last phone is current, phones that never match the database (must
# be 0), and whether bridge sockets, event-bus consumers and heap return to where they were.
set -euo pipefail
# shellcheck source=bench/faults/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=bench/faults/sampling.sh
source "$FAULTS/sampling.sh"

port="${STORM_PORT:-18500}"
jams="${STORM_JAMS:-4}"
per_jam="${STORM_CLIENTS_PER_JAM:-500}"
signal="${STORM_SIGNAL:-KILL}"
ready="$WORK/storm.ready" current="$WORK/storm.current" result="$WORK/storm.json" rates="$WORK/storm-rates.txt"
rm -f "$ready" "$current" "$result"
trap 'statement_rate_stop; proxy_stop; servers_stop' EXIT

build_jars
pg_start
fresh_database
instance_start "$port"
seed "$port" "$WORK/storm-seed.json" --jams "$jams" --items 20 --attendees 50 --crowd 0
gc "${PID_OF[$port]}"
idle_handlers="$(gauge "$port" vertx_eventbus_handlers)"
idle_heap="$(heap_mb "$port")"

log "storm: $((jams * per_jam)) phones on $jams jams; restart with SIG$signal once they are current"
loadgen storm --port "$port" --seed "$WORK/storm-seed.json" --jams "$jams" --clients-per-jam "$per_jam" \
  --rate "${STORM_RATE:-20}" --ready-file "$ready" --current-file "$current" > "$result" &
loadgen_pid="$!"
until [ -s "$ready" ]; do
  kill -0 "$loadgen_pid" 2> /dev/null || { wait "$loadgen_pid"; exit 1; }
  sleep 0.2
done
gc "${PID_OF[$port]}"
before="$(jq -n --argjson s "$(gauge "$port" jamanager_bridge_sockets)" --argjson c "$(gauge "$port" jamanager_bridge_consumers)" \
  --argjson h "$(gauge "$port" vertx_eventbus_handlers)" --argjson heap "$(heap_mb "$port")" \
  '{sockets: $s, bridgeConsumers: $c, eventBusHandlers: $h, heapMb: $heap}')"

statements_reset
statement_rate_start "$rates"
sleep 1
down_at="$(date +%s%3N)"
instance_kill "$port" "$signal"
instance_start "$port"
up_at="$(date +%s%3N)"
log "storm: server back after $((up_at - down_at)) ms"
until [ -s "$current" ]; do
  kill -0 "$loadgen_pid" 2> /dev/null || break
  sleep 0.2
done
sleep 2
gc "${PID_OF[$port]}"
after="$(jq -n --argjson s "$(gauge "$port" jamanager_bridge_sockets)" --argjson c "$(gauge "$port" jamanager_bridge_consumers)" \
  --argjson h "$(gauge "$port" vertx_eventbus_handlers)" --argjson heap "$(heap_mb "$port")" \
  '{sockets: $s, bridgeConsumers: $c, eventBusHandlers: $h, heapMb: $heap}')"
statement_rate_stop
status=0
wait "$loadgen_pid" || status=$?
[ "$status" = 0 ] && [ -s "$result" ] || { echo "loadgen storm failed" >&2; exit 1; }
sleep 2
gc "${PID_OF[$port]}"
left="$(jq -n --argjson s "$(gauge "$port" jamanager_bridge_sockets)" --argjson c "$(gauge "$port" jamanager_bridge_consumers)" \
  --argjson h "$(gauge "$port" vertx_eventbus_handlers)" --argjson heap "$(heap_mb "$port")" \
  --argjson ih "$idle_handlers" --argjson iheap "$idle_heap" \
  '{sockets: $s, bridgeConsumers: $c, eventBusHandlers: $h, heapMb: $heap, idleBeforeHandlers: $ih, idleBeforeHeapMb: $iheap}')"
resync_calls="$(statements | awk -F '\t' '/from jam_event where jam_id = \? and seq > \?|min\(seq\) from jam_event/ { s += $1 } END { print s + 0 }')"
peak="$(peak_rate "$rates" 2)"
peak_commits="$(peak_rate "$rates" 3)"

figures="$(jq -c --arg load1m "$(cut -d ' ' -f 1 /proc/loadavg)" --argjson before "$before" --argjson after "$after" --argjson left "$left" --arg signal "$signal" \
  --argjson down "$down_at" --argjson up "$up_at" --argjson peak "$peak" --argjson commits "$peak_commits" \
  --argjson resync "$resync_calls" '{
    hostLoadAverage1m: ($load1m | tonumber), signal: $signal, phones, jams, dropped, notConverged,
    serverDownMs: ($up - $down),
    lastCurrentAfterRestartMs: (.lastCurrentAtEpochMs - $up),
    lastCurrentAfterDropMs: (.lastCurrentAtEpochMs - .dropAtEpochMs),
    dropToCurrentMs, allCurrentAgain,
    db: {peakStatementsPerSecond: $peak, peakCommitsPerSecond: $commits, resyncStatements: $resync},
    resyncs, resyncFailures, resyncFailuresBy, behindByJam, snapshotReloads, eventsByResync, connectFailures, bridgeErrors, writes,
    withPhones: {before: $before, after: $after}, afterPhonesLeft: $left}' "$result")"
# Back to baseline: the same sockets and consumers with every phone back, none once they left, heap
# after a full GC within 25 % (or 16 MiB) of where it was.
verdict reconnect-storm "$figures" '.notConverged == 0 and .allCurrentAgain and .dropped >= (.phones * 0.95)
  and .withPhones.after.sockets == .withPhones.before.sockets
  and .withPhones.after.bridgeConsumers == .withPhones.before.bridgeConsumers
  and .withPhones.after.heapMb <= ([.withPhones.before.heapMb * 1.25, .withPhones.before.heapMb + 16] | max)
  and .afterPhonesLeft.sockets == 0 and .afterPhonesLeft.bridgeConsumers == 0
  and .afterPhonesLeft.eventBusHandlers <= .afterPhonesLeft.idleBeforeHandlers
  and .afterPhonesLeft.heapMb <= ([.afterPhonesLeft.idleBeforeHeapMb * 1.25, .afterPhonesLeft.idleBeforeHeapMb + 16] | max)'
