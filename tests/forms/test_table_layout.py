"""How the form toolkit lays out tables: line breaks that keep numbers whole, columns measured
with the font, a smaller font or a landscape page when the unbreakable columns need it, a clear
refusal past that — read back from real PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.pdfbase.pdfmetrics import stringWidth

from archive_desk.clock import FixedClock
from archive_desk.demo import scribble_png
from archive_desk.errors import KnownError
from archive_desk.forms.fonts import cjk_font
from archive_desk.forms.toolkit import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    TABLE_FONT_SIZES,
    ApprovalRow,
    Column,
    FormDocument,
    FormLayoutError,
    SignatureSlot,
    approval_block,
    break_lines,
    signature_block,
    table,
    title,
)
from tests.forms.pdfcheck import broken, layout_lines

CLOCK = FixedClock("2026-11-20T09:00:00")
NUMBER = "GY2026000123"


def _build(path: Path, story: list, setup=A4_PORTRAIT, **kw: object) -> FormDocument:
    doc = FormDocument(path, "测试表", setup, "某某公司", "T-01", clock=CLOCK, **kw)
    doc.build(story)
    return doc


def _font_sizes(path: Path) -> set[float]:
    """Every font size set on the pages (the ``Tf`` operator)."""
    sizes = set()
    for page in PdfReader(path).pages:
        for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
            if op == b"Tf":
                sizes.add(round(float(operands[1]), 2))
    return sizes


# -- line breaking -----------------------------------------------------------------------------


@pytest.mark.parametrize("width", [68, 80, 100, 140])  # "JY2026-0105），" is 67.7 points
def test_a_line_breaks_between_chinese_characters_never_inside_a_number(width: int) -> None:
    text = "上海市浦东新区张江高科技园区碧波路GY2026000123号（见JY2026-0105），2026-11-05 09:30到期"
    font = cjk_font().name
    lines = break_lines(text, font, 9, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    printed = "\n".join(lines)
    for token in (NUMBER, "JY2026-0105", "2026-11-05", "09:30"):
        assert token in printed, (width, lines)
    assert all(stringWidth(line, font, 9) <= width for line in lines)
    assert not any(line.startswith(("，", "）", "号）")) for line in lines[1:])
    assert not any(line.endswith("（") for line in lines)


def test_a_word_wider_than_the_column_is_cut_as_a_last_resort() -> None:
    font = cjk_font().name
    lines = break_lines("x" * 80, font, 9, 50)
    assert "".join(lines) == "x" * 80 and len(lines) > 1
    assert all(stringWidth(line, font, 9) <= 50 for line in lines)
    # a number that fits keeps its place; only the punctuation glued to it moves on
    assert break_lines("JY2026-0105），", font, 9, 52) == ["JY2026-0105", "），"]


# -- column widths -----------------------------------------------------------------------------


def test_nowrap_columns_get_the_width_of_their_widest_value(tmp_path: Path) -> None:
    columns = [
        Column("序号", nowrap=True),
        Column("档案编号", nowrap=True),
        "客户名称",
        Column("状态", nowrap=True),
        Column("应还日期", nowrap=True),
        "备注",
    ]
    rows = [
        (i, f"GY2026{i:06d}" if i < 29 else NUMBER + "-X", "上海浦东新区某某科技发展有限公司" * 2,
         "交易中止", "2026-11-05", "封面轻微破损，见 JY2026-0105 号单；已登记待修复" * 2)
        for i in range(1, 31)
    ]  # fmt: skip
    grid = table(columns, rows)
    grid.wrap(A4_PORTRAIT.frame_width, 10_000)
    font = cjk_font().name
    widths = grid._colWidths  # reportlab's attribute: the widths it draws with
    assert sum(widths) == pytest.approx(A4_PORTRAIT.frame_width)
    assert widths[1] >= stringWidth(NUMBER + "-X", font, 9) + 12  # the widest is in row 30
    assert widths[3] >= stringWidth("交易中止", font, 9) + 12
    assert widths[4] >= stringWidth("2026-11-05", font, 9) + 12
    path = tmp_path / "widths.pdf"
    _build(path, [table(columns, rows)])
    tokens = [NUMBER + "-X", "交易中止", "2026-11-05", "JY2026-0105"]
    assert broken(path, tokens * 2) == []


def test_a_wrapping_column_keeps_the_numbers_in_its_text_whole(tmp_path: Path) -> None:
    rows = [
        (i, f"缺少营业执照副本，另见 JJ2026-{i:04d} 号交接单和 HT2025-00871 号合同")
        for i in range(9)
    ]
    path = tmp_path / "remarks.pdf"
    _build(path, [table([Column("序号", nowrap=True), "备注"] + ["甲"] * 8,
                        [r + ("某某",) * 8 for r in rows])])  # fmt: skip
    assert broken(path, [f"JJ2026-{i:04d}" for i in range(9)] + ["HT2025-00871"] * 9) == []


# -- too wide: smaller font, landscape, refusal ---------------------------------------------------


def _numbers_table(columns: int, rows: int = 3) -> object:
    heads = [Column(f"编号{c}", nowrap=True) for c in range(columns)]
    return table(heads, [[f"{NUMBER}{c}" for c in range(columns)] for _ in range(rows)])


def test_a_table_too_wide_at_9_pt_shrinks_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "shrunk.pdf"
    doc = _build(path, [title("缩小字号"), _numbers_table(10)], A4_LANDSCAPE)
    assert doc.landscape
    sizes = _font_sizes(path)
    assert min(sizes) >= TABLE_FONT_SIZES[-1] and min(sizes) < 9, sizes
    assert broken(path, [f"{NUMBER}{c}" for c in range(10)] * 3) == []


def test_a_portrait_form_turns_landscape_when_its_table_needs_it(tmp_path: Path) -> None:
    path = tmp_path / "turned.pdf"
    doc = _build(path, [title("自动横向"), _numbers_table(8)])
    box = PdfReader(path).pages[0].mediabox
    assert doc.landscape and float(box.width) > float(box.height)
    assert broken(path, [f"{NUMBER}{c}" for c in range(8)] * 3) == []
    narrow = tmp_path / "narrow.pdf"
    assert not _build(narrow, [title("纵向"), _numbers_table(3)]).landscape


def test_a_table_that_cannot_fit_is_refused_clearly_and_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "impossible.pdf"
    with pytest.raises(FormLayoutError, match="表格太宽") as caught:
        _build(path, [_numbers_table(20)], A4_LANDSCAPE)
    assert isinstance(caught.value, KnownError)  # the UI shows it as a message
    assert "编号0" in str(caught.value) and "毫米" in str(caught.value)
    assert not path.exists()
    with pytest.raises(FormLayoutError):
        _build(tmp_path / "kept.pdf", [_numbers_table(8)], may_turn=False)


# -- signatures and approvals --------------------------------------------------------------------


def test_a_pad_approval_prints_the_image_and_the_approvers_name(tmp_path: Path) -> None:
    path = tmp_path / "approval.pdf"
    _build(
        path,
        [
            approval_block(
                [
                    ApprovalRow("部门负责人意见", "同意（签字板签名）", "欧阳明轩",
                                "2026-11-05 09:10", scribble_png(1)),
                    ApprovalRow("总经办负责人意见", "同意（纸面审批 ZB2026-0031）", "赵敏",
                                "2026-11-05 14:00"),
                ]
            ),
            signature_block([SignatureSlot("移交人", "欧阳明轩", scribble_png(2),
                                           "2026-11-05 16:45")], columns=3),
        ],
    )  # fmt: skip
    text = "\n".join(layout_lines(path))
    assert text.count("欧阳明轩") == 2 and "赵敏" in text
    assert broken(path, ["2026-11-05 09:10", "2026-11-05 14:00", "ZB2026-0031"]) == []
    assert broken(path, ["2026-11-05 16:45"]) == []
    images = sum(len(page.images) for page in PdfReader(path).pages)
    assert images == 2


def test_blank_signature_places_keep_room_for_name_and_date(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    _build(path, [signature_block([SignatureSlot(r) for r in ("移交人", "接收人", "监交人")], 3)])
    lines = layout_lines(path)
    assert sum(line.count("姓名：") for line in lines) == 3
    assert sum(line.count("年") for line in lines) == 3
