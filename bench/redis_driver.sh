#!/usr/bin/env bash
# faultline's Redis driver against redis-benchmark, in the same run, on the same private Redis:
# GET of one key, no pipelining, C clients (virtual users) each, for the same time. Prints both
# throughputs and the ratio (target: faultline >= 0.8 x redis-benchmark).
# Redis is pinned to CPU 0, the load generators to CPU 1; faultline uses one engine thread, as
# redis-benchmark does.
#
# Usage (release build first: cmake --preset release && cmake --build --preset release):
#   bench/redis_driver.sh [BUILD_DIR] [SECONDS] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
seconds=${2:-10}
clients=${3:-50}
faultline=$build/bin/faultline
[ -x "$faultline" ] || { echo "no $faultline: build the release preset first" >&2; exit 2; }
for tool in redis-benchmark taskset python3; do
    command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
port=$(free_port)
trap 'scripts/redis.sh stop "$work/redis" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
pid=$(scripts/redis.sh start "$work/redis" "$port")
taskset -pc 0 "$pid" >/dev/null
redis-cli -p "$port" set key value >/dev/null

# redis-benchmark runs a count, not a time: size it from a short calibration run.
rate=$(taskset -c 1 redis-benchmark -p "$port" -c "$clients" -n 50000 -P 1 -q -t get 2>/dev/null |
    tr '\r' '\n' | awk '/GET/ { print $2 }' | tail -1)
count=$(python3 -c "print(int(float('$rate') * $seconds))")
peer=$(taskset -c 1 redis-benchmark -p "$port" -c "$clients" -n "$count" -P 1 -q -t get 2>/dev/null |
    tr '\r' '\n' | awk '/GET/ { print $2 }' | tail -1)

cat >"$work/s.toml" <<TOML
name = "redis-bench"
[engine]
threads = 1
[[workloads]]
name = "get"
redis = { address = "127.0.0.1:$port", command = ["GET", "key"] }
[ramp]
start = $clients
step = 1
max = $clients
step_duration = "$((seconds + 1))s"
warmup = "1s"
[breaking_point]
error_rate = "1%"
TOML
taskset -c 1 "$faultline" run "$work/s.toml" --results "$work/r" --no-progress >"$work/out" 2>&1 || {
    cat "$work/out" >&2
    exit 1
}
python3 - "$work/r/summary.json" "$peer" "$clients" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
step = s["steps"][0]
ours, peer = step["throughput_rps"], float(sys.argv[2])
errors = sum(step["errors"].values())
print(f"clients {sys.argv[3]}: redis-benchmark {peer:,.0f} req/s, faultline {ours:,.0f} req/s "
      f"(p50 {step['p50_ms']:.3f} ms, p99 {step['p99_ms']:.3f} ms, errors {errors}); "
      f"ratio {ours / peer:.2f}")
PY
