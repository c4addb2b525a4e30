"""The form toolkit: real PDFs in a temporary folder, read back as a person would check them —
their text, their fonts, their images, their page count — plus the font search."""

from __future__ import annotations

import io
import logging
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from archive_desk.clock import FixedClock
from archive_desk.forms import display_width, fonts
from archive_desk.forms.fonts import FontCandidate, cjk_font, find_font
from archive_desk.forms.toolkit import (
    A4_LANDSCAPE,
    ApprovalRow,
    FormDocument,
    LabelGrid,
    Rect,
    SignatureSlot,
    approval_block,
    draw_colour_band,
    draw_qr,
    draw_text,
    field_grid,
    fit_columns,
    heading,
    label_sheet,
    para,
    signature_block,
    spacer,
    styles,
    table,
    title,
)

ORG = "上海某某贸易有限公司"
CLOCK = FixedClock("2026-03-02T09:00:00")
HEADERS = ["序号", "档案编号", "客户名称", "借阅人", "借阅日期"]


def _rows(n: int) -> list[list[object]]:
    return [
        [i, f"GY2023{i:04d}", f"浦东新区客户{i}号有限公司", "张三", "2026-03-02"]
        for i in range(1, n + 1)
    ]


def _build(path: Path, story: list[Flowable], **kw: object) -> int:
    doc = FormDocument(
        path, "客户档案借阅登记簿", org_name=ORG, form_code="JY-02", clock=CLOCK, **kw
    )
    return doc.build(story)


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _fonts(path: Path) -> dict[str, object]:
    """Base font name → font dictionary, over all pages (Type0 fonts by their descendant)."""
    found: dict[str, object] = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            found[str(font["/BaseFont"])] = font
    return found


