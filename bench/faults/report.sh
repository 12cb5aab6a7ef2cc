#!/usr/bin/env bash
# report.sh RESULTS.jsonl SECONDS HOW: one dated Markdown section for bench/RESULTS.md, a row per fault
# scenario (its verdict and key figures) from the scenarios' JSON lines.
set -euo pipefail
out="$1" seconds="$2" how="$3"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)"
{
  echo
  jq -r -s --arg date "$(date -u '+%Y-%m-%d %H:%M UTC')" --arg commit "$commit" --arg file "results/$(basename "$out")" \
    --arg seconds "$seconds" --arg how "$how" '
    def counts(o): (o // {}) | to_entries | map("\(.value) × \(.key)") | join(", ");
    def fails(o): (o // {}) | with_entries(select(.key | startswith("2") | not));
    def common: "lost \(.ackedWritesLost // "?"), not converged \(.notConverged // "?")";
    def figures:
      if .error then .error
      elif (.scenario | startswith("db-outage")) then (.runs | map("\(.run): failed \(counts(fails(.requests.byStatus)) | if . == "" then "none" else . end); first 2xx \(.window.firstOkAfterUpMs) ms and ready \(.window.readyAfterUpMs) ms after return; disconnects \(.disconnects), lost \(.ackedWritesLost), not converged \(.notConverged)") | join("<br>")) + "<br>RSS \(.rssMb.before) → \(.rssMb.after) MB"
      elif .scenario == "instance-kill" then "failed \(counts(fails(.requests.finalByStatus))); \(.phones.phonesDisconnected) phones reconnected, current after p99 \(.phones.timeToCurrentAfterReconnectMs.p99) ms; survivor delivery p99 \(.survivorDeliveryMs.p99) ms; \(common)"
      elif .scenario == "rolling-deploy" then "failed after one retry \(.requests.failedAfterRetry) (retried \(.requests.retried)); without live updates per phone p99 \(.phones.withoutLiveUpdatesMs.perPhoneMax.p99) ms, max \(.phones.withoutLiveUpdatesMs.perPhoneMax.max) ms; \(common)"
      elif .scenario == "listen-kill" then "\(.listenConnectionsKilled) LISTEN connections killed; disconnects \(.phones.disconnects), duplicates \(.phones.duplicates), out of order \(.phones.outOfOrder), gaps \(.phones.gaps); \(common)"
      elif .scenario == "read-only" then "writes while read-only: \(counts(.window.byStatus)) (\(counts(.window.codes))); reads \(counts(.readsDuring)); first 2xx \(.window.firstOkAfterUpMs) ms after; corrupt \(.corrupt); \(common)"
      else to_entries | map(select(.key != "scenario" and .key != "pass" and .key != "machine" and .key != "runSeconds"
        and (.value | type) != "object" and (.value | type) != "array")) | .[0:8] | map("\(.key) \(.value)") | join(", ")
      end;
    "## \($date), commit \($commit) (\($how)\(if $seconds == "0" then "" else ", \($seconds) s" end))\n",
    "Fault scenarios (bench/README.md, Faults); raw lines in `\($file)`. Machine: \(.[0].machine.cpus // "?") cores, \(.[0].machine.java // "?"), PostgreSQL \(.[0].machine.postgres // "?").\n",
    "| scenario | verdict | figures | s |",
    "|---|---|---|---|",
    (.[] | "| \(.scenario) | \(if .pass then "**pass**" else "**fail**" end) | \(figures) | \(.runSeconds // "") |")' "$out"
}
