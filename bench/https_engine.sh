#!/usr/bin/env bash
# faultline's HTTPS against its peers on the same TLS nginx, in the same run: keep-alive
# requests per generator CPU second against wrk; then a fresh connection per request against wrk
# with "Connection: close" (wrk resumes its sessions on reconnect) and against openssl s_time
# (-new: full handshakes, -reuse: resumed ones). nginx has one worker pinned to CPU 0, each
# generator CPU 1. Every comparison runs ROUNDS times, alternating the tools, and the median
# ratio is the result.
#
# Usage (release build first: cmake --preset release && cmake --build --preset release):
#   bench/https_engine.sh [BUILD_DIR] [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
seconds=${2:-10}
rounds=${3:-3}
faultline=$build/bin/faultline
[ -x "$faultline" ] || { echo "no $faultline: build the release preset first" >&2; exit 2; }
for tool in wrk taskset python3 openssl nginx; do
    command -v $tool >/dev/null || { echo "missing $tool: scripts/install-deps.sh" >&2; exit 2; }
done

work=$(mktemp -d)
chmod 755 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ulimit -n "$(ulimit -Hn)"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -keyout "$work/key.pem" -out "$work/cert.pem" -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost >/dev/null 2>&1
mkdir -p "$work/nginx/logs" "$work/nginx/tmp" "$work/nginx/html"
printf 'ok\n' >"$work/nginx/html/index.html"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
worker_cpu_affinity 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 20000; }
http {
    access_log off;
    client_body_temp_path $work/nginx/tmp/body;
    proxy_temp_path $work/nginx/tmp/proxy;
    fastcgi_temp_path $work/nginx/tmp/fastcgi;
    uwsgi_temp_path $work/nginx/tmp/uwsgi;
    scgi_temp_path $work/nginx/tmp/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port ssl;
        ssl_certificate $work/cert.pem;
        ssl_certificate_key $work/key.pem;
        ssl_session_cache shared:bench:10m;
        root $work/nginx/html;
    }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
trap 'kill $(cat "$work/nginx/nginx.pid") 2>/dev/null; rm -rf "$work"' EXIT
sleep 0.3
url="https://localhost:$port/"
status=$(curl -sk -o /dev/null -w '%{http_code}' "$url")
[ "$status" = 200 ] || { echo "nginx answers $status, not 200" >&2; exit 1; }

. bench/cpu_of.sh

# faultline with CONNECTIONS virtual users, extra keys of its tls table and of its http table,
# and "insecure" as $4 to skip certificate verification (as wrk does); prints
# "REQUESTS CPU_SECONDS REQ_PER_SECOND".
faultline_run() {
    local connections=$1 tls_extra=$2 extra=$3 trust="ca = \"$work/cert.pem\""
    [ "${4:-}" = insecure ] && trust="insecure = true"
    cat >"$work/bench.toml" <<TOML
name = "bench"
[engine]
threads = 1
[[workloads]]
name = "nginx"
http = { url = "$url", tls = { $trust$tls_extra }$extra }
[ramp]
start = $connections
step = 1
max = $connections
step_duration = "$((seconds + 1))s"
warmup = "1s"
[breaking_point]
error_rate = "100%"
TOML
    rm -rf "$work/results"
    local cpu
    cpu=$(cpu_of "$work/out" "$faultline" run "$work/bench.toml" --results "$work/results" --no-progress)
    python3 -c "
import json; s = json.load(open('$work/results/summary.json'))
errors = sum(s['totals']['errors'].values())
assert errors == 0, f'faultline saw {errors} errors: {s[\"totals\"][\"errors\"]}'
print(s['totals']['ok'], $cpu, s['steps'][0]['throughput_rps'])"
}

