# lexbase: every target honours DATABASE_URL from the environment or from .env.
# `make` alone lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# .env is optional; variables already in the environment win over it.
ifneq (,$(wildcard .env))
include .env
export $(shell sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' .env)
endif
DATABASE_URL ?= sqlite://legal_ai.db?mode=rwc
export DATABASE_URL

# Test servers (this project's machines run both locally; CI exports its own).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
TEST_MYSQL_URL ?= mysql://root@127.0.0.1:3306/mysql
export TEST_POSTGRES_URL TEST_MYSQL_URL

CARGO ?= cargo
MIGRATE := $(CARGO) run --quiet -p migration --
SEED := $(CARGO) run --quiet -p seed --
SERVE := $(CARGO) run --quiet -p api
# Where `make seed-compliance` reads the FTA extraction from unless path=... is given.
FTA_DATA_PATH ?= ../shared/data/FTA_Complete_Extraction.json

.PHONY: help run alembic-up alembic-down alembic-status alembic-new alembic-new-empty alembic-fresh alembic-refresh \
	alembic-reset test check fmt clippy build serve \
	seed seed-admin seed-compliance seed-synthetic backfill backfill-hashes backfill-variants \
	backfill-sources backfill-cleanup backfill-dry-run bench-seed bench-api fuzz-api openapi-client
.PHONY: alembic-current alembic-history alembic-heads alembic-stamp alembic-adopt alembic-sql \
	alembic-check alembic-verify alembic-snapshots alembic-roles bench-migrate bench-autogen bench-adopt

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

run: ## The main job on DATABASE_URL (SQLite by default): migrate, seed, serve on 127.0.0.1:8000
	$(MIGRATE) up
	$(SEED)
	$(SERVE)

serve: ## Serve the API on HOST:PORT (127.0.0.1:8000); migrates on start-up under the lock
	$(SERVE)

# Migration command line (README "Migration command line"). Optional variables: rev=TARGET,
# msg="...", backend=postgres|mysql|sqlite, range=FROM:TO, FLAGS="--force --backup backups".
alembic-up: ## Apply pending migrations (rev=head by default; +N, a name, an Alembic id)
	$(MIGRATE) up $(or $(rev),head) $(FLAGS)

alembic-down: ## Roll back (rev=-1 by default; base, a name); FLAGS="--force --backup DIR"
	$(MIGRATE) down $(or $(rev),-1) $(FLAGS)

alembic-current: ## Print the current revision ("name (head)" at head, empty at base)
	$(MIGRATE) current $(FLAGS)

alembic-history: ## List migrations newest first, marking the current one
	$(MIGRATE) history --indicate-current $(if $(range),-r $(range)) $(FLAGS)

alembic-heads: ## Print the head revision (FLAGS=-v for all of it)
	$(MIGRATE) heads $(FLAGS)

alembic-status: ## Show applied / pending / changed / incomplete per migration
	$(MIGRATE) status $(FLAGS)

alembic-stamp: ## Record migrations as applied up to rev= without running them
	@if [ -z "$(rev)" ]; then echo 'usage: make alembic-stamp rev=TARGET' >&2; exit 2; fi
	$(MIGRATE) stamp $(rev) $(FLAGS)

alembic-adopt: ## Adopt (and reconcile) a database built by Alembic: make alembic-adopt [FLAGS="--plan --assume 0003"]
	$(MIGRATE) stamp --from-alembic $(FLAGS)

alembic-new: ## Autogenerate a migration from the entities: make alembic-new msg="add case priority" [FLAGS="--rename a.b=c"]
	@if [ -z "$(msg)" ]; then echo 'usage: make alembic-new msg="what it does"' >&2; exit 2; fi
	$(MIGRATE) new "$(msg)" --autogenerate $(FLAGS)

alembic-new-empty: ## Create an empty migration file: make alembic-new-empty msg="backfill priorities"
	@if [ -z "$(msg)" ]; then echo 'usage: make alembic-new-empty msg="what it does"' >&2; exit 2; fi
	$(MIGRATE) new "$(msg)" --empty

alembic-sql: ## Print the SQL up would run, no database needed (backend=postgres|mysql|sqlite range=FROM:TO)
	$(MIGRATE) sql $(if $(backend),--backend $(backend)) $(range)

alembic-check: ## Compare the live schema with the entities (exit 1 on any difference)
	$(MIGRATE) check $(FLAGS)

alembic-verify: ## Check the applied migrations' checksums (exit 1 on any problem)
	$(MIGRATE) verify $(FLAGS)

alembic-snapshots: ## Rewrite migration/snapshots/ after a deliberate change to what a migration renders
	$(MIGRATE) snapshots --write

alembic-fresh: ## Drop every table and re-apply all migrations (FLAGS="--force" when tables hold rows)
	$(MIGRATE) fresh $(FLAGS)

alembic-refresh: ## Roll back all migrations, then apply them again
	$(MIGRATE) refresh $(FLAGS)

alembic-reset: ## Roll back all migrations
	$(MIGRATE) reset $(FLAGS)

alembic-roles: ## Print the owner/app role statements (FLAGS="--app-user A --migrator-user M [--apply] [--app-password-env VAR]")
	$(MIGRATE) roles $(if $(app),--app-user "$(app)") $(if $(migrator),--migrator-user "$(migrator)") $(FLAGS)

bench-migrate: ## Benchmark up/current/status (release build, hyperfine): see BENCHMARKS.md
	bench/migrate.sh

bench-adopt: ## Benchmark adopting a 1M-row ReqAgent PostgreSQL database: see BENCHMARKS.md
	bash bench/adopt.sh

bench-autogen: ## Benchmark autogenerate on the full schema (release build): see BENCHMARKS.md
	bash bench/autogen.sh

# --- Seeding and backfills (the seed crate; see README "Seeding and backfills") ---
# batch=N sets --batch-size for the backfill targets.
BACKFILL_FLAGS := $(if $(batch),--batch-size $(batch))

seed: ## Dev fixture, default sources and the shipped compliance sample (idempotent)
	$(SEED)

seed-admin: ## Create an admin user: make seed-admin email=ops@example.com [name="Ops Team"]
	@if [ -z "$(email)" ]; then echo 'usage: make seed-admin email=ADDRESS [name=NAME]' >&2; exit 2; fi
	$(SEED) admin --email "$(email)" $(if $(name),--name "$(name)")

seed-compliance: ## Ingest the FTA guide: make seed-compliance path=../shared/data/FTA_Complete_Extraction.json
	$(SEED) compliance --from "$(if $(path),$(path),$(FTA_DATA_PATH))"

seed-synthetic: ## Synthetic benchmark rows: make seed-synthetic scale=100000
	@if [ -z "$(scale)" ]; then echo 'usage: make seed-synthetic scale=N' >&2; exit 2; fi
	$(SEED) synthetic --scale $(scale)

backfill: ## Every backfill: hashes, variants, sources, cleanup (batch=N)
	$(SEED) backfill all $(BACKFILL_FLAGS)

backfill-hashes: ## Proposal template hashes where NULL
	$(SEED) backfill hashes $(BACKFILL_FLAGS)

backfill-variants: ## Normalise funding opportunity variants
	$(SEED) backfill variants $(BACKFILL_FLAGS)

backfill-sources: ## Default sources into an empty sources table
	$(SEED) backfill sources $(BACKFILL_FLAGS)

backfill-cleanup: ## Delete orphaned templates, documents and ingestion runs
	$(SEED) backfill cleanup $(BACKFILL_FLAGS)

backfill-dry-run: ## Every backfill, reporting what would change and writing nothing
	$(SEED) backfill all --dry-run $(BACKFILL_FLAGS)

bench-seed: ## Seeding and backfill benchmarks (release build, hyperfine); see BENCHMARKS.md
	bash bench/seed.sh

bench-api: ## API benchmark on PostgreSQL (wrk, pgbench); see BENCHMARKS.md
	bash bench/api.sh

fuzz-api: ## schemathesis, every check, on a fresh database: make fuzz-api [backend=mysql] [examples=50]
	bash bench/schemathesis.sh $(or $(backend),postgres) $(or $(examples),30)

openapi-client: ## Generate a Python client from /openapi.json and use it (openapi-python-client)
	bash bench/openapi-client.sh

build: ## Build every crate
	$(CARGO) build --workspace --all-targets

# scripts/test-servers.sh starts private PostgreSQL / MariaDB instances when none answers at
# TEST_POSTGRES_URL / TEST_MYSQL_URL. TEST_FILTER=NAME runs only tests whose name contains NAME.
test: ## Run every test on SQLite, PostgreSQL and MariaDB (TEST_FILTER=NAME for a subset)
	@scripts/test-servers.sh bash -c 'if $(CARGO) nextest --version >/dev/null 2>&1; then \
		exec $(CARGO) nextest run --workspace --no-fail-fast $(TEST_FILTER); \
	else \
		exec $(CARGO) test --workspace --no-fail-fast -- $(TEST_FILTER); \
	fi'

fmt: ## Check formatting
	$(CARGO) fmt --all -- --check

clippy: ## Lint with warnings as errors
	$(CARGO) clippy --workspace --all-targets -- -D warnings

check: fmt clippy test ## fmt, clippy and the tests
