#!/usr/bin/env bash
# The servers the session-store tests need, on loopback only. Called by the tests themselves
# (tests/.../SessionServers.java), so `./run-tests` and CI need nothing else.
#   session-servers.sh install            redis-server and PostgreSQL from Debian when missing (quick when present)
#   session-servers.sh pg-start DIR PORT  a fresh PostgreSQL cluster in DIR on 127.0.0.1:PORT (user jgunicorn, trust)
#   session-servers.sh pg-stop DIR        stops it
# PostgreSQL refuses to run as root: as root, the cluster belongs to (and runs as) the postgres user.
set -euo pipefail

pg_bin() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)
    [ -n "$initdb" ] && dirname "$initdb"
}

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "${1:-}" in
install)
    if command -v redis-server >/dev/null && [ -n "$(pg_bin)" ]; then
        exit 0
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "session-servers: redis-server or PostgreSQL is missing and only root can install them" \
             "(apt-get install redis-server postgresql)" >&2
        exit 1
    fi
    echo "session-servers: installing redis-server and postgresql from Debian" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq redis-server postgresql >&2
    ;;
pg-start)
    dir=$2 port=$3 bin=$(pg_bin)
    [ -n "$bin" ] || { echo "session-servers: PostgreSQL is not installed" >&2; exit 1; }
    mkdir -p "$dir" && chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    cd "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U jgunicorn --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >&2 \
        || { cat "$dir/server.log" >&2; exit 1; }
    ;;
pg-stop)
    dir=$2 bin=$(pg_bin)
    cd "$dir"
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
    ;;
*)
    echo "usage: $0 install | pg-start DIR PORT | pg-stop DIR" >&2
    exit 2
    ;;
esac
