# Peer Recovery Navigator. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
RUNTIME_STAMP := $(VENV)/.runtime-stamp
# Every Python package is installed from a hash-locked list (requirements/, made by `make lock`):
# runtime.txt for building the site, test.txt for it and the test tools.
PIP_LOCKED := $(BIN)/python -m pip install --quiet --require-hashes --no-deps
PIP_PROJECT := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
# The outside checkers the tests run (axe-core, the Nu Html Checker), pinned in package-lock.json, and
# Lighthouse for the benchmark only, pinned in bench/package-lock.json; both in gitignored node_modules/.
LOCK_FLAGS := --quiet --generate-hashes --strip-extras --allow-unsafe --all-build-deps --no-emit-index-url \
  --no-emit-find-links
CHECKERS := node_modules/.installed-stamp
LIGHTHOUSE := bench/node_modules/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install install-runtime lock checkers browser validate site serve preview lint check jstest test bench schema clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements/test.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) -r requirements/test.txt
	$(PIP_PROJECT)
	touch $(STAMP)

$(RUNTIME_STAMP): pyproject.toml requirements/runtime.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) -r requirements/runtime.txt
	$(PIP_PROJECT)
	touch $(RUNTIME_STAMP)

$(CHECKERS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(CHECKERS)

$(LIGHTHOUSE): bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --ignore-scripts
	touch $(LIGHTHOUSE)

install: $(STAMP) $(CHECKERS) ## Create .venv and install the project with its test tools (and the npm checkers)

install-runtime: $(RUNTIME_STAMP) ## Create .venv with what the build needs only (the deploy, weekly and intake workflows)

lock: ## Rewrite the hash-locked requirements/*.txt from pyproject.toml (after changing a dependency)
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet "pip-tools>=7.4,<8"
	CUSTOM_COMPILE_COMMAND="make lock" .lock-venv/bin/pip-compile $(LOCK_FLAGS) --output-file requirements/runtime.txt pyproject.toml
	CUSTOM_COMPILE_COMMAND="make lock" .lock-venv/bin/pip-compile $(LOCK_FLAGS) --extra test -c requirements/runtime.txt \
	  --output-file requirements/test.txt pyproject.toml
	rm -rf .lock-venv

checkers: $(CHECKERS) ## Install axe-core and the Nu Html Checker (npm, needs node; vnu needs java) for the tests

validate: $(STAMP) ## Check data/*.yaml and print every problem
	$(BIN)/python -m generator validate

site: $(STAMP) ## Build the site into site/ from the bundled data (addresses from SITE_URL and REPO_URL if set)
	$(BIN)/python -m generator build

serve: $(STAMP) ## Build, serve on http://127.0.0.1:8000 and rebuild on every edit
	$(BIN)/python -m generator serve

preview: $(STAMP) ## Like serve, with the fictional example coaches under a "preview" ribbon (never the public site)
	$(BIN)/python -m generator serve --examples

browser: ## Install Debian's chromium for the browser tests, when missing (PRN_CHROMIUM=/path: use that one)
	@if [ -n "$$PRN_CHROMIUM" ]; then \
	  [ -x "$$PRN_CHROMIUM" ] || { echo "PRN_CHROMIUM=$$PRN_CHROMIUM is not executable"; exit 1; }; \
	elif command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif [ "$$PRN_SKIP_BROWSER" = 1 ]; then \
	  echo "chromium not found: the browser tests are skipped (PRN_SKIP_BROWSER=1)"; \
	else echo "chromium not found and cannot be installed here: install it, set PRN_CHROMIUM=/path/to/chromium," \
	  "or run without the browser tests: PRN_SKIP_BROWSER=1 make test"; exit 1; fi

lint: $(STAMP) ## ruff and mypy over the code (part of make check and make test)
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

check: $(STAMP) lint jstest ## The fast loop (under 90 s): ruff, mypy, the JS unit tests and the tests marked neither browser nor slow
	$(BIN)/python -m pytest -q -n 2 -m "not browser and not slow" --durations=5

jstest: ## The JS unit tests, tests/js/*.test.mjs with node --test (no dependency); fails when there are none
	@set -- tests/js/*.test.mjs; [ -e "$$1" ] || { echo "no JS unit tests: tests/js/*.test.mjs matches nothing"; exit 1; }; \
	  PYTHON=$(BIN)/python node --test "$$@"

test: $(STAMP) $(CHECKERS) browser lint jstest ## Run the whole test suite: ruff, mypy, the JS unit tests, then pytest; without chromium it fails unless PRN_SKIP_BROWSER=1
	$(BIN)/python -m pytest

bench: $(STAMP) $(LIGHTHOUSE) browser ## Benchmark build time, memory and page weight at 1x, 10x, 30x (writes bench/)
	cd bench && ../$(BIN)/python run.py

schema: $(STAMP) ## Regenerate schema/*.json, the CONTRIBUTING field reference and the ZIP table (generator/registry/)
	$(BIN)/python -m generator schema
	$(BIN)/python -m generator fields

clean: ## Remove the built site and the virtual environment
	rm -rf site $(VENV) node_modules bench/node_modules
