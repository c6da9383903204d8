#!/usr/bin/env bash
# API benchmark on PostgreSQL: requests/s and latency for GET /health, an authenticated
# GET /clients/{id} and POST /research-queries at 32 connections, with `pgbench -S` at the same
# concurrency as the ceiling and the read's ratio to it; /health latency during 50 concurrent
# logins; idle resident memory; the cost of scraping /metrics (throughput with and without a
# scraper, alternating runs); the cost of DATABASE_POOLER=transaction (the read direct, direct
# with the setting, and through a private PgBouncer in transaction mode with it).
#
#   bash bench/api.sh            # needs wrk, pgbench and pgbouncer (apt-get install wrk pgbouncer)
#
# Sends traffic to 127.0.0.1 only, bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

PG=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
DB=lexbase_bench_api
PORT=${BENCH_PORT:-18080}
METRICS_PORT=$((PORT + 1))
DURATION=${BENCH_DURATION:-10s}
CONNS=32
PASSWORD="bench-password-0123456789"
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | head -n 1)
PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$PGBOUNCER" ] || { echo "pgbouncer is missing: apt-get install -y pgbouncer" >&2; exit 1; }

cargo build --release -q -p migration -p seed -p api
BIN=${CARGO_TARGET_DIR:-target}/release
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export DATABASE_URL="$PG/$DB"
$BIN/migration up >/dev/null
SEED_DEFAULT_PASSWORD=$PASSWORD $BIN/seed >/dev/null

PORT=$PORT HOST=127.0.0.1 METRICS_ADDR=127.0.0.1:$METRICS_PORT LOG_FORMAT=json RUST_LOG=warn \
  $BIN/api &
