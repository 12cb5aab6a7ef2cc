#!/usr/bin/env bash
# Backs up the JaManager database with pg_dump (custom format), keeps the newest N.
#
#   scripts/backup.sh [DATABASE_URL]
#
# Env:
#   DATABASE_URL    postgres://user:pass@host:port/db?sslmode=… (or the first argument)
#   BACKUP_DIR      where dumps go (default ./backups)
#   BACKUP_KEEP     how many dumps to keep, newest first (default 14)
#   BACKUP_PREFIX   file name prefix (default jamanager)
#   BACKUP_UPLOAD   optional command run with the finished dump's path as its last
#                   argument, e.g. "aws s3 cp --only-show-errors" + a destination is not
#                   appended, so use a wrapper: BACKUP_UPLOAD="scripts/upload-to-s3.sh"
#
# Each dump is written under a temporary name, checked with `pg_restore --list` (it must
# be a readable archive that contains table data), then renamed to
# <prefix>-<UTC timestamp>.dump next to a .sha256 file. Only then are old dumps removed.
# pg_dump must be at least the server's major version (the compose backup profile uses
# postgres:15 like its server; the backup workflow uses the 16 client, which also dumps a
# managed production server that is newer than our development major).
# Exit status: 0 on success, non-zero on any failure (nothing is rotated away then).
set -euo pipefail

url="${1:-${DATABASE_URL:-}}"
dir="${BACKUP_DIR:-./backups}"
keep="${BACKUP_KEEP:-14}"
prefix="${BACKUP_PREFIX:-jamanager}"

log() { printf '%s backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ -n "$url" ]] || die "no database: pass DATABASE_URL (environment or first argument)"
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || die "BACKUP_KEEP must be a positive integer (got '$keep')"
command -v pg_dump >/dev/null || die "pg_dump not found (apt install postgresql-client)"
command -v pg_restore >/dev/null || die "pg_restore not found (apt install postgresql-client)"

mkdir -p "$dir"
umask 077   # dumps hold attendee names and the schema: owner-only
stamp="$(date -u +%Y%m%dT%H%M%S.%3NZ)"
final="$dir/$prefix-$stamp.dump"
partial="$dir/.$prefix-$stamp.dump.partial"
trap 'rm -f "$partial"' EXIT

masked="$(printf '%s' "$url" | sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#')"
log "dumping $masked"
start=$(date +%s)
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial" --dbname="$url"

# Verify: a readable archive with at least one table's data in it.
toc="$(pg_restore --list "$partial")" || die "pg_restore cannot read the dump"
tables=$(grep -c ' TABLE DATA ' <<<"$toc" || true)
(( tables > 0 )) || die "the dump contains no table data (empty database or wrong DATABASE_URL?)"

mv "$partial" "$final"
trap - EXIT
(cd "$dir" && sha256sum "$(basename "$final")" > "$(basename "$final").sha256")
size=$(du -h "$final" | cut -f1)
log "wrote $final ($size, $tables tables with data, $(( $(date +%s) - start )) s)"

if [[ -n "${BACKUP_UPLOAD:-}" ]]; then
  log "uploading with: $BACKUP_UPLOAD"
  # shellcheck disable=SC2086  # BACKUP_UPLOAD is a command line
  $BACKUP_UPLOAD "$final" || die "upload failed (the local dump is kept)"
fi

# Retention: names sort chronologically; keep the newest $keep.
mapfile -t dumps < <(find "$dir" -maxdepth 1 -type f -name "$prefix-*.dump" -printf '%f\n' | sort -r)
if (( ${#dumps[@]} > keep )); then
  for old in "${dumps[@]:keep}"; do
    rm -f "$dir/$old" "$dir/$old.sha256"
    log "removed old dump $old"
  done
fi
log "kept $(( ${#dumps[@]} < keep ? ${#dumps[@]} : keep )) dump(s) in $dir"
printf '%s\n' "$final"
