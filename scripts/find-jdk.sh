# Sourced by ./jgunicorn and ./run-tests: sets JAVA_HOME to a JDK >= 25, or exits with a clear message.
# Order: $JAVA_HOME, then the usual install locations, then `java` on the PATH.

jgunicorn_java_major() { # prints the major version of the JDK at $1, or nothing
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

jgunicorn_find_jdk() {
    local candidates=() c major
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
