"""In-app PDF preview on QtPdf: scroll through the pages, zoom, print, save a copy.

Printed forms are built as PDF files first and shown here, so what the user sees is what the
printer gets. Printing renders each page with :meth:`QPdfDocument.render` (QtPdf has no vector
output) at up to 300 dpi, at its true size on paper of the same size: label sheets line up.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QObject,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive_desk.atomicfile import atomic_write_bytes
from archive_desk.ui import files, messages


class PdfPreview(QWidget):
    """A PDF shown page under page, with a toolbar: zoom out/in, fit width, print, save as.

    Keys: Ctrl++ / Ctrl+- zoom, Ctrl+0 fits the width, Ctrl+P prints, Ctrl+S saves a copy;
    Ctrl+wheel zooms too.
    """

    ZOOM_STEP = 1.25
    MIN_ZOOM = 0.2
    MAX_ZOOM = 6.0
    PRINT_DPI = 300  # pages are rendered for the printer at most at this resolution

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None  # the file shown, when opened from a file
        self.source_name = ""  # file name offered by "Save as"
        self._data: bytes | None = None  # the PDF, when loaded from bytes
        self._buffer: QBuffer | None = None  # QPdfDocument reads from it: keep it alive
        self._failed = False

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.viewport().installEventFilter(self)
        self.page_label = QLabel()
        self.page_label.setObjectName("page_label")

        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("zoom_out", self.tr("Zoom out"), self.zoom_out),
            ("zoom_in", self.tr("Zoom in"), self.zoom_in),
            ("fit_width", self.tr("Fit width"), self.fit_width),
            ("print", self.tr("&Print…"), self.print_dialog),
            ("save_as", self.tr("&Save as…"), self.save_dialog),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setAutoDefault(False)  # Enter in a dialog must not print
            button.clicked.connect(lambda _checked=False, s=slot: s())
            bar.addWidget(button)
            self.buttons[name] = button
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        for keys, slot in (
            (QKeySequence(QKeySequence.StandardKey.ZoomIn), self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence(QKeySequence.StandardKey.ZoomOut), self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit_width),
            (QKeySequence(QKeySequence.StandardKey.Print), self.print_dialog),
            (QKeySequence(QKeySequence.StandardKey.Save), self.save_dialog),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self.view.pageNavigator().currentPageChanged.connect(self._on_document_changed)
        self.document.statusChanged.connect(self._on_document_changed)
        self.document.pageCountChanged.connect(self._on_document_changed)
        self._update_label()

    # -- loading ----------------------------------------------------------------------------
    def open(self, path: str | Path) -> bool:
        """Show the PDF file at ``path``; False (and a message in the label) when it fails."""
        path = Path(path)
        error = self.document.load(str(path))
        ok = error == QPdfDocument.Error.None_ and self.document.pageCount() > 0
        self.path = path if ok else None
        self.source_name = path.name
        self._data = None
        self._buffer = None
        self._loaded(ok)
        return ok

    def load_bytes(self, data: bytes, name: str = "document.pdf") -> bool:
        """Show a PDF held in memory; ``name`` is the file name offered by "Save as"."""
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)  # reads from the buffer for as long as the document is open
        old, self._buffer = self._buffer, buffer
        if old is not None:
            old.deleteLater()
        ok = self.document.status() == QPdfDocument.Status.Ready and self.document.pageCount() > 0
        self.path = None
        self.source_name = name
        self._data = bytes(data) if ok else None
        self._loaded(ok)
        return ok

    def _loaded(self, ok: bool) -> None:
        self._failed = not ok
        for button in self.buttons.values():
            button.setEnabled(ok)
        if ok:
            self.view.pageNavigator().jump(0, QPointF())
        self._update_label()

    def is_loaded(self) -> bool:
        return not self._failed and self.page_count() > 0

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page at the top of the view, counted from 0."""
        return self.view.pageNavigator().currentPage()

    def status(self) -> str:
        """What the page label says: "Page 2 of 5" (第 2 / 5 页), or why nothing is shown."""
        return self.page_label.text()

    def _on_document_changed(self, *_args: object) -> None:
        # The document also announces its closing while this widget is being destroyed.
        if shiboken6.isValid(self.document) and shiboken6.isValid(self.page_label):
            self._update_label()

    def _update_label(self) -> None:
        total = self.page_count()
        if self._failed:
            text = self.tr("Cannot open this PDF")
        elif total == 0:
            text = ""
        else:
            current = min(self.current_page(), total - 1) + 1
            text = self.tr("Page %1 of %2").replace("%1", str(current)).replace("%2", str(total))
        self.page_label.setText(text)

    # -- zoom -------------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        """The zoom in effect, also while the view fits the page width (1.0 = actual size)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        return self._fit_width_factor()

    def _fit_width_factor(self) -> float:
        if self.page_count() == 0:
            return 1.0
        page_width = self.document.pagePointSize(max(0, self.current_page())).width()
        screen = QGuiApplication.primaryScreen()
        pixels_per_point = (screen.logicalDotsPerInch() if screen else 96.0) / 72.0
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        return max(self.MIN_ZOOM, room / max(1.0, page_width * pixels_per_point))

    def set_zoom(self, factor: float) -> None:
        factor = max(self.MIN_ZOOM, min(self.MAX_ZOOM, factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def zoom(self, step: float) -> None:
        """Multiply the zoom by ``step``."""
        self.set_zoom(self.zoom_factor() * step)

    def zoom_in(self) -> None:
        self.zoom(self.ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom(1 / self.ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.view.viewport()
            and event.type() == QEvent.Type.Wheel
            and isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            delta = event.angleDelta().y()
            if delta:
                self.zoom(self.ZOOM_STEP if delta > 0 else 1 / self.ZOOM_STEP)
            return True
        return super().eventFilter(watched, event)

    # -- printing ---------------------------------------------------------------------------
    def match_paper(self, printer: QPrinter) -> None:
        """Preset the printer's paper size and orientation to the document's first page."""
        if self.page_count() == 0:
            return
        size = self.document.pagePointSize(0)
        portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
        printer.setPageSize(
            QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
        )
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if size.width() > size.height()
            else QPageLayout.Orientation.Portrait
        )

    def pages_to_print(self, printer: QPrinter) -> list[int]:
        """The pages (from 0) the printer's range asks for: all, the current one or a range."""
        total = self.page_count()
        mode = printer.printRange()
        if mode == QPrinter.PrintRange.CurrentPage:
            return [min(max(self.current_page(), 0), total - 1)] if total else []
        ranges = printer.pageRanges()
        if mode == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
            return [page for page in range(total) if ranges.contains(page + 1)]
        return list(range(total))

    def print_to(self, printer: QPrinter) -> int:
        """Print onto ``printer`` (its paper and range as set); returns the pages printed.

        Each page is scaled to fit the whole sheet, centred, and turned a quarter when its
        orientation differs from the paper's; a page of the paper's size prints at true size.
        """
        pages = self.pages_to_print(printer)
        if not pages:
            return 0
        if not printer.docName():
            printer.setDocName(self.source_name or "document")
        printer.setFullPage(True)  # the PDF has its own margins: place it on the whole sheet
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(self.tr("The printer could not be started."))
        printed = 0
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            sheet = printer.paperRect(QPrinter.Unit.DevicePixel)
            sheet = QRectF(0, 0, sheet.width(), sheet.height())
            for page in pages:
                if printed and not printer.newPage():
                    break
                self._paint_page(painter, page, sheet, printer.resolution())
                printed += 1
        finally:
            painter.end()
            QApplication.restoreOverrideCursor()
        return printed

    def _paint_page(self, painter: QPainter, page: int, sheet: QRectF, dpi: int) -> None:
        points = self.document.pagePointSize(page)
        turn = (points.width() > points.height()) != (sheet.width() > sheet.height())
        # The page's size in printer pixels, as it lies on the sheet (turned or not).
        width, height = points.width() / 72 * dpi, points.height() / 72 * dpi
        on_sheet = QSizeF(height, width) if turn else QSizeF(width, height)
        scale = min(sheet.width() / on_sheet.width(), sheet.height() / on_sheet.height())
        target = QSizeF(width * scale, height * scale)  # unturned page size on the sheet

        render_dpi = min(dpi, self.PRINT_DPI) * scale
        pixels = QSize(
            max(1, round(points.width() / 72 * render_dpi)),
            max(1, round(points.height() / 72 * render_dpi)),
        )
        image = QImage(pixels, QImage.Format.Format_RGB32)
        image.fill(QColor(Qt.GlobalColor.white))  # render() leaves the paper transparent
        rendered = self.document.render(page, pixels)
        compose = QPainter(image)
        compose.drawImage(0, 0, rendered)
        compose.end()

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.translate(sheet.center())
        if turn:
            painter.rotate(90)
        box = QRectF(-target.width() / 2, -target.height() / 2, target.width(), target.height())
        painter.drawImage(box, image)
        painter.restore()

    def print_dialog(self) -> None:
        """Ask for printer, pages and copies, then print."""
        if not self.is_loaded():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.match_paper(printer)
        printer.setDocName(self.source_name)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except OSError as exc:
            messages.warning(self, str(exc))

    # -- saving -----------------------------------------------------------------------------
    def save_to(self, target: str | Path) -> Path:
        """Write a copy of the PDF to ``target`` (complete or not at all); returns it.

        Raises:
            KnownError: the disk is full or not writable, or the folder is missing.
        """
        if not self.is_loaded():
            raise ValueError("no PDF is loaded")
        target = Path(target)
        if self.path is not None and target.exists() and target.samefile(self.path):
            return target
        data = self._data if self._data is not None else self.path.read_bytes()  # type: ignore[union-attr]
        atomic_write_bytes(target, data)
        return target

    def save_dialog(self) -> None:
        if not self.is_loaded():
            return
        target = files.save_path(self, files.PDF, self.tr("Save PDF"), self.source_name)
        if target is not None:
            messages.call(self, self.save_to, target)


class PdfPreviewDialog(QDialog):
    """A window with a :class:`PdfPreview` of a file (path) or of PDF bytes, and Close."""

    def __init__(
        self,
        source: str | Path | bytes,
        title: str,
        parent: QWidget | None = None,
        *,
        delete_on_close: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        if delete_on_close:
            self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.preview = PdfPreview(self)
        self.preview.setObjectName("pdf_preview")
        if isinstance(source, bytes | bytearray):
            self.preview.load_bytes(bytes(source), name=f"{title}.pdf")
        else:
            self.preview.open(source)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        # An A4 page at a readable width, inside a 1366x768 screen.
        screen = (
            parent.screen() if parent is not None else None
        ) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen else QSize(1366, 728)
        self.resize(min(900, room.width() - 40), min(1000, room.height() - 40))
