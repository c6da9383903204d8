#!/usr/bin/env bash
# API benchmark on PostgreSQL: requests/s and latency for GET /health, an authenticated
# GET /clients/{id} and POST /research-queries at 32 connections, with `pgbench -S` at the same
# concurrency as the ceiling; /health latency during 50 concurrent logins; idle resident memory;
# the cost of scraping /metrics (throughput with and without a scraper, alternating runs).
#
#   bash bench/api.sh            # needs wrk and pgbench (apt-get install wrk postgresql-contrib)
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
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

cargo build --release -q -p migration -p seed -p api
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export DATABASE_URL="$PG/$DB"
./target/release/migration up >/dev/null
SEED_DEFAULT_PASSWORD=$PASSWORD ./target/release/seed >/dev/null

PORT=$PORT HOST=127.0.0.1 METRICS_ADDR=127.0.0.1:$METRICS_PORT LOG_FORMAT=json RUST_LOG=warn \
  ./target/release/api &
API=$!
trap 'kill $API 2>/dev/null || true; psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
sleep 1
echo "== idle resident memory"
echo "api RSS: $(($(awk '/VmRSS/ {print $2}' /proc/$API/status) / 1024)) MiB"

TOKEN=$(curl -sf -H 'content-type: application/json' \
  -d "{\"email\":\"amit.sharma@legalindia.ai\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$PORT/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/')
CLIENT=$(curl -sf -H "authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/clients" \
  | sed -E 's/^\[\{"id":([0-9]+).*/\1/')

LUA=$(mktemp -d)
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

run() { echo "== $1"; shift; wrk --latency -t2 -c$CONNS -d"$DURATION" "$@" | grep -E "Requests/sec|  50%|  99%|Non-2xx"; }
run "GET /health" "http://127.0.0.1:$PORT/health"
run "GET /clients/$CLIENT (authenticated)" -H "authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/clients/$CLIENT"
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

echo "== pgbench -S (ceiling), $CONNS clients"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS lexbase_bench_pgbench" -c "CREATE DATABASE lexbase_bench_pgbench"
"$PGBENCH" -i -q -s 10 -h 127.0.0.1 -U postgres lexbase_bench_pgbench >/dev/null 2>&1
"$PGBENCH" -S -c $CONNS -j 2 -T "${DURATION%s}" -h 127.0.0.1 -U postgres lexbase_bench_pgbench 2>/dev/null \
  | grep -E "^tps|latency average"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS lexbase_bench_pgbench" >/dev/null
rm -rf "$LUA"
