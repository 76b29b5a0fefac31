# immportal — developer commands.
#
#   make run    install what is missing, then serve the portal on embedded defaults
#   make test   install what is missing, then lint, type-check and run the tests
#
# Installs are incremental: Python packages are reinstalled only when
# pyproject.toml is newer than .venv/.installed, and the USWDS assets are rebuilt
# only when package.json or package-lock.json is newer than the built copy.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
TEST_WORKERS ?= 4
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
ASSETS := src/immportal/web/static/uswds/.built

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

.PHONY: help run test lint format bench install assets system-deps fonts clean distclean

help: ## Show the available commands.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

run: install assets fonts ## Serve the portal at http://127.0.0.1:8080 with dev pages and demo cases.
	exec $(VENV)/bin/immportal serve --dev

test: install system-deps assets lint ## Lint, type-check and run the whole test suite.
	@# Most tests wait on PostgreSQL, the broker, a browser or a mail server rather than
	@# the CPU, so several run at once; the few that stop the shared broker run alone after.
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile -m "not serial"
	$(VENV)/bin/pytest -m serial

lint: install ## Check style, formatting and types (ruff, mypy).
	$(VENV)/bin/ruff check --no-cache .
	$(VENV)/bin/ruff format --no-cache --check .
	$(VENV)/bin/mypy

format: install ## Apply ruff's formatting and safe fixes.
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## Run the benchmarks (results in bench/RESULTS.md).
	$(PY) -m bench.run

install: $(INSTALLED) ## Create .venv and install the package with its dev tools.

assets: $(ASSETS) ## Build the USWDS assets into src/immportal/web/static/uswds/.

system-deps: fonts ## Install Debian packages the tests need (as root): chromium, ClamAV's daemon, DejaVu fonts.
	bash scripts/ensure-deb.sh chromium chromium
	bash scripts/ensure-deb.sh clamd clamav-daemon

fonts: ## Install the DejaVu fonts notices print accented names in (Debian package, as root).
	@# Optional: without them notices fall back to a built-in font that drops some accents.
	-bash scripts/ensure-deb.sh /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(ASSETS): package.json package-lock.json scripts/build-assets.sh
	bash scripts/build-assets.sh

clean: ## Remove built assets, caches and build output (keeps .venv).
	rm -rf src/immportal/web/static/uswds node_modules build dist bench/out
	rm -rf .mypy_cache .ruff_cache .pytest_cache
	find . -path ./.venv -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment.
	rm -rf $(VENV)
