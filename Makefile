# Two commands set everything up: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: serve docs test install clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

## Build the site and serve it at http://127.0.0.1:8000
serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## Build the static site into site/ (fails on any warning)
docs: $(STAMP)
	$(PY) -m mkdocs build --strict

## Run the whole test suite
test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf site .pytest_cache .hypothesis
