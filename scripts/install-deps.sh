#!/usr/bin/env bash
# Installs every Debian package faultline needs to build, test and benchmark. Idempotent; run as root.
# Usage: scripts/install-deps.sh [--bench]   (--bench adds the peer load generators ab and hey)
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git ca-certificates procps iproute2
    libboost-dev libboost-filesystem-dev
    libpqxx-dev libtomlplusplus-dev libspdlog-dev libfmt-dev catch2 libcli11-dev
    nlohmann-json3-dev libhiredis-dev libexpected-dev
    postgresql-15 redis-server nginx wrk curl
)
[ "${1:-}" = "--bench" ] && packages+=(apache2-utils hey)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
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
echo "install-deps: done"
