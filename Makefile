# SPDX-License-Identifier: EUPL-1.2
# Two commands from a fresh clone: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.12: the first python3.12 that runs (on PATH, or pyenv's under ~/.pyenv/versions).
PYTHON ?= $(firstword $(foreach p,python3.12 $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12),$(shell $(p) -c 'import sys; print(sys.executable)' 2>/dev/null)))
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/uv/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

DEMO_SIZE ?= 3000
DEMO_SEED ?= 2026
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help demo test install install-test assets chromium lint typecheck pytest messages openapi belasting clean

help:
	@echo "make demo   - installeer, bouw een demostad op SQLite en start die op http://$(HOST):$(PORT)"
	@echo "make test   - installeer, start een eigen PostgreSQL en draai alle tests, ruff en mypy"

$(UV):
	@test -n "$(PYTHON)" || { echo "Python 3.12 niet gevonden (python3.12 op PATH of onder ~/.pyenv/versions)"; exit 1; }
	$(PYTHON) -m venv $(TOOLS)/uv
	$(TOOLS)/uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Stamps make a second run skip what is already installed.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --inexact --python $(PYTHON)
	@touch $@

$(VENV)/.installed-test: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --inexact --extra test --python $(PYTHON)
	@touch $@ $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.installed src/binnenboord/locale/nl/LC_MESSAGES/django.mo
install-test: $(VENV)/.installed-test node_modules/.installed src/binnenboord/locale/nl/LC_MESSAGES/django.mo

src/binnenboord/locale/nl/LC_MESSAGES/django.mo: src/binnenboord/locale/nl/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

# The committed OpenAPI file (openapi.yaml); a test fails when it drifts from the code.
openapi: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=binnenboord.conf.test $(BIN)/binnenboord spectacular --file openapi.yaml --validate --fail-on-warn

# The load test (docs/beheer.md): locust comes with the `load` extra.
belasting: install-test
	$(UV) sync --frozen --inexact --extra test --extra load
	$(BIN)/python benchmarks/belasting.py

messages: $(VENV)/.installed
	cd src/binnenboord && ../../$(BIN)/binnenboord makemessages -l nl --no-obsolete --add-location file

# Debian chromium is not on a fresh machine; end-to-end tests need it.
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The demo runs with DEBUG off: a refused or missing page shows Binnenboord's own 403/404 page,
# as in production, not Django's debug page; whitenoise serves the static files (conf/dev.py).
demo: export DEBUG := false
# the address the demo prints is one it answers: HOST among the allowed hosts
demo: export ALLOWED_HOSTS ?= $(HOST),127.0.0.1,localhost
demo: install
	$(BIN)/binnenboord migrate --noinput
	$(BIN)/binnenboord demo --alleen-als-leeg --grootte $(DEMO_SIZE) --seed $(DEMO_SEED) --adres http://$(HOST):$(PORT)/
	@# the background worker runs the uploaded imports, the signal run after an import, the
	@# figures exports and every e-mail; it stops with the server
	$(BIN)/binnenboord db_worker --no-reload --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/binnenboord runserver --noreload $(HOST):$(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	@# the import contracts of pyproject.toml: kern is pure, the apps follow the flow, nothing imports demo
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: install-test chromium
	$(BIN)/pytest

test: install-test chromium lint typecheck pytest

clean:
	rm -rf $(VENV) $(TOOLS) node_modules .pytest_cache .mypy_cache .ruff_cache demo.sqlite3
