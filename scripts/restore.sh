#!/usr/bin/env bash
# Restores a scripts/backup.sh dump into an EMPTY PostgreSQL database.
#
#   scripts/restore.sh DUMP_FILE [TARGET_DATABASE_URL] [--yes]
#
# Env: RESTORE_DATABASE_URL (target; else the second argument; else DATABASE_URL),
#      RESTORE_CONFIRM=<database name>  (non-interactive confirmation, like --yes)
#
# Guards, in order:
#   1. the dump must be readable (pg_restore --list) and match its .sha256 when present;
#   2. the target database must be empty (no tables outside the system schemas):
#      restore into a NEW database, check it, then point DATABASE_URL at it — never over
#      the live one (see docs/deployment.md, "Restore");
#   3. confirmation: type the target database's name, or pass --yes / RESTORE_CONFIRM.
# Then pg_restore runs in a single transaction (all or nothing) and the script prints
# the schema version and row counts of the restored tables.
set -euo pipefail

log() { printf 'restore: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

yes=0
args=()
for a in "$@"; do
  case "$a" in
    --yes | -y) yes=1 ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) args+=("$a") ;;
  esac
done
dump="${args[0]:-}"
url="${RESTORE_DATABASE_URL:-${args[1]:-${DATABASE_URL:-}}}"

[[ -n "$dump" ]] || die "usage: $0 DUMP_FILE [TARGET_DATABASE_URL] [--yes]"
[[ -f "$dump" ]] || die "no such dump: $dump"
[[ -n "$url" ]] || die "no target database: pass TARGET_DATABASE_URL or set RESTORE_DATABASE_URL"
for tool in pg_restore psql; do
  command -v "$tool" >/dev/null || die "$tool not found (apt install postgresql-client)"
done

# 1. The dump.
if [[ -f "$dump.sha256" ]]; then
  expected="$(cut -d' ' -f1 < "$dump.sha256")"
  actual="$(sha256sum < "$dump" | cut -d' ' -f1)"
  [[ "$expected" == "$actual" ]] || die "checksum mismatch for $dump (expected $expected, got $actual)"
fi
pg_restore --list "$dump" > /dev/null || die "pg_restore cannot read $dump"

# 2. The target must be reachable and empty.
dbname="$(psql "$url" -XAtqc 'select current_database()')" || die "cannot connect to the target database"
existing="$(psql "$url" -XAtqc "select count(*) from pg_tables where schemaname not in ('pg_catalog','information_schema')")"
if [[ "$existing" != "0" ]]; then
  die "target database '$dbname' is not empty ($existing tables). Create an empty one, e.g.
    psql \"<admin url>\" -c 'CREATE DATABASE jamanager_restore'
  restore into it, verify, then switch DATABASE_URL."
fi

# 3. Confirmation.
masked="$(printf '%s' "$url" | sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#')"
if [[ "$yes" != 1 && "${RESTORE_CONFIRM:-}" != "$dbname" ]]; then
  if [[ -t 0 ]]; then
    printf 'Restore %s into %s (database "%s")?\nType the database name to continue: ' "$dump" "$masked" "$dbname" >&2
    read -r answer
    [[ "$answer" == "$dbname" ]] || die "not confirmed; nothing changed"
  else
    die "refusing without confirmation: pass --yes or RESTORE_CONFIRM=$dbname"
  fi
fi

log "restoring $dump into $masked"
start=$(date +%s)
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$dump"

version="$(psql "$url" -XAtqc "select coalesce(max(version), 'none') from flyway_schema_history where success" 2>/dev/null || echo unknown)"
log "done in $(( $(date +%s) - start )) s; schema version $version; rows per table:"
psql "$url" -XAtq -F ' ' <<'SQL' | sed 's/^/  /' >&2
select format('%-32s %s', c.relname,
  (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', n.nspname, c.relname), false, true, '')))[1]::text)
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema')
order by c.relname;
SQL
