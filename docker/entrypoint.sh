#!/bin/sh
# Container entrypoint: start the JVM as PID 1 (exec) so SIGTERM reaches it directly.
#   entrypoint.sh [serve|migrate|check-config] [args...]   (default: serve)
# JAVA_OPTS comes from the image (sized for 256 MB), fly.toml [env] or `docker run -e`.
# The class-data-sharing archive built at image build is used when present; with
# -Xshare:auto a mismatched archive is ignored rather than fatal.
set -eu

JAR="${JAMANAGER_JAR:-/app/jamanager.jar}"
CDS_ARCHIVE="${JAMANAGER_CDS_ARCHIVE:-/app/app.jsa}"

cds_opts=""
case " ${JAVA_OPTS:-} " in
  *SharedArchiveFile* | *-Xshare:off*) ;;
  *)
    if [ -s "$CDS_ARCHIVE" ]; then
      cds_opts="-XX:SharedArchiveFile=$CDS_ARCHIVE -Xshare:auto"
    fi
    ;;
esac

if [ "$#" -eq 0 ]; then
  set -- serve
fi
case "$1" in
  serve | migrate | check-config) ;;
  -*) set -- serve "$@" ;;   # flags only: serve with them
  *) exec "$@" ;;             # anything else (sh, a debugging tool) runs as given
esac

# shellcheck disable=SC2086  # JAVA_OPTS is a word list by convention
exec java ${JAVA_OPTS:-} $cds_opts -jar "$JAR" "$@"
