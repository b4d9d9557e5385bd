# Two commands on a fresh machine with Python 3.11+:
#   make run    set up .venv and start the bot on its embedded defaults
#   make test   set up .venv and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast chat lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/tthc-bot run

chat: $(STAMP)
	$(BIN)/tthc-bot chat

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not postgres"

lint: $(STAMP)
	$(BIN)/ruff check bot handlers knowledge tests
	$(BIN)/mypy bot handlers knowledge

bench: $(STAMP)
	$(BIN)/tthc-bot bench search --json
	$(BIN)/tthc-bot bench search --procedures 20000 --json

eval: $(STAMP)
	$(BIN)/tthc-bot eval tests/data/questions_dev.tsv

clean:
	rm -rf $(VENV) var .pytest_cache
