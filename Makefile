# actor-graph: run `make help` for the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out
PYTEST_ARGS ?=
# pytest-xdist workers: one per CPU (make test TEST_WORKERS=0 runs in one process)
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help analyze test test-fast lint notebook bench world-data clean

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed

## analyze: create .venv if missing, install, run the full analysis of the shipped data into out/
analyze: $(VENV)/.installed
	$(BIN)/actor-graph analyze --out $(OUT)

## test: create .venv with test extras, run every test, doctest and notebook
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## test-fast: the tests not marked slow (no end-to-end runs, subprocesses or calibrations), under a minute
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not slow" $(PYTEST_ARGS)

## lint: ruff check and format check
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check graph tests bench notebooks
	$(BIN)/ruff format --check graph tests bench notebooks

## notebook: open Jupyter Lab from .venv on notebooks/ (as root too, in a container)
notebook: $(VENV)/.installed-dev
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

## bench: run the benchmarks in bench/ (by hand; prints ratios)
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

## world-data: rebuild data/world/*.csv from the pinned sources (WORLD_SOURCES=folder of .rda files, else download)
world-data: | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[world-build]'
	$(BIN)/python data/world/rebuild.py $(if $(WORLD_SOURCES),--sources $(WORLD_SOURCES))

## clean: remove out/ and caches (keeps .venv)
clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache .hypothesis
