#!/usr/bin/env bash
# Per-connection TLS cost on PostgreSQL and MariaDB (issue 13): connect + SELECT 1 + close through lexbase's
# own connection code (sqlx 0.9 + rustls, `connect_dedicated`), plaintext against TLS on the
# same server in the same run. (psql, libpq's client, was tried as a peer: its process start-up
# on this shared machine varies by more than the handshake it would show.)
#
# A private PostgreSQL 15 (and, when installed, a private mariadbd) with a self-signed
# certificate is started in a temporary directory on
# a free port, so the shared server's settings do not matter. As root the whole measurement is
# then repeated inside a private network namespace whose loopback route has `quickack 1`: the
# kernel setting that makes the receiving side ACK at once, which is what a client without
# TCP_NODELAY waits for (Nagle waiting out a 40 ms delayed ACK).
#
#   bench/tls.sh            (ROUNDS=N, default 40)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-40}"

if [ "${1:-}" != "--measure" ]; then
  cargo build --release --quiet -p migration --example connect_cost
  bin="$(realpath "${CARGO_TARGET_DIR:-target}")/release/examples/connect_cost"
  echo "## loopback, default route"
  "$0" --measure "$bin"
  if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null; then
    echo
    echo "## loopback with quickack 1 (private network namespace)"
    unshare --net bash -c "ip link set lo up && \
      ip route change local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1 && \
      '$0' --measure '$bin'"
  fi
  exit 0
fi

bin="$2"
pg_bin="${POSTGRES_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}"
work="$(mktemp -d "${TMPDIR:-/tmp}/lexbase-bench-tls.XXXXXX")"
chmod 755 "$work"
my_pid=""
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$my_pid" ]; then kill "$my_pid" 2>/dev/null || true; wait "$my_pid" 2>/dev/null || true; fi
  as_postgres "$pg_bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj /CN=localhost \
  -keyout "$work/server.key" -out "$work/server.crt" 2>/dev/null
chmod 600 "$work/server.key"
[ "$(id -u)" -eq 0 ] && chown -R postgres "$work"
as_postgres "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust >/dev/null
port=$((20000 + RANDOM % 40000))
as_postgres "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w start -o \
  "-p $port -k $work -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$work/server.crt \
   -c ssl_key_file=$work/server.key -c fsync=off" >/dev/null

url="postgres://postgres@127.0.0.1:$port/postgres"
"$bin" --rounds "$rounds" "$url?sslmode=disable" "$url?sslmode=require"

command -v mariadb-install-db >/dev/null || exit 0
mkdir -p "$work/my"
cp "$work/server.crt" "$work/server.key" "$work/my/"
my_user=()
if [ "$(id -u)" -eq 0 ]; then chown -R mysql "$work/my"; my_user=(--user=mysql); fi
mariadb-install-db --no-defaults "${my_user[@]}" --datadir="$work/my/data" \
  --auth-root-authentication-method=normal --skip-test-db >/dev/null 2>&1
my_port=$((20000 + RANDOM % 40000))
/usr/sbin/mariadbd --no-defaults "${my_user[@]}" --datadir="$work/my/data" --port="$my_port" \
  --bind-address=127.0.0.1 --socket="$work/my/mysqld.sock" --pid-file="$work/my/mysqld.pid" \
  --log-error="$work/my/server.log" --ssl-cert="$work/my/server.crt" --ssl-key="$work/my/server.key" \
  >/dev/null 2>&1 &
my_pid=$!
for _ in $(seq 1 120); do
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$my_port" 2>/dev/null && break
  sleep 0.5
done
my_url="mysql://root@127.0.0.1:$my_port/mysql"
"$bin" --rounds "$rounds" "$my_url?ssl-mode=DISABLED" "$my_url?ssl-mode=REQUIRED"
