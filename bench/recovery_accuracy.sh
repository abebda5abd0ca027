#!/usr/bin/env bash
# How closely faultline measures a known recovery time. The sample service runs with its real
# store and circuit breaker on: after PostgreSQL comes back, it heals exactly T (the breaker's
# half-open time) after the last failure it saw, give or take a 25 ms probe interval. A drill
# refuses PostgreSQL for 4 s (an outage of the proxy in front of it) under 200 orders/s; faultline
# reports the time to recover of the orders workload. Prints measured - T per run.
# Target: within ±100 ms (docs/ARCHITECTURE.md, performance targets).
#
# Usage (release build first: cmake --preset release && cmake --build --preset release):
#   bench/recovery_accuracy.sh [BUILD_DIR] [REPEATS] [T_MS...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
repeats=${2:-3}
shift 2 2>/dev/null || true
times=("$@")
[ ${#times[@]} -gt 0 ] || times=(1000 2000 4000)
faultline=$build/bin/faultline
[ -x "$faultline" ] || { echo "no $faultline: build the release preset first" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
chmod o+x "$work"
pg=$(free_port)
redis=$(free_port)
trap 'scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true; scripts/redis.sh stop "$work/redis" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
scripts/postgres.sh start "$work/pg" "$pg" >/dev/null
scripts/redis.sh start "$work/redis" "$redis" >/dev/null

for t in "${times[@]}"; do
    for r in $(seq 1 "$repeats"); do
        proxy=$(free_port)
        sample=$(free_port)
        cat >"$work/s.toml" <<TOML
name = "recovery-accuracy"
[[proxies]]
name = "db"
listen = "127.0.0.1:$proxy"
upstream = "127.0.0.1:$pg"
[[services]]
name = "sample"
command = ["$build/bin/faultline-sample", "--port", "$sample", "--store", "real", "--pg", "host=127.0.0.1 port=$proxy user=postgres dbname=postgres", "--redis", "127.0.0.1:$redis", "--dep-timeout", "500ms", "--breaker", "on", "--breaker-half-open", "${t}ms", "--bulkhead", "on"]
ready = { tcp = "127.0.0.1:$sample", timeout = "10s" }
[[workloads]]
name = "orders"
depends_on = ["db"]
http = { method = "POST", url = "http://127.0.0.1:$sample/orders", body = '{"item": {rand:1..1000}, "qty": 1}', timeout = "2s" }
check = { status = 201 }
[ramp]
shape = "stages"
model = "open"
start = "200/s"
warmup = "1s"
stages = [{ target = "200/s", duration = "$((12 + t / 1000 + 6))s" }]
[slo]
error_rate = "1%"
window = "1s"
stable_for = "3s"
[[faults]]
at = "8s"
duration = "4s"
proxy = "db"
outage = "refuse"
TOML
        "$faultline" run "$work/s.toml" --results "$work/r" --no-progress >"$work/out" 2>&1 || true
        python3 - "$work/r/summary.json" "$t" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
t = int(sys.argv[2]) / 1000
o = s["faults"][0]["workloads"]["orders"]
m = o["time_to_recover_s"]
print(f"T {t:.3f} s: measured {m:.3f} s, error {1000 * (m - t):+.0f} ms "
      f"(detected {o['time_to_detect_s']:.2f} s, lost {o['lost']}, verdict {s['verdict']})")
PY
        rm -rf "$work/r"
    done
done
