"""The fault suite: the program against a failing environment and hostile input.

``make test`` runs a quick variant of every check; ``make faults`` sets ``ARCHIVE_DESK_FAULTS=long``
(hundreds of kills, a hundred hostile values per service) and prints one line of figures per
check at the end of the run. The environment's checks are counted per case (:data:`CHECKS`); the
kill -9 runs, the hostile input (hypothesis, :mod:`tests.faults.hostile`), the role × service
matrix and the formula-looking exports give their own line through :func:`figures`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from tests.faults.kit import TinyDisk
from tests.ui.conftest import sink  # noqa: F401 - the GUI start tests record their messages

LONG = os.environ.get("ARCHIVE_DESK_FAULTS") == "long"
LONG_TIMEOUT = 7200  # s per test under make faults (pyproject's 300 s would cut the 400 kills)

_FIGURES: list[str] = []


@pytest.fixture
def long_run() -> bool:
    """True under ``make faults``: run the long variant."""
    return LONG


@pytest.fixture(scope="session")
def figures() -> Callable[[str], None]:
    """Record one line of figures for the summary at the end of the run."""
    return _FIGURES.append


# The checks whose cases are counted (one line each); the kill -9 checks give their own figures.
CHECKS = {
    "test_disk_full.py": "disk full (tmpfs ENOSPC)",
    "test_read_only.py": "read-only file, folder, disk",
    "test_busy.py": "database busy (write lock held)",
    "test_damaged.py": "damaged / vanished file, backup → damage → restore",
}
_CASES: dict[str, list[int]] = {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under ``make faults`` every test here may take up to :data:`LONG_TIMEOUT` (a marker of
    the test's own comes first)."""
    if not LONG:
        return
    for item in items:
        if "tests/faults/" in item.nodeid and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(LONG_TIMEOUT))


def pytest_runtest_logreport(report) -> None:  # type: ignore[no-untyped-def]
    name = report.nodeid.split("::")[0].rsplit("/", 1)[-1]
    if name in CHECKS and report.when == "call":
        passed, failed = _CASES.setdefault(name, [0, 0])
        _CASES[name] = [passed + report.passed, failed + (not report.passed)]


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    lines = [
        f"{CHECKS[name]}: {passed + failed} cases, {passed} told in Chinese with nothing "
        f"half-saved, {failed} failed"
        for name, (passed, failed) in _CASES.items()
    ] + _FIGURES
    if not lines:
        return
    terminalreporter.section("fault figures")
    for line in lines:
        terminalreporter.write_line(line)
    out = os.environ.get("ARCHIVE_DESK_FAULTS_REPORT")
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")


@pytest.fixture
def tiny_disk() -> Iterator[TinyDisk]:
    """A 4 MB tmpfs: room for a small archive, and it fills up for real."""
    disk = TinyDisk(4096)
    disk.mount()
    try:
        yield disk
    finally:
        disk.unmount()


@pytest.fixture
def chinese(qtbot) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The program's Chinese translation installed, as the clerk runs it."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from archive_desk.ui.app import translation_file

    translator = QTranslator()
    qm = translation_file("zh_CN")
    assert qm is not None and translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)
