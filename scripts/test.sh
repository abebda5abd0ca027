#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: unit and integration tests
# (real sockets, processes, nginx) on a debug build, then the unit tests under ASan+UBSan, then
# the libFuzzer target of the proxy's HTTP API for a bounded time.
# Run from anywhere, as root on a fresh Debian 12 machine. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
# The hdr-histogram-js decode test must run here, not skip (install-deps installs the package).
export FAULTLINE_REQUIRE_NODE=1
# So must the headless Chromium check of report.html (install-deps installs chromium).
export FAULTLINE_REQUIRE_BROWSER=1

scripts/install-deps.sh

echo "== debug build"
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$jobs"

echo "== unit tests"
ctest --preset dev -L unit -j"$jobs"

echo "== integration tests"
ctest --preset dev -L integration

echo "== unit tests under ASan+UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$jobs" --target unit_tests
ctest --preset asan -L unit -j"$jobs"

echo "== fuzzing the proxy's control API (bounded)"
scripts/fuzz.sh "${FAULTLINE_FUZZ_SECONDS:-60}"

echo "== all tests passed"
