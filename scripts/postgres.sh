#!/usr/bin/env bash
# A local PostgreSQL for UnitGrains, in a data folder of its own, on a loopback port.
#   scripts/postgres.sh start    install (Debian, as root) if absent, initdb once, start; prints the connection string
#   scripts/postgres.sh stop     stop it (the data stays)
#   scripts/postgres.sh url      print the connection string (ConnectionStrings__UnitGrains)
#   scripts/postgres.sh status   is it running?
#   scripts/postgres.sh destroy  stop it and delete the data folder
# Settings: UNITGRAINS_PGDATA (default <repo>/.pgdata), UNITGRAINS_PGPORT (default 55432); at initdb also
# UNITGRAINS_PGLISTEN (addresses to listen on, default 127.0.0.1) and UNITGRAINS_PGALLOW (a network
# allowed to connect besides loopback, e.g. the bridge of the network-namespace tests' silos).
# The server refuses to run as root, so as root it runs as the 'postgres' user. The database user's
# password is generated at initdb and kept in the data folder, never written in the repository.
set -euo pipefail

# Daemons started here outlive this script: they must not inherit descriptors its caller holds
# open (a lock a build serialises on, a pipe a test reads). 255 is bash's own copy of the script.
for fd in /proc/$$/fd/*; do fd=${fd##*/}; if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi; done
repo="$(cd "$(dirname "$0")/.." && pwd)"
data="${UNITGRAINS_PGDATA:-$repo/.pgdata}"
port="${UNITGRAINS_PGPORT:-55432}"
db=unitgrains
user=unitgrains
secret="$data/unitgrains.password"

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -z "$dir" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing postgresql (apt-get)…" >&2
    (apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null; }) >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  fi
  [ -n "$dir" ] || { echo "PostgreSQL is not installed (Debian: apt-get install -y postgresql)" >&2; exit 1; }
  echo "$dir"
}

# Runs a server command as an unprivileged user when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {
  echo "Host=127.0.0.1;Port=$port;Database=$db;Username=$user;Password=$(cat "$secret");Maximum Pool Size=50"
}

running() {
  [ -f "$data/postmaster.pid" ] && as_owner "$(bin_dir)/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
  local bin; bin=$(bin_dir)
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
    chmod 700 "$data"
    local pw; pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    local pwfile; pwfile=$(mktemp); echo "$pw" > "$pwfile"; chmod 644 "$pwfile"
    as_owner "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    echo "$pw" > "$secret"; chmod 600 "$secret"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$secret"
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '${UNITGRAINS_PGLISTEN:-127.0.0.1}'
port = $port
unix_socket_directories = '$data'
max_connections = 300
shared_buffers = 256MB
fsync = on
CONF
    if [ -n "${UNITGRAINS_PGALLOW:-}" ]; then
      echo "host all all ${UNITGRAINS_PGALLOW} scram-sha-256" >> "$data/pg_hba.conf"
    fi
  fi
  if ! running; then
    as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null
    PGPASSWORD=$(cat "$secret") "$bin/psql" -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
      || PGPASSWORD=$(cat "$secret") "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$db"
  fi
  url
}

case "${1:-}" in
  start) start ;;
  stop) if running; then as_owner "$(bin_dir)/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi ;;
  url) url ;;
  status) if running; then echo "running on 127.0.0.1:$port ($data)"; else echo "stopped"; exit 3; fi ;;
  destroy) if running; then as_owner "$(bin_dir)/pg_ctl" -D "$data" -m immediate -w stop >/dev/null; fi; rm -rf "$data" ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
