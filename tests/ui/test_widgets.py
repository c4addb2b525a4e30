"""The reusable widgets: signature pad and field, PDF preview, search box with scanner detection."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt, QTranslator
from PySide6.QtGui import (
    QColor,
    QImage,
    QInputDevice,
    QKeyEvent,
    QPageLayout,
    QPageRanges,
    QPageSize,
    QPointingDevice,
    QTabletEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QToolButton, QWidget
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from archive_desk.ui.widgets.pdf_preview import PdfPreview, PdfPreviewDialog
from archive_desk.ui.widgets.search_box import ENTER, ScanDetector, SearchBox
from archive_desk.ui.widgets.signature_pad import SignatureField, SignaturePad
from tests.ui.conftest import child

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
QM = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "archive_desk_zh_CN.qm"


# -- signature pad ----------------------------------------------------------------------------
@pytest.fixture
def pad(qtbot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(420, 160)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def draw(qtbot, widget, points: list[tuple[int, int]]) -> None:
    """One mouse stroke through ``points`` with the left button held."""
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(widget, left, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(widget, QPoint(x, y))
    qtbot.mouseRelease(widget, left, pos=QPoint(*points[-1]))


def pen() -> QPointingDevice:
    """A pressure-sensitive stylus; hold on to it while events point at it."""
    return QPointingDevice(
        "test pen",
        4711,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )


def tablet_stroke(widget, device, points: list[tuple[float, float, float]]) -> list[bool]:
    """Press, move and release a pen through ``(x, y, pressure)``; returns what was accepted."""
    accepted = []
    last = len(points) - 1
    for i, (x, y, pressure) in enumerate(points):
        kind = (
            QEvent.Type.TabletPress
            if i == 0
            else QEvent.Type.TabletRelease
            if i == last
            else QEvent.Type.TabletMove
        )
        held = Qt.MouseButton.NoButton if i == last else Qt.MouseButton.LeftButton
        event = QTabletEvent(
            kind,
            device,
            QPointF(x, y),
            QPointF(widget.mapToGlobal(QPointF(x, y))),
            pressure,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            held,
        )
        QApplication.sendEvent(widget, event)
        accepted.append(event.isAccepted())
    return accepted


def ink_pixels(image: QImage) -> int:
    """Pixels that are mostly opaque and dark: ink."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if c.alpha() > 128 and c.value() < 100:
                count += 1
    return count


def ink_thickness(image: QImage, x: int) -> int:
    """How many pixels of column ``x`` carry ink."""
    return sum(1 for y in range(image.height()) if image.pixelColor(x, y).alpha() > 128)


def test_a_mouse_stroke_is_kept_and_rendered_as_png(qtbot, pad: SignaturePad) -> None:
    assert pad.is_empty()
    assert pad.minimumWidth() >= 360 and pad.minimumHeight() >= 140
    with qtbot.waitSignal(pad.changed, timeout=1000):
        draw(qtbot, pad, [(60, 90), (100, 70), (140, 100), (200, 60), (260, 95)])
    assert not pad.is_empty()
    assert pad.stroke_count() == 1
    stroke = pad.strokes()[0]
    assert len(stroke) == 5
    assert stroke[0][:2] == (60, 90) and stroke[-1][:2] == (260, 95)
    assert len({p for _x, _y, p in stroke}) == 1  # the mouse writes with one width

    data = pad.png_bytes()
    assert data.startswith(PNG_SIGNATURE)
    image = QImage.fromData(data, "PNG")
    assert not image.isNull()
    # Cropped to the ink (200 x 40 px on screen) plus margins, at twice the size.
    assert 400 <= image.width() <= 460 and 80 <= image.height() <= 140
    assert ink_pixels(image) > 500
    assert image.pixelColor(0, 0).alpha() == 0  # transparent around the ink

    sized = QImage.fromData(pad.png_bytes(width=150), "PNG")
    assert sized.width() == 150
    assert sized.height() == pytest.approx(150 * image.height() / image.width(), abs=2)
    white = QImage.fromData(pad.png_bytes(background=QColor("white")), "PNG")
    assert white.pixelColor(0, 0) == QColor("white")
    with pytest.raises(ValueError):
        pad.png_bytes(width=0)


