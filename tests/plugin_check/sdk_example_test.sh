#!/usr/bin/env bash
# The SDK README's walkthrough, as an integrator runs it: configure and build
# plugins/sdk/example as a standalone CMake project against plugins/sdk, then
# run fascia-plugin-check on the result with its golden cases.
#   sdk_example_test.sh SOURCE_ROOT CHECKER HOST
set -euo pipefail
src=$1 checker=$2 host=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$src/plugins/sdk/example" -B "$work/build" -G Ninja \
  -DFASCIA_SDK_DIR="$src/plugins/sdk" >/dev/null
cmake --build "$work/build" -j2 >/dev/null
"$checker" "$work/build/reflexology.so" --golden "$src/plugins/sdk/example/golden.textproto" \
  --host "$host" --calls 50
