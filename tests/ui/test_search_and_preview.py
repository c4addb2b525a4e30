"""The search box's scanner detection and the in-app PDF preview."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QPushButton

from archive_desk.clock import FixedClock
from archive_desk.forms.toolkit import FormDocument, page_break, para, title
from archive_desk.ui.widgets.pdf_preview import PdfPreview
from archive_desk.ui.widgets.search_box import ScanDetector, SearchBox
from tests.ui.conftest import child


def test_scan_detector_tells_a_scanner_from_a_person() -> None:
    detector = ScanDetector(max_gap=0.03, min_length=4)
    for i in range(9):
        detector.key(1.0 + i * 0.005)
    assert detector.enter(1.05)
    for i in range(9):
        detector.key(2.0 + i * 0.15)  # a person types
    assert not detector.enter(3.5)
    for i in range(3):
        detector.key(4.0 + i * 0.005)  # too short for a code
    assert not detector.enter(4.02)


def test_search_box_emits_scanned_for_fast_input_and_activated_for_typing(qtbot) -> None:
    now = [10.0]
    box = SearchBox(clock=lambda: now[0], debounce_ms=50)
    qtbot.addWidget(box)
    scanned: list[str] = []
    activated: list[str] = []
    box.scanned.connect(scanned.append)
    box.activated.connect(activated.append)
    qtbot.keyClicks(box, "ab")
    now[0] += 2.0  # a pause, then the scanner fires the whole code
    for ch in "GY2026001":
        now[0] += 0.004
        qtbot.keyClick(box, ch)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert scanned == ["GY2026001"] and box.text() == "GY2026001"
    box.clear()
    for ch in "haidian":
        now[0] += 0.2
        qtbot.keyClick(box, ch)
    with qtbot.waitSignal(box.search_changed, timeout=1000) as signal:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert activated == ["haidian"] and signal.args == ["haidian"]
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""


def test_typing_is_debounced_into_one_search(qtbot) -> None:
    box = SearchBox(debounce_ms=80)
    qtbot.addWidget(box)
    seen: list[str] = []
    box.search_changed.connect(seen.append)
    qtbot.keyClicks(box, "bjhd")
    qtbot.waitUntil(lambda: seen == ["bjhd"], timeout=1000)
    qtbot.wait(150)
    assert seen == ["bjhd"]


def _three_pages(path: Path) -> None:
    story = [title("借阅登记簿"), para("第一页")]
    story += [page_break(), para("第二页"), page_break(), para("第三页")]
    FormDocument(path, "测试", clock=FixedClock("2026-03-02T09:00:00")).build(story)


def test_preview_shows_pages_zooms_prints_and_saves(qtbot, tmp_path: Path) -> None:
    source = tmp_path / "form.pdf"
    _three_pages(source)
    preview = PdfPreview()
    qtbot.addWidget(preview)
    assert preview.open(source)
    assert preview.page_count() == 3
    assert "3" in child(preview, QLabel, "page_label").text()
    before = preview.zoom_factor()
    child(preview, QPushButton, "zoom_in").click()
    assert preview.zoom_factor() > before
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert preview.print_to(printer) == 3
    assert len(PdfReader(printed).pages) == 3
    copy = preview.save_to(tmp_path / "copy.pdf")
    assert copy.read_bytes() == source.read_bytes()
