#!/usr/bin/env bash
# Fuzz the API with schemathesis (every check, stateful phase included) on a fresh database.
#
#   bash bench/schemathesis.sh [postgres|mysql] [MAX_EXAMPLES]   # make fuzz-api backend=mysql
#
# Creates lexbase_fuzz_<pid> on the local server, migrates and seeds it, creates an admin, starts
# the API on a free loopback port, runs `st run --checks all` with the admin's token, then stops
# the server and drops the database. Needs schemathesis (pip install schemathesis). Exit status
# is schemathesis's (0: no failure). Traffic goes to 127.0.0.1 only, bounded by MAX_EXAMPLES.
set -euo pipefail
cd "$(dirname "$0")/.."

BACKEND=${1:-postgres}
MAX_EXAMPLES=${2:-${FUZZ_MAX_EXAMPLES:-30}}
DB=lexbase_fuzz_$$
PASSWORD="fuzz-password-0123456789"
command -v st >/dev/null || { echo "schemathesis is missing: pip install schemathesis" >&2; exit 2; }
case "$BACKEND" in
  postgres)
    SERVER=${FUZZ_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
    create() { psql "$SERVER/postgres" -qc "CREATE DATABASE $DB"; }
    drop() { psql "$SERVER/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; }
    ;;
  mysql|mariadb)
    SERVER=${FUZZ_MYSQL_URL:-mysql://root@127.0.0.1:3306}
    create() { mariadb -h127.0.0.1 -uroot -e "CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"; }
    drop() { mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; }
    ;;
  *) echo "usage: $0 [postgres|mysql] [MAX_EXAMPLES]" >&2; exit 2 ;;
esac
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cargo build -q -p migration -p seed -p api
create
export DATABASE_URL="$SERVER/$DB"
API=
cleanup() { [ -n "$API" ] && kill "$API" 2>/dev/null && wait "$API" 2>/dev/null; drop; }
trap cleanup EXIT
./target/debug/migration up >/dev/null
SEED_DEFAULT_PASSWORD=$PASSWORD ./target/debug/seed >/dev/null
SEED_DEFAULT_PASSWORD=$PASSWORD ./target/debug/seed admin --email fuzz-admin@lexbase.test >/dev/null

# Sign-in throttling would answer most of schemathesis's logins 429 (documented, but it hides
# the route's other answers), so the fuzzed server allows more attempts per address.
PORT=$PORT HOST=127.0.0.1 RUST_LOG=error LOGIN_ATTEMPTS_PER_MINUTE=10000 ./target/debug/api &
API=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -sf -H 'content-type: application/json' \
  -d "{\"email\":\"fuzz-admin@lexbase.test\",\"password\":\"$PASSWORD\"}" \
  "http://127.0.0.1:$PORT/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/')

echo "schemathesis on $BACKEND, --max-examples $MAX_EXAMPLES"
st --config-file bench/schemathesis.toml run "http://127.0.0.1:$PORT/openapi.json" \
  --checks all --phases examples,coverage,fuzzing,stateful \
  --max-examples "$MAX_EXAMPLES" --seed "${FUZZ_SEED:-14}" --workers 1 \
  --exclude-path /auth/logout \
  -H "Authorization: Bearer $TOKEN" --warnings off
