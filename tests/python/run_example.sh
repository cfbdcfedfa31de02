#!/usr/bin/env bash
# Runs the Python example client against a real fasciad with the demo
# organization: it must find a slot, book it (and not twice on retry), and
# read it back. Usage: run_example.sh FASCIAD PYTHON_GEN_DIR EXAMPLE_SCRIPT
set -euo pipefail
fasciad=$1 gen=$2 example=$3
work=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$fasciad" --listen=127.0.0.1:$port --data-dir="$work" --seed-demo --log-level=warning 2>"$work/log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  "$fasciad" healthcheck --listen=127.0.0.1:$port 2>/dev/null && break
  sleep 0.2
done
key="$work/demo-owner.key"
out=$(PYTHONPATH="$gen" /usr/bin/python3 "$example" --server 127.0.0.1:$port --api-key-file "$key" \
  --location organizations/demo/locations/london --service organizations/demo/services/swedish-60 \
  --client organizations/demo/clients/dana --days 8)
echo "$out"
echo "$out" | grep -q '^booked organizations/demo/locations/london/appointments/' || exit 1
echo "$out" | grep -q 'status BOOKED' || exit 1
# A refused request reports the reason and the bad field.
if PYTHONPATH="$gen" /usr/bin/python3 "$example" --server 127.0.0.1:$port --api-key-file "$key" \
  --location organizations/demo/locations/london --service not-a-name \
  --client organizations/demo/clients/dana 2>"$work/err"; then
  echo "expected the bad service name to be refused"; exit 1
fi
grep -q 'INVALID_ARGUMENT' "$work/err" && grep -q 'field service' "$work/err" || { cat "$work/err"; exit 1; }
# Without a key the server refuses, and says why.
if PYTHONPATH="$gen" /usr/bin/python3 "$example" --server 127.0.0.1:$port \
  --location organizations/demo/locations/london --service organizations/demo/services/swedish-60 \
  --client organizations/demo/clients/dana 2>"$work/err"; then
  echo "expected a call without an API key to be refused"; exit 1
fi
grep -q 'UNAUTHENTICATED' "$work/err" || { cat "$work/err"; exit 1; }
