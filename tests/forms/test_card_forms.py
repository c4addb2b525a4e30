"""Printed card forms and the card export, through the output service: text read back, font
embedded, secrecy applied, label geometry, formula-looking names kept as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from archive_desk import cards, settings
from archive_desk.cards import output as card_output
from archive_desk.db.models import AuditEvent
from archive_desk.domain import Role, Secrecy
from archive_desk.errors import Cancelled, PermissionDenied, ValidationError
from tests.cardkit import make_card


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _embedded_fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]))
    return names


@pytest.fixture
def archive(clerk):  # type: ignore[no-untyped-def]
    make_card(
        clerk,
        "北京海淀科技有限公司",
        contacts=[cards.ContactInput("张三", "采购经理", mobile="13800138000")],
        documents=[
            cards.DocumentInput("工商营业执照", "证照", False, 2, "2026-01-05"),
            cards.DocumentInput("年度购销合同", "合同", True, 14, "2026-02-01"),
        ],
        business_scope="软件开发；技术服务",
    )
    make_card(clerk, "上海浦东商贸有限公司", region="上海", category="SY")
    make_card(clerk, "机密医药有限公司", region="湖南", secrecy=int(Secrecy.CONFIDENTIAL))
    return clerk


def test_the_printed_card_has_every_group_and_the_contents_list(archive, tmp_path) -> None:
    out = tmp_path / "card.pdf"
    pages = card_output.print_card_by_number(archive, "GY2026001", out)
    assert pages >= 1
    text = _text(out)
    for expected in (
        "客户档案卡", "GY2026001", "北京海淀科技有限公司", "基本信息", "联系方式", "业务状况",
        "交易活动现状", "客户特征", "保管", "卷内文件目录", "工商营业执照", "复印件", "年度购销合同",
        "张三", "软件开发", "共 2 件，16 页",
    ):  # fmt: skip
        assert expected in text, expected
    assert _embedded_fonts(out), "the Chinese font must be embedded"
    assert AuditEvent.select().where(AuditEvent.action == "card.print").count() == 1


def test_list_and_catalogue_are_grouped_by_region_and_category(archive, tmp_path) -> None:
    out = tmp_path / "list.pdf"
    card_output.print_list(archive, cards.CardFilter(), out)
    text = _text(out)
    assert "客户一览表" in text and "共 3 户" in text
    assert "北京" in text and "GY 工业客户" in text and "SY 商业客户" in text
    cat = tmp_path / "catalogue.pdf"
    card_output.print_catalogue(archive, cards.CardFilter(), cat)
    assert "档案目录" in _text(cat) and "上海浦东商贸有限公司" in _text(cat)


def test_secrecy_applies_to_print_and_export(archive, make_user, tmp_path) -> None:
    head = make_user(Role.CLERK, clearance=int(Secrecy.INTERNAL))
    out = tmp_path / "list.pdf"
    card_output.print_list(head, cards.CardFilter(), out)
    assert "机密医药有限公司" not in _text(out)
    assert "共 2 户" in _text(out)
    labels = tmp_path / "labels.pdf"
    card_output.print_labels(head, labels, flt=cards.CardFilter())
    assert "机密医药" not in _text(labels)
    book = tmp_path / "cards.xlsx"
    assert card_output.export_cards(head, cards.CardFilter(), book) == 2
    names = [row[1] for row in load_workbook(book).active.iter_rows(min_row=2, values_only=True)]
    assert "机密医药有限公司" not in names
    secret_id = cards.card_ids(archive, cards.CardFilter(text="机密医药"))[0]
    with pytest.raises(Exception, match="无权"):
        card_output.print_cards(head, [secret_id], tmp_path / "secret.pdf")
    assert not (tmp_path / "secret.pdf").exists()


def test_label_sheet_follows_the_grid_in_settings(archive, admin, clerk, tmp_path) -> None:
    for i in range(9):
        make_card(clerk, f"标签测试{i}号有限公司")
    settings.set_values(admin, {"labels.rows": 4, "labels.columns": 2})
    out = tmp_path / "labels.pdf"
    pages = card_output.print_labels(clerk, out, flt=cards.CardFilter())
    assert pages == 2  # 12 cards, 8 labels a sheet
    reader = PdfReader(out)
    first = reader.pages[0].extract_text()
    assert first.count("GY2026") + first.count("SY2026") == 8
    assert "北京海淀科技有限公司" in first
    assert abs(float(reader.pages[0].mediabox.width) - 595.3) < 1  # A4


def test_a_label_grid_that_does_not_fit_is_refused(archive, admin, tmp_path) -> None:
    settings.set_values(admin, {"labels.rows": 20, "labels.margin_top_mm": 60, "labels.gap_mm": 20})
    with pytest.raises(ValidationError, match="标签"):
        card_output.print_labels(archive, tmp_path / "x.pdf", flt=cards.CardFilter())
    assert not (tmp_path / "x.pdf").exists()


def test_export_keeps_formula_looking_names_as_text(clerk, tmp_path) -> None:
    make_card(clerk, '=HYPERLINK("http://x")公司')
    make_card(clerk, "@SUM(1)商贸")
    out = tmp_path / "cards.xlsx"
    assert card_output.export_cards(clerk, cards.CardFilter(), out) == 2
    ws = load_workbook(out).active
    cells = [ws.cell(row=r, column=2) for r in (2, 3)]
    assert {c.value for c in cells} == {'=HYPERLINK("http://x")公司', "@SUM(1)商贸"}
    assert all(c.data_type == "s" for c in cells)
    assert ws.freeze_panes == "A2"
    assert AuditEvent.select().where(AuditEvent.action == "card.export").count() == 1


def test_a_cancelled_export_leaves_no_file(archive, tmp_path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "cards.xlsx"
    with pytest.raises(Cancelled):
        card_output.export_cards(archive, cards.CardFilter(), out, progress=lambda d, t: False)
    assert not out.exists()
    assert list(folder.iterdir()) == []


def test_printing_and_export_need_the_permission(archive, admin, tmp_path) -> None:
    assert not admin.can("card.export") and not admin.can("card.print")
    with pytest.raises(PermissionDenied):
        card_output.export_cards(admin, cards.CardFilter(), tmp_path / "x.xlsx")
    with pytest.raises(PermissionDenied):
        card_output.print_list(admin, cards.CardFilter(), tmp_path / "x.pdf")
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.pdf").exists()
