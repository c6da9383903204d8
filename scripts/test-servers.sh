#!/usr/bin/env bash
# Runs a command (the test suite) against PostgreSQL and MariaDB, starting private servers
# when none answers.
#
#   scripts/test-servers.sh COMMAND [ARGS...]
#
# For each of TEST_POSTGRES_URL and TEST_MYSQL_URL (defaults: the local servers on 5432 and
# 3306): if something accepts connections at its host and port, it is used as it is (the
# normal case; the probe is one local connect). Otherwise, when the server binaries are
# installed, a private instance is initialised in a temporary directory, started on a free
# loopback port, and the variable is pointed at it for COMMAND. The instances are stopped and
# the directory removed when COMMAND ends, fails or is interrupted. When a server is needed
# and its binaries are missing, one line says what to install, and the exit status is 1.
# As root the servers run as the `postgres` / `mysql` system users (initdb refuses root).
# The binaries are looked for in the newest /usr/lib/postgresql/*/bin (or POSTGRES_BINDIR) and
# on PATH and /usr/sbin (or MARIADB_BINDIR). The exit status is COMMAND's.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/test-servers.sh COMMAND [ARGS...]" >&2
  exit 2
fi

: "${TEST_POSTGRES_URL:=postgres://postgres@127.0.0.1:5432/postgres}"
: "${TEST_MYSQL_URL:=mysql://root@127.0.0.1:3306/mysql}"

# host and port of a URL (scheme://[user[:password]@]host[:port]/...), default port $2.
host_of() { [[ "$1" =~ ^[a-z]+://([^@/]*@)?(\[[^]/]*\]|[^:/?]*) ]] && echo "${BASH_REMATCH[2]:-127.0.0.1}"; }
port_of() { if [[ "$1" =~ ^[a-z]+://([^@/]*@)?(\[[^]/]*\]|[^:/?]*):([0-9]+) ]]; then echo "${BASH_REMATCH[3]}"; else echo "$2"; fi; }

# Whether something accepts TCP connections at host $1, port $2 (within a second).
answers() { timeout 1 bash -c "exec 3<>'/dev/tcp/${1//[\[\]]/}/$2'" 2>/dev/null; }

# A loopback port nothing listens on.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! answers 127.0.0.1 "$port"; then echo "$port"; return; fi
  done
  echo "test-servers: no free loopback port found" >&2
  return 1
}

# Runs "$@" as system user $1 when root (a user that exists, else nobody), else as is.
as_user() {
  local user="$1"; shift
  if [ "$(id -u)" -ne 0 ]; then "$@"; return; fi
  id "$user" >/dev/null 2>&1 || user=nobody
  runuser -u "$user" -- "$@"
}
owner() { if [ "$(id -u)" -eq 0 ]; then if id "$1" >/dev/null 2>&1; then echo "$1"; else echo nobody; fi; else id -un; fi; }

WORK=""
PG_DATA=""
PG_BIN=""
MY_PID=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$PG_DATA" ]; then
    as_user postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    # A Ctrl-C reaches the server too; let its own shutdown finish before removing its files.
    for _ in $(seq 1 100); do [ -e "$PG_DATA/postmaster.pid" ] || break; sleep 0.1; done
  fi
  if [ -n "$MY_PID" ]; then
    kill "$MY_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$MY_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$MY_PID" 2>/dev/null || true
  fi
  if [ -n "$WORK" ]; then rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

workdir() {
  if [ -z "$WORK" ]; then
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/lexbase-test-servers.XXXXXX")"
    chmod 755 "$WORK"
  fi
}

start_postgres() {
  PG_BIN="${POSTGRES_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    echo "No PostgreSQL answers at $1:$2 and its server is not installed: apt-get install -y postgresql (or set TEST_POSTGRES_URL)" >&2
    exit 1
  fi
  workdir
  local port user
  port="$(free_port)"
  user="$(owner postgres)"
  mkdir -p "$WORK/pg"
  chown "$user" "$WORK/pg"
  PG_DATA="$WORK/pg/data"
  as_user postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/pg/initdb.log" 2>&1 \
    || { cat "$WORK/pg/initdb.log" >&2; echo "test-servers: initdb failed" >&2; exit 1; }
  # Durability off: these databases are thrown away.
  as_user postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/server.log" -w -t 60 start \
    -o "-p $port -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
    || { cat "$WORK/pg/server.log" >&2; echo "test-servers: PostgreSQL did not start" >&2; exit 1; }
  export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "test-servers: private PostgreSQL on 127.0.0.1:$port (data in $PG_DATA)" >&2
}

start_mariadb() {
  local install server
  local dirs="${MARIADB_BINDIR:-$PATH:/usr/sbin:/usr/bin}"
  install="$(PATH="$dirs" command -v mariadb-install-db || PATH="$dirs" command -v mysql_install_db || true)"
  server="$(PATH="$dirs" command -v mariadbd || PATH="$dirs" command -v mysqld || true)"
  if [ -z "$install" ] || [ -z "$server" ]; then
    echo "No MariaDB answers at $1:$2 and its server is not installed: apt-get install -y mariadb-server (or set TEST_MYSQL_URL)" >&2
    exit 1
  fi
  workdir
  local port user data
  port="$(free_port)"
  user="$(owner mysql)"
  data="$WORK/my/data"
  mkdir -p "$data"
  chown -R "$user" "$WORK/my"
  local as=()
  if [ "$(id -u)" -eq 0 ]; then as=(--user="$user"); fi
  "$install" --no-defaults "${as[@]}" --datadir="$data" --auth-root-authentication-method=normal \
    --skip-test-db >"$WORK/my/install.log" 2>&1 \
    || { cat "$WORK/my/install.log" >&2; echo "test-servers: mariadb-install-db failed" >&2; exit 1; }
  "$server" --no-defaults "${as[@]}" --datadir="$data" --port="$port" --bind-address=127.0.0.1 \
    --socket="$WORK/my/mysqld.sock" --pid-file="$WORK/my/mysqld.pid" --log-error="$WORK/my/server.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci --max-connections=600 \
    --innodb-flush-log-at-trx-commit=0 >"$WORK/my/stderr.log" 2>&1 &
  MY_PID=$!
  for _ in $(seq 1 120); do
    if answers 127.0.0.1 "$port"; then break; fi
    if ! kill -0 "$MY_PID" 2>/dev/null; then break; fi
    sleep 0.5
  done
  if ! answers 127.0.0.1 "$port"; then
    cat "$WORK/my/server.log" >&2 || true
    echo "test-servers: MariaDB did not start" >&2
    exit 1
  fi
  export TEST_MYSQL_URL="mysql://root@127.0.0.1:$port/mysql"
  echo "test-servers: private MariaDB on 127.0.0.1:$port (data in $data)" >&2
}

pg_host="$(host_of "$TEST_POSTGRES_URL")"; pg_port="$(port_of "$TEST_POSTGRES_URL" 5432)"
my_host="$(host_of "$TEST_MYSQL_URL")"; my_port="$(port_of "$TEST_MYSQL_URL" 3306)"
answers "$pg_host" "$pg_port" || start_postgres "$pg_host" "$pg_port"
answers "$my_host" "$my_port" || start_mariadb "$my_host" "$my_port"
export TEST_POSTGRES_URL TEST_MYSQL_URL

# Not exec: the trap must stop the servers when the command ends.
status=0
"$@" || status=$?
exit "$status"
