# immportal — developer commands.
#
#   make run    install what is missing, then serve the portal on embedded defaults
#   make test   install what is missing, then lint, type-check and run the tests
#   make lock   re-resolve the Python lock files after a change to pyproject.toml
#   make messages  extract the words to translate and update every language's catalog
#
# Python packages come only from the lock files in requirements/, exact versions with
# hashes: dev.txt (the package and its test, lint and bench extras, for this Makefile and
# CI) and main.txt (the package alone, for docker/Dockerfile; same versions as dev.txt).
# Installing needs nothing but python3 and pip. To change a dependency, edit
# pyproject.toml and run `make lock` (keeps every other pin); `make lock UPGRADE=1`
# moves every package to the newest release its range allows. Commit the lock files.
#
# Installs are incremental: Python packages are reinstalled only when the lock file or
# pyproject.toml is newer than .venv/.installed, and the USWDS assets are rebuilt only
# when package.json or package-lock.json is newer than the built copy.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
TEST_WORKERS ?= 4
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
LOCK := requirements/dev.txt
LOCK_MAIN := requirements/main.txt
# uv resolves the lock files (`make lock` only); installs use pip.
UV_VERSION := 0.13.9
UV := $(VENV)/bin/uv
UPGRADE ?=
# One resolution for every platform, hashes of every file of each pinned release.
UV_COMPILE := $(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
ASSETS := src/immportal/web/static/uswds/.built
# Translations: catalogs are committed as .po, compiled to .mo (ignored by git) when installing.
LOCALE_DIR := src/immportal/locale
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(LOCALE_DIR)/*/LC_MESSAGES/messages.po))
# Keep in step with scripts/check_catalogs.py, which extracts the same way to find stale catalogs.
EXTRACT_OPTIONS := -F babel.cfg -k N_ --no-location --sort-output --add-comments=Translators: \
	--project=immportal --copyright-holder="immportal contributors" --msgid-bugs-address=""

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

.PHONY: help run test lint format bench install lock assets system-deps fonts clean distclean \
	catalogs messages check-catalogs

help: ## Show the available commands.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

run: install assets catalogs fonts ## Serve the portal at http://127.0.0.1:8080 with dev pages and demo cases.
	exec $(VENV)/bin/immportal serve --dev

test: install system-deps assets catalogs lint check-catalogs ## Lint, type-check and run the whole test suite.
	@# Most tests wait on PostgreSQL, the broker, a browser or a mail server rather than
	@# the CPU, so several run at once; the few that stop the shared broker run alone after.
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile -m "not serial"
	$(VENV)/bin/pytest -m serial

lint: install ## Check style, formatting, types and import rules (ruff, mypy, import-linter).
	$(VENV)/bin/ruff check --no-cache .
	$(VENV)/bin/ruff format --no-cache --check .
	$(VENV)/bin/mypy
	if [ -f .importlinter ]; then $(VENV)/bin/lint-imports --no-cache --no-logo; fi

format: install ## Apply ruff's formatting and safe fixes.
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## Run the benchmarks (results in bench/RESULTS.md).
	$(PY) -m bench.run

install: $(INSTALLED) catalogs ## Create .venv and install the package with its dev tools, from the lock file.

catalogs: $(MO_FILES) ## Compile the translations (locale/*/LC_MESSAGES/messages.po) for the portal to read.

%.mo: %.po | $(INSTALLED)
	$(VENV)/bin/pybabel compile --statistics -i $< -o $@

messages: install ## Extract the words to translate into messages.pot and update each language's .po.
	@# Written aside and moved into place: a running portal or test may be reading the template.
	$(VENV)/bin/pybabel extract $(EXTRACT_OPTIONS) -o $(LOCALE_DIR)/messages.pot.new .
	mv $(LOCALE_DIR)/messages.pot.new $(LOCALE_DIR)/messages.pot
	$(VENV)/bin/pybabel update --ignore-obsolete -i $(LOCALE_DIR)/messages.pot -d $(LOCALE_DIR)
	@echo "Now translate the new and fuzzy entries of $(LOCALE_DIR)/es/LC_MESSAGES/messages.po"

check-catalogs: install ## Fail on a stale catalog, or an untranslated or fuzzy Spanish message.
	$(PY) scripts/check_catalogs.py

lock: | $(PY) ## Re-resolve requirements/*.txt from pyproject.toml (UPGRADE=1: newest allowed releases).
	$(PY) -m pip install --quiet 'uv==$(UV_VERSION)'
	@# The build backend is locked too, so that installing the package resolves nothing.
	$(PY) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
		> requirements/build-system.in
	$(UV_COMPILE) pyproject.toml requirements/build-system.in --all-extras -o $(LOCK)
	@# The image gets the same versions the tests ran with.
	$(UV_COMPILE) pyproject.toml requirements/build-system.in --constraint $(LOCK) -o $(LOCK_MAIN)
	rm requirements/build-system.in

assets: $(ASSETS) ## Build the USWDS assets into src/immportal/web/static/uswds/.

system-deps: fonts ## Install Debian packages the tests need (as root): chromium, ClamAV's daemon, DejaVu fonts.
	bash scripts/ensure-deb.sh chromium chromium
	bash scripts/ensure-deb.sh clamd clamav-daemon

fonts: ## Install the DejaVu fonts notices print accented names in (Debian package, as root).
	@# Optional: without them notices fall back to a built-in font that drops some accents.
	-bash scripts/ensure-deb.sh /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core

$(PY):
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): $(LOCK) pyproject.toml | $(PY)
	@# Hashes make pip refuse anything not pinned in the lock, so nothing is resolved here.
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check || { echo "pyproject.toml asks for what the lock lacks: run make lock" >&2; exit 1; }
	touch $@

$(ASSETS): package.json package-lock.json scripts/build-assets.sh
	bash scripts/build-assets.sh

clean: ## Remove built assets, caches and build output (keeps .venv).
	rm -rf src/immportal/web/static/uswds node_modules build dist bench/out
	rm -f $(MO_FILES)
	rm -rf .mypy_cache .ruff_cache .pytest_cache
	find . -path ./.venv -prune -o \( -name __pycache__ -o -name '*.egg-info' \) -prune -exec rm -rf {} +

distclean: clean ## Also remove the virtual environment.
	rm -rf $(VENV)
