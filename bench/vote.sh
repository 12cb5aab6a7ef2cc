#!/usr/bin/env bash
# Votes and withdrawals by 400 attendees over 10 jams × 30 songs at concurrency 8/32/128, against
# pgbench running the same statements (one script = a vote and its withdrawal). Prints one JSON line.
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
http_vs_pgbench vote "$BENCH/pgbench/vote.sql" 2
