# Simpul — the front door. Plain `make` lists the targets.
#
# Everything a fresh clone needs is installed by these targets (Python packages from
# requirements.lock, front-end libraries from package-lock.json, Debian packages such as
# gettext and chromium when they are missing and we may install them).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
# Some machines set PYTHONDONTWRITEBYTECODE: then every test process (eight per `make test`,
# and each child the subprocess tests start) compiles the project again and pytest rewrites
# every test module's asserts again, about 5 s of CPU each time. The .pyc files are ignored.
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
# Show the slowest tests, so `make test` stays well under 10 minutes on 2 cores.
PYTEST_ARGS ?= --durations=10
# Two stages per engine (docs/architecture.md, "Tests"): first the ordinary tests, which share
# one cast per worker; then the browser and subprocess tests, which commit their rows and
# empty the database when they end. A plain `pytest` runs both in one go.
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)
FIRST_STAGE := not browser and not subprocess and not committing
SECOND_STAGE := browser or subprocess or committing
# The second stage collects only the test files that mark tests `browser`, `subprocess` or
# `committing`
# (collecting the whole tree to keep twenty tests cost each worker ~4 s of CPU); `-m` still
# selects within them.
SECOND_STAGE_FILES = $(shell grep -rlE --include='test_*.py' 'mark\.(browser|subprocess|committing)' simpul config | sort)
STAGE_ARGS = -m "$(if $(filter ordinary,$(1)),$(FIRST_STAGE),$(SECOND_STAGE))" $(if $(filter last,$(1)),$(SECOND_STAGE_FILES))
# Directories that hold other projects' locale/ folders or generated files.
I18N_IGNORE := --ignore=.venv --ignore=node_modules --ignore=var --ignore=bench --ignore=test-artifacts
WITH_ENV := bash scripts/with-env.sh
# compilemessages fails when no locale/ folder exists (a fresh clone before any catalogue).
COMPILEMESSAGES := mkdir -p locale && $(MANAGE) compilemessages $(I18N_IGNORE) -v 0
DEMO_ENV := EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend

.PHONY: help setup install demo run worker seed test check test-sqlite test-postgres lint fmt \
	sqlite-ordinary sqlite-last postgres-ordinary postgres-last \
	messages compilemessages migrate bench clean mutation

help: ## Show this help
	@echo "Simpul — make targets:"
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'
	@echo
	@echo "Quick start: make demo   (then open http://$(HOST):$(PORT)/)"
	@echo "             make test"

# --- installation ------------------------------------------------------------------------

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-install only when the lock file changes.
$(VENV)/.requirements.stamp: requirements.lock | $(PY)
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

# package-lock.json is committed: it is our lock file. Create it only if it is missing.
package-lock.json:
	npm install --package-lock-only --no-audit --no-fund --loglevel=error

node_modules/.simpul.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.requirements.stamp node_modules/.simpul.stamp ## Install Python and front-end dependencies (no database)
	@bash scripts/ensure-system-packages.sh msgfmt:gettext

compilemessages: install ## Compile locale/*.po into .mo files
	$(COMPILEMESSAGES)

migrate: install ## Apply database migrations
	$(WITH_ENV) $(MANAGE) migrate --noinput

setup: install compilemessages migrate ## Install everything, compile translations, migrate the database
	@echo "Setup done."

# --- running -----------------------------------------------------------------------------

seed: setup ## Load the 552 regions and the demo organisations and users
	$(WITH_ENV) $(MANAGE) load_regions
	$(WITH_ENV) $(MANAGE) seed_demo
	$(WITH_ENV) $(MANAGE) seed_demo_agreements
	$(WITH_ENV) $(MANAGE) seed_demo_teams
	$(WITH_ENV) $(MANAGE) seed_demo_monitoring
	$(WITH_ENV) $(MANAGE) seed_demo_public
	$(WITH_ENV) $(MANAGE) seed_demo_stakeholders
	$(WITH_ENV) $(MANAGE) seed_demo_meetings
	$(WITH_ENV) $(MANAGE) seed_demo_discussions
	$(WITH_ENV) $(MANAGE) seed_demo_ideas
	$(WITH_ENV) $(MANAGE) seed_demo_knowledge
	$(WITH_ENV) $(MANAGE) seed_demo_potentials
	$(WITH_ENV) $(MANAGE) rebuild_search_index
	$(WITH_ENV) $(MANAGE) refresh_scores

demo: seed ## Set up, seed the demo data, then serve the site and run the worker (Ctrl-C stops both)
	$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) $(WITH_ENV) bash scripts/serve.sh

run: setup ## Run the development web server only (no worker)
	$(WITH_ENV) $(MANAGE) runserver $(HOST):$(PORT)

