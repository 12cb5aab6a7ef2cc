#!/bin/bash
# Build-time training run for application class-data sharing (AppCDS).
#   cds-training.sh JAR ARCHIVE
# Starts the server once with -XX:ArchiveClassesAtExit against a throwaway embedded
# PostgreSQL (development mode, DATABASE_URL unset), waits until /health/ready answers,
# exercises a few endpoints, stops it with SIGTERM (the JVM writes the archive when it
# exits) and checks that the archive loads. If serve does not come up (e.g. the build
# sandbox cannot run PostgreSQL) it falls back to `check-config`, which archives fewer
# classes; if no usable archive results, the image starts without one (entrypoint.sh
# checks). Never fails the build.
set -u
jar="$1"
archive="$2"
port=18089
probe="$(dirname "$0")/http-probe.sh"
opts=(-XX:+UseSerialGC -Xss256k -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=32m -Xmx128m)

work="$(mktemp -d)"
log="$work/training.log"
unset DATABASE_URL DATABASE_LISTEN_URL
export APP_ENV=development PORT="$port" LOG_LEVEL=warn LOG_FORMAT=text JAMANAGER_DATA_DIR="$work/data"

rm -f "$archive"
start=$(date +%s)
java "${opts[@]}" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" serve > "$log" 2>&1 &
pid=$!
up=0
for _ in $(seq 1 300); do          # up to 60 s: the first embedded start unpacks PostgreSQL
  kill -0 "$pid" 2>/dev/null || break
  if "$probe" /health/ready "$port" 2>/dev/null; then up=1; break; fi
  sleep 0.2
done
if [ "$up" = 1 ]; then
  for p in /health/live /health /metrics /api/v1/version /api/v1/flags /api/v1/jams / /health/ready; do
    "$probe" "$p" "$port" 2>/dev/null || true
  done
  kill -TERM "$pid"
fi
for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

if [ "$up" != 1 ] || [ ! -s "$archive" ]; then
  echo "cds-training: serve did not come up or left no archive; last lines:"
  tail -n 15 "$log"
  rm -f "$archive"
  java "${opts[@]}" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" check-config > "$log" 2>&1 || true
fi

if [ -s "$archive" ] && java "${opts[@]}" -XX:SharedArchiveFile="$archive" -Xshare:on -cp "$jar" -version > /dev/null 2>&1; then
  echo "cds-training: archive $archive ($(du -h "$archive" | cut -f1)) usable; serve trained: $up; $(($(date +%s) - start)) s"
else
  echo "cds-training: no usable archive; the image starts without AppCDS"
  rm -f "$archive"
fi
rm -rf "$work" /tmp/hsperfdata_* /tmp/embedded-pg* 2>/dev/null
exit 0
