#!/usr/bin/env bash
# Builds the jgunicorn container image (deploy/Containerfile) with podman or buildah, from the
# release archive (built when missing) and a jlinked Java 25 runtime. Usage:
#   deploy/build-image.sh [IMAGE]          default IMAGE: localhost/jgunicorn:VERSION
# BASE=image overrides the base; BASE=debian-packages (or an unreachable registry) builds one from
# Debian packages with mmdebstrap (installed from Debian when missing, as root).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/find-jdk.sh"
ARCHIVE=$(ls "$ROOT"/dist/target/jgunicorn-*.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$ARCHIVE" ]; then
    (cd "$ROOT" && mvn -B -q -DskipTests package)
    ARCHIVE=$(ls "$ROOT"/dist/target/jgunicorn-*.tar.gz | head -n 1)
fi
VERSION=$(basename "$ARCHIVE" .tar.gz); VERSION=${VERSION#jgunicorn-}
IMAGE=${1:-localhost/jgunicorn:$VERSION}
BUILDER=$(command -v podman || command -v buildah || true)
[ -n "$BUILDER" ] || { echo "build-image: error: podman or buildah is needed (apt-get install podman)" >&2; exit 1; }

CTX=$(mktemp -d); trap 'rm -rf "$CTX"' EXIT
tar -xzf "$ARCHIVE" -C "$CTX" && mv "$CTX/jgunicorn-$VERSION" "$CTX/jgunicorn"
# What the server and ordinary web applications use (JDBC, JNDI, XML, JMX, logging, crypto,
# sun.misc.Signal, thread dumps, JFR); --strip-debug and no man pages keep it small.
"$JAVA_HOME/bin/jlink" --output "$CTX/runtime" --strip-debug --no-man-pages --no-header-files \
    --add-modules java.se,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.zipfs,jdk.naming.dns,jdk.charsets,jdk.localedata,jdk.net,jdk.httpserver
cp "$ROOT/deploy/Containerfile" "$CTX/Containerfile"
mkdir "$CTX/state"

BASE=${BASE:-docker.io/library/debian:bookworm-slim}
if [ "$BASE" = debian-packages ] && "$BUILDER" inspect localhost/debian-minbase:bookworm >/dev/null 2>&1; then
    BASE=localhost/debian-minbase:bookworm # made by an earlier run
elif [ "$BASE" = debian-packages ] || ! "$BUILDER" pull -q "$BASE" >/dev/null 2>&1; then
    # no registry: a minimal Debian root file system from the Debian mirror, imported as an image
    command -v mmdebstrap >/dev/null || apt-get install -y --no-install-recommends mmdebstrap >&2
    mmdebstrap --variant=minbase --quiet bookworm "$CTX/base.tar"
    if [ "$(basename "$BUILDER")" = podman ]; then
        podman import -q "$CTX/base.tar" localhost/debian-minbase:bookworm >/dev/null
    else
        c=$(buildah from scratch); m=$(buildah mount "$c"); tar -xf "$CTX/base.tar" -C "$m"
        buildah umount "$c" >/dev/null; buildah commit -q "$c" localhost/debian-minbase:bookworm >/dev/null; buildah rm "$c" >/dev/null
    fi
    rm -f "$CTX/base.tar"
    BASE=localhost/debian-minbase:bookworm
fi
if [ "$(basename "$BUILDER")" = podman ]; then
    podman build --build-arg BASE="$BASE" -t "$IMAGE" "$CTX"
else
    buildah bud --build-arg BASE="$BASE" -t "$IMAGE" "$CTX"
fi
echo "$IMAGE"
