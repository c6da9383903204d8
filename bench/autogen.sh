#!/usr/bin/env bash
# Autogenerate on the full schema: `migration new --autogenerate` replays the whole history
# in an in-memory SQLite database, reads it, compares it with the entities and (nothing
# differing) writes nothing. Release build; hyperfine when installed, else 20 timed runs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p migration
bin="${CARGO_TARGET_DIR:-target}/release/migration"
run() { env -u DATABASE_URL -u MIGRATION_DATABASE_URL "$bin" new "benchmark no change" --backend sqlite >/dev/null; }
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --min-runs 20 -N \
    "env -u DATABASE_URL -u MIGRATION_DATABASE_URL $bin new 'benchmark no change' --backend sqlite"
else
  run
  start=$(date +%s%N)
  for _ in $(seq 1 20); do run; done
  end=$(date +%s%N)
  echo "mean of 20 runs: $(( (end - start) / 20000000 )) ms"
fi