API=$!
PIDS=($API)
WORK=$(mktemp -d)
cleanup() {
  kill "${PIDS[@]}" 2>/dev/null || true
  wait "${PIDS[@]}" 2>/dev/null || true
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS lexbase_bench_pgbench" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
sleep 1
echo "== idle resident memory"
echo "api RSS: $(($(awk '/VmRSS/ {print $2}' /proc/$API/status) / 1024)) MiB"

TOKEN=$(curl -sf -H 'content-type: application/json' \
  -d "{\"email\":\"amit.sharma@legalindia.ai\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$PORT/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/')
CLIENT=$(curl -sf -H "authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/clients" \
  | sed -E 's/^\[\{"id":([0-9]+).*/\1/')

LUA=$WORK
cat > "$LUA/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["authorization"] = "Bearer $TOKEN"
wrk.body = '{"query_text": "adverse possession of agricultural land in Maharashtra"}'
LUA
cat > "$LUA/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.body = '{"email": "priya.patel@legalindia.ai", "password": "$PASSWORD"}'
LUA

run() { echo "== $1"; shift; wrk --latency -t2 -c$CONNS -d"$DURATION" "$@" | tee "$WORK/last.txt" | grep -E "Requests/sec|  50%|  99%|Non-2xx"; }
rps() { awk '/Requests\/sec/ {print $2}' "$WORK/last.txt"; }
run "GET /health" "http://127.0.0.1:$PORT/health"
run "GET /clients/$CLIENT (authenticated)" -H "authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/clients/$CLIENT"
READ=$(rps)
run "POST /research-queries" -s "$LUA/post.lua" "http://127.0.0.1:$PORT/research-queries"

echo "== GET /health during 50 concurrent logins"
wrk -t1 -c50 -d"$DURATION" -s "$LUA/login.lua" "http://127.0.0.1:$PORT/auth/login" > "$LUA/logins.txt" &
LOGINS=$!
sleep 1
wrk --latency -t1 -c4 -d5s "http://127.0.0.1:$PORT/health" | grep -E "Requests/sec|  50%|  99%"
wait $LOGINS
grep -E "Requests/sec" "$LUA/logins.txt" | sed 's/^/logins: /'

echo "== scrape cost: GET /clients/$CLIENT with and without scraping /metrics every second"
# Prometheus scrapes every 15 s by default; once a second is 15 times harsher. Runs alternate
# (off, on, off, on) so drift in the machine's load falls on both sides.
SCRAPE_DURATION=${BENCH_SCRAPE_DURATION:-10s}
rate() { wrk -t2 -c$CONNS -d"$SCRAPE_DURATION" -H "authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT/clients/$CLIENT" | awk '/Requests\/sec/ {print $2}'; }
scraper() { while :; do curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" >/dev/null; sleep 1; done; }
OFF=(); ON=()
for _ in 1 2; do
  OFF+=("$(rate)")
  scraper & SCRAPER=$!
  ON+=("$(rate)")
  kill $SCRAPER; wait $SCRAPER 2>/dev/null || true
done
echo "without scraping: ${OFF[*]} req/s; with: ${ON[*]} req/s"
awk -v a="${OFF[0]}" -v b="${OFF[1]}" -v c="${ON[0]}" -v d="${ON[1]}" \
  'BEGIN { off = (a + b) / 2; on = (c + d) / 2; printf "with/without: %.4f (%+.2f%%)\n", on / off, (on / off - 1) * 100 }'
echo "== one scrape, alone (1 connection)"
wrk --latency -t1 -c1 -d5s "http://127.0.0.1:$METRICS_PORT/metrics" | grep -E "Requests/sec|  50%|  99%"
echo "scrape size: $(curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" | wc -c) bytes"

echo "== pgbench -S (ceiling), $CONNS clients, alternating with the read"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS lexbase_bench_pgbench" -c "CREATE DATABASE lexbase_bench_pgbench"
"$PGBENCH" -i -q -s 10 -h 127.0.0.1 -U postgres lexbase_bench_pgbench >/dev/null 2>&1
# The machine's speed drifts by a fifth from one ten-second run to the next (a shared host), so
# the two sides alternate: pgbench, read, pgbench, read. The ratio is the mean of the three
# reads (the one above included) over the mean of the two pgbench runs; every run is printed.
pgbench_tps() {
  "$PGBENCH" -S -c $CONNS -j 2 -T "${DURATION%s}" -h 127.0.0.1 -U postgres lexbase_bench_pgbench 2>/dev/null \
    | tee "$WORK/pgbench.txt" | grep -E "^tps|latency average" >&2
  awk '/^tps/ {print $3; exit}' "$WORK/pgbench.txt"
}
TPS1=$(pgbench_tps)
run "GET /clients/$CLIENT again, after pgbench" -H "authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/clients/$CLIENT"
READ2=$(rps)
TPS2=$(pgbench_tps)
run "GET /clients/$CLIENT a third time, after pgbench" -H "authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/clients/$CLIENT"
READ3=$(rps)
awk -v a="$READ" -v b="$READ2" -v c="$READ3" -v t="$TPS1" -v u="$TPS2" \
  'BEGIN { r = (a + b + c) / 3; p = (t + u) / 2; printf "read ratio: GET /clients/{id} %.0f req/s (%.0f, %.0f, %.0f) / pgbench -S %.0f tps (%.0f, %.0f) = %.2f (target >= 0.50)\n", r, a, b, c, p, t, u, r / p }'

echo "== DATABASE_POOLER=transaction: GET /clients/$CLIENT direct, direct with the setting, through PgBouncer"
BOUNCER_PORT=$((PORT + 2))
cat > "$WORK/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=${PG##*:}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/userlist.txt
pool_mode = transaction
ignore_startup_parameters = extra_float_digits
max_client_conn = 200
default_pool_size = $CONNS
INI
echo '"postgres" ""' > "$WORK/userlist.txt"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$WORK"; AS=(-u postgres); else AS=(); fi
"$PGBOUNCER" "${AS[@]}" "$WORK/pgbouncer.ini" 2>"$WORK/pgbouncer.log" &
PIDS+=($!)
DIRECT_URL=$DATABASE_URL
start_api() { # port, DATABASE_URL, pooler
  PORT=$1 HOST=127.0.0.1 METRICS_ADDR=off AUTO_MIGRATE=false LOG_FORMAT=json RUST_LOG=warn \
    MIGRATION_DATABASE_URL=$DIRECT_URL DATABASE_URL=$2 DATABASE_POOLER=$3 "$BIN/api" &
  PIDS+=($!)
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return; sleep 0.2; done
  echo "api on port $1 did not start" >&2; exit 1
}
start_api $((PORT + 3)) "$DATABASE_URL" transaction
start_api $((PORT + 4)) "postgres://postgres@127.0.0.1:$BOUNCER_PORT/$DB" transaction
read_at() { wrk -t2 -c$CONNS -d"$DURATION" -H "authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$1/clients/$CLIENT" | tee "$WORK/last.txt" | grep -E "Non-2xx" >&2 || true; rps; }
DIRECT=$(read_at $PORT); SETTING=$(read_at $((PORT + 3))); BOUNCED=$(read_at $((PORT + 4)))
echo "direct: $DIRECT req/s; direct with DATABASE_POOLER=transaction: $SETTING req/s; through PgBouncer with it: $BOUNCED req/s"
awk -v d="$DIRECT" -v s="$SETTING" -v b="$BOUNCED" \
  'BEGIN { printf "setting/direct: %.2f; PgBouncer+setting/direct: %.2f\n", s / d, b / d }'
