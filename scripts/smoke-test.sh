#!/usr/bin/env bash
# Smoke test of a running JaManager: exits non-zero on any failure.
#
#   scripts/smoke-test.sh URL [--host-code CODE] [--origin ORIGIN] [--expect-commit SHA]
#                             [--timeout SECONDS] [--wait SECONDS]
#
#   URL              base URL, e.g. https://jamanager.fly.dev or http://127.0.0.1:8080
#   --host-code      host access code (or SMOKE_HOST_CODE): also runs the write path —
#                    a throwaway jam is created, started, joined, a song suggested and
#                    voted, then the jam is deleted (also when a step fails)
#   --origin         an origin listed in CORS_ORIGINS: its preflight must be allowed
#   --expect-commit  /api/v1/version must report this commit (after a deploy)
#   --wait           first wait up to this long for /health/ready (default 0)
#
# Always checked: liveness, readiness (JSON), the SPA at / and a client-side route, robots.txt,
# favicon.ico, the web app manifest and the service worker served as files and a missing file as 404,
# version, metrics (when exposed), a CORS
# preflight from a foreign origin is not allowed, an unknown API path answers the JSON
# error shape, login with a wrong access code is refused with 401.
# Needs: curl, jq.
# shellcheck disable=SC2015  # `cond && ok … || bad …`: ok always succeeds
set -uo pipefail

base=""
host_code="${SMOKE_HOST_CODE:-}"
origin=""
expect_commit=""
timeout=10
wait_ready=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --host-code) host_code="$2"; shift ;;
    --origin) origin="$2"; shift ;;
    --expect-commit) expect_commit="$2"; shift ;;
    --timeout) timeout="$2"; shift ;;
    --wait) wait_ready="$2"; shift ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "smoke: unknown option $1" >&2; exit 2 ;;
    *) base="$1" ;;
  esac
  shift
done
[[ -n "$base" ]] || { echo "usage: $0 URL [--host-code CODE] [--origin ORIGIN] [--expect-commit SHA]" >&2; exit 2; }
base="${base%/}"
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool is required" >&2; exit 2; }
done

passed=0
failed=0
tmp="$(mktemp -d)"
jam_id=""
host_token=""

ok() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
bad() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }

