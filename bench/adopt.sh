#!/usr/bin/env bash
# Benchmarks adoption of a PostgreSQL ReqAgent database as its create_all leaves it (the test
# fixture upstream_apps/reqagent_create_all.sql) with 1,000,000 rows in funding_opportunities:
# `stamp --from-alembic --assume 0003` (verify, data checks, reconciliation plan, records),
# its `--plan` alone, and, as the server's floor, `psql -1 -f` of the very statements the plan
# prints. Each run gets a fresh copy of the loaded database (CREATE DATABASE ... TEMPLATE).
# Wall time and peak memory from /usr/bin/time -v; the median of RUNS runs (default 3).
# Usage: bench/adopt.sh   (BENCH_POSTGRES_URL: a database on the server, default
# postgres://postgres@127.0.0.1:5432/postgres; PROFILE=release|debug, default release;
# ROWS, default 1000000.)
set -euo pipefail
cd "$(dirname "$0")/.."

server="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
profile="${PROFILE:-release}"
rows="${ROWS:-1000000}"
runs="${RUNS:-3}"
base=lexbase_bench_adopt_base
copy=lexbase_bench_adopt
work="$(mktemp -d)"
drop() { psql -q "$server" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null; }
trap 'rm -rf "$work"; drop $copy; drop $base' EXIT

if [ "$profile" = release ]; then
  cargo build --release --quiet -p migration
else
  cargo build --quiet -p migration
fi
bin="${CARGO_TARGET_DIR:-target}/$profile/migration"
url="${server%/*}/$copy?sslmode=disable"

drop $copy
drop $base
psql -q "$server" -c "CREATE DATABASE $base"
psql -q -v ON_ERROR_STOP=1 "${server%/*}/$base" \
  -f migration/tests/migrations/upstream_apps/reqagent_create_all.sql
psql -q -v ON_ERROR_STOP=1 "${server%/*}/$base" <<SQL
INSERT INTO funding_opportunities (source_url, json_data, editable_text, status, created_at, variants)
SELECT 'https://example.org/opportunity/' || n,
       json_build_object('title', 'Opportunity ' || n, 'amount', n % 100000),
       CASE WHEN n % 3 = 0 THEN NULL ELSE 'Text ' || n END,
       (ARRAY['raw', 'reviewed', 'approved', 'rejected'])[1 + n % 4]::statusenum,
       timestamptz '2025-01-01 00:00:00+00' + n * interval '1 second',
       '[]'::jsonb
FROM generate_series(1, $rows) AS n;
VACUUM ANALYZE;
SQL
fresh() { drop $copy; psql -q "$server" -c "CREATE DATABASE $copy TEMPLATE $base"; }

# One timed run: prints "seconds max_rss_kib".
timed() {
  /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]}
              /Maximum resident/ {m = $2} END {printf "%.3f %d\n", s, m}' "$work/time"
}
median() { sort -n | awk '{v[NR] = $0} END {print v[int((NR + 1) / 2)]}'; }

fresh
DATABASE_URL="$url" "$bin" stamp --from-alembic --plan --assume 0003 > "$work/plan.txt"
grep -v '^--' "$work/plan.txt" | grep ';$' > "$work/plan.sql"
echo "plan: $(wc -l < "$work/plan.sql") statements"

for what in adopt plan psql; do
  : > "$work/$what.times"
  for _ in $(seq "$runs"); do
    fresh
    case $what in
      adopt) timed env DATABASE_URL="$url" "$bin" stamp --from-alembic --assume 0003 ;;
      plan) timed env DATABASE_URL="$url" "$bin" stamp --from-alembic --plan --assume 0003 ;;
      psql) timed psql -q -1 -v ON_ERROR_STOP=1 "$url" -f "$work/plan.sql" ;;
    esac >> "$work/$what.times"
  done
done
printf '| run | wall (median of %s) | peak RSS |\n|---|---:|---:|\n' "$runs"
for what in adopt plan psql; do
  t=$(cut -d' ' -f1 "$work/$what.times" | median)
  m=$(cut -d' ' -f2 "$work/$what.times" | median)
  printf '| %s | %s s | %s MiB |\n' "$what" "$t" "$((m / 1024))"
done
