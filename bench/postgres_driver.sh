#!/usr/bin/env bash
# faultline's PostgreSQL driver against pgbench -S, in the same run, on the same private
# PostgreSQL: the select-only transaction (one SELECT of pgbench_accounts by a random aid), C
# clients (virtual users) each with its own connection, for the same time. Prints both rates and
# the ratio (target: faultline >= 0.9 x pgbench -S). PostgreSQL (postmaster and every backend) is
# pinned to CPU 0, the load generators to CPU 1; faultline uses one engine thread, as pgbench
# does with its default -j 1. pgbench runs in its default (simple) protocol and with -M prepared;
# faultline always prepares.
#
# Usage (release build first: cmake --preset release && cmake --build --preset release):
#   bench/postgres_driver.sh [BUILD_DIR] [SECONDS] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
seconds=${2:-10}
clients=${3:-10}
faultline=$build/bin/faultline
[ -x "$faultline" ] || { echo "no $faultline: build the release preset first" >&2; exit 2; }
for tool in pgbench taskset python3; do
    command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
chmod o+x "$work"
port=$(free_port)
trap 'scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
pid=$(scripts/postgres.sh start "$work/pg" "$port")
taskset -pc 0 "$pid" >/dev/null  # backends inherit the postmaster's CPU
connect=(-h 127.0.0.1 -p "$port" -U postgres)
pgbench "${connect[@]}" -i -s 1 -q postgres >/dev/null 2>&1

tps() { awk '/^tps/ { print $3 }' | head -1; }
simple=$(taskset -c 1 pgbench "${connect[@]}" -S -c "$clients" -j 1 -T "$seconds" postgres 2>/dev/null | tps)
prepared=$(taskset -c 1 pgbench "${connect[@]}" -S -M prepared -c "$clients" -j 1 -T "$seconds" \
    postgres 2>/dev/null | tps)

cat >"$work/s.toml" <<TOML
name = "postgres-bench"
[engine]
threads = 1
[[workloads]]
name = "select"
postgres = { conninfo = "host=127.0.0.1 port=$port user=postgres dbname=postgres", query = "SELECT abalance FROM pgbench_accounts WHERE aid = \$1", params = ["{rand:1..100000}"] }
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
python3 - "$work/r/summary.json" "$simple" "$prepared" "$clients" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
step = s["steps"][0]
ours, simple, prepared = step["throughput_rps"], float(sys.argv[2]), float(sys.argv[3])
errors = sum(step["errors"].values())
print(f"clients {sys.argv[4]}: pgbench -S {simple:,.0f} TPS, pgbench -S -M prepared {prepared:,.0f} TPS, "
      f"faultline {ours:,.0f} req/s (p50 {step['p50_ms']:.3f} ms, p99 {step['p99_ms']:.3f} ms, "
      f"errors {errors}); ratio {ours / simple:.2f} (prepared: {ours / prepared:.2f})")
PY