def test_clear_and_undo(qtbot, pad: SignaturePad) -> None:
    changes: list[None] = []
    pad.changed.connect(lambda: changes.append(None))
    draw(qtbot, pad, [(40, 40), (120, 80)])
    draw(qtbot, pad, [(150, 40), (220, 90), (300, 60)])
    draw(qtbot, pad, [(320, 50)])  # a dot is a stroke too
    assert pad.stroke_count() == 3
    assert len(changes) == 3

    assert pad.undo_stroke() is True
    assert pad.stroke_count() == 2
    assert [len(s) for s in pad.strokes()] == [2, 3]
    assert len(changes) == 4

    pad.clear()
    assert pad.is_empty() and pad.stroke_count() == 0
    assert len(changes) == 5
    with pytest.raises(ValueError):
        pad.png_bytes()
    assert pad.undo_stroke() is False
    pad.clear()  # nothing to clear: no change announced
    assert len(changes) == 5


def test_keyboard_undo_and_delete_on_the_pad(qtbot, pad: SignaturePad) -> None:
    draw(qtbot, pad, [(40, 40), (120, 80)])
    draw(qtbot, pad, [(150, 40), (220, 90)])
    qtbot.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pad.stroke_count() == 1
    qtbot.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.is_empty()


def test_a_pen_stroke_keeps_its_pressure_and_varies_the_width(qtbot, pad: SignaturePad) -> None:
    device = pen()
    pressures = [0.05 + 0.95 * i / 30 for i in range(31)]
    points = [(40 + 10 * i, 80.0, p) for i, p in enumerate(pressures)]
    with qtbot.waitSignal(pad.changed, timeout=1000):
        accepted = tablet_stroke(pad, device, points)
    assert all(accepted)  # accepted, so Qt synthesises no mouse stroke on top
    assert pad.stroke_count() == 1
    stored = pad.strokes()[0]
    assert [round(p, 3) for _x, _y, p in stored] == [round(p, 3) for p in pressures]
    assert [x for x, _y, _p in stored] == [x for x, _y, _p in points]

    image = QImage.fromData(pad.png_bytes(), "PNG")  # twice the screen size
    light = ink_thickness(image, round(image.width() * 0.1))
    heavy = ink_thickness(image, round(image.width() * 0.9))
    assert light >= 1
    assert heavy >= 2 * light + 2  # pressing harder writes a thicker line


def test_a_pen_hovering_without_pressing_draws_nothing(qtbot, pad: SignaturePad) -> None:
    device = pen()  # the event only points at it: keep it alive
    event = QTabletEvent(
        QEvent.Type.TabletMove,
        device,
        QPointF(50, 50),
        QPointF(pad.mapToGlobal(QPointF(50, 50))),
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        Qt.KeyboardModifier.NoModifier,
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
    )
    QApplication.sendEvent(pad, event)
    assert pad.is_empty()


def test_read_only_ignores_mouse_pen_and_keys(qtbot, pad: SignaturePad) -> None:
    draw(qtbot, pad, [(40, 40), (120, 80)])
    pad.set_read_only(True)
    assert pad.is_read_only()
    changes: list[None] = []
    pad.changed.connect(lambda: changes.append(None))
    draw(qtbot, pad, [(150, 40), (220, 90)])
    device = pen()
    tablet_stroke(pad, device, [(50, 50, 0.5), (90, 60, 0.7), (120, 70, 0.7)])
    qtbot.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.stroke_count() == 1
    assert changes == []

    pad.set_read_only(False)
    draw(qtbot, pad, [(150, 40), (220, 90)])
    assert pad.stroke_count() == 2


