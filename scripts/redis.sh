#!/usr/bin/env bash
# A private Redis for tests, drills and benchmarks: 127.0.0.1 only, nothing persisted.
#   scripts/redis.sh start DIR PORT   start it, wait until it answers PING; prints its pid
#   scripts/redis.sh stop DIR         stop it and wait until it is gone
set -euo pipefail
. "$(dirname "$0")/wait_gone.sh"
cmd=${1:?usage: redis.sh start DIR PORT | stop DIR}
dir=${2:?folder required}

case "$cmd" in
start)
    port=${3:?port required}
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir" >/dev/null
    for _ in $(seq 1 100); do
        if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)" = PONG ] &&
            [ -s "$dir/redis.pid" ]; then
            cat "$dir/redis.pid"
            exit 0
        fi
        sleep 0.05
    done
    echo "redis.sh: redis-server did not answer PING on 127.0.0.1:$port within 5 s" >&2
    [ -f "$dir/redis.log" ] && tail -5 "$dir/redis.log" >&2
    exit 1
    ;;
stop)
    [ -s "$dir/redis.pid" ] || exit 0
    pid=$(cat "$dir/redis.pid")
    kill -CONT "$pid" 2>/dev/null || true # a drill may have paused it
    kill -TERM "$pid" 2>/dev/null || true
    wait_gone "$pid"
    ;;
*)
    echo "unknown command $cmd" >&2
    exit 2
    ;;
esac
