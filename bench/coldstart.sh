#!/usr/bin/env bash
# JVM launch → first 200 from /health/ready, against a running PostgreSQL, production mode, the
# container's JAVA_OPTS: median of 10 launches without and with the AppCDS archive, which is built
# as the image build builds it (docker/cds-training.sh). Prints one JSON line.
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
launches="${BENCH_COLDSTARTS:-10}"
port=18181
build_jars
pg_start
fresh_database
archive="$WORK/app.jsa"
log "coldstart: training the AppCDS archive"
JAVA_OPTS="$IMAGE_JAVA_OPTS" bash "$ROOT/docker/cds-training.sh" "$JAR" "$archive" "$(id -u postgres)" >&2

# A probe without a process per try: bash's /dev/tcp.
ready() {
  local line
  { exec 3<> "/dev/tcp/127.0.0.1/$port"; } 2> /dev/null || return 1
  printf 'GET /health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  IFS= read -r -t 2 line <&3 || line=""
  exec 3<&- 3>&-
  [[ "$line" == "HTTP/1."?" 200"* ]]
}

# launch_ms JAVA_OPTIONS…: one launch, in milliseconds.
launch_ms() {
  local start pid
  start=$(date +%s%N)
  "${SERVER_ENV[@]}" PORT="$port" METRICS_PORT="$(metrics_port "$port")" java "$@" -jar "$JAR" serve > "$WORK/coldstart.log" 2>&1 &
  pid=$!
  until ready; do
    kill -0 "$pid" 2> /dev/null || { tail -n 20 "$WORK/coldstart.log" >&2; return 1; }
    sleep 0.005
  done
  echo $((($(date +%s%N) - start) / 1000000))
  kill -TERM "$pid"
  wait "$pid" || true
}

# series LABEL JAVA_OPTIONS…: {"median":…, "min":…, "max":…, "runs":[…]}
series() {
  local label="$1" times=()
  shift
  log "coldstart: $launches launches $label"
  launch_ms "$@" > /dev/null # the first launch warms the page cache
  for _ in $(seq 1 "$launches"); do times+=("$(launch_ms "$@")"); done
  printf '%s\n' "${times[@]}" | jq -s -c 'sort | {median: (if length % 2 == 1 then .[length / 2 | floor]
    else ((.[length / 2 - 1] + .[length / 2]) / 2) end), min: .[0], max: .[-1], runs: .}'
}

# shellcheck disable=SC2086  # JAVA_OPTS is a word list
without="$(series "without AppCDS" $SERVER_JAVA_OPTS)"
with='null'
if [ -s "$archive" ]; then
  # shellcheck disable=SC2086
  with="$(series "with AppCDS" $SERVER_JAVA_OPTS -XX:SharedArchiveFile="$archive" -Xshare:auto)"
fi
printf '{"scenario":"coldstart","machine":%s,"javaOpts":"%s","archiveMb":%s,"withoutAppCdsMs":%s,"withAppCdsMs":%s}\n' \
  "$(machine_json)" "$SERVER_JAVA_OPTS" "$(du -m "$archive" 2> /dev/null | cut -f1 || echo null)" "$without" "$with"
