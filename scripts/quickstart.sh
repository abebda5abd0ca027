#!/usr/bin/env bash
# Installs what is missing, builds faultline (release) and runs the quickstart scenario against
# the bundled sample service. Run from anywhere, as root on a fresh Debian 12 machine.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target faultline faultline-sample
exec build/release/bin/faultline run scenarios/quickstart.toml "$@"
