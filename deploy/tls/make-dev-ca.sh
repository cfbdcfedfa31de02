#!/usr/bin/env bash
# make-dev-ca.sh: a throwaway certificate authority for trying fasciad's TLS
# and mutual TLS on one machine. FOR LOCAL TESTING ONLY: the CA key sits
# unencrypted next to the certificates, so anyone who can read DIR can mint
# certificates this CA vouches for. Production certificates come from the
# clinic's PKI (see README.md).
#
#   deploy/tls/make-dev-ca.sh [--force] DIR
#
# Creates in DIR (made if missing):
#   ca.pem / ca.key          the CA (CN "Fascia dev CA")
#   server.pem / server.key  for fasciad: SAN DNS:localhost, IP:127.0.0.1
#   client.pem / client.key  for mTLS clients: CN fasciactl
# Keys are mode 0600, certificates 0644; all valid for 365 days.
# Refuses (exit 1, nothing touched) if any of these files exist, unless
# --force. Prints the fasciad config block that uses them. Needs `openssl`.
set -euo pipefail

usage() { echo "usage: $0 [--force] DIR" >&2; exit 2; }

force=false
dir=
for arg in "$@"; do
  case $arg in
    --force) force=true ;;
    -h|--help) usage ;;
    -*) echo "$0: unknown option $arg" >&2; usage ;;
    *) [ -z "$dir" ] || usage; dir=$arg ;;
  esac
done
[ -n "$dir" ] || usage
command -v openssl >/dev/null || { echo "$0: openssl not found" >&2; exit 1; }

files=(ca.pem ca.key server.pem server.key client.pem client.key)
if ! $force; then
  existing=()
  for f in "${files[@]}"; do [ ! -e "$dir/$f" ] || existing+=("$dir/$f"); done
  if [ ${#existing[@]} -gt 0 ]; then
    echo "$0: refusing to overwrite ${existing[*]} (use --force)" >&2
    exit 1
  fi
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)  # absolute, so the printed config works from anywhere
# Build everything in a scratch directory inside DIR and move it into place
# only at the end: a failure halfway leaves DIR as it was, and the keys are
# never readable by others, not even briefly (umask).
umask 077
work=$(mktemp -d "$dir/.make-dev-ca.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Our own minimal OpenSSL config, so the result does not depend on the
# distribution's openssl.cnf (whose default extensions vary).
cat > "$work/openssl.cnf" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

# P-256 keys (so keyUsage is digitalSignature, not keyEncipherment): accepted
# by gRPC (C++, Go, Python), grpcurl and browsers, and quick to generate.
new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
# A random serial: two dev CAs (or two runs with --force) never issue
# certificates that a client could confuse.
serial() { echo "0x$(openssl rand -hex 16)"; }

new_key "$work/ca.key"
openssl req -new -x509 -config "$work/openssl.cnf" -extensions ca -key "$work/ca.key" \
  -subj "/O=Fascia development/CN=Fascia dev CA" -days 365 -set_serial "$(serial)" \
  -out "$work/ca.pem"

# sign NAME CN EXTENSIONS: NAME.key + NAME.pem signed by the CA.
sign() {
  new_key "$work/$1.key"
  openssl req -new -config "$work/openssl.cnf" -key "$work/$1.key" \
    -subj "/O=Fascia development/CN=$2" -out "$work/$1.csr"
  openssl x509 -req -in "$work/$1.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" \
    -set_serial "$(serial)" -days 365 -extfile "$work/openssl.cnf" -extensions "$3" \
    -out "$work/$1.pem" 2>/dev/null
  openssl verify -CAfile "$work/ca.pem" "$work/$1.pem" >/dev/null
}
sign server localhost server
sign client fasciactl client

chmod 0600 "$work"/*.key
chmod 0644 "$work"/*.pem
for f in "${files[@]}"; do mv -f "$work/$f" "$dir/$f"; done

cat <<EOF
Wrote $dir/{ca,server,client}.{pem,key} (local testing only).

fasciad config (fascia.config.v1.ServerConfig text format):

tls {
  cert_file: "$dir/server.pem"
  key_file: "$dir/server.key"
  # Optional: require clients to present a certificate signed by this CA (mTLS).
  client_ca_file: "$dir/ca.pem"
}

Clients trust $dir/ca.pem; for mTLS they present
$dir/client.pem with $dir/client.key.
EOF