wrk_run() {  # CONNECTIONS [wrk options]; prints "REQUESTS CPU_SECONDS REQ_PER_SECOND"
    local connections=$1
    shift
    local cpu
    cpu=$(cpu_of "$work/out" wrk -t1 -c"$connections" -d"${seconds}s" "$@" "$url")
    local rps
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/out")
    grep -q "Non-2xx\|Socket errors" "$work/out" && { echo "wrk saw errors: $(cat "$work/out")" >&2; exit 1; }
    python3 -c "print($rps * $seconds, $cpu, $rps)"
}

# openssl s_time, one connection and one GET / at a time: -new full handshakes, -reuse resumed
# ones; prints "CONNECTIONS CPU_SECONDS CONNECTIONS_PER_SECOND".
s_time_run() {
    local mode=$1 cpu
    cpu=$(cpu_of "$work/out" openssl s_time -connect "localhost:$port" "$mode" -time "$seconds" -www /)
    python3 -c "
import re; text = open('$work/out').read()
n = int(re.findall(r'(\d+) connections in [0-9.]+s', text)[-1])
print(n, $cpu, n / $seconds)"
}

line() {  # NAME REQUESTS CPU RPS
    python3 -c "import sys; n,q,c,r=sys.argv[1],float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4]); print(f'{n:34s} {r:9.0f} req/s  cpu {c:6.2f} s  {q/c:9.0f} req per generator CPU second')" "$@"
}
ratio() {  # FAULTLINE_LINE PEER_LINE
    python3 -c "import sys; a=sys.argv[1].split(); b=sys.argv[2].split(); print(f'{(float(a[0])/float(a[1]))/(float(b[0])/float(b[1])):.2f}x')" "$1" "$2"
}

echo "== $(date -u +%Y-%m-%d) TLS nginx (1 worker, CPU 0) <- generator (CPU 1), ${seconds}s, $rounds rounds"
median() { python3 -c "import sys, statistics; print(f'{statistics.median(float(x.rstrip(\"x\")) for x in sys.argv[1:]):.2f}x')" "$@"; }
keep=() resumed=() reuse=() full=()
for round in $(seq 1 "$rounds"); do
    echo "-- round $round"
    wrk_keep=$(wrk_run 50)
    fl_keep=$(faultline_run 50 "" "")
    line "wrk -t1 -c50 (keep-alive)" $wrk_keep
    line "faultline 50 VUs (keep-alive)" $fl_keep
    keep+=("$(ratio "$fl_keep" "$wrk_keep")")

    wrk_close=$(wrk_run 10 -H "Connection: close")
    fl_resumed=$(faultline_run 10 "" ", keep_alive = false")
    fl_full=$(faultline_run 10 ", resume = false" ", keep_alive = false")
    fl_insecure=$(faultline_run 10 ", resume = false" ", keep_alive = false" insecure)
    s_new=$(s_time_run -new)
    s_reuse=$(s_time_run -reuse)
    line "wrk -t1 -c10 Connection: close" $wrk_close
    line "openssl s_time -new (full)" $s_new
    line "openssl s_time -reuse (resumed)" $s_reuse
    line "faultline keep_alive=false (resumed)" $fl_resumed
    line "faultline keep_alive=false, resume=false" $fl_full
    line "... and insecure = true (no verification)" $fl_insecure
    resumed+=("$(ratio "$fl_resumed" "$wrk_close")")
    reuse+=("$(ratio "$fl_resumed" "$s_reuse")")
    full+=("$(ratio "$fl_full" "$s_new")")
done
# The machine's noise moves single runs by +-10 %: the medians of the rounds are the result.
echo "per generator CPU second, median of $rounds rounds (each round's ratio in brackets):"
echo "  keep-alive: faultline / wrk = $(median "${keep[@]}") [${keep[*]}]"
echo "  resumed: faultline / wrk with Connection: close (which resumes) = $(median "${resumed[@]}") [${resumed[*]}]"
echo "  resumed: faultline / s_time -reuse = $(median "${reuse[@]}") [${reuse[*]}]"
echo "  full: faultline / s_time -new = $(median "${full[@]}") [${full[*]}]"
