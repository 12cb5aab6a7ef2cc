#!/usr/bin/env bash
# Entrypoint of docker/postgres-standin.Dockerfile: the official postgres image's
# behaviour for what docker-compose.yml relies on. On an empty $PGDATA: initdb with
# POSTGRES_USER as superuser and POSTGRES_PASSWORD (scram-sha-256 over TCP), create
# POSTGRES_DB, listen on every address. Then run the server as the postgres user.
set -euo pipefail

if [[ "${1:-}" == -* ]]; then set -- postgres "$@"; fi

if [[ "${1:-}" == postgres && $EUID == 0 ]]; then
  # A fresh named volume is root's: hand it to postgres, then continue as postgres.
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [[ "${1:-}" == postgres && ! -s "$PGDATA/PG_VERSION" ]]; then
  user="${POSTGRES_USER:-postgres}"
  db="${POSTGRES_DB:-$user}"
  if [[ -z "${POSTGRES_PASSWORD:-}" ]]; then
    echo "postgres-standin: the database is uninitialised and POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") --encoding=UTF8 ${POSTGRES_INITDB_ARGS:-}
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  if [[ "$db" != postgres ]]; then
    # Local socket only while the database is created: nobody connects half-initialised.
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
    psql -v ON_ERROR_STOP=1 --username "$user" --dbname postgres --set db="$db" <<< 'CREATE DATABASE :"db";'
    pg_ctl -D "$PGDATA" -m fast -w stop
  fi
  echo "postgres-standin: initialised $PGDATA (user $user, database $db)"
fi

exec "$@"
