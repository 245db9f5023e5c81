# Vigie: `make run` serves the site on http://127.0.0.1:8000 ; `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV_PY := .venv/bin/python
MANAGE := $(VENV_PY) manage.py
POSTGRES_URL := postgres://vigie:vigie@127.0.0.1:5432/vigie
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
# Bytecode is cached: uv compiles the packages as it installs them, and Python writes the project's
# own next to its sources (``__pycache__``, ignored by git). Without it every process, each test
# worker and each site process a test starts, compiled all of Django again: eight seconds apiece.
export UV_COMPILE_BYTECODE := 1
export PYTHONDONTWRITEBYTECODE :=
# Outside DEBUG a process refuses the development key of the source, so commands run here
# (migrate, load_data, bench) sign with a random key of this checkout unless SECRET_KEY is set.
ifndef SECRET_KEY
export SECRET_KEY_FILE ?= $(CURDIR)/.secret_key
endif

.PHONY: run test test-postgres setup system system-test lint typecheck pytest messages \
        migrate data demo bench vendor clean worker mutate serve

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --quiet --python $(PYTHON)
	touch $@

system:
	@scripts/ensure_system_packages.sh run

system-test:
	@scripts/ensure_system_packages.sh test

$(CURDIR)/.secret_key:
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Catalogues and static files are rebuilt only when their inputs changed (or the outputs are
# missing): a second `make run` does not recompile or recompress anything.
PO_FILES := $(shell find locale vigie -name '*.po' 2>/dev/null)
MO_FILES := $(PO_FILES:.po=.mo)
STATIC_INPUTS := $(shell find static vigie -path '*/static/*' -type f 2>/dev/null)
.PHONY: FORCE
FORCE:

messages: .stamp-messages

.stamp-messages: $(CURDIR)/.secret_key .venv/.synced $(PO_FILES) \
                 $(if $(filter-out $(wildcard $(MO_FILES)),$(MO_FILES)),FORCE) | system
	@$(MANAGE) compilemessages --ignore=.venv --ignore=.tools -v0
	@touch $@

.stamp-static: .venv/.synced vigie/settings.py $(STATIC_INPUTS) \
               $(if $(wildcard staticfiles),,FORCE)
	@$(MANAGE) collectstatic --noinput -v0
	@touch $@

setup: .venv/.synced system messages

# Like the data below, migrations run only when a migration or the packages changed, or when the
# SQLite database is new (always on another database: DATABASE_URL set).
migrate: setup .stamp-migrate

.stamp-migrate: .venv/.synced $(shell find vigie -path '*/migrations/*.py' 2>/dev/null) \
                $(if $(DATABASE_URL),FORCE) $(if $(wildcard db.sqlite3),,FORCE) | setup
	@$(MANAGE) migrate --noinput -v0
	@touch $@

# The bundled data are loaded again only when a data file or the code changed, or when the SQLite
# database is new.
DATA_INPUTS := $(shell find data vigie -type f \( -path 'data/*' -o -name '*.py' \) \
                 -not -path 'data/demo/*' -not -path '*/tests/*' 2>/dev/null)

data: migrate .stamp-data

.stamp-data: $(DATA_INPUTS) $(if $(DATABASE_URL),FORCE) $(if $(wildcard db.sqlite3),,FORCE) | migrate
	@$(MANAGE) load_data
	@touch $@

demo: data
	@$(MANAGE) load_data --demo

run: data .stamp-static
	@echo "Vigie is served on http://127.0.0.1:8000/ (Ctrl-C to stop)"
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

worker: migrate
	$(MANAGE) schedule_periodic_jobs
	$(MANAGE) db_worker

# The production server on this machine: gunicorn (WEB_CONCURRENCY workers, production settings,
# static files by WhiteNoise) and the task worker, which also runs the periodic jobs, started and
# stopped together by honcho from the Procfile. Plain HTTP on 127.0.0.1 unless told otherwise:
# behind an HTTPS proxy set SECURE_SSL_REDIRECT=1 (docs/operations.md).
serve: data .stamp-static
	@echo "Vigie (gunicorn and the task worker) on http://$${VIGIE_BIND:-127.0.0.1:8000}/ (Ctrl-C to stop)"
	DJANGO_SETTINGS_MODULE=vigie.production_settings \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} \
	PATH="$(CURDIR)/.venv/bin:$$PATH" .venv/bin/honcho start -f Procfile

lint: .venv/.synced
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck: .venv/.synced
	.venv/bin/mypy .

# The suite runs in parallel, one process a core (pytest-xdist; PYTEST_WORKERS=0 runs it in this
# process). Each process has its own test database; work-stealing evens out the long browser tests.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist worksteal

pytest: setup system-test
	$(VENV_PY) -m pytest $(PYTEST_PARALLEL)

# The tests build their own databases: `make test` sets up but does not migrate or load db.sqlite3.
test: setup system-test lint typecheck pytest

test-postgres: setup system-test
	@scripts/ensure_postgres.sh
	DATABASE_URL=$(POSTGRES_URL) $(MANAGE) migrate --noinput -v0
	DATABASE_URL=$(POSTGRES_URL) $(VENV_PY) -m pytest $(PYTEST_PARALLEL)

bench: data
	@for script in bench/bench_*.py; do echo "== $$script"; $(VENV_PY) $$script || exit 1; done

# Mutation testing (not part of `make test`): prints the share of mutants the tests kill.
# MUTATE_SCOPE=composite (the engine; must stay >= 90 %) or apps (vigie/*/services.py and
# queries.py, much slower); MUTATE_ARGS e.g. "--fresh" to forget earlier results.
MUTATE_SCOPE ?= composite
MUTATE_ARGS ?=
mutate: .venv/.synced
	$(VENV_PY) scripts/mutate.py --scope $(MUTATE_SCOPE) $(MUTATE_ARGS)

vendor: .venv/.synced
	$(VENV_PY) scripts/vendor_assets.py

clean:
	rm -rf .venv .tools db.sqlite3 staticfiles .stamp-* test-results .pytest_cache .mypy_cache .ruff_cache .mutation
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
