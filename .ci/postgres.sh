# Source this file: it starts a throwaway PostgreSQL server for the store tests and exports
# JUESUAN_TEST_PG_URL; `pg_test_stop` stops it and removes its data (set a trap for it).
# The server is Debian's (installed with apt-get when missing and running as root), runs as
# the unprivileged user `postgres` when we are root, listens on 127.0.0.1 on a free port
# chosen here and on a socket in its own temporary folder, and trusts local connections.

pg_test_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

pg_test_start() {
  local bindir port dir run
  bindir="$(pg_test_bindir)"
  if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing PostgreSQL (Debian package postgresql)…"
      apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
      bindir="$(pg_test_bindir)"
    fi
  fi
  if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
    return 1
  fi
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  dir="$(mktemp -d /tmp/juesuan-pg.XXXXXX)"
  run=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bindir/initdb" -D "$dir/data" -U juesuan --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  "${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U juesuan juesuan_test
  PG_TEST_DIR="$dir"
  PG_TEST_BINDIR="$bindir"
  export JUESUAN_TEST_PG_URL="postgresql://juesuan@127.0.0.1:$port/juesuan_test"
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') for the store tests: $JUESUAN_TEST_PG_URL"
}

pg_test_stop() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_TEST_BINDIR/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=""
}
