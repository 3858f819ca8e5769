#!/usr/bin/env bash
# Builds the container image (deploy/build-image.sh) and runs it: serves the bundled hello WAR and a
# mounted WAR, checks /ready and /health on the metrics port, then stops it with TERM (podman stop)
# and checks the graceful exit. A script, not part of ./run-tests: building the Debian base takes
# minutes and needs podman (installed from Debian when missing, as root). Usage:
#   deploy/test-image.sh [IMAGE]         default IMAGE: localhost/jgunicorn:test (built when missing)
# REBUILD=1 builds the image again; BASE is passed to build-image.sh (default here: debian-packages).
#
# Where the OCI runtime cannot start a container (an unprivileged build container without
# CAP_SYS_RESOURCE refuses crun's and runc's setrlimit; crun also refuses cgroup v1 "hybrid" hosts),
# the script says so and runs the same image through runc with a shim that drops the rlimits and
# cgroup resources from the container's OCI config: the image, its entrypoint, user and file system
# are the ones a real host runs; only resource limits are not applied.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGE=${1:-localhost/jgunicorn:test}
say() { echo "test-image: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

if ! command -v podman >/dev/null; then
    say "installing podman and runc from Debian"
    apt-get install -y -q --no-install-recommends podman runc >&2
fi
if [ "${REBUILD:-}" = 1 ] || ! podman image exists "$IMAGE"; then
    BASE=${BASE:-debian-packages} "$ROOT/deploy/build-image.sh" "$IMAGE" >&2
fi

WORK=$(mktemp -d); NAME=jgunicorn-image-test-$$
cleanup() { podman rm -f -t 0 "$NAME" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

RUNTIME=()
if ! out=$(podman run --rm "$IMAGE" --version 2>&1); then
    say "podman cannot run a container on this machine as it is: $out"
    command -v runc >/dev/null || apt-get install -y -q --no-install-recommends runc >&2
    mkdir -p "$WORK/shim"
    cat > "$WORK/shim/runc" <<'EOF'
#!/usr/bin/env python3
# OCI runtime shim for build containers: drops rlimits and cgroup settings, then runs runc.
import json, os, sys
args = sys.argv[1:]
if "create" in args or "run" in args:
    bundle = "."
    for i, a in enumerate(args):
        if a in ("--bundle", "-b") and i + 1 < len(args):
            bundle = args[i + 1]
        elif a.startswith("--bundle="):
            bundle = a.split("=", 1)[1]
    path = os.path.join(bundle, "config.json")
    with open(path) as f:
        config = json.load(f)
    config.get("process", {}).pop("rlimits", None)
    linux = config.get("linux", {})
    linux.pop("resources", None)
    linux["namespaces"] = [n for n in linux.get("namespaces", []) if n.get("type") != "cgroup"]
    with open(path, "w") as f:
        json.dump(config, f)
if "exec" in args:
    for i, a in enumerate(args):
        process = args[i + 1] if a in ("--process", "-p") and i + 1 < len(args) else (
            a.split("=", 1)[1] if a.startswith("--process=") else None)
        if process:
            with open(process) as f:
                spec = json.load(f)
            spec.pop("rlimits", None)
            with open(process, "w") as f:
                json.dump(spec, f)
os.execv("/usr/sbin/runc", ["runc"] + args)
EOF
    chmod +x "$WORK/shim/runc"
    RUNTIME=(--runtime "$WORK/shim/runc")
    out=$(podman "${RUNTIME[@]}" run --rm "$IMAGE" --version 2>&1) || fail "not even through the shim: $out"
    say "running through runc with the rlimit/cgroup shim"
fi
[[ "$out" == *"jgunicorn (version"* ]] || fail "--version printed: $out"
say "image runs: $out"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_status() { # URL STATUS: polls for up to 90 s
    local end=$((SECONDS + 90)) code
    while [ $SECONDS -lt $end ]; do
        code=$(curl -s -o "$WORK/body" -w '%{http_code}' "$1" || true)
        [ "$code" = "$2" ] && return 0
        podman container exists "$NAME" || fail "the container exited: $(podman logs "$NAME" 2>&1 | tail -20)"
        sleep 0.3
    done
    fail "$1 did not answer $2 (last: $code); log: $(podman logs "$NAME" 2>&1 | tail -20)"
}
serve() { # PORT MPORT [podman options] -- [jgunicorn arguments]
    local port=$1 mport=$2; shift 2
    local opts=() ; while [ "$1" != -- ]; do opts+=("$1"); shift; done; shift
    # host network, loopback only: the image's own default binds 0.0.0.0 inside its network namespace
    podman "${RUNTIME[@]}" run -d --name "$NAME" --network host \
        -e JGUNICORN_CMD_ARGS="-b 127.0.0.1:$port --metrics-bind 127.0.0.1:$mport" "${opts[@]}" "$IMAGE" "$@" >/dev/null
}
stop_gracefully() {
    podman stop -t 40 "$NAME" >/dev/null
    local code; code=$(podman inspect "$NAME" --format '{{.State.ExitCode}}')
    local log; log=$(podman logs "$NAME" 2>&1)
    [ "$code" = 0 ] || fail "exit status $code after TERM; log: $(echo "$log" | tail -20)"
    [[ "$log" == *"Handling signal: term"* && "$log" == *"Shutting down"* ]] || fail "no graceful stop in the log: $log"
    podman rm "$NAME" >/dev/null
}

# 1. no arguments: the bundled hello WAR, as the unprivileged user of the image
P=$(free_port); M=$(free_port)
serve "$P" "$M" --
wait_status "http://127.0.0.1:$P/" 200
grep -qi hello "$WORK/body" || fail "/ is not the hello app: $(head -c 200 "$WORK/body")"
wait_status "http://127.0.0.1:$M/ready" 200
wait_status "http://127.0.0.1:$M/health" 200
user=$(podman exec "$NAME" sh -c 'id -u')
[ "$user" = 10001 ] || fail "the server runs as uid $user, not 10001"
stop_gracefully
say "ok: bundled hello WAR served as uid 10001, /ready and /health answer, TERM stops it with status 0"

# 2. a WAR mounted from the host, as the documentation shows
WAR=$(ls "$ROOT"/examples-war/echo/target/*.war | head -n 1)
P=$(free_port); M=$(free_port)
serve "$P" "$M" -v "$WAR:/srv/app.war:ro" -- /srv/app.war -w 2
wait_status "http://127.0.0.1:$P/anything?x=1" 200
grep -q '"requestURI"' "$WORK/body" || fail "the mounted echo WAR did not answer: $(head -c 200 "$WORK/body")"
workers=$(podman exec "$NAME" sh -c 'ls /proc/*/cmdline | wc -l' 2>/dev/null || echo '?')
stop_gracefully
say "ok: a mounted WAR served with -w 2 (processes in the container: $workers)"
say "PASS"
