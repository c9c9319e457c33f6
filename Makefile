# Two commands set everything up: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DOCS_STAMP := $(VENV)/.installed-docs
TEST_STAMP := $(VENV)/.installed-test
# What `make test` installs: the test tools; CI adds the PyTorch and JAX cross-checks (crosscheck).
EXTRAS ?= test
LOWEST := .venv-lowest

.PHONY: serve docs test test-lowest install weight screenshots clean

# The site's experiments multiply small matrices, for which one BLAS thread is fastest on a busy
# machine; it also makes every build compute bit-identical numbers.
export OPENBLAS_NUM_THREADS ?= 1

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The package with what the site needs (mkdocs, Material, mkdocstrings, markdown-exec,
# mkdocs-static-i18n, ...). The Korean edition's figures also need a Korean font from the
# system: on Debian `apt-get install fonts-nanum` (.ci/run installs it).
$(DOCS_STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[docs]"
	touch $(DOCS_STAMP)

# The package with the docs extra and the test tools (pytest, Hypothesis, Playwright).
$(TEST_STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $(TEST_STAMP) $(DOCS_STAMP)

install: $(TEST_STAMP)

## Build the site and serve it at http://127.0.0.1:8000, rebuilding on changes
serve: $(DOCS_STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## Build the static site into site/ (fails on any warning)
docs: $(DOCS_STAMP)
	$(PY) -m mkdocs build --strict

## Print the heaviest pages of the built site
weight: docs
	$(PY) scripts/page_weight.py

## Full-page screenshots of a few pages in both palettes, into build/screenshots/
screenshots: docs $(TEST_STAMP)
	$(PY) scripts/screenshots.py

## Run the whole test suite
test: $(TEST_STAMP)
	$(PY) -m pytest

## Run the library's tests with NumPy and SciPy at the lower bounds pyproject.toml declares
test-lowest:
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet $$($(PYTHON) scripts/lowest_requirements.py) \
		pytest hypothesis mpmath
	$(LOWEST)/bin/python -m pip install --quiet --no-deps -e .
	$(LOWEST)/bin/python -m pytest -q -p no:cacheprovider -m "not slow and not browser" \
		--ignore-glob="tests/test_site_*" --ignore-glob="tests/test_crosscheck_*" \
		--ignore=activations/plotting.py

clean:
	rm -rf site build .pytest_cache .hypothesis $(LOWEST)
