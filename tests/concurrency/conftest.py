"""Several clerks on one server at once: a line of figures per run at the end of the session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

_FIGURES: list[str] = []


@pytest.fixture
def figures() -> Callable[[str], None]:
    return _FIGURES.append


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if _FIGURES:
        terminalreporter.section("concurrency figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)
