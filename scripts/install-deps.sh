#!/usr/bin/env bash
# Installs every Debian package faultline needs to build, test and benchmark. Idempotent; run as root.
# Usage: scripts/install-deps.sh [--bench]   (--bench adds the peer load generators ab and hey)
set -euo pipefail

# Test tools among them: xmllint (libxml2-utils) validates junit.xml against tests/schemas/,
# promtool (prometheus; its daemon is not used) checks the live metrics, chromium (headless)
# opens report.html.
packages=(
    build-essential cmake ninja-build pkg-config git ca-certificates procps iproute2 python3
    libboost-dev libboost-filesystem-dev libssl-dev openssl
    libpqxx-dev libtomlplusplus-dev libspdlog-dev libfmt-dev catch2 libcli11-dev
    nlohmann-json3-dev libhiredis-dev libexpected-dev libxml2-utils zlib1g-dev prometheus
    postgresql-15 redis-server nginx wrk curl
    clang libclang-rt-14-dev chromium
)
[ "${1:-}" = "--bench" ] && packages+=(apache2-utils hey)

# The Node packages of the compatibility tests (tests/compat): Toxiproxy's Node client and
# hdr-histogram-js (decodes histograms.hlog). Installed from the lock file when node and npm are on
# the machine; without them those tests say they were skipped (FAULTLINE_REQUIRE_NODE=1 makes the
# hlog one fail instead).
install_compat_client() {
    local dir=tests/compat
    if [ -f "$dir/node_modules/toxiproxy-node-client/package.json" ] &&
        [ -f "$dir/node_modules/hdr-histogram-js/package.json" ]; then
        return
    fi
    if ! command -v npm >/dev/null; then
        echo "install-deps: npm not found: the Node compatibility tests will be skipped"
        return
    fi
    echo "install-deps: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) ||
        echo "install-deps: npm ci failed: the Node compatibility tests will be skipped" >&2
}
cd "$(dirname "$0")/.."

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    install_compat_client
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_compat_client
echo "install-deps: done"
