#!/bin/bash
# Build-time training run for application class-data sharing (AppCDS).
#   cds-training.sh JAR ARCHIVE
# Starts the server once with -XX:ArchiveClassesAtExit, exercises it briefly, stops it
# with SIGTERM (the JVM writes the archive on exit), then verifies the archive loads.
# The database is deliberately unreachable: the server must still come up (liveness)
# and answer readiness 503, which loads the HTTP, routing, pool and metrics classes.
# If serve does not come up, falls back to `check-config`; if no archive can be made
# the image simply starts without one (entrypoint.sh checks). Never fails the build.
set -u
jar="$1"
archive="$2"
port=18089
opts=(-XX:+UseSerialGC -Xss256k -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=32m -Xmx128m)

export APP_ENV=development PORT="$port" LOG_LEVEL=warn LOG_FORMAT=text
export DATABASE_URL="postgres://training:training@127.0.0.1:1/training"
JAMANAGER_DATA_DIR="$(mktemp -d)"
export JAMANAGER_DATA_DIR

rm -f "$archive"
java "${opts[@]}" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" serve > /tmp/cds-training.log 2>&1 &
pid=$!
up=0
for _ in $(seq 1 100); do
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  if /app/http-probe.sh /health/live "$port" 2>/dev/null; then up=1; break; fi
  sleep 0.2
done
if [ "$up" = 1 ]; then
  for p in /health/ready /health /metrics /api/v1/version /api/v1/flags / /health/live; do
    /app/http-probe.sh "$p" "$port" 2>/dev/null || true
  done
  kill -TERM "$pid"
fi
for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

if [ ! -s "$archive" ]; then
  echo "cds-training: serve did not produce an archive (see below); trying check-config"
  tail -n 20 /tmp/cds-training.log
  java "${opts[@]}" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" check-config > /tmp/cds-training.log 2>&1 || true
fi

if [ -s "$archive" ] && java "${opts[@]}" -XX:SharedArchiveFile="$archive" -Xshare:on -cp "$jar" -version > /dev/null 2>&1; then
  echo "cds-training: archive $archive ($(du -h "$archive" | cut -f1)) ok (serve came up: $up)"
else
  echo "cds-training: no usable archive; the image starts without AppCDS"
  rm -f "$archive"
fi
rm -rf "$JAMANAGER_DATA_DIR" /tmp/cds-training.log /tmp/hsperfdata_* 2>/dev/null
exit 0
