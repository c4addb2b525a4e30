"""Formula-looking text in every export (issue 17): a card, a region, a category, a department,
a borrower, a purpose named like ``=cmd|' /C calc'!A0``, ``+1``, ``-1`` or ``@SUM(…)`` — entered
through the services, exported through the services, the workbook reopened — is a text cell
holding exactly that text, never a formula a spreadsheet would run; so are an import's rows not
imported. (The program writes no CSV.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from archive_desk import accounts, cards, importing
from archive_desk import borrowing as bw
from archive_desk.cards import output as card_output
from archive_desk.domain import Role
from tests.cardkit import LOCATION, category_id, region_id
from tests.importing.ledgers import write_csv

PAD = bw.SignatureInput(png=b"\x89PNG-signature")
FORMULAS = (
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1:A2)",
    '=HYPERLINK("http://example.com","点击")',
    " =1+1",
    "-2+3",
    "+86 10 8888 8888",
)
SEEN: dict[str, int] = {"workbooks": 0, "cells": 0, "formulas": 0}


@pytest.fixture(scope="module", autouse=True)
def _figures(figures: Callable[[str], None]) -> Iterator[None]:
    yield
    if SEEN["workbooks"]:
        figures(
            f"formula-looking text in exports: {SEEN['workbooks']} workbooks reopened, "
            f"{SEEN['cells']} cells of formula-looking text, all text, {SEEN['formulas']} formulas"
        )


def _cells(path: Path) -> list[tuple[str, str, object]]:
    """(sheet, data type, value) of every cell of the reopened workbook."""
    wb = load_workbook(path)
    return [
        (ws.title, cell.data_type, cell.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def _check(path: Path, expected: set[str]) -> None:
    cells = _cells(path)
    SEEN["workbooks"] += 1
    formulas = [(sheet, value) for sheet, kind, value in cells if kind == "f"]
    SEEN["formulas"] += len(formulas)
    assert formulas == [], f"{path.name}: formulas {formulas}"
    texts = [value for _, kind, value in cells if kind == "s"]
    for text in expected:
        found = [t for t in texts if isinstance(t, str) and text.strip() in t]
        assert found, f"{path.name}: {text!r} is not in any text cell"
        SEEN["cells"] += len(found)


@pytest.fixture
def archive(admin, clerk, make_user, clock):  # type: ignore[no-untyped-def]
    """Cards, a region, a category, a department and loans named like formulas."""
    manager = make_user(Role.MANAGER, "manager", department="客服部")
    dept = accounts.create_department(admin, "+1").id
    region = cards.create_region(clerk, "@SUM(A1:A2)", parent_id=region_id("北京")).id
    category = cards.create_category(clerk, "FX", "=cmd|' /C calc'!A0").id
    clock.set("2026-02-10T09:00:00")
    made = []
    for i, name in enumerate(FORMULAS):
        values = {**LOCATION, "location_room": "-1", "address": name}
        made.append(cards.create_card(
            clerk,
            cards.CardDraft(values={"name": name, "region_id": region if i % 2 else region_id("北京"),
                                    "category_id": category if i % 2 == 0 else category_id("GY"),
                                    **values}),
            confirm_warnings=True, allow_duplicate=True,
        ))  # fmt: skip
    for i, card in enumerate(made[:4]):  # lent in February: the monthly workbook's rows
        app = bw.apply(clerk, bw.BorrowerInput(name=FORMULAS[i], department_id=dept), [card.id],
                       mode="read", purpose=FORMULAS[-1 - i])  # fmt: skip
        app = bw.decide(manager, app.id, app.version, approve=True)
        bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    clock.set("2026-03-02T09:00:00")
    return clerk


def test_the_cards_export(archive, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "导出.xlsx"
    card_output.export_cards(archive, cards.CardFilter(), out)
    _check(out, {*FORMULAS, "@SUM(A1:A2)", "=cmd|' /C calc'!A0"})


def test_the_statistics_workbook(archive, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "统计.xlsx"
    cards.statistics_workbook(archive, out)
    _check(out, {"@SUM(A1:A2)", "=cmd|' /C calc'!A0"})


def test_the_monthly_borrowing_workbook(archive, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "月报.xlsx"
    report = bw.monthly_workbook(archive, "2026-02", out)
    assert report.details  # the loans of February are in it
    _check(out, {*FORMULAS[:4], *FORMULAS[-4:], "+1"})


def test_the_rows_not_imported(clerk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An import's rows not imported come back as the ledger had them: formula-looking names,
    addresses and regions (a region the archive does not know, left unmapped: refused) stay
    text in the workbook the clerk corrects and imports again."""
    rows: list[list[object]] = [["客户名称", "地址", "地区", "客户类别"]]
    rows += [[name, name, "", "GY"] for name in FORMULAS]  # no region: every row refused
    ledger = write_csv(tmp_path / "台账.csv", "utf-8-sig", rows)
    out = tmp_path / "未导入.xlsx"
    report = importing.import_file(clerk, ledger, rejected_out=out)
    assert len(report.not_imported) == len(FORMULAS)
    _check(out, set(FORMULAS))
