#!/usr/bin/env bash
# Benchmarks the migration command line as whole processes (release build, hyperfine):
#   - `up` to head on an empty SQLite file and an empty PostgreSQL database;
#   - `current` and `status` on a SQLite database at head;
#   - for comparison, `alembic upgrade head` on the same schema, when Python has alembic
#     (pip install alembic sqlalchemy psycopg2-binary): an Alembic project is generated with
#     one revision per lexbase migration, each executing exactly that migration's statements
#     (taken from `migration sql`), so both sides run the same DDL.
# Usage: bench/migrate.sh    (BENCH_POSTGRES_URL: any database on the server to use; default
# postgres://postgres@127.0.0.1:5432/postgres. Results go to stdout and $OUT/*.md.)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
server="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
# Both sides connect without TLS: sqlx 0.9.0 does not set TCP_NODELAY, so each TLS handshake
# waits out two delayed ACKs (~90 ms, sqlx#4335); the "TLS" run below shows that cost.
pg_url="${server%/*}/lexbase_bench?sslmode=disable"
pg_tls_url="${server%/*}/lexbase_bench"
work="$(mktemp -d)"
out="${OUT:-$work}"
trap 'rm -rf "$work"; psql -q "$server" -c "DROP DATABASE IF EXISTS lexbase_bench WITH (FORCE)" >/dev/null 2>&1' EXIT

cargo build --release --quiet -p migration
bin="${CARGO_TARGET_DIR:-target}/release/migration"
sqlite_url="sqlite://$work/bench.db?mode=rwc"
# An empty database per run, made by dropping the schema: CREATE DATABASE writes the whole
# template through the WAL and leaves the server flushing during the next run (4x noisier).
psql -q "$server" -c 'DROP DATABASE IF EXISTS lexbase_bench WITH (FORCE)' -c 'CREATE DATABASE lexbase_bench'
reset_pg="psql -q '${server%/*}/lexbase_bench' -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public'"
runs=(--warmup 3 --min-runs 20 --style basic)

"$bin" sql --backend postgres > "$work/up.sql"

echo "== lexbase: up to head (and psql running the very same statements, for the server's floor)"
hyperfine "${runs[@]}" --export-markdown "$out/up.md" \
  --prepare "rm -f $work/bench.db*" -n "up (SQLite)" "DATABASE_URL='$sqlite_url' $bin up" \
  --prepare "$reset_pg" -n "up (PostgreSQL)" "DATABASE_URL='$pg_url' $bin up" \
  --prepare "$reset_pg" -n "up (PostgreSQL, TLS)" "DATABASE_URL='$pg_tls_url' $bin up" \
  --prepare "$reset_pg" -n "psql -f (same SQL, PostgreSQL)" "psql -q '$pg_url' -f $work/up.sql"

echo "== lexbase: current and status on SQLite at head"
rm -f "$work"/bench.db*
DATABASE_URL="$sqlite_url" "$bin" up >/dev/null
hyperfine "${runs[@]}" -N --export-markdown "$out/read.md" \
  -n current "env DATABASE_URL=$sqlite_url $bin current" \
  -n status "env DATABASE_URL=$sqlite_url $bin status"

if ! python3 -c 'import alembic, sqlalchemy, psycopg2' 2>/dev/null; then
  echo "(alembic, sqlalchemy or psycopg2 not importable: no Alembic baseline)"
  exit 0
fi

echo "== Alembic baseline: the same statements, one revision per migration"
make_project() { # $1 = backend flag for `migration sql`, $2 = project dir
  local backend=$1 dir=$2 previous=base down=None n=0
  mkdir -p "$dir/versions"
  printf '[alembic]\nscript_location = %s\n' "$dir" > "$dir/alembic.ini"
  cat > "$dir/env.py" <<'PY'
import os
from alembic import context
from sqlalchemy import create_engine
with create_engine(os.environ["ALEMBIC_URL"]).connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
PY
  for name in $("$bin" history | awk '{print $3}' | tr -d , | tac); do
    n=$((n + 1))
    {
      echo "from alembic import op"
      echo "revision = 'r$n'"
      echo "down_revision = $down"
      echo "STATEMENTS = ["
      "$bin" sql --backend "$backend" "$previous:$name" \
        | grep -v -E '^(--|BEGIN;|COMMIT;|$)|seaql_migrations|lexbase_migration_checksums' \
        | sed -e 's/;$//' | python3 -c 'import sys; [print("    %r," % l.rstrip("\n")) for l in sys.stdin]'
      echo "]"
      echo "def upgrade():"
      echo "    cursor = op.get_bind().connection.cursor()  # the DB-API cursor: no % escaping"
      echo "    for sql in STATEMENTS:"
      echo "        cursor.execute(sql)"
      echo "def downgrade():"
      echo "    pass"
    } > "$dir/versions/r$n.py"
    previous=$name down="'r$n'"
  done
}
make_project sqlite "$work/alembic-sqlite"
make_project postgres "$work/alembic-postgres"
pg_sqlalchemy="postgresql+psycopg2://${pg_url#postgres://}"
hyperfine "${runs[@]}" --export-markdown "$out/alembic.md" \
  --prepare "rm -f $work/alembic.db" -n "alembic upgrade head (SQLite)" \
  "ALEMBIC_URL='sqlite:///$work/alembic.db' python3 -m alembic -c $work/alembic-sqlite/alembic.ini upgrade head" \
  --prepare "$reset_pg" -n "alembic upgrade head (PostgreSQL)" \
  "ALEMBIC_URL='$pg_sqlalchemy' python3 -m alembic -c $work/alembic-postgres/alembic.ini upgrade head" \
  --prepare "$reset_pg" -n "alembic upgrade head (PostgreSQL, TLS)" \
  "ALEMBIC_URL='${pg_sqlalchemy%\?*}' python3 -m alembic -c $work/alembic-postgres/alembic.ini upgrade head"
