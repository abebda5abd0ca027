#!/usr/bin/env bash
# A private nginx for tests and benchmarks, on 127.0.0.1 only, one worker, no system folders.
#   scripts/nginx.sh start DIR PORT [CPU]   start it (pinned to CPU when given); prints its pid
#   scripts/nginx.sh stop DIR               stop it and wait until it is gone
set -euo pipefail
. "$(dirname "$0")/wait_gone.sh"
cmd=${1:?usage: nginx.sh start DIR PORT [CPU] | stop DIR}
dir=${2:?folder required}
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

case "$cmd" in
start)
    port=${3:?port required}
    cpu=${4:-}
    mkdir -p "$dir/tmp" "$dir/logs" "$dir/html"
    printf 'ok\n' >"$dir/html/index.html"
    head -c 1024 /dev/zero | tr '\0' 'x' >"$dir/html/1k.txt"
    cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
${cpu:+worker_cpu_affinity $(awk -v c="$cpu" 'BEGIN { s = "1"; for (i = 0; i < c; i++) s = s "0"; print s }');}
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
daemon on;
events { worker_connections 20000; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    server {
        listen 127.0.0.1:$port;
        root $dir/html;
        location = /status500 { return 500; }
        location = /status404 { return 404; }
    }
}
CONF
    "$nginx_bin" -c "$dir/nginx.conf" -p "$dir"
    for _ in $(seq 1 100); do
        [ -s "$dir/nginx.pid" ] && break
        sleep 0.05
    done
    cat "$dir/nginx.pid"
    ;;
stop)
    [ -s "$dir/nginx.pid" ] || exit 0
    pid=$(cat "$dir/nginx.pid")
    kill -QUIT "$pid" 2>/dev/null || true
    wait_gone "$pid"
    ;;
*)
    echo "unknown command $cmd" >&2
    exit 2
    ;;
esac