# req METHOD PATH [JSON BODY] [extra curl args...] → sets $status, body in $tmp/body, headers in $tmp/headers
req() {
  local method="$1" path="$2" body="${3:-}"
  shift 3 2>/dev/null || shift $#
  local args=(-sS -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' -X "$method" --max-time "$timeout" "$@")
  if [[ -n "$body" ]]; then
    args+=(-H 'Content-Type: application/json' --data "$body")
  fi
  status="$(curl "${args[@]}" "$base$path" 2>"$tmp/err")" || status="000"
  [[ "$status" == "000" ]] && printf '        (%s)\n' "$(head -c 200 "$tmp/err")"
  return 0
}
json() { jq -r "$1" "$tmp/body" 2>/dev/null; }
expect() { # expect STATUS description
  if [[ "$status" == "$1" ]]; then ok "$2 → $status"; return 0; fi
  bad "$2 → $status (expected $1) $(head -c 300 "$tmp/body" 2>/dev/null | tr '\n' ' ')"
  return 1
}

cleanup() {
  if [[ -n "$jam_id" && -n "$host_token" ]]; then
    curl -s -o /dev/null -X DELETE --max-time "$timeout" -H "Authorization: Bearer $host_token" "$base/api/v1/jams/$jam_id" || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "smoke test of $base"

if (( wait_ready > 0 )); then
  deadline=$(( $(date +%s) + wait_ready ))
  until curl -fs -o /dev/null --max-time 3 "$base/health/ready"; do
    (( $(date +%s) < deadline )) || break
    sleep 1
  done
fi

# --- health ------------------------------------------------------------------------
req GET /health/live; expect 200 "GET /health/live"
req GET /health/ready
if expect 200 "GET /health/ready"; then
  jq -e . "$tmp/body" >/dev/null 2>&1 && ok "readiness answers JSON" || bad "readiness body is not JSON"
fi

# --- the single-page app (bundled in the jar) ----------------------------------------
req GET /
if expect 200 "GET / (the app)"; then
  grep -qi 'text/html' "$tmp/headers" && grep -qi '<html' "$tmp/body" && ok "/ serves the HTML shell" \
    || bad "/ is not the HTML app: $(grep -i '^content-type' "$tmp/headers" | tr -d '\r')"
fi
req GET /j/SMOKE0
if expect 200 "GET /j/<joinCode> (a client-side route falls back to the app)"; then
  grep -qi '^x-robots-tag: noindex' "$tmp/headers" && ok "jam pages are noindex" || bad "/j/<joinCode> lacks X-Robots-Tag: noindex"
fi
req GET /robots.txt
if expect 200 "GET /robots.txt"; then
  grep -qi '^content-type: text/plain' "$tmp/headers" && ok "robots.txt is text" || bad "robots.txt is not text/plain"
fi
req GET /favicon.ico; expect 200 "GET /favicon.ico"
req GET /manifest.webmanifest
if expect 200 "GET /manifest.webmanifest"; then
  grep -qi '^content-type: application/manifest+json' "$tmp/headers" && ok "the manifest has its type" \
    || bad "the manifest is not application/manifest+json"
fi
req GET /sw.js
if expect 200 "GET /sw.js (the service worker)"; then
  grep -qi '^cache-control: no-cache' "$tmp/headers" && ok "sw.js is revalidated" || bad "sw.js is not Cache-Control: no-cache"
fi
req GET /site.webmanifest; expect 404 "GET /site.webmanifest (a missing file is a 404, not the app)"

# --- version -----------------------------------------------------------------------
req GET /api/v1/version
if expect 200 "GET /api/v1/version"; then
  version="$(json .version)"; commit="$(json .commit)"
  if [[ -n "$version" && "$version" != null && -n "$commit" && "$commit" != null ]]; then
    ok "version $version, commit $commit"
  else
    bad "version body lacks version/commit: $(head -c 200 "$tmp/body")"
  fi
  if [[ -n "$expect_commit" ]]; then
    [[ "$commit" == "$expect_commit"* || "$expect_commit" == "$commit"* ]] \
      && ok "deployed commit is $expect_commit" || bad "deployed commit $commit, expected $expect_commit"
  fi
fi

# --- metrics (may be hidden by the proxy: 403/404 is not a failure) -----------------
req GET /metrics
case "$status" in
  200) grep -q '^vertx_http_server_requests_total' "$tmp/body" \
         && grep -q '^vertx_http_server_response_time_seconds_bucket' "$tmp/body" \
         && ok "GET /metrics exposes the HTTP request counter and latency histogram" \
         || bad "GET /metrics lacks vertx_http_server_requests_total / response_time_seconds_bucket" ;;
  403 | 404) ok "GET /metrics not exposed here ($status)" ;;
  *) bad "GET /metrics → $status" ;;
esac

# --- CORS --------------------------------------------------------------------------
foreign="https://smoke-test.invalid"
req OPTIONS /api/v1/auth/login "" -H "Origin: $foreign" -H 'Access-Control-Request-Method: POST' \
  -H 'Access-Control-Request-Headers: content-type,authorization'
allow="$(grep -i '^access-control-allow-origin:' "$tmp/headers" | tr -d '\r' | cut -d' ' -f2-)"
if [[ "$status" == 000 ]]; then
  bad "CORS preflight from a foreign origin: no answer"
elif [[ "$allow" == "*" || "$allow" == "$foreign" ]]; then
  bad "CORS preflight from $foreign is allowed (Access-Control-Allow-Origin: $allow)"
else
  ok "CORS preflight from a foreign origin is not allowed ($status)"
fi
if [[ -n "$origin" ]]; then
  req OPTIONS /api/v1/auth/login "" -H "Origin: $origin" -H 'Access-Control-Request-Method: POST' \
    -H 'Access-Control-Request-Headers: content-type,authorization'
  allow="$(grep -i '^access-control-allow-origin:' "$tmp/headers" | tr -d '\r' | cut -d' ' -f2-)"
  [[ "$allow" == "$origin" && "$status" =~ ^2 ]] \
    && ok "CORS preflight from $origin is allowed ($status)" \
    || bad "CORS preflight from $origin → $status, Access-Control-Allow-Origin: '${allow}'"
