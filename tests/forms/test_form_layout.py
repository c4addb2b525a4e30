"""Every printed form with a table, filled with realistic values (12-character archive numbers,
document numbers, dates, credit codes, phones, long names), read back with ``pdftotext -layout``:
each number, date and code must stand whole on one printed line; the Chinese font embedded."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from archive_desk import cards, settings
from archive_desk.borrowing.views import (
    ApprovalView,
    BorrowingView,
    CopyView,
    ItemView,
    MonthEndData,
    OriginalOut,
    OverdueRow,
    SignatureView,
)
from archive_desk.cards import output as card_output
from archive_desk.clock import FixedClock
from archive_desk.demo import scribble_png
from archive_desk.forms import borrowing_forms, card_forms, handover_forms
from archive_desk.handover import HandoverView, StepView
from archive_desk.handover import ItemView as HandoverItem
from tests.cardkit import make_card
from tests.forms.pdfcheck import broken, unembedded_fonts

ORG = "上海浦东某某国际贸易有限公司"
CLOCK = FixedClock("2026-11-20T09:00:00")
NAMES = [
    "上海浦东新区张江高科技园区某某生物医药科技发展有限公司",
    "北京海淀科技有限公司",
    "Shanghai International Trading Co., Ltd.",
    "湖南长沙岳麓山国家大学科技城某某信息技术股份有限公司",
]
LENT = dt.datetime(2026, 11, 5, 9, 30)
RETURNED = dt.datetime(2026, 11, 5, 16, 45)


def _archive_no(i: int) -> str:
    return f"GY2026000{120 + i:03d}"


def _doc_no(i: int) -> str:
    return f"JY2026-{105 + i:04d}"


def _whole(path: Path, tokens: list[str]) -> None:
    bad = broken(path, tokens)
    assert not bad, f"not whole on one line: {bad}"
    fonts = unembedded_fonts(path)
    assert not fonts, f"fonts not embedded: {fonts}"


# -- borrowing forms ---------------------------------------------------------------------------


def _register_rows(n: int) -> list[borrowing_forms.RegisterRow]:
    return [
        borrowing_forms.RegisterRow(
            LENT, _doc_no(i), _archive_no(i), NAMES[i % len(NAMES)], "欧阳明轩",
            "华东大区销售一部", "阅览" if i % 2 else "影印", dt.date(2026, 11, 5), RETURNED,
            "intact" if i % 3 else "incomplete",
            scribble_png(i) if i % 2 else None, scribble_png(i + 7) if i % 2 else None,
            not i % 2,
        )
        for i in range(n)
    ]  # fmt: skip


def test_register_keeps_every_number_and_date_whole(tmp_path: Path) -> None:
    path = tmp_path / "register.pdf"
    rows = _register_rows(12)
    borrowing_forms.register_pdf(
        path, rows, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), org_name=ORG,
        clock=CLOCK,
    )  # fmt: skip
    tokens = [t for i in range(12) for t in (_doc_no(i), _archive_no(i))]
    tokens += ["2026-11-05"] * 36  # lent, due and returned on every row
    tokens += ["阅览"] * 6 + ["影印"] * 6 + ["不完整"] * 4
    _whole(path, tokens)


def _application(**changes: object) -> BorrowingView:
    items = [
        ItemView(i, i, _archive_no(i), NAMES[i % len(NAMES)], "returned", dt.date(2026, 11, 5),
                 LENT, RETURNED, "incomplete" if i == 1 else "intact",
                 "缺少《营业执照》（见 JY2026-0105 号单）" if i == 1 else "", 0, 1)
        for i in range(4)
    ]  # fmt: skip
    view = BorrowingView(
        1, _doc_no(0), "欧阳明轩", "华东大区销售一部", "021-58881234转8012", None, "read", "阅览",
        "核对 2025 年度购销合同（合同号 HT2025-00871）", dt.date(2026, 11, 5),
        dt.date(2026, 11, 5), "dept_head", "closed", "已归还", "", LENT, 3, items,
        [ApprovalView("approved", "王刚", "dept_head", "pad", "", "同意，当日归还",
                      dt.datetime(2026, 11, 5, 9, 10))],
        [SignatureView("approver", "王刚", "pad", dt.datetime(2026, 11, 5, 9, 10),
                       scribble_png(3), True)],
    )  # fmt: skip
    return dataclasses.replace(view, **changes)


def test_application_keeps_numbers_whole_and_names_the_pad_approver(tmp_path: Path) -> None:
    path = tmp_path / "application.pdf"
    borrowing_forms.application_pdf(path, _application(), org_name=ORG, clock=CLOCK)
    tokens = [_doc_no(0), "021-58881234转8012", "HT2025-00871", "2026-11-05 09:10"]
    tokens += [_archive_no(i) for i in range(4)] + ["JY2026-0105"]
    tokens += ["2026-11-05"] * 12 + ["已归还"] * 4
    tokens += ["王刚", "签字板签名"]  # the pad approval: the approver's name and the method
    _whole(path, tokens)


def test_copies_register_keeps_numbers_whole(tmp_path: Path) -> None:
    rows = [
        CopyView(i, f"YY2026-{i + 1:04d}", i, _archive_no(i), NAMES[i % len(NAMES)], "1-3,7,12-15",
                 8, 2, "投标报价资料", "陈静", "欧阳明轩", "华东大区销售一部", bool(i % 2),
                 dt.datetime(2026, 11, 5, 10, 5), dt.date(2026, 11, 19),
                 dt.datetime(2026, 11, 18, 15, 0) if i % 2 else None, 1)
        for i in range(6)
    ]  # fmt: skip
    path = tmp_path / "copies.pdf"
    borrowing_forms.copies_pdf(path, rows, org_name=ORG, clock=CLOCK)
    tokens = [t for i in range(6) for t in (f"YY2026-{i + 1:04d}", _archive_no(i), "1-3,7,12-15")]
    tokens += ["2026-11-05"] * 6 + ["2026-11-19"] * 6 + ["2026-11-18"] * 3
    _whole(path, tokens)


def _overdue(n: int) -> list[OverdueRow]:
    return [
        OverdueRow(i, i, _doc_no(i), _archive_no(i), NAMES[i % len(NAMES)],
                   "欧阳明轩" if i % 2 else "张三", "华东大区销售一部", "13912345678", LENT,
                   dt.date(2026, 11, 6), 14)
        for i in range(n)
    ]  # fmt: skip


def test_reminders_keep_numbers_whole(tmp_path: Path) -> None:
    path = tmp_path / "reminders.pdf"
    borrowing_forms.reminders_pdf(path, _overdue(6), org_name=ORG, clock=CLOCK)
    tokens = [t for i in range(6) for t in (_doc_no(i), _archive_no(i))]
    tokens += ["2026-11-05"] * 6 + ["2026-11-06"] * 6
    _whole(path, tokens)


def test_month_end_list_keeps_numbers_whole(tmp_path: Path) -> None:
    copies = [
        CopyView(i, f"YY2026-{i + 1:04d}", i, _archive_no(i), NAMES[i % len(NAMES)], "1-3", 3, 1,
                 "报价", "陈静", "欧阳明轩", "华东大区销售一部会议室", True, LENT,
                 dt.date(2026, 11, 19), None, 1)
        for i in range(3)
    ]  # fmt: skip
    originals = [
        OriginalOut(
            item_id=i, borrowing_id=i, number=_doc_no(i), archive_no=_archive_no(i),
            card_name=NAMES[i % len(NAMES)], borrower_name="欧阳明轩" if i % 2 else "张三",
            borrower_department="华东大区销售一部", borrower_phone="13912345678", mode="read",
            lent_at=LENT, due_date=dt.date(2026, 11, 6), days_overdue=24,
            returned_at=None if i % 2 else dt.datetime(2026, 12, 2, 9, 30),
        )
        for i in range(5)
    ]  # fmt: skip
    path = tmp_path / "month.pdf"
    data = MonthEndData(
        month="2026-11", last_day=dt.date(2026, 11, 30), originals=originals, copies=copies
    )
    borrowing_forms.month_end_pdf(path, data, org_name=ORG, clock=CLOCK)
    tokens = [_archive_no(i) for i in range(5)] + ["13912345678"] * 5
    tokens += ["2026-11-05"] * 5 + ["2026-11-06"] * 5 + ["2026-11-19"] * 3
    tokens += [f"YY2026-{i + 1:04d}" for i in range(3)] + [_archive_no(i) for i in range(3)]
    _whole(path, tokens)


# -- handover forms ----------------------------------------------------------------------------


def _handover() -> HandoverView:
    items = [
        HandoverItem(i, i + 1, i, f"{NAMES[i % len(NAMES)]}客户档案", "纸质", 1, "卷",
                     _archive_no(i), "", True, "missing" if i == 2 else None,
                     "accepted" if i == 2 else None, "另见 JJ2026-0003 号单" if i == 2 else "")
        for i in range(5)
    ]  # fmt: skip
    return HandoverView(
        1, "JJ2026-0012", "clerk_change", "档案管理员变更", "原档案管理员调岗", "李华",
        "华东大区销售一部", "欧阳明轩", "华东大区销售一部", "陈静", dt.date(2026, 11, 5),
        "received", "已接收", RETURNED, 4, items,
        [StepView("dept", "approved", "王刚", "pad", "", "同意", dt.datetime(2026, 11, 5, 10, 0)),
         StepView("check", "approved", "欧阳明轩", "login", "", "", dt.datetime(2026, 11, 5, 11, 0)),
         StepView("office", "approved", "赵敏", "paper", "ZB2026-0031", "",
                  dt.datetime(2026, 11, 5, 14, 0))],
        {"from": ("李华", "pad", scribble_png(1), RETURNED),
         "to": ("欧阳明轩", "pad", scribble_png(2), RETURNED),
         "witness": ("陈静", "pad", scribble_png(3), RETURNED),
         "approver_dept": ("王刚", "pad", scribble_png(4), dt.datetime(2026, 11, 5, 10, 0))},
    )  # fmt: skip


def test_handover_slip_keeps_numbers_whole_and_shows_every_approver(tmp_path: Path) -> None:
    path = tmp_path / "handover.pdf"
    handover_forms.handover_pdf(path, _handover(), org_name=ORG, clock=CLOCK)
    tokens = [_archive_no(i) for i in range(5)] * 2 + ["JJ2026-0003", "ZB2026-0031"] * 2
    tokens += ["JJ2026-0012"] * 2 + ["2026-11-05 10:00", "2026-11-05 14:00"] * 2
    tokens += ["王刚", "赵敏", "签字板签名", "纸面审批"] * 2
    _whole(path, tokens)
    # each copy: the three parties' signatures and the department head's pad approval
    assert sum(len(page.images) for page in PdfReader(path).pages) == 8


def test_handover_register_and_clerk_application_keep_numbers_whole(tmp_path: Path) -> None:
    views = [dataclasses.replace(_handover(), number=f"JJ2026-{i + 10:04d}") for i in range(4)]
    path = tmp_path / "handovers.pdf"
    handover_forms.register_pdf(
        path, views, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30), org_name=ORG,
        clock=CLOCK,
    )  # fmt: skip
    _whole(path, [f"JJ2026-{i + 10:04d}" for i in range(4)] + ["2026-11-05"] * 8)
    form = tmp_path / "clerk.pdf"
    handover_forms.clerk_application_pdf(form, views[0], org_name=ORG, clock=CLOCK)
    _whole(form, ["JJ2026-0010", "2026-11-05"])


# -- card forms --------------------------------------------------------------------------------


def _card_rows(n: int) -> list[cards.CardRow]:
    return [
        cards.CardRow(i, _archive_no(i), NAMES[i % len(NAMES)], "华东区 › 上海 › 浦东新区",
                      "GY", "工业客户", "#1f77b4", "A", "老客户", "交易中止", 3, "秘密", "欧阳明轩",
                      "一号库房 › 03柜 › 第2层 › 015盒", "定期30年", dt.date(2056, 12, 31),
                      "active", False, LENT)
        for i in range(8)
    ]  # fmt: skip


def test_customer_list_and_catalogue_keep_numbers_whole(tmp_path: Path) -> None:
    path = tmp_path / "list.pdf"
    card_forms.list_pdf(path, _card_rows(8), org_name=ORG, clock=CLOCK)
    _whole(path, [_archive_no(i) for i in range(8)] + ["交易中止"] * 8)
    catalogue = tmp_path / "catalogue.pdf"
    card_forms.catalogue_pdf(catalogue, _card_rows(8), org_name=ORG, clock=CLOCK)
    _whole(catalogue, [_archive_no(i) for i in range(8)] + ["2056-12-31"] * 8)


def test_labels_keep_the_number_whole(tmp_path: Path) -> None:
    labels = [
        card_forms.LabelData(_archive_no(i), NAMES[i % len(NAMES)], "华东区", "GY", "工业客户",
                             "#1f77b4")
        for i in range(6)
    ]  # fmt: skip
    path = tmp_path / "labels.pdf"
    card_forms.labels_pdf(path, labels, card_forms.label_grid(7, 3, 10, 8, 2))
    _whole(path, [_archive_no(i) for i in range(6)])


@pytest.fixture
def long_card(admin, clerk):  # type: ignore[no-untyped-def]
    settings.set_values(admin, {"archive_no.pattern": "{category}{year}{seq:6}"})
    return make_card(
        clerk,
        NAMES[0],
        credit_code="91110000600037341L",
        phone="021-58881234转8012",
        fax="021-58881235",
        email="purchasing.department@zhangjiang-biotech.com.cn",
        founded_on="2003-06-18",
        contacts=[
            cards.ContactInput("欧阳明轩", "采购部副总经理", "13912345678", "021-58881234转8012",
                               "ouyang.mingxuan@zhangjiang-biotech.com.cn", note="周一至周五"),
            cards.ContactInput("张三", "财务", "13800138000", "", "", note="仅对账"),
        ],
        documents=[
            cards.DocumentInput("工商营业执照（副本）", "营业执照复印件", False, 2, "2026-01-05",
                                "统一社会信用代码 91110000600037341L"),
            cards.DocumentInput("2026年度购销合同", "合同", True, 14, "2026-02-01",
                                "合同号 HT2026-00871"),
        ],
    )  # fmt: skip


def test_customer_card_keeps_numbers_whole(long_card, clerk, tmp_path: Path) -> None:
    assert long_card.archive_no == "GY2026000001"
    path = tmp_path / "card.pdf"
    card_output.print_cards(clerk, [long_card.id], path)
    tokens = ["GY2026000001", "91110000600037341L", "2003-06-18", "021-58881235"]
    tokens += ["13912345678", "13800138000", "HT2026-00871", "2026-01-05", "2026-02-01"]
    tokens += ["021-58881234-8012"] * 2 + ["ouyang.mingxuan@zhangjiang-biotech.com.cn"]
    tokens += ["purchasing.department@zhangjiang-biotech.com.cn"]
    _whole(path, tokens)
