# Quick start: `make build` runs the main job on strategy/, `make test` runs the tests.
# Both create .venv on first use and install the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test validate bench clean schema

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/socialkit validate

validate: $(STAMP)
	$(BIN)/socialkit validate

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

schema: $(STAMP)
	$(BIN)/socialkit schema --write

clean:
	rm -rf $(VENV) site .pytest_cache