fi

# --- errors and auth ---------------------------------------------------------------
req GET /api/v1/smoke-test-no-such-route
if expect 404 "unknown API path"; then
  [[ "$(json .status)" == 404 && -n "$(json .error)" ]] && ok "error body has status and error" \
    || bad "error body is not {status, error, message}: $(head -c 200 "$tmp/body")"
fi
req POST /api/v1/auth/login '{"accessCode":"smoke-test-wrong-code"}'
if expect 401 "login with a wrong access code"; then
  [[ "$(json .error)" == invalid_access_code ]] && ok "error is invalid_access_code" \
    || bad "error is '$(json .error)', expected invalid_access_code"
fi

# --- write path: a throwaway jam -----------------------------------------------------
if [[ -n "$host_code" ]]; then
  req POST /api/v1/auth/login "$(jq -nc --arg c "$host_code" '{accessCode:$c}')"
  if expect 200 "host login"; then
    host_token="$(json .token)"
    [[ -n "$host_token" && "$host_token" != null ]] || { bad "login answer has no token"; host_token=""; }
  fi
fi
if [[ -n "$host_token" ]]; then
  H=(-H "Authorization: Bearer $host_token")
  name="smoke test $(date -u +%Y%m%dT%H%M%SZ)"
  starts="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  req POST /api/v1/jams "$(jq -nc --arg n "$name" --arg s "$starts" '{name:$n, startsAt:$s, description:"created by scripts/smoke-test.sh; deleted at its end"}')" "${H[@]}"
  if expect 201 "create a jam"; then
    jam_id="$(json .id)"; slug="$(json .slug)"; join_code="$(json .joinCode)"
    [[ -n "$jam_id" && "$jam_id" != null && -n "$join_code" && "$join_code" != null ]] \
      || bad "jam answer lacks id/joinCode: $(head -c 300 "$tmp/body")"
  fi
fi
if [[ -n "$jam_id" && "$jam_id" != null ]]; then
  req POST "/api/v1/jams/$jam_id/start" "" "${H[@]}"; expect 200 "start the jam"
  req POST "/api/v1/jams/$join_code/attendees" '{"name":"Smoke Tester","instruments":["guitar"]}'
  attendee_token=""
  if expect 201 "join the jam by its join code"; then attendee_token="$(json .token)"; fi
  if [[ -n "$attendee_token" && "$attendee_token" != null ]]; then
    A=(-H "Authorization: Bearer $attendee_token")
    req POST "/api/v1/jams/$jam_id/queue" '{"title":"Smoke on the Water","artist":"Deep Purple"}' "${A[@]}"
    item_id=""
    if expect 201 "suggest a song"; then item_id="$(json .id)"; fi
    if [[ -n "$item_id" && "$item_id" != null ]]; then
      req POST "/api/v1/jams/$jam_id/queue/$item_id/vote" "" "${A[@]}"
      if expect 200 "vote for it"; then
        [[ "$(json .voted)" == true && "$(json .votes)" == 1 ]] && ok "vote counted (votes = 1)" \
          || bad "vote answer: $(head -c 200 "$tmp/body")"
      fi
      req GET "/api/v1/jams/$slug"
      if expect 200 "read the jam snapshot"; then
        votes="$(jq -r --arg id "$item_id" '.queue[] | select((.id|tostring) == $id) | .votes' "$tmp/body" 2>/dev/null)"
        [[ "$votes" == 1 ]] && ok "snapshot shows the vote" || bad "snapshot votes for the item: '$votes'"
      fi
    fi
  fi
  req DELETE "/api/v1/jams/$jam_id" "" "${H[@]}"
  if expect 204 "delete the jam"; then
    jam_id=""
    req GET "/api/v1/jams/$slug"; expect 404 "the deleted jam is gone"
  fi
elif [[ -z "$host_code" ]]; then
  echo "  skip  write path (no --host-code / SMOKE_HOST_CODE)"
fi

echo "smoke: $passed passed, $failed failed"
(( failed == 0 ))
