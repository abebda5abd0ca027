#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build/fuzz and runs each for a bounded
# time from its seed corpus in tests/fuzz/corpus/<target>/. Exits non-zero on any finding (the
# crashing input is left in build/fuzz/findings/).
# Usage: scripts/fuzz.sh [SECONDS]   (per target; default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=build/fuzz

if ! command -v clang++ >/dev/null; then
    echo "fuzz: clang++ is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
fi

# clang 14's -fsanitize=function miscompiles C++20 coroutines ("Cannot represent a difference
# across sections"): every other UBSan check stays on.
cxx_flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=function"
cxx_flags+=" -fno-sanitize-recover=all -fno-omit-frame-pointer -O1"

echo "== fuzz: configuring $build with clang++"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS="$cxx_flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DFAULTLINE_BUILD_FUZZ=ON -DFAULTLINE_BUILD_TESTS=OFF -DFAULTLINE_BUILD_BENCH=OFF -DFAULTLINE_PCH=OFF >/dev/null

targets=(proxy_api_fuzz)
cmake --build "$build" --target "${targets[@]}" -j"$(nproc)"

mkdir -p "$build/findings"
for target in "${targets[@]}"; do
    corpus="tests/fuzz/corpus/${target%_fuzz}"
    work="$build/corpus/${target%_fuzz}"  # grows as the fuzzer finds new paths; the seeds stay as they are
    mkdir -p "$work"
    echo "== fuzz: $target for ${seconds}s (seeds: $corpus)"
    log="$build/$target.log"
    set +e
    "$build/bin/$target" "$work" "$corpus" \
        -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$build/findings/$target-" -print_final_stats=1 >"$log" 2>&1
    status=$?
    set -e
    grep -v '^#[0-9]' "$log" | tail -n 25
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $target found a problem (exit $status); inputs in $build/findings/" >&2
        exit 1
    fi
done
echo "== fuzz: no findings"
