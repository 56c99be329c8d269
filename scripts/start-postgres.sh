#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests.
#
#   scripts/start-postgres.sh [start] [DIR]   fresh cluster in DIR (default build/pg), prints its URL
#   scripts/start-postgres.sh stop [DIR]      stops it and deletes its data
#
# The server listens on 127.0.0.1 (a free port) and on a unix socket in its data directory, trusts
# local connections (test data only), and holds one database, riskloop_test. The URL is printed on
# stdout and kept in DIR/url; progress goes to stderr. Run as root, the server runs as the postgres
# user (PostgreSQL refuses to run as root).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DATABASE=riskloop_test

command=start
case "${1:-}" in
  start | stop) command=$1; shift ;;
esac
dir=${1:-build/pg}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

say() { echo "start-postgres: $*" >&2; }

# Runs a PostgreSQL program as the server's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The data directory: DIR/data, unless the postgres user cannot reach DIR (a root-only home, say);
# then a private directory under /tmp, recorded in DIR/cluster.
cluster_dir() {
  if [[ -f $dir/cluster ]]; then cat "$dir/cluster"; else echo "$dir/data"; fi
}

stop() {
  local data
  data=$(cluster_dir)
  if [[ -f $data/postmaster.pid ]]; then
    say "stopping the server in $data"
    as_owner "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$data" "$dir/cluster" "$dir/url"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  [[ -x $PG_BIN/postgres ]] || { say "$PG_BIN/postgres not found (install postgresql-15)"; exit 1; }
  stop
  local data=$dir/data user
  user=$(id -un)
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { say "there is no postgres user (install postgresql-15)"; exit 1; }
    mkdir -p "$data"
    chown postgres: "$data"
    chmod 700 "$data"
    if ! runuser -u postgres -- test -w "$data"; then
      rmdir "$data"
      data=$(mktemp -d /tmp/riskloop-pg.XXXXXX)
      chown postgres: "$data"
      echo "$data" >"$dir/cluster"
    fi
  fi
  if (( ${#data} > 90 )); then
    say "note: $data is too long a path for a unix socket; use the TCP URL"
  fi

  say "initdb in $data (superuser $user, trust authentication)"
  as_owner "$PG_BIN/initdb" -D "$data" --username="$user" --auth=trust --encoding=UTF8 \
    --locale=C --no-instructions >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }

  # Durability settings off: the cluster lives only as long as one test run.
  local settings="-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
  settings+=" -c full_page_writes=off -c max_connections=200"
  local port attempt
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" && continue
    if as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "$settings -p $port -k '$data'" start >/dev/null; then
      local url="postgresql://$user@127.0.0.1:$port/$DATABASE"
      "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$DATABASE"
      echo "$url" >"$dir/url"
      say "server on 127.0.0.1:$port and socket $data/.s.PGSQL.$port; stop: $0 stop $dir"
      echo "$url"
      return
    fi
    say "port $port did not work (attempt $attempt), trying another"
  done
  tail -n 20 "$data/server.log" >&2 || true
  say "could not start PostgreSQL"
  exit 1
}

"$command"
