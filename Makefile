# Two commands on a fresh machine with Python 3.11+:
#   make run    set up .venv with the runtime dependencies and start the bot
#   make test   add the development tools and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test test-fast coverage mutate mutate-restore mutate-resume mutate-module chat lint bench eval clean

# the suite runs on every core (pytest-xdist); `make test WORKERS=0` runs it in one process
WORKERS ?= auto

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"'
	@echo ">> tạo môi trường ảo $(VENV) / creating the virtual environment"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	@echo ">> cài các thư viện chạy bot (lần đầu mất khoảng 1-2 phút) / installing runtime dependencies"
	$(BIN)/python -m pip install --progress-bar on -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	@echo ">> cài thêm công cụ kiểm thử / installing test tools"
	$(BIN)/python -m pip install --progress-bar on -e '.[dev]'
	touch $(RUN_STAMP) $(DEV_STAMP)

run: $(RUN_STAMP)
	$(BIN)/tthc-bot run

chat: $(RUN_STAMP)
	$(BIN)/tthc-bot chat

test: $(DEV_STAMP)
	$(BIN)/python -m pytest -q -n $(WORKERS)

test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -q -n $(WORKERS) -m "not slow and not postgres"

# the fast suite's coverage, per module (issue 19: the channels at 85% or more)
coverage: $(DEV_STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not postgres" --cov=bot --cov=handlers --cov=knowledge --cov-report=term

# mutation testing of the code that guards people's data and answers ([tool.mutmut] in
# pyproject.toml); not part of `make test`. Long: ~3000 mutants, ~8 hours on two shared cores
# (per mutant only the tests within `max_stack_depth` frames of the mutated function run).
# Every target ends by saving the checked mutants to the committed cache
# tests/mutation_results/ (tests/mutation_cache.py) and printing tests/mutation_report.py:
# mutants per module, killed, equivalent (tests/mutation_equivalents.md), survivors, not run.
#   make mutate          everything from scratch (the cache is overwritten with the result)
#   make mutate-resume   starts from the cache: only the mutants of functions whose code or
#                        tests changed since they were checked, or never checked, run
#   make mutate-module MODULE=handlers.workdays   the same, for one module's mutants only
# commit tests/mutation_results/ after a run. `make mutate MUTATE_CHILDREN=1` on a shared machine
MUTATE_CHILDREN ?= $$(nproc)
MUTMUT_RUN = $(BIN)/mutmut run --max-children $(MUTATE_CHILDREN)
MUTATE_SAVE = rc=$$?; $(BIN)/python tests/mutation_cache.py save; exit $$rc

mutate: $(DEV_STAMP)
	rm -rf mutants
	$(MUTMUT_RUN); $(MUTATE_SAVE)
	$(BIN)/python tests/mutation_report.py

# mutmut copies the texts, data and tests into mutants/ only when they are missing there, so
# after a merge the copy would run the new code against the old YAML texts (KeyError): refresh
# every file that is not a mutated module or mutmut's own (.meta, .spans) first; then the
# cached results of unchanged functions and tests go into mutants/
mutate-restore: $(DEV_STAMP)
	@test ! -d mutants || { cd mutants && find bot handlers knowledge tests -type f \
		! -name '*.meta' ! -name '*.spans' ! -path '*/__pycache__/*' \
		| while read -r f; do test -e "../$$f" || rm -f "$$f"; done; }
	@test ! -d mutants || find bot handlers knowledge -type f ! -name '*.py' \
		! -path '*/__pycache__/*' -exec cp -p --parents {} mutants/ \;
	$(BIN)/python tests/mutation_cache.py restore

mutate-resume: mutate-restore
	$(MUTMUT_RUN); $(MUTATE_SAVE)
	$(BIN)/python tests/mutation_report.py

# mutmut re-runs every mutant it is given by name, so only the unchecked ones are named
MODULE ?= handlers.workdays
mutate-module: mutate-restore
	names="$$($(BIN)/python tests/mutation_cache.py pending '$(MODULE).*')"; \
	test -z "$$names" || $(MUTMUT_RUN) $$names; $(MUTATE_SAVE)
	$(BIN)/python tests/mutation_report.py $(MODULE)

lint: $(DEV_STAMP)
	$(BIN)/ruff check bot handlers knowledge tests
	$(BIN)/mypy bot handlers knowledge

bench: $(RUN_STAMP)
	$(BIN)/tthc-bot bench search --json
	$(BIN)/tthc-bot bench search --procedures 20000 --json

eval: $(RUN_STAMP)
	$(BIN)/tthc-bot eval tests/data/questions_dev.tsv

clean:
	rm -rf $(VENV) var .pytest_cache mutants
