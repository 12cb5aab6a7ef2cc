#!/usr/bin/env bash
# report.sh RESULTS.jsonl PLOT.png SECONDS: one dated Markdown section for bench/RESULTS.md.
set -euo pipefail
results="$1" plot="$2" seconds="$3"
commit="$(git -C "$(dirname "$0")" rev-parse --short HEAD 2> /dev/null || echo unknown)"
dirty="$(git -C "$(dirname "$0")" status --porcelain 2> /dev/null | grep -q . && echo ' (with uncommitted changes)' || true)"
jq -r -s --arg commit "$commit$dirty" --arg plot "$plot" --arg seconds "$seconds" --arg date "$(date -u '+%Y-%m-%d %H:%M UTC')" '
  def by(s): map(select(.scenario == s))[0];
  def run(name): (by("fanout").runs + (by("scaleout").runs // [])) | map(select(.scenario == name))[0];
  def ok(c): if c then "**met**" else "**missed**" end;
  def pct(x): ((x * 1000 | round) / 10 | tostring) + " %";
  def lat(x): "\(x.p50) / \(x.p99) / \(x.max)";
  (by("fanout")) as $f | (by("vote")) as $v | (by("snapshot")) as $s | (by("coldstart")) as $c |
  run("jamanager-50x100") as $a | run("raw-50x100") as $ar | run("jamanager-1x2000") as $b | run("raw-1x2000") as $br |
  run("scaleout-2x2500") as $x |
  ($v.runs | map(.ratio) | min) as $vmin | ($s.runs | map(.ratio) | min) as $smin |
  "## \($date), commit \($commit)\n",
  "Machine: \($f.machine.cpus) cores (\($f.machine.cpu)), \($f.machine.memGiB) GiB, \($f.machine.java), PostgreSQL \($f.machine.postgres | sub("-.*"; "")) (fsync on); load generator and database on the same machine; whole run \($seconds) s.",
  "Server JVM flags: `\($f.javaOpts)`.\n",
  "| budget | measured | limit, same run | verdict |",
  "|---|---|---|---|",
  "| fan-out, 50 jams × 100 clients: p99 ≤ 50 ms, 0 lost | p99 \($a.sendToArrivalMs.p99) ms, \($a.lost) lost of \($a.deliveriesExpected) | raw broadcaster p99 \($ar.sendToArrivalMs.p99) ms | \(ok($a.sendToArrivalMs.p99 <= 50 and $a.lost == 0)) |",
  "| fan-out, 1 jam × 2,000 clients: p99 ≤ 150 ms | p99 \($b.sendToArrivalMs.p99) ms, \($b.lost) lost of \($b.deliveriesExpected) | raw broadcaster p99 \($br.sendToArrivalMs.p99) ms | \(ok($b.sendToArrivalMs.p99 <= 150 and $b.lost == 0)) |",
  "| vote throughput ≥ 80 % of pgbench | \($v.runs | map("\(.concurrency): \(pct(.ratio))") | join(", ")) | pgbench, same statements | \(ok($vmin >= 0.8)) |",
  "| snapshot throughput ≥ 70 % of pgbench | \($s.runs | map("\(.concurrency): \(pct(.ratio))") | join(", ")) | pgbench, same query | \(ok($smin >= 0.7)) |",
  "| RSS ≤ 200 MB with 5,000 connections | \($a.serverRssMb.max) MB (\($a.maxRam) VM flags) | raw broadcaster \($ar.serverRssMb.max) MB | \(ok($a.serverRssMb.max <= 200)) |",
  "| container JAVA_OPTS fit 256 MB with 2,000 connections | RSS \($b.serverRssMb.max) MB under -XX:MaxRAM=\($b.maxRam), \($b.lost) lost, \($b.socketsClosed) sockets closed | | \(ok($b.maxRam == "256m" and $b.serverRssMb.max < 256 and $b.lost == 0)) |",
  "| cold start ≤ 0.5 s with AppCDS | median \($c.withAppCdsMs.median // "n/a") ms (without AppCDS \($c.withoutAppCdsMs.median) ms) | | \(ok(($c.withAppCdsMs.median // 99999) <= 500)) |",
  "",
  "Throughput, closed loop, \($v.seconds) s per level after a warm-up (latency in ms, p50 / p95 / p99):\n",
  "| scenario | concurrency | server req/s | server latency | pgbench req/s | ratio | same statements |",
  "|---|---|---|---|---|---|---|",
  ([$s, $v][] | . as $sc | .runs[] | "| \($sc.scenario) | \(.concurrency) | \(.server.perSecond) | \(.server.latencyMs.p50) / \(.server.latencyMs.p95) / \(.server.latencyMs.p99) | \(.pgbench.perSecond) | \(pct(.ratio)) | \(.sameStatements) |"),
  "",
  "Statements per request (server, from pg_stat_statements): vote \($v.statementsPerRequest | to_entries | map("\(.value) × `\(.key)…`") | join(", ")); snapshot \($s.statementsPerRequest | to_entries | map("\(.value) × `\(.key)…`") | join(", ")).",
  "",
  "Fan-out (latency in ms, p50 / p99 / max; \"sent\" = from the vote request being sent, an upper bound of commit → arrival; \"answer\" = from its answer, a lower bound):\n",
  "| run | clients | votes | deliveries | lost | sent → arrival | answer → arrival | server RSS idle / max MB | server CPU | load generator CPU |",
  "|---|---|---|---|---|---|---|---|---|---|",
  (($f.runs + (by("scaleout").runs // []))[] | "| \(.scenario)\(if .maxRam then " (MaxRAM \(.maxRam))" else "" end) | \(.clients) | \(.votes) at \(.votesPerSecond)/s | \(.deliveriesExpected) | \(.lost) | \(lat(.sendToArrivalMs)) | \(lat(.answerToArrivalMs)) | \(.serverRssMb.idleWithClients) / \(.serverRssMb.max) | \(.serverCpuPercent) % | \(.loadgenCpuPercent) % |"),
  "",
  (if $x then "Scale-out, two instances, clients split between them: same instance \(lat($x.sameInstanceMs)), across instances \(lat($x.crossInstanceMs)) (sent → arrival, ms).\n" else empty end),
  "Cold start, \($c.withoutAppCdsMs.runs | length) launches each (ms): without AppCDS \($c.withoutAppCdsMs.runs | join(", ")); with AppCDS (\($c.archiveMb) MB archive) \(($c.withAppCdsMs.runs // []) | join(", ")).\n",
  "![fan-out latency](\($plot))\n"
' "$results"
