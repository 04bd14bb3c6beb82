# Two commands: `make demo` and `make test`. Both create .venv if it is absent.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
BSTAMP := $(VENV)/.installed-bench

.PHONY: demo test docs fuzz bench eval-ingest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/sim what-if --fall homs --chart out/homs-falls.png --force

test: $(TSTAMP)
	$(BIN)/ruff check sim
	$(BIN)/python -m pytest

# The docs' printed examples run again, the lessons' figures redrawn
# (docs/lessons/figures/) from the commands the lessons show, and the explorer's
# screenshots taken again (docs/explorer*.png; they need Chromium).
docs: $(TSTAMP)
	$(BIN)/python tools/update_doc_examples.py --figures
	$(BIN)/python tools/explorer_screenshots.py

# The fuzz suite at length: thousands of random mutations of every kind of input file.
fuzz: $(TSTAMP)
	SIM_FUZZ=1 $(BIN)/python -m pytest tests/test_fuzz.py -p no:cacheprovider

$(BSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(TSTAMP) $(STAMP)

# Benchmarks against networkx, rustworkx, igraph and networkit (the `bench` extra), and every
# command end to end at 10^5 and 10^6 places; rewrites docs/performance.md (takes long).
# BENCH_ARGS passes options on, e.g. make bench BENCH_ARGS="--only sweep --sizes 1e5".
BENCH_ARGS ?=

bench: $(BSTAMP)
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

# `sim ingest` scored against the labelled texts of tests/data/ingest, and against the
# development corpus too when it is there (it lives outside the repository).
INGEST_DEV ?= ../shared/corpus/ingest-dev

eval-ingest: $(TSTAMP)
	$(BIN)/python tools/eval_ingest.py tests/data/ingest/labels.json $(wildcard $(INGEST_DEV)/labels.json)

clean:
	rm -rf $(VENV) out build dist
