# Sourced by ./jgunicorn and ./run-tests: sets JAVA_HOME to a JDK >= 25, or exits with a clear message.
# Order: $JAVA_HOME, then the usual install locations, then `java` on the PATH. With
# JGUNICORN_ACCEPT_RUNTIME=1 (bin/jgunicorn of a release), a Java 25 runtime without javac in
# $JAVA_HOME (a jlinked one) is taken as it is.

jgunicorn_java_major() { # prints the major version of the JDK at $1, or nothing
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    jgunicorn_runtime_major "$1"
}

# The major version of the Java runtime at $1 (a JDK or a jlinked runtime), or nothing. Read from
# its `release` file (every JDK and jlink image has one) when it can be: starting a JVM only to ask
# its version cost 0.12 s of CPU, twice per start of jgunicorn from a checkout.
jgunicorn_runtime_major() {
    [ -x "$1/bin/java" ] || return 0
    local v
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
    if [ -z "$v" ]; then
        v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
            sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
    fi
    echo "$v"
}

jgunicorn_find_jdk() {
    local candidates=() c major
    if [ "${JGUNICORN_ACCEPT_RUNTIME:-}" = 1 ] && [ -n "${JAVA_HOME:-}" ] && [ ! -x "$JAVA_HOME/bin/javac" ]; then
        major=$(jgunicorn_runtime_major "$JAVA_HOME")
        [ -n "$major" ] && [ "$major" -ge 25 ] && return 0 # a runtime to serve with, not to build with
    fi
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    for c in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* /usr/java/* \
             "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
        [ -d "$c" ] && candidates+=("$c")
    done
    if command -v java >/dev/null 2>&1; then
        c=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        candidates+=("$c")
    fi
    for c in "${candidates[@]}"; do
        major=$(jgunicorn_java_major "$c")
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then
            JAVA_HOME="$c"
            export JAVA_HOME
            return 0
        fi
    done
    echo "jgunicorn: error: no JDK 25 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm, /opt/java," \
         "~/.sdkman and the java on PATH); install one (e.g. Temurin 25) and set JAVA_HOME to it" >&2
    exit 1
}

jgunicorn_find_jdk
# Maven's own libraries use sun.misc.Unsafe; keep JDK 25 from warning about it on every build.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
