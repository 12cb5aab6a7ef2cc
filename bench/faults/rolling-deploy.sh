#!/usr/bin/env bash
# Rolling deploy. Two instances behind the Caddy proxy, 4 phones per jam over 10 jams and ~50 votes/s
# through it; each instance in turn gets SIGTERM, is waited for and started again (until ready, and
# until the proxy's health check has seen it), while the voters retry a failed (idempotent) vote once.
# Judged: no vote fails after its one retry, no acknowledged write lost, every phone ends at the
# database's seq and counts, no phone sees a bridge error. Reported: how long phones were without live
# updates (socket closed → caught up again), per phone and per period.
source "$(dirname "$0")/lib.sh"

A=18406
B=18407
PROXY=18408
RATE="${FAULT_RATE:-50}"
SEED="$WORK/seed-rolling-deploy.json"
OUT="$WORK/rolling-deploy.json"

# restart PORT: what a deploy does to one instance.
restart() {
  mark "term-$1"
  local started
  started="$(date +%s%3N)"
  instance_kill "$1" TERM
  mark "exited-$1"
  instance_start "$1"
  mark "ready-$1"
  log "rolling-deploy: :$1 stopped and ready again in $(( $(date +%s%3N) - started )) ms"
  # The proxy marks an instance healthy on its next check (every 500 ms).
  sleep 2
}

two_instances_behind_proxy "$A" "$B" "$PROXY" "$SEED"
log "rolling-deploy: ${RATE} votes/s (one retry) and 40 phones through the proxy; restarting :$A, then :$B"
night_start "$OUT" --seed "$SEED" --ports "$PROXY" --seconds 600 --stop-file "$OUT.stop" --rate "$RATE" \
  --phones-per-jam 4 --retry-once true --label rolling-deploy
sleep 6
restart "$A"
restart "$B"
sleep 6
touch "$OUT.stop"
night_wait "$OUT"
figures="$(night_figures "$OUT" | jq -c '
  {seconds, requests: (.requests | {attempts, byStatus, finalByStatus, retried, failedAfterRetry, maxMs: .latencyMs.max}),
   phones: (.phones | {count, disconnects, phonesDisconnected, duplicates, outOfOrder, gaps, reloads, fetchFailures,
     bridgeErrors, timeToCurrentAfterReconnectMs, withoutLiveUpdatesMs}),
   deliveryMs: .deliveryMs.fromAnswer, ackedWritesLost, ambiguousPairs, notConverged, corrupt, quiet, rssMb: $rss}' \
  --argjson rss "$(rss_mb "$A" "$B")")"
verdict rolling-deploy "$figures" '.requests.failedAfterRetry == 0 and .ackedWritesLost == 0 and .notConverged == 0
  and .corrupt == 0 and .quiet and .phones.bridgeErrors == 0'
