# Quick start: `make build` runs the main job on strategy/, `make test` runs the tests.
# Both create .venv on first use and install the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test lint validate bench clean schema serve

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

# validate, compile policies/ and the playbook in docs/, then the static site in site/
build: $(STAMP)
	$(BIN)/socialkit validate
	$(BIN)/socialkit build
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	@echo "site built in site/ (open site/index.html, or run: .venv/bin/socialkit serve)"

validate: $(STAMP)
	$(BIN)/socialkit validate

# -n auto: one test worker per core; worksteal keeps both busy to the end (a few tests take a minute)
test: $(STAMP) lint
	$(BIN)/python -m pytest -n auto --dist worksteal

# ruff: lint rules and formatting of the package, tests and benchmarks; mypy: types of the core stages
lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

schema: $(STAMP)
	$(BIN)/socialkit schema --write

serve: $(STAMP)
	$(BIN)/socialkit serve

clean:
	rm -rf $(VENV) site .pytest_cache
