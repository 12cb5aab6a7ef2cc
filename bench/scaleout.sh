#!/usr/bin/env bash
# Two JaManager instances on one database: 5,000 SockJS clients over 50 jams split between them,
# votes sent to each in turn, so half of all deliveries cross instances (NOTIFY → the other
# instance's relay → its bridge). Prints one JSON line with same- and cross-instance latency.
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
seconds="${BENCH_SECONDS:-30}"
seeded_server 18181 "$WORK/seed-scaleout.json" --jams 50 --items 3 --attendees 2 --crowd 0
server_start 18182
log "scaleout: 50 jams × 100 clients over 2 instances, 100 votes/s, ${seconds} s"
run="$(loadgen fanout --seed "$WORK/seed-scaleout.json" --ports 18181,18182 --pids "${SERVER_PIDS[0]},${SERVER_PIDS[1]}" \
  --jams 50 --clients-per-jam 100 --rate 100 --seconds "$seconds" --label scaleout-2x2500 --dist "$WORK/dist-scaleout.txt")"
servers_stop
printf '{"scenario":"scaleout","machine":%s,"javaOpts":"%s","runs":[%s]}\n' "$(machine_json)" "$SERVER_JAVA_OPTS" "$run"
