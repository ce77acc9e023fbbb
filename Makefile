# Wending: `make demo` runs the main job on the example articles,
# `make test` runs the test suite. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := demo/wending.db

.PHONY: demo test lint typecheck check evaluate bench clean

$(BIN)/wending: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(BIN)/wending

demo: $(BIN)/wending
	mkdir -p demo
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/wending ingest examples/ --db $(DEMO_DB)
	$(BIN)/wending articles --db $(DEMO_DB)
	$(BIN)/wending events --db $(DEMO_DB)

test: $(BIN)/wending
	$(BIN)/python -m pytest -q

lint: $(BIN)/wending
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(BIN)/wending
	$(BIN)/mypy

check: lint typecheck test

evaluate: $(BIN)/wending
	for set in seed dev plover-gsr-dev; do \
		echo "== $$set"; $(BIN)/wending evaluate ../shared/corpus/$$set --json | \
		$(BIN)/python -c "import json,sys; r=json.load(sys.stdin); print({k: r[k] for k in ('precision','recall','f1','gold','found','matched')}, {l: round(v['f1'],3) for l, v in r['by_lang'].items()})"; \
	done

bench: $(BIN)/wending
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_memory.py

clean:
	rm -rf $(VENV) demo build dist *.egg-info
