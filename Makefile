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

.PHONY: help run alembic-up alembic-down alembic-status alembic-new alembic-fresh alembic-refresh \
	alembic-reset test check fmt clippy build

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

run: ## The main job on DATABASE_URL (SQLite by default): migrate to head, show status
	$(MIGRATE) up

alembic-up: ## Apply every pending migration (DATABASE_URL)
	$(MIGRATE) up

alembic-down: ## Roll back the last migration
	$(MIGRATE) down

alembic-status: ## Show applied and pending migrations
	$(MIGRATE) status

alembic-new: ## Create a migration file: make alembic-new msg="add case priority"
	@if [ -z "$(msg)" ]; then echo 'usage: make alembic-new msg="what it does"' >&2; exit 2; fi
	$(MIGRATE) generate "$(msg)"

alembic-fresh: ## Drop every table and re-apply all migrations
	$(MIGRATE) fresh

alembic-refresh: ## Roll back all migrations, then apply them again
	$(MIGRATE) refresh

alembic-reset: ## Roll back all migrations
	$(MIGRATE) reset

build: ## Build every crate
	$(CARGO) build --workspace --all-targets

test: ## Run every test on SQLite, PostgreSQL and MariaDB
	@if $(CARGO) nextest --version >/dev/null 2>&1; then \
		$(CARGO) nextest run --workspace --no-fail-fast; \
	else \
		$(CARGO) test --workspace --no-fail-fast; \
	fi

fmt: ## Check formatting
	$(CARGO) fmt --all -- --check

clippy: ## Lint with warnings as errors
	$(CARGO) clippy --workspace --all-targets -- -D warnings

check: fmt clippy test ## fmt, clippy and the tests
