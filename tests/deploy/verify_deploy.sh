#!/usr/bin/env bash
# Checks the deployment files against the build: the systemd unit passes
# `systemd-analyze verify` (where systemd is installed), every fasciad config
# shipped in deploy/ passes `fasciad --check-config`, the YAML files parse,
# and the container build uses the same install script as developers.
# Usage: verify_deploy.sh REPO_ROOT FASCIAD_BINARY
set -euo pipefail
root=$1
fasciad=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Config files: the documented example, the container's, and the one inside
# the Kubernetes ConfigMap.
"$fasciad" --check-config "$root/deploy/fasciad.textproto" >/dev/null || fail "deploy/fasciad.textproto"
"$fasciad" --check-config "$root/deploy/container/fasciad.textproto" >/dev/null ||
  fail "deploy/container/fasciad.textproto"
"$fasciad" --check-config "$root/deploy/demo.textproto" >/dev/null || fail "deploy/demo.textproto"

if python3 -c 'import yaml' 2>/dev/null; then
  for f in "$root"/deploy/k8s/*.yaml "$root"/deploy/container/compose.yaml; do
    python3 -c 'import sys, yaml; list(yaml.safe_load_all(open(sys.argv[1])))' "$f" || fail "YAML: $f"
  done
  python3 - "$root/deploy/k8s/configmap.yaml" > "$work/k8s.textproto" <<'PY'
import sys, yaml
print(yaml.safe_load(open(sys.argv[1]))["data"]["fasciad.textproto"])
PY
  "$fasciad" --check-config "$work/k8s.textproto" >/dev/null || fail "ConfigMap fasciad.textproto"
else
  echo "python3-yaml not installed: YAML syntax not checked"
fi

grep -q 'bash deploy/install-deps.sh' "$root/deploy/container/Dockerfile" ||
  fail "the Dockerfile must build with deploy/install-deps.sh"
grep -q 'USER fascia' "$root/deploy/container/Dockerfile" || fail "the image must not run as root"

if command -v systemd-analyze >/dev/null; then
  # verify needs the ExecStart binary to exist: point the unit at this build.
  sed "s|/usr/local/bin/fasciad|$fasciad|g" "$root/deploy/systemd/fasciad.service" > "$work/fasciad.service"
  out=$(systemd-analyze verify "$work/fasciad.service" 2>&1 || true)
  # Messages about the host (no systemd running in a container) are not ours.
  ours=$(echo "$out" | grep 'fasciad.service' || true)
  [ -z "$ours" ] || fail "systemd-analyze verify: $ours"
else
  echo "systemd-analyze not installed: unit not verified"
fi
echo "deploy files OK"
