"""Hostile arguments on the command line (issue 17): bytes that are not UTF-8 (Python hands
them to the program as lone surrogates), control characters, very long text — told in Chinese
or answered, never a traceback."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from archive_desk.db import connection
from tests.cardkit import make_card
from tests.faults.conftest import LONG
from tests.faults.hostile import Tally
from tests.faults.kit import cli

TALLY = Tally("hostile input on the command line")


@pytest.fixture(scope="module", autouse=True)
def _figures(figures: Callable[[str], None]) -> Iterator[None]:
    yield
    if TALLY.calls:
        figures(TALLY.line())


CASES = {
    "bytes": ["search", os.fsdecode(b"\xff\xfe")],  # not UTF-8: a lone surrogate in the program
    "export": ["export-cards", "{out}", "--query", os.fsdecode(b"\xe5\x8c")],
    "control": ["search", "海淀\x01"],
    "long": ["search", "北" * 5000],
    "region": ["print", "list", "--out", "{pdf}", "--region", os.fsdecode(b"\xff")],
}
QUICK = ("bytes", "export")  # make test; make faults runs them all


@pytest.mark.parametrize("case", list(CASES) if LONG else QUICK)
def test_the_command_line_takes_any_argument(db_path, clerk, tmp_path, case) -> None:  # type: ignore[no-untyped-def]
    make_card(clerk, "北京海淀科技有限公司")
    connection.close_database()
    args = CASES[case]
    argv = [
        a.replace("{out}", str(tmp_path / "x.xlsx")).replace("{pdf}", str(tmp_path / "x.pdf"))
        for a in args
    ]
    run = cli(["--db", str(db_path), *argv], user="clerk")
    TALLY.calls += 1
    TALLY.services.add("archive-desk " + args[0])
    assert "Traceback" not in run.err + run.out, run.err
    if run.rc:
        run.told()
        TALLY.refused += 1
    else:
        TALLY.read_only += 1
