#!/usr/bin/env bash
# Vote → bridge fan-out: 5,000 SockJS clients over 50 jams (100 each) with 100 votes/s in all, then
# 2,000 clients on one jam with 10 votes/s; each against JaManager and against the raw encode-once
# broadcaster (the limit). Servers run the container's JAVA_OPTS: 5,000 clients as in a 512 MB VM
# (-XX:MaxRAM=512m), 2,000 clients as in a 256 MB VM (-XX:MaxRAM=256m), the smallest Fly machine.
# Prints one JSON line; writes latency distributions for the plot to $WORK/dist-*.txt.
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
seconds="${BENCH_SECONDS:-30}"
seeded_server 18181 "$WORK/seed-fanout.json" --jams 51 --items 3 --attendees 2 --crowd 0
servers_stop

# fanout_run LABEL PORT PID JAMS SKIP CLIENTS_PER_JAM RATE
fanout_run() {
  log "fanout: $1 ($4 jams × $6 clients, $7 votes/s, ${seconds} s)"
  loadgen fanout --seed "$WORK/seed-fanout.json" --ports "$2" --pids "$3" --jams "$4" --skip "$5" \
    --clients-per-jam "$6" --rate "$7" --seconds "$seconds" --label "$1" --dist "$WORK/dist-$1.txt"
}

runs=()
for shape in "50 0 100 100 512m" "1 50 2000 10 256m"; do
  read -r jams skip per rate ram <<< "$shape"
  name="${jams}x${per}"
  SERVER_JAVA_OPTS="$IMAGE_JAVA_OPTS -XX:MaxRAM=$ram"
  server_start 18181
  runs+=("$(fanout_run "jamanager-$name" 18181 "${SERVER_PIDS[0]}" "$jams" "$skip" "$per" "$rate" | jq -c --arg r "$ram" '. + {maxRam: $r}')")
  servers_stop
  # shellcheck disable=SC2086  # JAVA_OPTS is a word list
  java $SERVER_JAVA_OPTS -jar "$LOADGEN" raw --port 18190 2> "$WORK/raw.log" &
  SERVER_PIDS+=("$!")
  for _ in $(seq 1 100); do grep -q ready "$WORK/raw.log" && break; sleep 0.1; done
  runs+=("$(fanout_run "raw-$name" 18190 "${SERVER_PIDS[0]}" "$jams" "$skip" "$per" "$rate" | jq -c --arg r "$ram" '. + {maxRam: $r}')")
  servers_stop
done
IFS=,
printf '{"scenario":"fanout","machine":%s,"javaOpts":"%s (-XX:MaxRAM=512m for 5,000 clients, 256m for 2,000)","runs":[%s]}\n' \
  "$(machine_json)" "$IMAGE_JAVA_OPTS" "${runs[*]}"
