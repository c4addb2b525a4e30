"""The month-end list for the general manager (借出未还清单) on dated data around two month
boundaries: what was out at the end of October 2026 — lent on or before 31 October and not back
by then, including what came back in November — and nothing lent in November. The PDF (read
back), ``month_end_data``, the overview's to-do and the workbook's 未归还 sheet (reopened) hold
the same items, and an independent SQL count agrees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk import borrowing as reports
from archive_desk import reporting as overview
from archive_desk.borrowing import output as out
from archive_desk.db.models import MonthEndList
from archive_desk.domain import Role
from archive_desk.errors import ValidationError
from tests import storekit
from tests.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


@pytest.fixture
def autumn(make_user, clerk, clock, db_path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Loans and copies lent and returned around 1 October and 1 November 2026; today is
    30 November (October's list was never produced)."""
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    manager = make_user(Role.MANAGER, "manager", department="总经办", full_name="陈静")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    clock.set("2026-09-01T09:00:00")
    names = ["九月还", "十月逾期", "月末借次月还", "十一月借", "十月当月还", "影印跨月", "零点还"]
    card = {n: make_card(clerk, f"{n}有限公司") for n in names}

    def lend(name: str, at: str, due: dt.date, mode: str = "read") -> bw.BorrowingView:
        clock.set(at)
        app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept, phone="13800138000"),
                       [card[name].id], mode=mode, purpose="核对", expected_return=due)  # fmt: skip
        app = bw.decide(head, app.id, app.version, approve=True)
        return bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)

    def give_back(view: bw.BorrowingView, at: str) -> None:
        clock.set(at)
        view = bw.get_borrowing(clerk, view.id)
        bw.return_items(clerk, view.id, view.version, [bw.ItemReturn(view.items[0].id)],
                        borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip

    give_back(lend("九月还", "2026-09-28T09:00:00", dt.date(2026, 10, 2)), "2026-10-02T10:00:00")
    lend("十月逾期", "2026-10-15T09:00:00", dt.date(2026, 10, 20))
    late_back = lend("月末借次月还", "2026-10-31T16:00:00", dt.date(2026, 11, 2))
    back_same_month = lend("十月当月还", "2026-10-20T09:00:00", dt.date(2026, 10, 31))
    give_back(back_same_month, "2026-10-31T17:00:00")
    copy_mode = lend("影印跨月", "2026-10-30T09:00:00", dt.date(2026, 11, 3), mode="copy")
    midnight = lend("零点还", "2026-10-31T18:00:00", dt.date(2026, 11, 1))
    give_back(midnight, "2026-11-01T00:00:00")  # the first instant of November: out at the end
    give_back(late_back, "2026-11-02T09:00:00")
    give_back(copy_mode, "2026-11-03T09:00:00")
    lend("十一月借", "2026-11-01T09:00:00", dt.date(2026, 11, 5))  # November: not October's

    def copy(name: str, at: str, *, taken_out: bool = True) -> bw.CopyView:
        clock.set(at)
        return bw.record_copy(clerk, card[name].id, pages="1-2", copies=1, purpose="报价",
                              approver_id=head.user_id, holder_name="赵六", taken_out=taken_out,
                              location="销售一部", due_date=clock.today() + dt.timedelta(days=7) if taken_out else None)  # fmt: skip

    out_over_end = copy("十月逾期", "2026-10-10T09:00:00")
    struck_in_october = copy("九月还", "2026-10-05T09:00:00")
    copy("十月当月还", "2026-10-12T09:00:00", taken_out=False)  # stayed in the room
    november = copy("十一月借", "2026-11-05T09:00:00")
    clock.set("2026-10-25T09:00:00")
    bw.strike_off_copy(clerk, struck_in_october.id, struck_in_october.version)
    clock.set("2026-11-03T09:00:00")
    bw.strike_off_copy(clerk, out_over_end.id, out_over_end.version)
    clock.set("2026-11-30T15:00:00")
    return {
        "clerk": clerk,
        "manager": manager,
        "db_path": db_path,
        "card": card,
        "copies": {"out_over_end": out_over_end.number, "november": november.number},
    }


OUT_AT_OCTOBER_END = {"十月逾期", "月末借次月还", "影印跨月", "零点还"}


def _numbers(autumn: dict[str, Any], names: set[str]) -> set[str]:
    return {autumn["card"][n].archive_no for n in names}


def _sql(db_path: Path, query: str) -> list[tuple[Any, ...]]:
    return storekit.rows(db_path, query)


def test_the_list_holds_what_was_out_at_the_months_end(autumn) -> None:  # type: ignore[no-untyped-def]
    data = bw.month_end_data(autumn["clerk"], "2026-10")
    assert data.last_day == dt.date(2026, 10, 31)
    assert {r.archive_no for r in data.originals} == _numbers(autumn, OUT_AT_OCTOBER_END)
    independent = _sql(
        autumn["db_path"],
        "SELECT c.archive_no FROM borrowing_item i JOIN card c ON c.id = i.card_id "
        "WHERE i.lent_at < '2026-11-01' AND (i.returned_at IS NULL OR i.returned_at >= '2026-11-01')",
    )
    assert {r[0] for r in independent} == {r.archive_no for r in data.originals}
    assert [c.number for c in data.copies] == [autumn["copies"]["out_over_end"]]
    days = {r.card_name[:-4]: r.days_overdue for r in data.originals}
    assert days == {"十月逾期": (dt.date(2026, 10, 31) - dt.date(2026, 10, 20)).days,
                    "月末借次月还": 0, "影印跨月": 0, "零点还": 0}  # fmt: skip
    back = {r.card_name[:-4]: r.returned_at for r in data.originals}
    assert back["十月逾期"] is None and back["月末借次月还"] == dt.datetime(2026, 11, 2, 9, 0)


def test_pdf_todo_and_workbook_agree_on_the_months_items(autumn, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = autumn["clerk"]
    todo = {t.key: t for t in overview.todos(clerk)}["month_end"]
    assert todo.count == 1 and "2026-10" in todo.hint
    assert "原件 4 件" in todo.hint and "复印件 1 份" in todo.hint

    pdf = tmp_path / "month.pdf"
    out.print_month_end(clerk, "2026-10", pdf)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", "")
    assert "2026-10 借出未还档案清单" in text
    assert "截至 2026-10-31" in text and "截至 2026-11-30" not in text
    assert "原件 4 件，复印件 1 份" in text
    expected = _numbers(autumn, OUT_AT_OCTOBER_END)
    for number in expected:
        assert number in text
    for number in _numbers(autumn, set(autumn["card"]) - OUT_AT_OCTOBER_END):
        assert number not in text
    assert autumn["copies"]["out_over_end"] in text
    assert autumn["copies"]["november"] not in text
    assert "2026-11-02 已归还" in text  # lent on the 31st, back after the month end
    assert MonthEndList.get().originals_out == 4 and MonthEndList.get().copies_out == 1

    book = tmp_path / "month.xlsx"
    reports.monthly_workbook(autumn["manager"], "2026-10", book)
    rows = list(load_workbook(book)["未归还"].iter_rows(min_row=2, values_only=True))
    assert {r[1] for r in rows if r[0] == "原件"} == expected
    copies = [r for r in rows if r[0] == "复印件"]
    assert len(copies) == 1 and copies[0][1] == autumn["card"]["十月逾期"].archive_no
    overdue = list(load_workbook(book)["逾期"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5]) for r in overdue] == [(autumn["card"]["十月逾期"].archive_no, 11)]


def test_the_borrowing_tab_and_the_cli_default_to_last_month(autumn, clock) -> None:  # type: ignore[no-untyped-def]
    assert bw.previous_month(clock.today()) == "2026-10"
    assert bw.previous_month(dt.date(2026, 1, 1)) == "2025-12"
    reminder = bw.month_end_reminder(autumn["clerk"]) or ""
    assert "2026-10" in reminder and "已逾期" in reminder


def test_a_month_not_yet_over_has_no_list(autumn, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="还没有结束"):
        out.print_month_end(autumn["clerk"], "2026-11", tmp_path / "early.pdf")
    with pytest.raises(ValidationError, match="YYYY-MM"):
        bw.month_end_data(autumn["clerk"], "2026年10月")
    assert not (tmp_path / "early.pdf").exists()
    assert MonthEndList.select().count() == 0
