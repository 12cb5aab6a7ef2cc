#!/usr/bin/env bash
# Instance killed. Two instances behind a Caddy proxy (as Fly's proxy: health-checked, a refused
# connection retried on the other), 4 phones per jam over 10 jams and ~50 votes/s, all through the
# proxy. After 8 s one instance gets SIGKILL. Its phones must reconnect through the proxy to the
# survivor and resync by seq: no acknowledged write lost, every phone at the database's seq and counts,
# and the survivor's fan-out (vote answer → event at the phone, from 5 s after the kill) within the
# 50 ms budget at p99. Requests cut off by the kill are reported, not judged: the client cannot know.
source "$(dirname "$0")/lib.sh"

A=18403
B=18404
PROXY=18405
RATE="${FAULT_RATE:-50}"
BUDGET_MS=50
SEED="$WORK/seed-instance-kill.json"
OUT="$WORK/instance-kill.json"

two_instances_behind_proxy "$A" "$B" "$PROXY" "$SEED"
log "instance-kill: ${RATE} votes/s and 40 phones through the proxy; SIGKILL to :$A after 8 s"
night_start "$OUT" --seed "$SEED" --ports "$PROXY" --seconds 600 --stop-file "$OUT.stop" --rate "$RATE" \
  --phones-per-jam 4 --pids "${PID_OF[$B]}" --label instance-kill
sleep 8
rss_before="$(rss_mb "$A" "$B")"
mark kill
instance_kill "$A" KILL
sleep 5
mark settled
sleep 15
touch "$OUT.stop"
night_wait "$OUT"
figures="$(night_figures "$OUT" | jq -c --argjson before "$rss_before" --argjson after "$(rss_mb "$B")" '
  {requests: (.requests | {attempts, byStatus, finalByStatus, maxMs: .latencyMs.max}),
   phones: (.phones | {count, disconnects, phonesDisconnected, duplicates, outOfOrder, gaps, gapFetches, reloads,
     timeToCurrentAfterReconnectMs, withoutLiveUpdatesMs}),
   survivorDeliveryMs: .deliveryMs.fromAnswerAfterLastMark, deliveryMs: .deliveryMs.fromAnswer,
   ackedWritesLost, ambiguousPairs, notConverged, corrupt, quiet,
   rssMb: {before: $before, survivorAfter: $after[0]}}')"
verdict instance-kill "$figures" ".ackedWritesLost == 0 and .notConverged == 0 and .corrupt == 0 and .quiet
  and .phones.phonesDisconnected > 0 and .survivorDeliveryMs.p99 <= $BUDGET_MS"
