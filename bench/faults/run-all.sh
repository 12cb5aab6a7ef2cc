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
  # Sourced helpers are not executable.
  [ -x "$f" ] || continue
  case "$(basename "$f")" in run-all.sh) continue ;; esac
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
commit="$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)"
{
  echo
  jq -r -s --arg date "$(date -u '+%Y-%m-%d %H:%M UTC')" --arg commit "$commit" --arg file "results/$(basename "$out")" \
    --arg seconds "$(($(date +%s) - started))" '
    def counts(o): (o // {}) | to_entries | map("\(.value) × \(.key)") | join(", ");
    def fails(o): (o // {}) | with_entries(select(.key | startswith("2") | not));
    def common: "lost \(.ackedWritesLost // "?"), not converged \(.notConverged // "?")";
    def figures:
      if .error then .error
      elif .scenario == "db-outage" then (.runs | map("\(.run): failed \(counts(fails(.requests.byStatus)) | if . == "" then "none" else . end); first 2xx \(.window.firstOkAfterUpMs) ms and ready \(.window.readyAfterUpMs) ms after return; disconnects \(.disconnects), lost \(.ackedWritesLost), not converged \(.notConverged)") | join("<br>")) + "<br>RSS \(.rssMb.before) → \(.rssMb.after) MB"
      elif .scenario == "instance-kill" then "failed \(counts(fails(.requests.finalByStatus))); \(.phones.phonesDisconnected) phones reconnected, current after p99 \(.phones.timeToCurrentAfterReconnectMs.p99) ms; survivor delivery p99 \(.survivorDeliveryMs.p99) ms; \(common)"
      elif .scenario == "rolling-deploy" then "failed after one retry \(.requests.failedAfterRetry) (retried \(.requests.retried)); without live updates per phone p99 \(.phones.withoutLiveUpdatesMs.perPhoneMax.p99) ms, max \(.phones.withoutLiveUpdatesMs.perPhoneMax.max) ms; \(common)"
      elif .scenario == "listen-kill" then "\(.listenConnectionsKilled) LISTEN connections killed; duplicates \(.phones.duplicates), out of order \(.phones.outOfOrder), gaps \(.phones.gaps); \(common)"
      elif .scenario == "read-only" then "writes while read-only: \(counts(.window.byStatus)) (\(counts(.window.codes))); reads \(counts(.readsDuring)); first 2xx \(.window.firstOkAfterUpMs) ms after; corrupt \(.corrupt); \(common)"
      else to_entries | map(select(.key != "scenario" and .key != "pass" and .key != "machine" and .key != "runSeconds"
        and (.value | type) != "object" and (.value | type) != "array")) | .[0:8] | map("\(.key) \(.value)") | join(", ")
      end;
    "## \($date), commit \($commit) (`bench/faults/run-all.sh`, \($seconds) s)\n",
    "Fault scenarios (bench/README.md, Faults); raw lines in `\($file)`. Machine: \(.[0].machine.cpus // "?") cores, \(.[0].machine.java // "?"), PostgreSQL \(.[0].machine.postgres // "?").\n",
    "| scenario | verdict | figures | s |",
    "|---|---|---|---|",
    (.[] | "| \(.scenario) | \(if .pass then "**pass**" else "**fail**" end) | \(figures) | \(.runSeconds) |")' "$out"
} >> "$BENCH/RESULTS.md"
echo "[faults] done in $(($(date +%s) - started)) s: $out, bench/RESULTS.md" >&2
exit "$failed"
