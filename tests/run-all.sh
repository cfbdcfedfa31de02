#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds everything, and runs
# every test through CTest (which starts and stops a throwaway PostgreSQL on
# loopback for the tests that need one). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 600