def _png(width: int, height: int, rgba: tuple[int, int, int, int] = (20, 20, 120, 255)) -> bytes:
    """A plain RGBA PNG made with zlib + struct (what the signature pad stores)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + bytes(rgba) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _images(path: Path) -> list[tuple[int, int]]:
    """(width, height) of every image drawn on the pages."""
    sizes = []
    for page in PdfReader(path).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for obj in xobjects.values():
            obj = obj.get_object()
            if obj.get("/Subtype") == "/Image":
                sizes.append((int(obj["/Width"]), int(obj["/Height"])))
    return sizes


@pytest.fixture
def embedded_font():
    info = cjk_font()
    if not info.embedded:
        pytest.fail(
            "no TrueType CJK font on this machine (make sysdeps installs fonts-wqy-microhei, or "
            "set ARCHIVE_DESK_FONT): PDFs fall back to the non-embedded STSong-Light"
        )
    return info


# -- text and fonts --------------------------------------------------------------------------


def test_form_reads_back_with_chinese_title_header_and_cells(tmp_path: Path) -> None:
    path = tmp_path / "register.pdf"
    _build(
        path,
        [
            title("客户档案借阅登记簿"),
            field_grid([("部门", "销售一部"), ("期间", "2026年3月")]),
            heading("借阅明细"),
            table(HEADERS, _rows(3)),
        ],
    )
    text = _page_texts(path)[0]
    for expected in (
        "客户档案借阅登记簿",
        "借阅明细",
        "客户名称",
        "浦东新区客户2号有限公司",
        "GY20230003",
    ):
        assert expected in text
    assert "销售一部" in text and "2026年3月" in text
    assert ORG in text and "表单编号：JY-02" in text and "打印时间：2026-03-02 09:00" in text
    meta = PdfReader(path).metadata
    assert meta.title == "客户档案借阅登记簿"
    assert meta.author == ORG
    assert meta.subject == "客户档案借阅登记簿"


def test_cjk_font_is_embedded_and_no_unembedded_font_is_used(tmp_path: Path, embedded_font) -> None:
    path = tmp_path / "fonts.pdf"
    _build(
        path,
        [
            title("字体检查"),
            # blank cells: an empty value, the padding after an odd field, approval fillers
            field_grid([("甲", ""), ("乙", "值"), ("丙", "值")]),
            table(["甲", "乙"], [["", "空单元格也用中文字体"]]),
            signature_block([SignatureSlot("经办人")]),
            approval_block([ApprovalRow("部门负责人意见")]),
        ],
    )
    found = _fonts(path)
    assert found, "no fonts in the PDF"
    for name, font in found.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not an embedded TrueType font"


def test_footer_counts_pages_of_a_long_table(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    pages = _build(path, [title("借阅登记簿"), table(HEADERS, _rows(150), zebra=True)])
    texts = _page_texts(path)
    assert pages == len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 / 共 {pages} 页" in text
        assert "客户名称" in text, f"header not repeated on page {number}"
    assert "浦东新区客户150号有限公司" in texts[-1]


def test_header_row_is_not_repeated_when_switched_off(tmp_path: Path) -> None:
    path = tmp_path / "norepeat.pdf"
    _build(path, [table(HEADERS, _rows(120), repeat_header=False)])
    texts = _page_texts(path)
    assert len(texts) >= 2
    assert "客户名称" in texts[0] and "客户名称" not in texts[1]


def test_landscape_setup_gives_a_landscape_page(tmp_path: Path) -> None:
    path = tmp_path / "wide.pdf"
    _build(path, [para("横向")], setup=A4_LANDSCAPE)
    box = PdfReader(path).pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert round(float(box.width) / mm) == 297


def test_user_text_cannot_inject_markup(tmp_path: Path) -> None:
    path = tmp_path / "escape.pdf"
    name = "<b>A&B</b>"
    long_value = '<font size="30" color="red">' + "经营范围很长" * 60
    _build(
        path,
        [
            para(f"客户：{name}"),
            field_grid([("客户名称", name), ("经营范围", long_value, 2)]),
            table(["客户名称", "备注"], [[name, "x" * 3 + name * 20]]),
            signature_block([SignatureSlot("借阅人", name, None, "2026-03-02")]),
        ],
    )
    text = _page_texts(path)[0]
    assert text.count(name) >= 4
    assert '<font size="30" color="red">' in text


def test_long_field_value_wraps_and_continues_on_the_next_page(tmp_path: Path) -> None:
    path = tmp_path / "card.pdf"
    pages = _build(path, [field_grid([("经营范围", "批发零售日用百货" * 600 + "【完】", 2)])])
    texts = _page_texts(path)
    assert pages == len(texts) >= 2
    assert "【完】" in texts[-1]


def test_automatic_widths_keep_short_columns_on_one_line(tmp_path: Path) -> None:
    """Long names and remarks wrap; numbers, codes and dates never break."""
    path = tmp_path / "widths.pdf"
    remark = "封面轻微破损，已登记，待修复后归还原处，" * 3
    name = "上海浦东新区某某科技发展有限公司" * 2
    headers = ["序号", "档案编号", "客户名称", "借阅人", "部门", "备注", "借阅日期", "应还日期"]
    rows = [
        [i, f"GY2023{i:06d}", name, "张三", "销售一部", remark, "2026-03-02", "2026-03-16"]
        for i in range(1, 6)
    ]
    _build(path, [table(headers, rows)])
    text = _page_texts(path)[0]
    for i in range(1, 6):
        assert f"GY2023{i:06d}" in text
    assert text.count("2026-03-16") == 5 and text.count("销售一部") == 5
    assert "应还日期" in text and "借阅人" in text


def test_fit_columns_fills_the_room_and_narrows_only_what_may_wrap() -> None:
    assert fit_columns([(10, 10), (20, 30)], 80) == [20, 60]  # room to spare: in proportion
    # two unbreakable columns keep their width; the others share the rest by what they could use
    widths = fit_columns([(30, 30), (60, 60), (50, 400), (50, 300), (60, 60)], 500)
    assert widths is not None and sum(widths) == pytest.approx(500)
    assert widths[0] == 30 and widths[1] == 60 and widths[4] == 60
    assert (widths[2] - 50) / (widths[3] - 50) == pytest.approx(350 / 250)
    assert fit_columns([(300, 300), (250, 400)], 500) is None  # even the narrowest is too wide


def test_table_without_rows_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    _build(path, [table(HEADERS, [])])
    assert "（无记录）" in _page_texts(path)[0]


def test_table_refuses_rows_of_the_wrong_length() -> None:
    with pytest.raises(ValueError, match="row has 2 cells"):
        table(HEADERS, [[1, 2]])


def test_failed_build_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    path.write_bytes(b"old printout")

    class Broken(Flowable):
        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            raise RuntimeError("layout failed")

    with pytest.raises(RuntimeError, match="layout failed"):
        _build(path, [title("甲"), Broken()])
    assert path.read_bytes() == b"old printout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.pdf"]


def test_build_into_a_buffer(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    pages = FormDocument(buffer, "档案交接单", clock=CLOCK).build([title("档案交接单")])
    assert pages == 1
    assert buffer.getvalue().startswith(b"%PDF")
    assert "档案交接单" in PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()


# -- signatures and approvals -----------------------------------------------------------------


def test_signature_image_is_drawn_and_blank_slot_is_a_line(tmp_path: Path) -> None:
    path = tmp_path / "signed.pdf"
    _build(
        path,
        [
            signature_block(
                [
                    SignatureSlot("借阅人", "王小明", _png(120, 40), "2026-03-02 10:15"),
                    SignatureSlot("经办人"),
                ]
            )
        ],
    )
    assert _images(path) == [(120, 40)]
    text = _page_texts(path)[0]
    assert "借阅人：" in text and "经办人：" in text
    assert "王小明" in text and "2026-03-02 10:15" in text
    assert "年" in text and "月" in text and "日" in text  # the blank date to fill in by hand


def test_unsigned_block_draws_no_image(tmp_path: Path) -> None:
    path = tmp_path / "unsigned.pdf"
    _build(path, [signature_block([SignatureSlot("移交人"), SignatureSlot("接收人")])])
    assert _images(path) == []
    assert "移交人" in _page_texts(path)[0]


def test_damaged_signature_image_does_not_stop_the_printout(tmp_path: Path, caplog) -> None:
    path = tmp_path / "damaged.pdf"
    with caplog.at_level(logging.WARNING):
        _build(path, [signature_block([SignatureSlot("借阅人", "王小明", b"not a png", "")])])
    assert "签名图像无法读取" in _page_texts(path)[0]
    assert any("签名图像" in r.getMessage() for r in caplog.records)


def test_approval_block_prints_opinions_signers_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "approval.pdf"
    _build(
        path,
        [
            approval_block(
                [
                    ApprovalRow("部门负责人意见", "同意借阅，当日归还。", "赵主任", "2026-03-02"),
                    ApprovalRow("档案主管意见", "", "", "", _png(90, 30)),
                    ApprovalRow("总经理意见"),
                ]
            )
        ],
    )
    text = _page_texts(path)[0]
    for expected in (
        "部门负责人意见",
        "同意借阅，当日归还。",
        "赵主任",
        "2026-03-02",
        "总经理意见",
    ):
        assert expected in text
    assert text.count("签字：") == 3
    assert _images(path) == [(90, 30)]


# -- styles and fonts ------------------------------------------------------------------------


def test_every_style_uses_the_cjk_font_and_cjk_wrapping() -> None:
    info = cjk_font()
    sheet = styles()
    assert {"title", "heading", "body", "small", "cell", "cell_bold"} <= set(sheet)
    for name, style in sheet.items():
        assert style.fontName in (info.name, info.bold_name), name
        assert style.wordWrap == "CJK", name


def test_display_width_counts_chinese_double() -> None:
    assert display_width("abc") == 3
    assert display_width("档案ab") == 6
    assert display_width("ＡＢ") == 4  # full-width letters
    assert display_width("短\n很长的一行") == 10


def test_env_var_font_comes_first(monkeypatch, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.ttf"
    monkeypatch.setenv(fonts.ENV_VAR, str(bogus))
    assert fonts.candidates()[0].path == bogus


def test_env_var_font_is_used(monkeypatch, tmp_path: Path, embedded_font) -> None:
    copy = tmp_path / ("mine" + embedded_font.path.suffix)
    shutil.copyfile(embedded_font.path, copy)
    monkeypatch.setenv(fonts.ENV_VAR, str(copy))
    info = find_font(fonts.candidates(), name="TestEnvCJK", bold_name="TestEnvCJK-Bold")
    assert info.path == copy and info.embedded and info.name == "TestEnvCJK"


def test_bundled_fonts_folder_is_searched(monkeypatch, tmp_path: Path) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / "NotoSerif-Regular.ttf").write_bytes(b"")
    (folder / "NotoSerif-Bold.ttf").write_bytes(b"")
    (folder / "readme.txt").write_text("x")
    monkeypatch.setattr(fonts, "resource", lambda *parts: tmp_path.joinpath(*parts))
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    first = fonts.candidates()[0]
    assert first == FontCandidate(folder / "NotoSerif-Regular.ttf", folder / "NotoSerif-Bold.ttf")


def test_unusable_fonts_are_skipped(tmp_path: Path, embedded_font) -> None:
    garbage = tmp_path / "garbage.ttf"
    garbage.write_bytes(b"this is not a font" * 100)
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    search = [FontCandidate(tmp_path / "missing.ttc"), FontCandidate(garbage)]
    if latin.exists():
        search.append(FontCandidate(latin))  # a real TrueType font without Chinese glyphs
    search.append(FontCandidate(embedded_font.path))
    info = find_font(search, name="TestSkipCJK", bold_name="TestSkipCJK-Bold")
    assert info.path == embedded_font.path
    assert info.bold_name == "TestSkipCJK"  # no bold file: the regular face serves


def test_no_font_falls_back_to_stsong_with_a_warning(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="archive_desk.forms.fonts"):
        info = find_font([], name="TestNoneCJK", bold_name="TestNoneCJK-Bold")
    assert info == fonts.FontInfo("STSong-Light", "STSong-Light", None, embedded=False)
    assert any("不嵌入" in r.getMessage() for r in caplog.records)


# -- label sheets ----------------------------------------------------------------------------

GRID = LabelGrid(rows=4, columns=3, margin_top_mm=12, margin_left_mm=8, h_gap_mm=3, v_gap_mm=4)
LABELS = [
    {"number": f"GY2023{i:04d}", "name": f"客户{i}号", "colour": "#1f77b4"} for i in range(1, 15)
]


def _draw_label(canv, label, rect: Rect) -> None:
    band, body = rect.split_top(7)
    draw_colour_band(canv, band, label["colour"], "工业客户")
    qr_box, text_box = body.inset(1.5).split_left(body.height / mm - 3)
    draw_qr(canv, label["number"], qr_box)
    number_box, name_box = text_box.split_top(text_box.height / mm / 2)
    draw_text(canv, label["number"], number_box, size=11, bold=True)
    draw_text(canv, label["name"], name_box, size=10)


def test_label_grid_places_every_label_on_the_sheet() -> None:
    rects = GRID.rects()
    assert len(rects) == 12
    width, _ = GRID.label_size()
    assert (3 * width + 2 * 3 * mm) / mm == pytest.approx(210 - 2 * 8)
    for r in rects:
        assert r.x >= 0 and r.x + r.width <= 210 * mm + 0.01
        assert r.y >= 0 and r.y + r.height <= 297 * mm + 0.01
    assert rects[0].y > rects[3].y and rects[0].x < rects[1].x  # row by row from the top left
    with pytest.raises(ValueError, match="do not fit"):
        LabelGrid(rows=4, columns=3, margin_top_mm=12, margin_left_mm=8, label_height_mm=80).rects()


def test_label_sheet_puts_rows_times_columns_labels_on_each_page(tmp_path: Path) -> None:
    path = tmp_path / "labels.pdf"
    pages = label_sheet(path, LABELS, GRID, _draw_label, title="类别标签")
    texts = _page_texts(path)
    assert pages == len(texts) == 2
    numbers = [label["number"] for label in LABELS]
    assert [n for n in numbers if n in texts[0]] == numbers[:12]
    assert [n for n in numbers if n in texts[1]] == numbers[12:]
    assert texts[0].count("工业客户") == 12 and "客户3号" in texts[0]
    assert PdfReader(path).metadata.title == "类别标签"


def test_label_sheet_uses_only_the_embedded_cjk_font(tmp_path: Path, embedded_font) -> None:
    path = tmp_path / "labels-fonts.pdf"
    label_sheet(path, LABELS[:3], GRID, _draw_label)
    found = _fonts(path)
    assert found
    for name, font in found.items():  # Helvetica, the canvas's default, has no font file
        assert "/FontFile2" in font.get("/FontDescriptor", {}), f"{name} is not embedded"


def test_label_sheet_can_skip_used_places(tmp_path: Path) -> None:
    path = tmp_path / "labels-skip.pdf"
    pages = label_sheet(path, LABELS[:12], GRID, _draw_label, skip=2)
    texts = _page_texts(path)
    assert pages == 2
    assert texts[0].count("工业客户") == 10 and texts[1].count("工业客户") == 2


def test_colour_band_is_filled_with_the_category_colour(tmp_path: Path) -> None:
    path = tmp_path / "band.pdf"

    def draw(canv, colour, rect: Rect) -> None:
        draw_colour_band(canv, rect, colour)

    label_sheet(path, ["#1f77b4", "not-a-colour"], LabelGrid(2, 1, 10, 10), draw, outline=False)
    page = PdfReader(path).pages[0]
    fills = [
        tuple(round(float(v), 3) for v in operands)
        for operands, op in ContentStream(page.get_contents(), page.pdf).operations
        if op == b"rg"
    ]
    assert (round(0x1F / 255, 3), round(0x77 / 255, 3), round(0xB4 / 255, 3)) in fills
    assert (round(0xC0 / 255, 3),) * 3 in fills  # an invalid colour prints light grey


def test_qr_code_encodes_the_label_text(tmp_path: Path) -> None:
    """Rasterise the page and read the QR modules back: they must be the code of the number."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: tools/sysdeps.sh installs poppler-utils"
    from PIL import Image

    path = tmp_path / "qr.pdf"
    squares: list[tuple[str, Rect]] = []

    def draw(canv, text: str, rect: Rect) -> None:
        squares.append((text, draw_qr(canv, text, rect.inset(2))))

    label_sheet(
        path, ["GY20230001", "J001-WS·2023-D30-BGS-0001"], LabelGrid(1, 2, 20, 15, 10), draw
    )
    dpi = 150
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            path,
            tmp_path / "qr",
        ],
        check=True,
    )
    image = Image.open(tmp_path / "qr.png").convert("L")
    page_height = 297 * mm
    scale = dpi / 72
    for text, square in squares:
        qr = QrCodeWidget(text, barLevel="M").qr
        qr.make()
        count = qr.getModuleCount()
        box = square.width / (count + 8)  # 4 modules of quiet zone on each side
        seen = [
            [
                image.getpixel(
                    (
                        round((square.x + (c + 4.5) * box) * scale),
                        round((page_height - (square.y + square.height - (r + 4.5) * box)) * scale),
                    )
                )
                < 128
                for c in range(count)
            ]
            for r in range(count)
        ]
        expected = [[bool(qr.isDark(r, c)) for c in range(count)] for r in range(count)]
        assert seen == expected, f"QR code of {text} does not match"


def test_spacer_is_its_height_in_mm() -> None:
    assert spacer(10).wrap(100, 100)[1] == pytest.approx(10 * mm)
