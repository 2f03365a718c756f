# Peer Recovery Navigator. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install browser validate site serve preview lint test bench schema clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its test tools

validate: $(STAMP) ## Check data/*.yaml and print every problem
	$(BIN)/python -m generator validate

site: $(STAMP) ## Build the site into site/ from the bundled data
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

lint: $(STAMP) ## ruff and mypy over the code (part of make test)
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

test: $(STAMP) browser lint ## Run the whole test suite: ruff and mypy, then pytest; without chromium it fails unless PRN_SKIP_BROWSER=1
	$(BIN)/python -m pytest

bench: $(STAMP) browser ## Benchmark build time, memory and page weight at 1x, 10x, 30x (writes bench/)
	cd bench && ../$(BIN)/python run.py

schema: $(STAMP) ## Regenerate schema/*.json, the CONTRIBUTING field reference and the ZIP table (generator/registry/)
	$(BIN)/python -m generator schema
	$(BIN)/python -m generator fields

clean: ## Remove the built site and the virtual environment
	rm -rf site $(VENV)