def test_signature_field_buttons(qtbot) -> None:
    field = SignatureField("借阅人签字")
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    assert child(field, QLabel, "role").text() == "借阅人签字"
    clear = child(field, QPushButton, "clear")
    undo = child(field, QPushButton, "undo")
    pad = field.pad
    assert not clear.isEnabled() and not undo.isEnabled()  # nothing to remove yet

    draw(qtbot, pad, [(40, 40), (120, 80)])
    draw(qtbot, pad, [(150, 40), (220, 90)])
    assert clear.isEnabled() and undo.isEnabled()
    assert not field.is_empty()
    assert field.png_bytes().startswith(PNG_SIGNATURE)

    undo.setFocus()
    qtbot.keyClick(undo, Qt.Key.Key_Return)  # Enter presses the focused button
    assert pad.stroke_count() == 1
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert field.is_empty()
    assert not clear.isEnabled() and not undo.isEnabled()

    draw(qtbot, pad, [(40, 40), (120, 80)])
    field.set_read_only(True)
    assert not clear.isEnabled() and not undo.isEnabled()
    draw(qtbot, pad, [(150, 40), (220, 90)])
    assert pad.stroke_count() == 1


# -- PDF preview -------------------------------------------------------------------------------
def make_pdf(pages: int = 3, *, size: tuple[float, float] = A4) -> bytes:
    """``pages`` pages, each with a big black square in its top left corner and its number."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=size)
    width, height = size
    for number in range(1, pages + 1):
        c.setFillColorRGB(0, 0, 0)
        c.rect(40, height - 200, 160, 160, stroke=0, fill=1)
        c.setFont("Helvetica", 36)
        c.drawString(width / 2, height / 2, f"Page {number}")
        c.showPage()
    c.save()
    return out.getvalue()


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    path = tmp_path / "three.pdf"
    path.write_bytes(make_pdf(3))
    return path


@pytest.fixture
def preview(qtbot) -> PdfPreview:
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(700, 520)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_open_a_file_and_count_its_pages(qtbot, preview: PdfPreview, pdf_file: Path) -> None:
    assert preview.status() == ""
    assert preview.open(pdf_file) is True
    assert preview.page_count() == 3
    assert preview.status() == "Page 1 of 3"
    assert child(preview, QLabel, "page_label").text() == "Page 1 of 3"
    view = child(preview, QPdfView, "pdf_view")
    assert view.pageMode() == QPdfView.PageMode.MultiPage
    for name in ("zoom_in", "zoom_out", "fit_width", "print", "save_as"):
        assert child(preview, QPushButton, name).isEnabled()
    scroll = view.verticalScrollBar()
    scroll.setValue(scroll.maximum())  # down to the last page
    qtbot.waitUntil(lambda: preview.status() == "Page 3 of 3", timeout=2000)


def test_the_page_label_is_chinese_with_the_translation(qtbot, pdf_file: Path) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        widget = PdfPreview()
        qtbot.addWidget(widget)
        widget.open(pdf_file)
        assert widget.status() == "第 1 / 3 页"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_a_file_that_is_no_pdf_is_reported(preview: PdfPreview, tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"this is not a PDF")
    assert preview.open(bad) is False
    assert preview.page_count() == 0
    assert preview.status() == "Cannot open this PDF"
    assert not child(preview, QPushButton, "print").isEnabled()
    with pytest.raises(ValueError):
        preview.save_to(tmp_path / "copy.pdf")
    assert preview.load_bytes(b"%PDF-1.4 broken") is False
    assert preview.status() == "Cannot open this PDF"


def test_zoom_buttons_change_the_zoom(qtbot, preview: PdfPreview, pdf_file: Path) -> None:
    preview.open(pdf_file)
    view = preview.view
    fit = preview.zoom_factor()
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert 0.3 < fit < 2.0  # an A4 page across a 700 px wide view

    qtbot.mouseClick(child(preview, QPushButton, "zoom_in"), Qt.MouseButton.LeftButton)
    assert view.zoomMode() == QPdfView.ZoomMode.Custom
    assert view.zoomFactor() == pytest.approx(fit * 1.25)
    qtbot.mouseClick(child(preview, QPushButton, "zoom_in"), Qt.MouseButton.LeftButton)
    assert preview.zoom_factor() == pytest.approx(fit * 1.25 * 1.25)
    qtbot.mouseClick(child(preview, QPushButton, "zoom_out"), Qt.MouseButton.LeftButton)
    assert preview.zoom_factor() == pytest.approx(fit * 1.25)
    for _ in range(30):
        preview.zoom_out()
    assert preview.zoom_factor() == pytest.approx(PdfPreview.MIN_ZOOM)

    qtbot.mouseClick(child(preview, QPushButton, "fit_width"), Qt.MouseButton.LeftButton)
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.zoom_factor() == pytest.approx(fit)


def _render_page(path: Path, page: int) -> QImage:
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    size = doc.pagePointSize(page).toSize()
    image = doc.render(page, size)
    doc.close()
    return image


def _dark(image: QImage, fx: float, fy: float) -> bool:
    colour = image.pixelColor(round(image.width() * fx), round(image.height() * fy))
    return colour.alpha() > 128 and colour.value() < 80


def test_print_to_a_pdf_printer(preview: PdfPreview, pdf_file: Path, tmp_path: Path) -> None:
    preview.open(pdf_file)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    preview.match_paper(printer)
    assert preview.print_to(printer) == 3

    assert out.stat().st_size > 1000
    reader = PdfReader(str(out))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(A4[0], abs=2)
    assert float(box.height) == pytest.approx(A4[1], abs=2)
    # At true size: the black square (40 to 200 pt from the top left) is where it was.
    image = _render_page(out, 1)
    for x, y, ink in (
        (45, 45, True),
        (195, 195, True),
        (35, 120, False),
        (120, 35, False),
        (205, 120, False),
        (120, 205, False),
    ):
        assert _dark(image, x / A4[0], y / A4[1]) == ink, (x, y)
    assert not _dark(image, 0.9, 0.9)


def test_print_a_page_range(preview: PdfPreview, pdf_file: Path, tmp_path: Path) -> None:
    preview.open(pdf_file)
    out = tmp_path / "range.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    printer.setPageRanges(ranges)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    assert preview.pages_to_print(printer) == [1, 2]
    assert preview.print_to(printer) == 2
    assert len(PdfReader(str(out)).pages) == 2


def test_a_landscape_page_is_turned_onto_portrait_paper(
    preview: PdfPreview, tmp_path: Path
) -> None:
    preview.load_bytes(make_pdf(1, size=landscape(A4)), name="wide.pdf")
    out = tmp_path / "turned.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    preview.match_paper(printer)
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    # The clerk chose portrait A4 in the print dialog.
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    assert preview.print_to(printer) == 1
    image = _render_page(out, 0)
    assert image.height() > image.width()  # portrait paper
    # A quarter turn clockwise: the page's top left corner lands in the sheet's top right.
    assert _dark(image, 1 - 120 / A4[0], 120 / A4[1])
    assert not _dark(image, 120 / A4[0], 120 / A4[1])


def test_save_a_copy(preview: PdfPreview, pdf_file: Path, tmp_path: Path) -> None:
    preview.open(pdf_file)
    copy = preview.save_to(tmp_path / "copy.pdf")
    assert copy.read_bytes() == pdf_file.read_bytes()
    assert preview.save_to(pdf_file) == pdf_file  # onto itself: left alone
    assert pdf_file.read_bytes() == copy.read_bytes()


def test_load_bytes_keeps_the_buffer_and_saves_them(preview: PdfPreview, tmp_path: Path) -> None:
    data = make_pdf(3)
    assert preview.load_bytes(data, name="form.pdf") is True
    assert preview.page_count() == 3
    assert preview.source_name == "form.pdf"
    assert preview._buffer is not None and preview._buffer.isOpen()
    assert preview.document.render(2, preview.document.pagePointSize(2).toSize()).width() > 0
    assert preview.save_to(tmp_path / "saved.pdf").read_bytes() == data
    # Another document replaces the first.
    assert preview.load_bytes(make_pdf(1)) is True
    assert preview.status() == "Page 1 of 1"


def test_the_preview_dialog(qtbot, pdf_file: Path) -> None:
    dialog = PdfPreviewDialog(pdf_file, "借阅登记表")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "借阅登记表"
    assert dialog.preview.page_count() == 3
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()

    from_bytes = PdfPreviewDialog(make_pdf(2), "表")
    qtbot.addWidget(from_bytes)
    assert from_bytes.preview.page_count() == 2
    assert from_bytes.preview.source_name == "表.pdf"


# -- search box ----------------------------------------------------------------------------
def test_scan_detector_tells_a_scan_from_typing() -> None:
    detector = ScanDetector(max_gap_ms=30, min_length=4)

    def feed(chars: str, start: float, gap: float, enter_gap: float | None = None) -> str | None:
        at = start
        for char in chars:
            assert detector.feed(at, char) is None
            at += gap
        return detector.feed(at - gap + (gap if enter_gap is None else enter_gap), ENTER)

    assert feed("ARC-2026-0001", 1000, 4) == "ARC-2026-0001"  # a scanner: 4 ms a key
    assert feed("ARC-2026-0001", 5000, 30) == "ARC-2026-0001"  # the limit itself
    assert feed("beijing", 9000, 120) is None  # a person
    assert feed("ARC-2026-0001", 20000, 4, enter_gap=400) is None  # Enter pressed later
    assert feed("AB1", 30000, 4) is None  # too short to be a code
    assert feed("ARC-2026-0001", 40000, 31) is None  # just too slow

    # Typed by hand, then a scan: only the scanned run is the code.
    for i, char in enumerate("bj"):
        detector.feed(50000 + 200 * i, char)
    assert feed("ARC-7", 51000, 3) == "ARC-7"
    # One slow key in the middle ends the run: the rest is too short.
    for i, char in enumerate("ARC"):
        detector.feed(60000 + 3 * i, char)
    assert feed("-7", 60500, 3) is None
    # "\r" is Enter too; a clock running backwards is a pause.
    assert feed("CODE123", 70000, 2) == "CODE123"
    detector.feed(80000, "A")
    detector.feed(80002, "B")
    detector.feed(79000, "C")
    assert detector.run == "C"
    for i, char in enumerate("CODE9"):
        detector.feed(90000 + i, char)
    assert detector.feed(90006, "\r") == "CODE9"
    # The seconds-based interface makes the same decisions.
    seconds = ScanDetector(max_gap=0.03)
    assert seconds.max_gap_ms == pytest.approx(30)
    assert seconds.key(1.0) is True and seconds.key(1.01) is False
    assert [seconds.key(1.02), seconds.key(1.03)] == [False, False]
    assert seconds.enter(1.04) is True
    for i in range(4):
        seconds.key(2.0 + 0.2 * i)
    assert seconds.enter(2.65) is False
    # reset (another key came between) forgets the run.
    for i, char in enumerate("CODE9"):
        detector.feed(95000 + i, char)
    detector.reset()
    assert detector.feed(95006, ENTER) is None


@pytest.fixture
def box(qtbot) -> SearchBox:
    widget = SearchBox(debounce_ms=60)
    qtbot.addWidget(widget)
    widget.show()
    widget.setFocus()
    return widget


def key(widget: SearchBox, text: str, at_ms: int) -> QKeyEvent:
    """Press one key whose event carries the time ``at_ms``, as the platform's events do."""
    code = {"\r": Qt.Key.Key_Return, "\x1b": Qt.Key.Key_Escape}.get(text)
    if code is None:
        code = Qt.Key(ord(text.upper())) if text.isalnum() else Qt.Key.Key_Minus
    event = QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier, text)
    event.setTimestamp(at_ms)
    QApplication.sendEvent(widget, event)
    release = QKeyEvent(QEvent.Type.KeyRelease, code, Qt.KeyboardModifier.NoModifier, text)
    release.setTimestamp(at_ms + 1)
    QApplication.sendEvent(widget, release)
    return event


