#!/usr/bin/env bash
# Every fault scenario in bench/faults/ in turn (under 20 minutes on 2 cores; the soak for
# SOAK_MINUTES, 2 unless set): their JSON lines kept in bench/results/<UTC time>-faults.jsonl, one
# dated section with a row per scenario appended to bench/RESULTS.md. Exits 1 if any scenario failed.
set -uo pipefail
FAULTS="$(cd "$(dirname "$0")" && pwd)"
BENCH="$(dirname "$FAULTS")"
ROOT="$(dirname "$BENCH")"
export SOAK_MINUTES="${SOAK_MINUTES:-2}"
stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
mkdir -p "$BENCH/results"
out="$BENCH/results/$stamp-faults.jsonl"
: > "$out"
started=$(date +%s)
failed=0

if [ ! -s "$ROOT/backend/target/jamanager.jar" ] || [ ! -s "$ROOT/bench/loadgen/target/loadgen.jar" ] \
  || [ -n "${BENCH_REBUILD:-}" ]; then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests package >&2) || exit 1
fi

# The known scenarios in a sensible order, then any other script that has appeared since.
scripts=()
for name in db-outage instance-kill rolling-deploy listen-kill read-only reconnect-storm slow-clients soak; do
  if [ -x "$FAULTS/$name.sh" ]; then scripts+=("$FAULTS/$name.sh"); fi
done
for f in "$FAULTS"/*.sh; do
  case " ${scripts[*]} " in *" $f "*) continue ;; esac
  # Not scenarios: this script, the RESULTS table, and sourced helpers (they begin with the shellcheck
  # directive instead of a shebang).
  case "$(basename "$f")" in run-all.sh | report.sh) continue ;; esac
  [ -x "$f" ] && [ "$(head -n 1 "$f")" != "# shellcheck shell=bash" ] || continue
  scripts+=("$f")
done

for script in "${scripts[@]}"; do
  name="$(basename "$script" .sh)"
  echo "[faults $(date +%T)] $name" >&2
  t0=$(date +%s)
  bash "$script" > "$out.current"
  rc=$?
  line="$(grep '^{' "$out.current" | tail -n 1)"
  if [ -z "$line" ]; then
    line="$(jq -c -n --arg s "$name" --argjson rc "$rc" '{scenario: $s, pass: false, error: "exit \($rc) without a verdict"}')"
  fi
  line="$(jq -c --argjson s "$(($(date +%s) - t0))" '. + {runSeconds: $s}' <<< "$line")"
  echo "$line" >> "$out"
  if [ "$(jq -r '.pass' <<< "$line")" != true ] || [ "$rc" != 0 ]; then failed=1; fi
done

rm -f "$out.current"
bash "$FAULTS/report.sh" "$out" "$(($(date +%s) - started))" '`bench/faults/run-all.sh`' >> "$BENCH/RESULTS.md"
echo "[faults] done in $(($(date +%s) - started)) s: $out, bench/RESULTS.md" >&2
exit "$failed"
