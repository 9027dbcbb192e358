# The README's commands. `make run` sets up and opens the REPL on the shipped seeds.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run test lint format

$(BIN)/reportqa: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# torch first and pinned: an unpinned torch pulls a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev,fast]"
	touch $(BIN)/reportqa

setup: $(BIN)/reportqa

run: setup
	$(BIN)/reportqa repl

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .

format: setup
	$(BIN)/ruff format .

# The CMRC 2018 trial set as a retrieval benchmark (its data lives outside the project):
#   make cmrc CMRC=../shared/bench/cmrc2018
CMRC ?= ../shared/bench/cmrc2018
.PHONY: cmrc dev-eval
cmrc: setup
	$(BIN)/python $(CMRC)/to_corpus.py $(CMRC)/cmrc2018_trial.json build/cmrc
	$(BIN)/reportqa eval build/cmrc/questions.jsonl --corpus build/cmrc/corpus --index build/cmrc/index

dev-eval: setup
	$(BIN)/reportqa eval tests/data/seeds_dev.jsonl tests/data/seeds_dev_negatives.jsonl
