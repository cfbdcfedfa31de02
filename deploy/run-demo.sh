#!/usr/bin/env bash
# Quick start: installs what is missing, builds fasciad, and serves on
# 127.0.0.1:50051 with an embedded SQLite database under ./data, seeding the
# demo organization ("organizations/demo") on first start. Ctrl-C stops it.
#
# Extra arguments are passed to fasciad (e.g. --listen=0.0.0.0:50051).
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target fasciad fasciactl fascia-plugin-host fascia_prenatal fascia_sports \
  fascia_lymphatic -j"$(nproc)"
exec ./build/server/app/fasciad --config=deploy/demo.textproto --listen=127.0.0.1:50051 --data_dir=./data --seed_demo "$@"
