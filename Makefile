# Archive Desk — the whole set-up is `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
SRC    := archive_desk tests bench tools packaging main.py

.PHONY: run test faults lint format bench screenshot sysdeps sysdeps-pg i18n clean pg-start pg-stop

$(STAMP): pyproject.toml
	@python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,dev]'
	@touch $(STAMP)

sysdeps:
	@bash tools/sysdeps.sh

# the tests and the bench start a throwaway PostgreSQL server (tools/pgserver.py): Debian's
# postgresql package, installed here when missing (as root; otherwise the packages are named)
sysdeps-pg:
	@bash tools/sysdeps.sh --postgresql

run: $(STAMP) sysdeps
	$(PY) main.py $(ARGS)

test: $(STAMP) sysdeps sysdeps-pg
	$(VENV)/bin/ruff check $(SRC)
	$(VENV)/bin/ruff format --check $(SRC)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)
	$(MAKE) --no-print-directory dist-check

# The long fault suite: hundreds of kill -9s, two writers, full and read-only disks (as root:
# it mounts a tiny tmpfs). One line of figures per check at the end of the run.
faults: $(STAMP) sysdeps
	ARCHIVE_DESK_FAULTS=long QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/faults $(PYTEST_ARGS)

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

bench: $(STAMP) sysdeps sysdeps-pg
	$(PY) -m bench $(ARGS)

screenshot: $(STAMP)
	@bash tools/sysdeps.sh --xvfb
	$(PY) tools/screenshot.py $(ARGS)

# The one-folder build (PyInstaller, packaging/archive-desk.spec) in dist/ArchiveDesk/, and its
# check: the built program run from a temporary folder (tests/test_dist.py). On Windows the
# same spec and the installer: packaging/build-windows.ps1 (README › Install on Windows).
.PHONY: dist dist-check
DIST := dist/ArchiveDesk

# rebuilt when any file it freezes is newer than the build
DIST_SOURCES := $(shell find archive_desk resources packaging -type f -not -name '*.pyc') \
	main.py pyproject.toml

dist: $(DIST)/archive-desk

$(DIST)/archive-desk: $(STAMP) $(DIST_SOURCES)
	@bash tools/sysdeps.sh
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/archive-desk.spec
	@touch $@
	@du -sh $(DIST)

dist-check: $(STAMP) sysdeps dist
	ARCHIVE_DESK_DIST=$(DIST) QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider \
		tests/test_dist.py

# a throwaway PostgreSQL server (tools/pgserver.py): pg-start prints its URL (ARGS=--fast: no
# fsync); pg-stop stops the newest started by hand (ARGS=--all: and those of killed test runs)
pg-start: $(STAMP)
	$(PY) tools/pgserver.py start $(ARGS)

pg-stop:
	python3 tools/pgserver.py stop $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache build dist
