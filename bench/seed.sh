#!/usr/bin/env bash
# Seeding and backfill benchmarks (see BENCHMARKS.md, "Seeding and backfills").
#
#   bash bench/seed.sh            # everything
#   bash bench/seed.sh noop       # one part: noop | synthetic | ingest | backfill
#
# Needs PostgreSQL on 127.0.0.1:5432 (postgres, trust), hyperfine and GNU time
# (apt-get install -y hyperfine time), and the shared FTA file beside the repository.
# Creates and drops its own databases (lexbase_bench_*) and files under $BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_SERVER="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
# Extra URL parameters for every PostgreSQL URL (none: what an operator's URL looks like; the
# seeder skips TLS on loopback unless the URL asks for an sslmode).
PG_PARAMS="${BENCH_PG_PARAMS-}"
BENCH_DIR="${BENCH_DIR:-/tmp/lexbase-bench}"
FTA="${FTA_DATA_PATH:-../shared/data/FTA_Complete_Extraction.json}"
SCALE="${BENCH_SCALE:-100000}"
BIG="${BENCH_BIG:-1000000}"
TARGET="${CARGO_TARGET_DIR:-target}"
SEED="$TARGET/release/seed"
MIGRATE="$TARGET/release/migration"
export SEED_DEFAULT_PASSWORD="${SEED_DEFAULT_PASSWORD:-bench-password-123}"
export RUST_LOG=warn
mkdir -p "$BENCH_DIR" && chmod 777 "$BENCH_DIR" # the PostgreSQL server writes COPY files here

psql_admin() { psql "$PG_SERVER/postgres" -qAt -v ON_ERROR_STOP=1 "$@"; }
pg_url() { echo "$PG_SERVER/$1$PG_PARAMS"; }
fresh_pg() { # name -> migrated and seeded database
  psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" 2>/dev/null
  DATABASE_URL="$(pg_url "$1")" "$MIGRATE" up >/dev/null
  DATABASE_URL="$(pg_url "$1")" "$SEED" >/dev/null
}
fresh_sqlite() { # file -> migrated and seeded database
  rm -f "$1" "$1-journal" "$1-wal" "$1-shm"
  DATABASE_URL="sqlite://$1?mode=rwc" "$MIGRATE" up >/dev/null
  DATABASE_URL="sqlite://$1?mode=rwc" "$SEED" >/dev/null
}
rows_per_s() { sed -n 's/.*(\([0-9]*\) rows\/s).*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== build (release)"
cargo build --release --quiet -p seed -p migration
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

noop() {
  echo "== no-op seed re-run (whole process; targets: <= 20 ms SQLite, <= 23 ms PostgreSQL)"
  fresh_sqlite "$BENCH_DIR/noop.db"
  fresh_pg lexbase_bench_noop
  hyperfine -N --warmup 5 --runs 50 \
    -n sqlite "env DATABASE_URL=sqlite://$BENCH_DIR/noop.db?mode=rwc $SEED" \
    -n postgres "env DATABASE_URL=$(pg_url lexbase_bench_noop) $SEED" \
    -n postgres-tls "env DATABASE_URL=$PG_SERVER/lexbase_bench_noop?sslmode=require $SEED"
}

synthetic() {
  echo "== synthetic --scale $SCALE (4 x $SCALE rows; median of 3 fresh databases)"
  local s p
  s=$(for i in 1 2 3; do
    fresh_sqlite "$BENCH_DIR/syn.db"
    DATABASE_URL="sqlite://$BENCH_DIR/syn.db?mode=rwc" "$SEED" synthetic --scale "$SCALE" | rows_per_s
  done | median)
  echo "sqlite: $s rows/s (target >= 495000)"
  p=$(for i in 1 2 3; do
    fresh_pg lexbase_bench_syn
    DATABASE_URL="$(pg_url lexbase_bench_syn)" "$SEED" synthetic --scale "$SCALE" | rows_per_s
  done | median)
  echo "postgres seed synthetic: $p rows/s (target >= 290000)"
  # The same rows with a plain COPY into a fresh, equally seeded database, in this run.
  local tables="research_queries:lawyer_id,query_text,response_text
inference_logs:query_id,model_used,tokens,cost,response_hash
funding_opportunities:source_url,json_data,editable_text,status,variants
proposal_templates:funding_opportunity_id,docx_path,pdf_path,status"
  local copy_out="" copy_in=""
  while IFS=: read -r t cols; do
    copy_out+="COPY (SELECT $cols FROM $t ORDER BY id) TO '$BENCH_DIR/$t.copy';"
    copy_in+="COPY $t ($cols) FROM '$BENCH_DIR/$t.copy';"
  done <<< "$tables"
  psql "$PG_SERVER/lexbase_bench_syn" -qAt -c "$copy_out"
  local runs=()
  for i in 1 2 3; do
    fresh_pg lexbase_bench_copy
    local t0 t1
    t0=$(date +%s.%N)
    psql "$PG_SERVER/lexbase_bench_copy" -qAt -v ON_ERROR_STOP=1 -c "$copy_in"
    t1=$(date +%s.%N)
    runs+=("$(echo "4 * $SCALE / ($t1 - $t0)" | bc -l | cut -d. -f1)")
  done
  local c
  c=$(printf '%s\n' "${runs[@]}" | median)
  echo "postgres plain COPY of the same rows: $c rows/s; seed/COPY = $(echo "scale=2; $p / $c" | bc) (target >= 0.67)"
}

ingest() {
  echo "== full FTA ingest on PostgreSQL (target < 1 s)"
  fresh_pg lexbase_bench_fta
  local url
  url="$(pg_url lexbase_bench_fta)"
  hyperfine -N --warmup 1 --runs 10 \
    --prepare "psql $PG_SERVER/lexbase_bench_fta -qAt -c 'TRUNCATE compliance_sections CASCADE'" \
    -n "ingest into empty tables" "env DATABASE_URL=$url $SEED compliance --from $FTA"
  hyperfine -N --warmup 1 --runs 10 \
    -n "re-ingest (nothing changes)" "env DATABASE_URL=$url $SEED compliance --from $FTA"
}

backfill() {
  echo "== backfill all over $BIG templates on PostgreSQL (targets: peak RSS < 64 MiB, >= 50k rows/s)"
  fresh_pg lexbase_bench_big
  local url
  url="$(pg_url lexbase_bench_big)"
  DATABASE_URL="$url" "$SEED" synthetic --scale "$BIG" | tail -1
  DATABASE_URL="$url" /usr/bin/time -v "$SEED" backfill all --batch-size 5000 \
    2> "$BENCH_DIR/backfill.time" | tee "$BENCH_DIR/backfill.out"
  grep -E "Maximum resident|Elapsed \(wall" "$BENCH_DIR/backfill.time"
  local secs
  secs=$(awk '$1 == "hashes" {print $6}' "$BENCH_DIR/backfill.out")
  echo "hashes: $BIG templates in $secs s = $(echo "$BIG / $secs" | bc) rows/s"
}

parts=("${@:-noop synthetic ingest backfill}")
for part in ${parts[*]}; do "$part"; done
