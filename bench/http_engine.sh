#!/usr/bin/env bash
# faultline's HTTP engine against wrk, ab and hey, on the same nginx, in the same run.
# nginx has one worker pinned to CPU 0; each generator is pinned to CPU 1; 50 connections; 10 s.
# Prints req/s and req/s per generator CPU second for each, and faultline's ratio to wrk.
# Then measures faultline's RSS holding 10,000 keep-alive connections.
#
# Usage (release build first: cmake --preset release && cmake --build --preset release):
#   bench/http_engine.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
seconds=${2:-10}
faultline=$build/bin/faultline
[ -x "$faultline" ] || { echo "no $faultline: build the release preset first" >&2; exit 2; }
for tool in wrk ab hey taskset python3; do
    command -v $tool >/dev/null || { echo "missing $tool: scripts/install-deps.sh --bench" >&2; exit 2; }
done

work=$(mktemp -d)
chmod 755 "$work"  # nginx workers run as www-data and must read its html folder
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ulimit -n "$(ulimit -Hn)"
scripts/nginx.sh start "$work/nginx" "$port" 0 >/dev/null
trap 'scripts/nginx.sh stop "$work/nginx"; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port/"
# wrk, ab and hey count any status as a completed request: make sure nginx really serves 200.
status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$status" = 200 ] || { echo "nginx answers $status, not 200: check $work/nginx" >&2; exit 1; }

. bench/cpu_of.sh

report() {  # name rps cpu requests
    python3 -c "import sys; n,r,c,q=sys.argv[1],float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4]); print(f'{n:10s} {r:10.0f} req/s   cpu {c:6.2f} s   {q/c if c>0 else 0:10.0f} req per generator CPU second')" "$@"
}

declare -A rps cpu requests
cpu[wrk]=$(cpu_of "$work/out" wrk -t1 -c50 -d"${seconds}s" "$url")
rps[wrk]=$(awk '/Requests\/sec/ {print $2}' "$work/out")

cpu[ab]=$(cpu_of "$work/out" ab -k -q -c 50 -t "$seconds" -n 100000000 "$url")
rps[ab]=$(awk '/Requests per second/ {print $4}' "$work/out")

cpu[hey]=$(cpu_of "$work/out" hey -z "${seconds}s" -c 50 "$url")
rps[hey]=$(awk '/Requests\/sec/ {print $2}' "$work/out")

cat >"$work/bench.toml" <<TOML
name = "bench"
[engine]
threads = 1
[[workloads]]
name = "nginx"
http = { url = "$url" }
[ramp]
start = 50
step = 1
max = 50
step_duration = "$((seconds + 1))s"
warmup = "1s"
[breaking_point]
error_rate = "100%"
TOML
cpu[faultline]=$(cpu_of "$work/out" "$faultline" run "$work/bench.toml" --results "$work/results" --no-progress)

rps[faultline]=$(python3 -c "import json; print(json.load(open('$work/results/summary.json'))['steps'][0]['throughput_rps'])")
# faultline runs one extra second of warm-up: count every request it completed against all its CPU.
requests[faultline]=$(python3 -c "import json; print(json.load(open('$work/results/summary.json'))['totals']['ok'])")
for t in wrk ab hey; do requests[$t]=$(python3 -c "print(${rps[$t]} * $seconds)"); done

echo "== $(date -u +%Y-%m-%d) nginx (1 worker, CPU 0) <- generator (CPU 1), 50 connections, ${seconds}s"
for t in wrk ab hey faultline; do report "$t" "${rps[$t]}" "${cpu[$t]}" "${requests[$t]}"; done
python3 -c "
w=${requests[wrk]}/${cpu[wrk]}; f=${requests[faultline]}/${cpu[faultline]}
print(f'faultline / wrk: {${rps[faultline]}/${rps[wrk]}:.2f}x req/s, {f/w:.2f}x req per generator CPU second')"

# RSS with 10,000 open keep-alive connections: 10,000 users that think for 20 s between requests.
cat >"$work/conns.toml" <<TOML
name = "connections"
[engine]
threads = 1
[[workloads]]
name = "idle"
think_time = "20s"
http = { url = "$url", timeout = "30s", connect_timeout = "10s" }
[ramp]
start = 10000
step = 1
max = 10000
step_duration = "8s"
warmup = "1s"
[breaking_point]
error_rate = "100%"
TOML
"$faultline" run "$work/conns.toml" --results "$work/conns" --no-progress >"$work/conns.out" 2>&1 &
pid=$!
sleep 6
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
conns=$(ss -Htn state established "( sport = :$port )" | wc -l)
wait $pid || true
echo "faultline holding $conns connections to nginx: RSS $((rss / 1024)) MiB"
