#!/usr/bin/env bash
# A private PostgreSQL 15 for tests, drills and benchmarks: 127.0.0.1 only, trust auth, no fsync,
# its data in DIR (created for the postgres user: PostgreSQL refuses to run as root).
#   scripts/postgres.sh start DIR PORT   initdb, start, wait until ready; prints its pid
#   scripts/postgres.sh stop DIR         stop it (fast shutdown) and wait until it is gone
#   scripts/postgres.sh run DIR PORT     in the foreground, for a scenario's [[services]]: initdb
#                                        when DIR holds no cluster (a restart after a kill keeps
#                                        its data), and on SIGTERM or SIGINT a fast shutdown and
#                                        DIR removed: nothing persists beyond the run
# Connect with: host=127.0.0.1 port=PORT user=postgres dbname=postgres
set -euo pipefail
. "$(dirname "$0")/wait_gone.sh"
cmd=${1:?usage: postgres.sh start DIR PORT | stop DIR | run DIR PORT}
dir=${2:?folder required}
bindir=$(pg_config --bindir 2>/dev/null || true)
[ -x "$bindir/pg_ctl" ] || bindir=/usr/lib/postgresql/15/bin
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

settings() {
    echo "-p $1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
}

# DIR made for the postgres user, with a cluster in DIR/data.
prepare() {
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$dir"
        # The postgres user must be able to reach DIR: let it traverse (not list) its parents.
        parent=$(dirname "$dir")
        while [ "$parent" != / ]; do
            runuser -u postgres -- test -x "$parent" || chmod o+x "$parent"
            parent=$(dirname "$parent")
        done
    fi
    cd "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_postgres "$bindir/initdb" -D "$dir/data" -A trust -U postgres --no-sync \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
}

case "$cmd" in
start)
    port=${3:?port required}
    prepare
    as_postgres "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 20 \
        -o "$(settings "$port")" start >/dev/null || { tail -20 "$dir/postgres.log" >&2; exit 1; }
    head -1 "$dir/data/postmaster.pid"
    ;;
run)
    port=${3:?port required}
    prepare
    # setpriv execs: the child is the postmaster itself, in this script's process group.
    # shellcheck disable=SC2046
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=postgres --regid=postgres --init-groups "$bindir/postgres" -D "$dir/data" $(settings "$port") &
    else
        "$bindir/postgres" -D "$dir/data" $(settings "$port") &
    fi
    child=$!
    trap 'kill -CONT "$child" 2>/dev/null; kill -INT "$child" 2>/dev/null; wait "$child"; rm -rf "$dir"; exit 0' TERM INT
    wait "$child"
    ;;
stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    dir=$(cd "$dir" && pwd)
    pid=$(head -1 "$dir/data/postmaster.pid")
    kill -CONT "$pid" 2>/dev/null || true # a drill may have paused it
    cd "$dir"
    as_postgres "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 || kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid"
    ;;
*)
    echo "unknown command $cmd" >&2
    exit 2
    ;;
esac