class Recorder:
    def __init__(self, box: SearchBox) -> None:
        self.searches: list[str] = []
        self.scans: list[str] = []
        self.activations: list[str] = []
        box.search_changed.connect(self.searches.append)
        box.scanned.connect(self.scans.append)
        box.activated.connect(self.activations.append)


def test_search_is_debounced(qtbot, box: SearchBox) -> None:
    assert box.debounce_ms() == 60
    assert SearchBox().debounce_ms() == 200
    seen = Recorder(box)
    with qtbot.waitSignal(box.search_changed, timeout=2000) as blocker:
        qtbot.keyClicks(box, "bjhd")
        assert seen.searches == []  # not while typing
    assert blocker.args == ["bjhd"]
    qtbot.wait(200)
    assert seen.searches == ["bjhd"]  # once for four edits
    box.setText("set by the program")
    qtbot.wait(150)
    assert seen.searches == ["bjhd"]  # only the user's edits search


def test_escape_and_the_clear_button_empty_the_box(qtbot, box: SearchBox) -> None:
    assert box.isClearButtonEnabled()
    seen = Recorder(box)
    qtbot.keyClicks(box, "abc")
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert seen.searches == [""]  # at once, no debounce
    qtbot.wait(150)
    assert seen.searches == [""]  # the pending search for "abc" was dropped

    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(box, event)
    assert not event.isAccepted()  # an empty box lets Esc go to the dialog

    qtbot.keyClicks(box, "xyz")
    clear_button = box.findChild(QToolButton)  # QLineEdit's own clear button
    assert clear_button is not None
    qtbot.mouseClick(clear_button, Qt.MouseButton.LeftButton)
    assert box.text() == ""
    assert seen.searches == ["", ""]


