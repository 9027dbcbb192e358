# The README's commands. `make run` sets up and opens the REPL on the shipped seeds.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run test lint format lock

$(BIN)/reportqa: pyproject.toml requirements.lock requirements-pip.lock
	$(PYTHON) -m venv $(VENV)
	# A pip that holds to the lock when a newer release of a locked package exists (see that file).
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-pip.lock
	# Every package exactly as locked, hashes checked; torch is the CPU wheel on this machine's disk.
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e . --config-settings editable_mode=compat
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
.PHONY: cmrc dev-eval dated-eval
cmrc: setup
	$(BIN)/python $(CMRC)/to_corpus.py $(CMRC)/cmrc2018_trial.json build/cmrc
	$(BIN)/reportqa eval build/cmrc/questions.jsonl --corpus build/cmrc/corpus --index build/cmrc/index

dev-eval: setup
	$(BIN)/reportqa eval tests/data/seeds_dev.jsonl tests/data/seeds_dev_negatives.jsonl

# The daily-bulletin archive: dated and "latest" questions (README, Quality)
dated-eval: setup
	$(BIN)/python -m retrieval.bench.bulletins build/bulletins
	$(BIN)/reportqa eval build/bulletins/questions_dated.jsonl --corpus build/bulletins/corpus --index build/bulletins/index
	$(BIN)/reportqa eval build/bulletins/questions_latest.jsonl --corpus build/bulletins/corpus --index build/bulletins/index

# Re-resolve every pin within pyproject.toml's ranges (newest allowed versions), in a scratch venv
# so that pip-tools itself stays out of the project's venv. Review the diff, run `make test`, commit.
LOCKENV := build/lockenv
lock:
	$(PYTHON) -m venv $(LOCKENV)
	$(LOCKENV)/bin/pip install --quiet pip-tools==7.6.2
	$(LOCKENV)/bin/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --extra dev --extra cluster -o requirements.lock pyproject.toml
