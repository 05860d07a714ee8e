# Two entry points: `make demo` (set up, ingest the seeds, serve) and `make test` (set up, lint, test).
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: install demo test lint bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/kg serve --ingest seeds

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

# the quick round of measurements; see README "Measuring" for each script's options (e.g. 1M claims)
bench: install
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/eval.py
	$(BIN)/python bench/questions.py
	$(BIN)/python bench/store.py --sizes 10000,100000
	$(BIN)/python bench/rebuttals.py --claims 20000
