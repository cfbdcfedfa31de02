#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the storage tests.
#
#   pg_throwaway.sh start DIR          fresh cluster in DIR; URL of database fascia_test in DIR/url
#   pg_throwaway.sh createdb DIR NAME  another empty database; prints its URL
#   pg_throwaway.sh stop DIR           stop the cluster and remove DIR
#
# The cluster listens on 127.0.0.1 only (a free port is picked), with trust
# authentication and fsync off: for tests, never for data. The one exception
# to trust: members of the NOLOGIN role fascia_password_auth must give their
# password (scram-sha-256 over TCP), so a test can prove that fasciad
# authenticates with a password (CREATE ROLE ... PASSWORD ... IN ROLE
# fascia_password_auth; superusers are never members). PostgreSQL refuses
# to run as root, so as root the server runs as the `postgres` user (override
# with PG_THROWAWAY_USER). PostgreSQL binaries are found via PG_BINDIR,
# pg_config, or /usr/lib/postgresql/*/bin.
#
# With FASCIA_SKIP_POSTGRES=1, start and stop do nothing and succeed (the
# tests then skip their PostgreSQL cases instead of failing).
set -euo pipefail

die() { echo "pg_throwaway: $*" >&2; exit 1; }

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" ]]; then echo "$dir"; return; fi
  done
  if command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    pg_config --bindir; return
  fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  die "no PostgreSQL server binaries (initdb) found; install postgresql or set PG_BINDIR"
}

# Runs a command as the cluster owner.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u "$OWNER" -- "$@"
  else
    "$@"
  fi
}

# The cluster data lives in DIR/data when the owner can reach DIR; otherwise
# (e.g. DIR below a directory only root may enter) in a temporary directory
# recorded in DIR/datadir.
data_dir_of() { cat "$1/datadir" 2>/dev/null || true; }

stop_cluster() {
  local dir=$1 data
  data=$(data_dir_of "$dir")
  if [[ -n "$data" && -f "$data/postmaster.pid" ]]; then
    as_owner "$BINDIR/pg_ctl" stop -D "$data" -m fast -w -t 30 >/dev/null 2>&1 ||
      as_owner "$BINDIR/pg_ctl" stop -D "$data" -m immediate -w >/dev/null 2>&1 || true
  fi
  if [[ -n "$data" && "$data" != "$dir/data" ]]; then rm -rf "$(dirname "$data")"; fi
  if [[ -f "$dir/sockdir" ]]; then rm -rf "$(cat "$dir/sockdir")"; fi
  rm -rf "$dir"
}

start() {
  local dir=$1
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  stop_cluster "$dir"  # left over from an interrupted run
  mkdir -p "$dir"
  local data=$dir/data
  if [[ "$(id -u)" == 0 ]]; then
    chown "$OWNER" "$dir"
    if ! runuser -u "$OWNER" -- test -w "$dir" -a -x "$dir"; then
      data=$(mktemp -d /tmp/fascia-pg.XXXXXX)/data
      chown "$OWNER" "$(dirname "$data")"
    fi
  fi
  echo "$data" >"$dir/datadir"
  # Unix socket paths are limited to ~107 bytes, and the owner must be able
  # to write the socket directory.
  local sockdir=$dir
  if [[ "$data" != "$dir/data" ]]; then
    sockdir=$(dirname "$data")
  elif (( ${#sockdir} > 80 )); then
    sockdir=$(mktemp -d /tmp/fascia-pgsock.XXXXXX)
    echo "$sockdir" >"$dir/sockdir"
    if [[ "$(id -u)" == 0 ]]; then chown "$OWNER" "$sockdir"; fi
  fi

  as_owner "$BINDIR/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  # First match wins, so this rule goes before initdb's trust lines. The
  # rewrite keeps the file (its owner and mode), whoever runs this script.
  local hba
  hba=$(cat "$data/pg_hba.conf")
  printf '%s\n%s\n' "host all +fascia_password_auth 127.0.0.1/32 scram-sha-256" "$hba" \
    >"$data/pg_hba.conf"

  local port attempt
  for attempt in $(seq 1 20); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if as_owner "$BINDIR/pg_ctl" start -D "$data" -w -t 60 -l "$data/server.log" \
         -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$sockdir \
             -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
             -c max_connections=200 -c password_encryption=scram-sha-256" \
         >/dev/null 2>&1; then
      local url="postgresql://postgres@127.0.0.1:$port/fascia_test"
      "$BINDIR/createdb" -h 127.0.0.1 -p "$port" -U postgres fascia_test ||
        die "createdb fascia_test failed"
      "$BINDIR/createuser" -h 127.0.0.1 -p "$port" -U postgres --no-login fascia_password_auth ||
        die "createuser fascia_password_auth failed"
      echo "$url" >"$dir/url"
      echo "pg_throwaway: $("$BINDIR/postgres" --version) at $url"
      return 0
    fi
    # Most likely the port was taken; the log says if not.
    tail -n 3 "$data/server.log" >&2 2>/dev/null || true
  done
  die "could not start PostgreSQL (see $data/server.log)"
}

createdb() {
  local dir=$1 name=$2 url port
  url=$(cat "$dir/url") || die "no cluster in $dir (run start first)"
  port=${url##*:}; port=${port%%/*}
  "$BINDIR/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
  echo "${url%/*}/$name"
}

main() {
  [[ $# -ge 2 ]] || die "usage: $0 start|stop DIR | createdb DIR NAME"
  local cmd=$1 dir=$2
  if [[ "${FASCIA_SKIP_POSTGRES:-}" == 1 && "$cmd" != createdb ]]; then
    echo "pg_throwaway: FASCIA_SKIP_POSTGRES=1, not managing PostgreSQL"
    return 0
  fi
  OWNER=${PG_THROWAWAY_USER:-postgres}
  BINDIR=$(find_bindir)
  case "$cmd" in
    start) start "$dir" ;;
    stop) stop_cluster "$dir" ;;
    createdb) [[ $# -eq 3 ]] || die "usage: $0 createdb DIR NAME"; createdb "$dir" "$3" ;;
    *) die "unknown command $cmd" ;;
  esac
}

main "$@"
