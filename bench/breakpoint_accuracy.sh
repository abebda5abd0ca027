#!/usr/bin/env bash
# How close the refined breaking point comes to a known capacity: the sample service with N
# workers and service time D has a capacity of N / D requests per second. For several (N, D)
# pairs, closed and open models, runs a ramp with refinement (tolerance 2 %) and prints the
# refined capacity against N / D (target: within ±5 %). Then, open model against the sample
# service with --rate-limit R (and capacity far above R): the refined breaking point by error
# rate (1 %) against R (target: within ±5 %; the error rate passes 1 % at 1.01 R).
#
# Usage (release build first: cmake --preset release && cmake --build --preset release):
#   bench/breakpoint_accuracy.sh [BUILD_DIR] [STEP_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
step=${2:-3}
faultline=$build/bin/faultline
[ -x "$faultline" ] || { echo "no $faultline: build the release preset first" >&2; exit 2; }
command -v python3 >/dev/null || { echo "missing python3" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

printf '%-8s %-6s %-7s %10s %12s %8s %7s\n' N D model "N/D" refined error probes
for pair in "4 5" "8 2" "2 10" "16 4" "32 8"; do
    read -r n d <<<"$pair"
    capacity=$(python3 -c "print($n * 1000 / $d)")
    for model in closed open; do
        port=$(free_port)
        if [ "$model" = closed ]; then
            ramp="start = $(( n / 2 > 0 ? n / 2 : 1 ))
step = $(( n / 2 > 0 ? n / 2 : 1 ))
max = $(( n * 4 ))"
        else
            ramp="model = \"open\"
start = $(python3 -c "print(int($capacity * 0.5))")
factor = 1.5
max = $(python3 -c "print(int($capacity * 3))")
max_connections = 1000"
        fi
        cat >"$work/s.toml" <<TOML
name = "accuracy"
[engine]
threads = 1
[[services]]
name = "sample"
command = ["$build/bin/faultline-sample", "--port", "$port", "--workers", "$n", "--service-time", "${d}ms"]
ready = { tcp = "127.0.0.1:$port", timeout = "5s" }
[[workloads]]
name = "items"
http = { url = "http://127.0.0.1:$port/items/{rand:1..1000}" }
check = { status = 200 }
[ramp]
$ramp
step_duration = "${step}s"
warmup = "1s"
refine = true
refine_tolerance = "2%"
[breaking_point]
error_rate = "1%"
knee = "5%"
p99 = "$(( d * 20 ))ms"
TOML
        "$faultline" run "$work/s.toml" --results "$work/r" --no-progress >"$work/out" 2>&1 || true
        python3 - "$work/r/summary.json" "$n" "$d" "$model" "$capacity" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n, d, model, capacity = sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
r = s["breaking_point"].get("refined")
if not r:
    print(f"{n:<8} {d + 'ms':<6} {model:<7} {capacity:10.0f} {'-':>12} {'no refined result':>16}")
else:
    x = r["capacity"]["throughput_rps"]
    print(f"{n:<8} {d + 'ms':<6} {model:<7} {capacity:10.0f} {x:12.1f} {100 * (x - capacity) / capacity:+7.1f}% {r['probes']:7d}")
PY
        rm -rf "$work/r"
    done
done

printf '\n%-8s %12s %12s %8s %7s\n' R "pass level" "fail level" error probes
for limit in 200 1000 3000; do
    port=$(free_port)
    cat >"$work/s.toml" <<TOML
name = "rate-limit"
[engine]
threads = 1
[[services]]
name = "sample"
command = ["$build/bin/faultline-sample", "--port", "$port", "--workers", "8", "--service-time", "100us", "--rate-limit", "$limit"]
ready = { tcp = "127.0.0.1:$port", timeout = "5s" }
[[workloads]]
name = "items"
http = { url = "http://127.0.0.1:$port/items/{rand:1..1000}" }
check = { status = 200 }
[ramp]
model = "open"
start = $(( limit / 2 ))
factor = 1.5
max = $(( limit * 3 ))
step_duration = "${step}s"
warmup = "1s"
refine = true
refine_tolerance = "2%"
[breaking_point]
error_rate = "1%"
TOML
    "$faultline" run "$work/s.toml" --results "$work/r" --no-progress >"$work/out" 2>&1 || true
    python3 - "$work/r/summary.json" "$limit" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
limit = float(sys.argv[2])
r = s["breaking_point"].get("refined")
if not r:
    print(f"{limit:<8.0f} {'-':>12} {'no refined result':>16}")
else:
    passed, failed = r["capacity"]["level"], r["level"]
    print(f"{limit:<8.0f} {passed:12.1f} {failed:12.1f} {100 * (passed - limit) / limit:+7.1f}% {r['probes']:7d}")
PY
    rm -rf "$work/r"
done