worker: setup ## Run the background worker only
	$(WITH_ENV) $(MANAGE) worker

# --- quality -----------------------------------------------------------------------------

lint: install ## ruff, the import contracts (lint-imports) and the types (mypy)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

fmt: install ## Fix what ruff can and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Extract messages into locale/{id,en}, then compile them
	$(MANAGE) makemessages -l id -l en --no-location $(I18N_IGNORE)
	$(COMPILEMESSAGES)

# The ordinary tests run one engine after the other, each with PYTEST_WORKERS processes: on two
# cores, four test processes at once cost about a fifth more CPU than two (measured: the two
# engines' ordinary stages took 306 s side by side, 107 s + 142 s one after the other). The
# browser and subprocess stages of both engines then run side by side: they wait on Chromium
# and on worker processes, so together they fill the cores (docs/architecture.md, "Tests").
# Each stage's output is printed whole when it ends; SIMPUL_TEST_STAGE keeps the stages'
# PostgreSQL databases apart when they do overlap (two terminals).
ENGINE_STAGES = $(if $(SIMPUL_TEST_POSTGRES_URL),sqlite-$(1) postgres-$(1),sqlite-$(1))
# With both engines, the matrix's full walks and the browser sweep's two languages are shared
# between them (simpul/testing/shards.py); SIMPUL_TEST_SHARDS= (empty) runs everything on both.
comma := ,
SHARDS = $(if $(SIMPUL_TEST_POSTGRES_URL),SIMPUL_TEST_SHARDS="$${SIMPUL_TEST_SHARDS-sqlite$(comma)postgresql}")

test: lint ## Lint, check migrations, run the whole suite on SQLite (and on PostgreSQL if SIMPUL_TEST_POSTGRES_URL is set)
	$(MANAGE) makemigrations --check --dry-run
	@bash scripts/ensure-system-packages.sh msgfmt:gettext chromium-headless-shell:chromium-headless-shell
	$(COMPILEMESSAGES)
	@if [ -z "$${SIMPUL_TEST_POSTGRES_URL:-}" ]; then \
		echo "SIMPUL_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run."; \
	fi
	@for stage in $(call ENGINE_STAGES,ordinary); do $(SHARDS) $(MAKE) $$stage; done
	@$(SHARDS) $(MAKE) -j2 --output-sync=target $(call ENGINE_STAGES,last)

check: test ## Same as `make test` (the style guide's name for it)

test-sqlite: ## Run the test suite on SQLite only
	@$(MAKE) sqlite-ordinary
	@$(MAKE) sqlite-last

test-postgres: ## Run the test suite on the database in SIMPUL_TEST_POSTGRES_URL
	@$(MAKE) postgres-ordinary
	@$(MAKE) postgres-last

sqlite-ordinary sqlite-last: sqlite-%:
	@echo "== pytest on SQLite: $(if $(filter ordinary,$*),$(FIRST_STAGE),$(SECOND_STAGE)) =="
	env -u DATABASE_URL SIMPUL_TEST_STAGE=$* $(PYTEST) $(call STAGE_ARGS,$*)

postgres-ordinary postgres-last: postgres-%:
	@test -n "$${SIMPUL_TEST_POSTGRES_URL:-}" || { echo "SIMPUL_TEST_POSTGRES_URL is not set" >&2; exit 2; }
	@echo "== pytest on PostgreSQL: $(if $(filter ordinary,$*),$(FIRST_STAGE),$(SECOND_STAGE)) =="
	DATABASE_URL="$$SIMPUL_TEST_POSTGRES_URL" SIMPUL_TEST_STAGE=$* $(PYTEST) $(call STAGE_ARGS,$*)

mutation: ## Weaken each access rule in turn and show which test notices (slow; not part of `make test`)
	env -u DATABASE_URL $(PY) scripts/mutation_check.py

# --- benchmark ---------------------------------------------------------------------------

BENCH_DB ?= var/bench.sqlite3

bench: setup ## Build a national-scale world (once) and measure page latency and queries
	@if [ ! -f "$(BENCH_DB)" ]; then \
		$(PY) bench/generate_world.py --database "$(BENCH_DB)"; \
	fi
	$(PY) bench/run.py --database "$(BENCH_DB)"

# --- housekeeping ------------------------------------------------------------------------

clean: ## Remove caches and generated files (keeps .venv, node_modules and the databases in var/)
	find . -path ./.venv -prune -o -path ./node_modules -prune -o \
		-name __pycache__ -type d -exec rm -rf {} +
	rm -rf .ruff_cache .pytest_cache .mypy_cache .import_linter_cache test-artifacts bench/results \
		var/static
	find locale -name '*.mo' -delete 2>/dev/null || true
