#!/usr/bin/env bash
# Every scenario in turn (about 10 minutes on 2 cores): results appended to bench/RESULTS.md as one
# dated section, raw JSON lines kept in bench/results/, the fan-out latency plot in bench/results/.
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
stamp="$(date -u +%Y-%m-%dT%H%MZ)"
mkdir -p "$BENCH/results"
out="$BENCH/results/$stamp.jsonl"
BENCH_REBUILD=1 build_jars
started=$(date +%s)
for scenario in coldstart snapshot vote fanout scaleout; do
  bash "$BENCH/$scenario.sh" >> "$out"
done
pg_stop
loadgen plot --title "Vote → bridge fan-out, request sent → event at the client ($stamp)" --budgets "50;150" \
  --series "JaManager 50 jams × 100=$WORK/dist-jamanager-50x100.txt;raw broadcaster 50 × 100=$WORK/dist-raw-50x100.txt;JaManager 1 jam × 2,000=$WORK/dist-jamanager-1x2000.txt;raw broadcaster 1 × 2,000=$WORK/dist-raw-1x2000.txt;JaManager 2 instances 50 × 100=$WORK/dist-scaleout.txt" \
  --out "$BENCH/results/$stamp-fanout.png" > /dev/null
bash "$BENCH/report.sh" "$out" "results/$stamp-fanout.png" "$(($(date +%s) - started))" >> "$BENCH/RESULTS.md"
log "done in $(($(date +%s) - started)) s: bench/RESULTS.md, $out"
