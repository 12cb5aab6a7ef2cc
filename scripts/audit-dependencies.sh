#!/usr/bin/env bash
# Fails on a known high- or critical-severity vulnerability in what we ship.
#   npm:   npm audit of the SPA's production tree (frontend/package-lock.json, dev tools excluded)
#   Maven: OWASP dependency-check over the server's runtime dependencies (needs the NVD feed;
#          NVD_API_KEY speeds it up; its database is cached in ~/.m2/repository/org/owasp)
# Usage: scripts/audit-dependencies.sh [--require]
#   Without --require an advisory source that cannot be reached is reported and skipped (this
#   build machine reaches only the registries' download endpoints); with --require (ci.yml on
#   GitHub) it fails the build. Found vulnerabilities fail either way.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
require=0
[[ "${1:-}" == "--require" ]] && require=1
PATH="$root/frontend/node:$PATH"
status=0

unreachable() {
  if [[ $require == 1 ]]; then
    echo "audit: $1 (required: failing)" >&2
    status=1
  else
    echo "audit: SKIPPED, $1"
  fi
}

# npm: --json tells "found vulnerabilities" from "could not ask" (plain npm audit exits 1 for both).
report="$(npm --prefix "$root/frontend" audit --omit=dev --json 2> /dev/null || true)"
verdict="$(node -e '
  let r; try { r = JSON.parse(require("fs").readFileSync(0, "utf8")); } catch { console.log("error no JSON answer"); process.exit(); }
  if (r.error) { console.log("error " + [r.message, r.error.code, r.error.summary, r.error.detail].filter(Boolean).join(": ").split("\n")[0].slice(0, 160)); process.exit(); }
  const v = (r.metadata && r.metadata.vulnerabilities) || {};
  const bad = Object.values(r.vulnerabilities || {}).filter((x) => x.severity === "high" || x.severity === "critical");
  console.log("ok " + (v.high || 0) + " " + (v.critical || 0) + " " + bad.map((x) => x.name + ":" + x.severity).join(","));
' <<< "$report")"
case "$verdict" in
  error*) unreachable "npm audit could not reach the advisory endpoint (${verdict#error })" ;;
  "ok 0 0 ") echo "audit: npm production dependencies: no high or critical advisories" ;;
  *) echo "audit: npm production dependencies with high/critical advisories: ${verdict#ok }" >&2
     npm --prefix "$root/frontend" audit --omit=dev --audit-level=high || true
     status=1 ;;
esac

# Maven: dependency-check downloads the NVD data (hours without an API key, then incremental).
# Unreachable, it retries the NVD API for ever: ask once first.
log="$(mktemp)"
nvd="https://services.nvd.nist.gov/rest/json/cves/2.0?resultsPerPage=1"
if ! curl -fsS --max-time 15 -o /dev/null "$nvd" 2> "$log"; then
  unreachable "OWASP dependency-check needs the NVD API, which does not answer here ($(head -c 160 "$log"))"
elif (cd "$root" && ./mvnw -B -q -pl frontend,backend -Dskip.npm -Dskip.installnodenpm -DskipTests \
      org.owasp:dependency-check-maven:12.1.9:check -DfailBuildOnCVSS=7 -DskipTestScope=true -DossindexAnalyzerEnabled=false \
      ${NVD_API_KEY:+-DnvdApiKey="$NVD_API_KEY"} > "$log" 2>&1); then
  echo "audit: Maven runtime dependencies: no advisories with CVSS >= 7"
elif grep -qE "CVSS score greater than or equal to|One or more dependencies were identified with vulnerabilities" "$log"; then
  grep -E "CVE-|GHSA-|vulnerab" "$log" | head -n 40 >&2
  status=1
else
  unreachable "OWASP dependency-check could not update its NVD data ($(grep -m1 -oE '(UnknownHost|Connect|Timeout|NoDataException|UpdateException)[^\n]{0,120}' "$log" || echo "see $log"))"
fi
exit $status
