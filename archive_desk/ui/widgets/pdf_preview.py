"""In-app PDF preview on QtPdf: scroll through the pages, zoom, print, save a copy.

Every printed form of the program is built as a PDF first and shown here, so what the clerk
sees is exactly what the printer gets.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.page_label = QLabel()
        self.page_label.setObjectName("page_label")
        bar = QHBoxLayout()
        for name, text, slot in (
            ("zoom_out", self.tr("Zoom out"), lambda: self.zoom(1 / 1.25)),
            ("zoom_in", self.tr("Zoom in"), lambda: self.zoom(1.25)),
            ("fit_width", self.tr("Fit width"), self.fit_width),
            ("print", self.tr("&Print…"), self.print_dialog),
            ("save_as", self.tr("&Save as…"), self.save_dialog),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, s=slot: s())
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._update_label())

    def open(self, path: str | Path) -> bool:
        self.path = Path(path)
        error = self.document.load(str(self.path))
        self._update_label()
        return error == QPdfDocument.Error.None_

    def page_count(self) -> int:
        return self.document.pageCount()

    def zoom_factor(self) -> float:
        return self.view.zoomFactor()

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, current * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _update_label(self) -> None:
        total = self.page_count()
        current = self.view.pageNavigator().currentPage() + 1 if total else 0
        self.page_label.setText(
            self.tr("Page %1 of %2").replace("%1", str(current)).replace("%2", str(total))
        )

    def status(self) -> str:
        return self.page_label.text()

    # -- printing and saving ------------------------------------------------------------------
    def print_to(self, printer: QPrinter) -> int:
        """Render every page into the printer's page, keeping the aspect ratio; returns pages."""
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        printed = 0
        try:
            dpi = printer.resolution()
            target = printer.pageLayout().paintRectPixels(dpi)
            for page in range(self.page_count()):
                if page:
                    printer.newPage()
                size = self.document.pagePointSize(page)
                scale = min(target.width() / size.width(), target.height() / size.height())
                pixels = QSize(int(size.width() * scale), int(size.height() * scale))
                image = self.document.render(page, pixels)
                painter.drawImage(
                    QPointF(0, 0), image, QRect(0, 0, pixels.width(), pixels.height())
                )
                printed += 1
        finally:
            painter.end()
        return printed

    def print_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def save_to(self, target: str | Path) -> Path:
        if self.path is None:
            raise ValueError("no document loaded")
        target = Path(target)
        shutil.copyfile(self.path, target)
        return target

    def save_dialog(self) -> None:
        if self.path is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), self.path.name, self.tr("PDF (*.pdf)")
        )
        if name:
            try:
                self.save_to(name)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Save PDF"), str(exc))


class PdfPreviewDialog(QDialog):
    def __init__(self, path: str | Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.preview = PdfPreview(self)
        self.preview.open(path)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        self.resize(900, 1000)
