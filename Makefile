# Doorstep. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install demo code serve migrate test lint types pytest browsers assets benchmarks clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

SEMGREP := .venv-tools/bin/semgrep
$(SEMGREP):
	$(PYTHON) -m venv .venv-tools
	.venv-tools/bin/pip install --quiet semgrep==1.180.0

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## Create the virtual environment and install pinned dependencies

migrate: install ## Create or update the database (embedded SQLite unless DATABASE_URL is set)
	@mkdir -p var
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo (a Greater Manchester borough) and serve it on http://127.0.0.1:8000
	$(MANAGE) load_demo
	$(MANAGE) run_jobs & trap 'kill $$!' EXIT INT TERM; \
	$(MANAGE) runserver --noreload $(HOST):$(PORT)

code: install ## Print the sign-in code for a demo account: make code USER=guide
	@$(MANAGE) demo_code $(USER)

serve: migrate ## Serve without reloading the demo data
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install $(SEMGREP) ## Ruff (format, lint, security rules), bandit, the project's semgrep rules
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/bandit --quiet --recursive src
	$(SEMGREP) scan --config .semgrep/ --metrics=off --disable-version-check --error --quiet src

types: install ## mypy --strict with django-stubs
	$(BIN)/mypy src tests benchmarks

browsers: ## Make sure Debian's Chromium is there for the browser tests
	@sh scripts/ensure-chromium.sh

pytest: install browsers ## The whole test suite, browser tests included
	$(BIN)/pytest

test: lint types pytest ## Lint, types and the whole test suite (set DATABASE_URL for PostgreSQL)

assets: ## Rebuild the vendored GOV.UK Frontend and Leaflet assets (needs node and npm)
	bash assets/build.sh

benchmarks: install ## Run every benchmark and write benchmarks/results/
	$(BIN)/python benchmarks/triage.py
	$(BIN)/python benchmarks/triage_agreement.py
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/directory.py
	$(BIN)/python benchmarks/intake.py

clean: ## Remove the virtual environment and the embedded database
	rm -rf $(VENV) .venv-tools var
