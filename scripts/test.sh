#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: the integration tests (real
# sockets, processes, nginx, PostgreSQL, Redis) on a debug build, then every unit test under
# ASan+UBSan, then the libFuzzer target of the proxy's HTTP API for a bounded time.
# Run from anywhere, as root on a fresh Debian 12 machine. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
# The hdr-histogram-js decode test must run here, not skip (install-deps installs the package).
export FAULTLINE_REQUIRE_NODE=1
# So must the headless Chromium check of report.html (install-deps installs chromium).
export FAULTLINE_REQUIRE_BROWSER=1

scripts/install-deps.sh

# Line tables are enough for test failures and sanitizer reports, and -g1 compiles ~10 % faster
# than -g (it stays in the build folders' cache: `cmake --preset dev -DCMAKE_CXX_FLAGS_DEBUG=-g`
# brings full debug info back).
debug_info=(-DCMAKE_CXX_FLAGS_DEBUG=-g1)

echo "== debug build (what the integration tests run)"
cmake --preset dev "${debug_info[@]}" >/dev/null
cmake --build --preset dev -j"$jobs" --target integration_tests

echo "== integration tests"
ctest --preset dev -L integration

echo "== unit tests under ASan+UBSan"
cmake --preset asan "${debug_info[@]}" >/dev/null
cmake --build --preset asan -j"$jobs" --target unit_tests
ctest --preset asan -L unit -j"$jobs"

echo "== fuzzing the proxy's control API (bounded)"
scripts/fuzz.sh "${FAULTLINE_FUZZ_SECONDS:-60}"

echo "== all tests passed"
