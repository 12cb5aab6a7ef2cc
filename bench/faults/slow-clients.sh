#!/usr/bin/env bash
# Scenario 6, slow and stuck clients (issue 11): 1,000 phones on 5 jams with busy writes, half of them
# suggestions with the longest title, artist and tags (events of about 1 KB), plus 200 clients that register and never read their socket
# and 200 that read at 2 KB/s. The bridge drops a socket whose write queue passes its limit
# (live/BridgeRoutes.MAX_PENDING_BYTES), so server memory stays bounded; the normal phones keep the
# fan-out budget (p99 ≤ 50 ms at this scale) and lose nothing; a dropped client comes back and resyncs.
set -euo pipefail
# shellcheck source=bench/faults/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=bench/faults/sampling.sh
source "$FAULTS/sampling.sh"

port="${SLOW_PORT:-18501}"
jams="${SLOW_JAMS:-5}"
stuck="${SLOW_STUCK:-200}"
throttled="${SLOW_THROTTLED:-200}"
samples="$WORK/slow-samples.txt" result="$WORK/slow.json"
trap 'sampler_stop; proxy_stop; servers_stop' EXIT

build_jars
pg_start
fresh_database
instance_start "$port"
pid="${PID_OF[$port]}"
seed "$port" "$WORK/slow-seed.json" --jams "$jams" --items 20 --attendees 50 --crowd 0
gc "$pid"
before="$(jq -n --argjson heap "$(heap_mb "$port")" --argjson rss "$(rss_mb "$pid")" '{heapMb: $heap, rssMb: $rss}')"
sampler_start "$port" "$pid" "$samples" 1

log "slow: $((jams * ${SLOW_CLIENTS_PER_JAM:-200})) phones, $stuck stuck and $throttled throttled clients, ${SLOW_SECONDS:-120} s of writes"
loadgen slow --port "$port" --seed "$WORK/slow-seed.json" --jams "$jams" --clients-per-jam "${SLOW_CLIENTS_PER_JAM:-200}" \
  --stuck "$stuck" --throttled "$throttled" --throttle-bytes-per-second "${SLOW_THROTTLE:-2048}" \
  --rate "${SLOW_RATE:-50}" --suggest-share "${SLOW_SUGGEST_SHARE:-0.5}" --seconds "${SLOW_SECONDS:-120}" > "$result"
sampler_stop
dropped="$(gauge "$port" jamanager_bridge_slow_dropped_total)"
sleep 2
gc "$pid"
after="$(jq -n --argjson heap "$(heap_mb "$port")" --argjson rss "$(rss_mb "$pid")" \
  --argjson s "$(gauge "$port" jamanager_bridge_sockets)" '{heapMb: $heap, rssMb: $rss, bridgeSockets: $s}')"
during="$(jq -n --argjson heap "$(column_stat "$samples" 2 max)" --argjson rss "$(column_stat "$samples" 3 max)" \
  '{heapMaxMb: $heap, rssMaxMb: $rss}')"

figures="$(jq -c --arg load1m "$(cut -d ' ' -f 1 /proc/loadavg)" --argjson before "$before" --argjson during "$during" --argjson after "$after" --argjson dropped "$dropped" \
  '{hostLoadAverage1m: ($load1m | tonumber), behindByJam: .normal.behindByJam, normal: (.normal | del(.behindByJam)), stuck, throttled, stuckClientComesBack, seconds, failedWrites, writes,
    serverDroppedSlowSockets: $dropped, memory: {before: $before, during: $during, after: $after}}' "$result")"
# Bounded: RSS within the 256 MB VM and the heap after a full GC back within 16 MiB of where it started.
verdict slow-clients "$figures" '.normal.deliveryMs.p99 <= 50 and .normal.lost == 0 and .normal.notConverged == 0
  and .normal.liveGaps == 0 and .failedWrites == 0
  and .stuck.droppedByServer == .stuck.clients and .serverDroppedSlowSockets >= .stuck.clients
  and .stuckClientComesBack.converged
  and .memory.during.rssMaxMb <= 256 and .memory.after.heapMb <= .memory.before.heapMb + 16'
