# shellcheck shell=bash
# Measurements shared by reconnect-storm.sh, slow-clients.sh and soak.sh: the server's heap (after a
# full GC when asked), RSS, bridge gauges and database connections, sampled into a file; the database's
# statement rate; least-squares slopes. Source it after lib.sh.

# FAULTS_SERVER_JAR: run another build of the server (a copy, or one without a change for before/after).
JAR="${FAULTS_SERVER_JAR:-$JAR}"

# heap_mb PORT: heap in use (all heap pools) from /metrics, in MiB.
heap_mb() {
  curl -sf --max-time 10 "http://127.0.0.1:$(metrics_port "$1")/metrics" |
    awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ { s += $NF } END { printf "%.1f", s / 1048576 }'
}

# rss_mb PID
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# gc PID: a full collection, so heap figures compare live data rather than garbage.
gc() { timeout 30 jcmd "$1" GC.run > /dev/null 2>&1 || true; }

# gauge PORT NAME: lib.sh's metric, but a server too busy to answer within 10 s reads as -1, not a hang.
gauge() {
  curl -sf --max-time 10 "http://127.0.0.1:$(metrics_port "$1")/metrics" |
    awk -v name="$2" '$1 == name || index($1, name "{") == 1 { s += $NF } END { print s + 0 }' || echo -1
}

db_connections() { psql_app -c "select count(*) from pg_stat_activity where datname = 'jamanager'"; }

# sample_line PORT PID: "epoch heapMiB rssMiB dbConnections bridgeSockets bridgeConsumers eventBusHandlers",
# from one scrape of /metrics (each scrape costs the server CPU time that the measured clients share);
# a server too busy to answer within 10 s reads as -1.
sample_line() {
  local metrics heap=-1 sockets=-1 consumers=-1 handlers=-1
  if metrics="$(curl -sf --max-time 10 "http://127.0.0.1:$(metrics_port "$1")/metrics")"; then
    read -r heap sockets consumers handlers < <(awk '
      /^jvm_memory_used_bytes\{/ && /area="heap"/ { heap += $NF }
      $1 == "jamanager_bridge_sockets" { sockets = $NF }
      $1 == "jamanager_bridge_consumers" { consumers = $NF }
      index($1, "vertx_eventbus_handlers") == 1 { handlers += $NF }
      END { printf "%.1f %d %d %d\n", heap / 1048576, sockets, consumers, handlers }' <<< "$metrics")
  fi
  printf '%s %s %s %s %s %s %s\n' "$(date +%s.%N | cut -c1-14)" "$heap" "$(rss_mb "$2")" "$(db_connections)" \
    "$sockets" "$consumers" "$handlers"
}

# sampler_start PORT PID FILE SECONDS: sample_line every SECONDS into FILE, in the background.
sampler_start() {
  local port="$1" pid="$2" file="$3" every="$4"
  : > "$file"
  ( while kill -0 "$pid" 2> /dev/null; do sample_line "$port" "$pid" >> "$file" || true; sleep "$every"; done ) &
  SAMPLER_PID="$!"
}

sampler_stop() {
  if [ -n "${SAMPLER_PID:-}" ]; then kill "$SAMPLER_PID" 2> /dev/null || true; wait "$SAMPLER_PID" 2> /dev/null || true; fi
  SAMPLER_PID=""
}

# statement_rate_start FILE: every 100 ms "epoch statements commits" from one psql session (pg_stat_statements'
# calls are counted as each statement ends; pg_stat_database is flushed about once a second).
statement_rate_start() {
  local file="$1"
  : > "$file"
  ( while sleep 0.1; do
      psql_app -F ' ' -c "select extract(epoch from clock_timestamp())::numeric(20,3),
        (select coalesce(sum(calls), 0) from pg_stat_statements), xact_commit from pg_stat_database
        where datname = 'jamanager'" >> "$file" 2> /dev/null || true
    done ) &
  RATE_PID="$!"
}

statement_rate_stop() {
  if [ -n "${RATE_PID:-}" ]; then kill "$RATE_PID" 2> /dev/null || true; wait "$RATE_PID" 2> /dev/null || true; fi
  RATE_PID=""
}

# peak_rate FILE COLUMN: the highest per-second rate of a counter column over any 1 s window.
peak_rate() {
  awk -v c="$2" 'NF >= c { t[n] = $1; v[n] = $c; n++ }
    END { j = 0; best = 0
      for (i = 0; i < n; i++) { while (j < n && t[j] < t[i] + 1) j++; if (j >= n) break
        r = (v[j] - v[i]) / (t[j] - t[i]); if (r > best) best = r }
      printf "%.0f", best }' "$1"
}

# slope FILE COLUMN: least-squares slope of a column against time (column 1, seconds), per minute.
slope() {
  awk -v c="$2" '{ x = $1 / 60; y = $c; n++; sx += x; sy += y; sxx += x * x; sxy += x * y }
    END { d = n * sxx - sx * sx; printf "%.3f", (n > 2 && d != 0) ? (n * sxy - sx * sy) / d : 0 }' "$1"
}

# column_stat FILE COLUMN min|max|first|last
column_stat() {
  awk -v c="$2" -v f="$3" 'NR == 1 { mn = $c; mx = $c; first = $c } { if ($c < mn) mn = $c; if ($c > mx) mx = $c; last = $c }
    END { if (f == "min") print mn + 0; else if (f == "max") print mx + 0; else if (f == "first") print first + 0; else print last + 0 }' "$1"
}
