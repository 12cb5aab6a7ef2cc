#!/usr/bin/env bash
# Jam snapshots (GET /api/v1/jams/{id}: 30 songs with votes and performers) at concurrency 8/32/128,
# against pgbench running the snapshot's one query. Prints one JSON line.
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
http_vs_pgbench snapshot "$BENCH/pgbench/snapshot.sql" 1
