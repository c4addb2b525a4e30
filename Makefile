# Archive Desk — the whole set-up is `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SRC    := archive_desk tests bench tools main.py

.PHONY: run test lint format bench screenshot sysdeps i18n clean

$(STAMP): pyproject.toml
	@python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,dev]'
	@touch $(STAMP)

sysdeps:
	@bash tools/sysdeps.sh

run: $(STAMP) sysdeps
	$(PY) main.py $(ARGS)

test: $(STAMP) sysdeps
	$(VENV)/bin/ruff check $(SRC)
	$(VENV)/bin/ruff format --check $(SRC)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check $(SRC)
	$(VENV)/bin/ruff format --check $(SRC)
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)
	$(VENV)/bin/ruff format $(SRC)
	$(VENV)/bin/ruff check --fix $(SRC)

i18n: $(STAMP)
	$(PY) tools/i18n.py --fill tools/i18n/zh_CN.json --missing

bench: $(STAMP) sysdeps
	$(PY) -m bench $(ARGS)

screenshot: $(STAMP)
	@bash tools/sysdeps.sh --xvfb
	$(PY) tools/screenshot.py $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