def test_a_scanner_code_is_recognised(qtbot, box: SearchBox) -> None:
    seen = Recorder(box)
    for i, char in enumerate("bj"):  # the clerk had typed something
        key(box, char, 1000 + 250 * i)
    for i, char in enumerate("ARC-20260001\r"):
        key(box, char, 5000 + 6 * i)
    assert seen.scans == ["ARC-20260001"]
    assert seen.activations == []
    assert box.text() == "ARC-20260001"  # the scan replaces the typed text
    qtbot.wait(150)
    assert seen.searches == []  # the debounced search was cancelled


def test_enter_typed_by_a_person_activates(qtbot, box: SearchBox) -> None:
    seen = Recorder(box)
    for i, char in enumerate("ARC-20260001\r"):
        key(box, char, 1000 + 140 * i)
    assert seen.scans == []
    assert seen.activations == ["ARC-20260001"]
    assert seen.searches == ["ARC-20260001"]  # Enter searches at once
    qtbot.wait(150)
    assert seen.searches == ["ARC-20260001"]


def test_key_times_fall_back_to_the_clock(qtbot) -> None:
    """Events without a time (synthetic ones) are timed with the box's clock."""
    now = [10.0]
    box = SearchBox(clock=lambda: now[0])
    qtbot.addWidget(box)
    seen = Recorder(box)
    qtbot.keyClicks(box, "CODE42")  # all at the same instant
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert seen.scans == ["CODE42"]

    box.clear()
    for char in "CODE42":
        now[0] += 0.2  # a person: 200 ms a key
        qtbot.keyClick(box, char)
    now[0] += 0.2
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert seen.scans == ["CODE42"]
    assert seen.activations == ["CODE42"]


def test_a_button_row_names_enables_and_calls_its_buttons(qtbot) -> None:  # type: ignore[no-untyped-def]
    from archive_desk.ui.widgets.buttons import button_row

    calls: list[str] = []
    host = QWidget()
    qtbot.addWidget(host)
    row = button_row(
        (
            ("go", "Go", lambda: calls.append("go"), True),
            ("stop", "Stop", lambda: calls.append("stop"), False),
        )
    )
    host.setLayout(row)
    go, stop = host.findChild(QPushButton, "go"), host.findChild(QPushButton, "stop")
    assert go.isEnabled() and not stop.isEnabled()
    go.click()
    stop.click()  # disabled: nothing
    assert calls == ["go"]
    assert row.itemAt(row.count() - 1).spacerItem() is not None  # the stretch comes last
