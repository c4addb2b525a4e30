"""Fixtures of the import tests: a clerk, the messy ledger in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importing.ledgers import write_csv, write_xlsx

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(params=["xlsx", "xls", "ods", "csv-gb18030", "csv-utf-8-sig"])
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The messy ledger in one of the formats the import reads."""
    kind = request.param
    if kind == "xlsx":
        return write_xlsx(tmp_path / "客户台账.xlsx")
    if kind in ("xls", "ods"):
        return DATA / f"ledger.{kind}"
    return write_csv(tmp_path / "客户台账.csv", kind.removeprefix("csv-"))
