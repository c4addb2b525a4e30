"""A signing area for the mouse, a touch screen or a pen tablet, and a labelled field around it.

Ink is kept as vectors: a list of strokes, each a list of ``(x, y, pressure)`` points in widget
pixels with the pressure between 0 and 1. A pen's pressure sets the line width point by point;
the mouse (and a touch screen, which Qt turns into mouse events) writes with a constant width.
:meth:`SignaturePad.png_bytes` renders the ink, cropped to it, as a PNG for storing and printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPointingDevice,
    QTabletEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

Point = tuple[float, float, float]  # x, y (widget pixels), pressure 0..1
Stroke = list[Point]

MOUSE_PRESSURE = 0.5  # the mouse has no pressure: it writes like a pen pressed half way


def _width(base: float, pressure: float) -> float:
    """Line width for a pressure: from 35 % of ``base`` (a light touch) to 165 % (pressed hard)."""
    return base * (0.35 + 1.3 * max(0.0, min(1.0, pressure)))


def paint_strokes(
    painter: QPainter,
    strokes: Iterable[Sequence[Point]],
    *,
    color: QColor,
    base_width: float,
    offset: QPointF | None = None,
    scale: float = 1.0,
) -> None:
    """Draw ``strokes`` antialiased: ``(point + offset) * scale``, widths scaled the same."""
    dx, dy = (offset.x(), offset.y()) if offset is not None else (0.0, 0.0)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for stroke in strokes:
        if not stroke:
            continue
        pts = [QPointF((x + dx) * scale, (y + dy) * scale) for x, y, _p in stroke]
        widths = [_width(base_width, p) * scale for _x, _y, p in stroke]
        if len(pts) == 1:  # a dot
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            radius = widths[0] / 2
            painter.drawEllipse(pts[0], radius, radius)
            continue
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if max(widths) - min(widths) < 0.01:
            # One width: a single smoothed path (quadratic curves through the midpoints).
            path = QPainterPath(pts[0])
            for i in range(1, len(pts) - 1):
                mid = (pts[i] + pts[i + 1]) / 2
                path.quadTo(pts[i], mid)
            path.lineTo(pts[-1])
            painter.setPen(_pen(color, widths[0]))
            painter.drawPath(path)
        else:
            # Varying width: segment by segment; round caps join them without gaps.
            for i in range(1, len(pts)):
                painter.setPen(_pen(color, (widths[i - 1] + widths[i]) / 2))
                painter.drawLine(pts[i - 1], pts[i])
    painter.restore()


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


class SignaturePad(QWidget):
    """Write a signature with the mouse, a finger or a pen.

    ``changed`` is emitted when a stroke is finished, undone or cleared. Keys while the pad has
    the focus: Ctrl+Z or Backspace undoes the last stroke, Delete clears.
    """

    changed = Signal()

    MARGIN = 8  # pixels of white around the ink in png_bytes (before scaling)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        pen_width: float = 2.6,
        ink: QColor | str = "#101010",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signature_pad")
        self.setAccessibleName(self.tr("Signature pad"))
        self.setMinimumSize(360, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.pen_width = pen_width
        self.ink = QColor(ink)
        self._strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self._tablet_down = False
        self._read_only = False

    # -- state ------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(480, 180)

    def is_empty(self) -> bool:
        return not self._strokes and not self._current

    def stroke_count(self) -> int:
        return len(self._strokes)

    def strokes(self) -> list[Stroke]:
        """A copy of the finished strokes: lists of ``(x, y, pressure)``."""
        return [list(stroke) for stroke in self._strokes]

    def set_strokes(self, strokes: Iterable[Iterable[Sequence[float]]]) -> None:
        """Replace the ink (e.g. to restore a draft); points are ``(x, y)`` or ``(x, y, p)``."""
        self._current = None
        self._strokes = [
            [
                (float(pt[0]), float(pt[1]), float(pt[2]) if len(pt) > 2 else MOUSE_PRESSURE)
                for pt in stroke
            ]
            for stroke in strokes
        ]
        self._strokes = [s for s in self._strokes if s]
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        had_ink = not self.is_empty()
        self._strokes.clear()
        self._current = None
        self.update()
        if had_ink:
            self.changed.emit()

    def undo_stroke(self) -> bool:
        """Remove the last stroke; False when there was none."""
        if not self._strokes:
            return False
        self._strokes.pop()
        self.update()
        self.changed.emit()
        return True

    def set_read_only(self, read_only: bool) -> None:
        if read_only and self._current is not None:
            self._finish()
        self._read_only = read_only
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)
        self.update()

    def is_read_only(self) -> bool:
        return self._read_only

    # -- output -----------------------------------------------------------------------------
    def ink_rect(self) -> QRectF:
        """The bounding box of the ink in widget pixels, line widths included."""
        rect = QRectF()
        for stroke in self._strokes:
            for x, y, p in stroke:
                half = _width(self.pen_width, p) / 2
                rect = rect.united(QRectF(x - half, y - half, 2 * half, 2 * half))
        return rect

    def to_image(self, width: int | None = None, *, background: QColor | None = None) -> QImage:
        """The ink cropped to its bounding box plus a small margin.

        ``width`` is the image width in pixels (the height follows the ink's proportions); by
        default twice the ink's on-screen size, so that a printed signature stays sharp.
        ``background`` None leaves it transparent.
        """
        if self.is_empty():
            raise ValueError("the signature pad is empty")
        box = self.ink_rect().adjusted(-self.MARGIN, -self.MARGIN, self.MARGIN, self.MARGIN)
        if width is not None and width <= 0:
            raise ValueError(f"width must be positive, not {width}")
        scale = width / box.width() if width is not None else 2.0
        size = QSize(max(1, round(box.width() * scale)), max(1, round(box.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(background if background is not None else QColor(0, 0, 0, 0))
        painter = QPainter(image)
        try:
            paint_strokes(
                painter,
                self._strokes,
                color=self.ink,
                base_width=self.pen_width,
                offset=-box.topLeft(),
                scale=scale,
            )
        finally:
            painter.end()
        return image

    def png_bytes(self, width: int | None = None, *, background: QColor | None = None) -> bytes:
        """The signature as PNG bytes (see :meth:`to_image`). Raises ValueError when empty."""
        image = self.to_image(width, background=background)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
            raise OSError("the signature could not be encoded as PNG")
        buffer.close()
        return bytes(data.data())

    # -- drawing ----------------------------------------------------------------------------
    def _baseline_y(self) -> float:
        return self.height() - max(28.0, self.height() * 0.24)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.fillRect(self.rect(), self.palette().window())
        background = QColor("#f3f3f3") if self._read_only else QColor(Qt.GlobalColor.white)
        focused = self.hasFocus() and not self._read_only
        border = self.palette().highlight().color() if focused else QColor("#b8b8b8")
        painter.setPen(QPen(border, 1.5 if focused else 1.0))
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 4, 4)

        base = self._baseline_y()
        left, right = 16.0, self.width() - 16.0
        painter.setPen(QPen(QColor("#a8a8a8"), 1))
        painter.drawLine(QPointF(left, base), QPointF(right, base))
        painter.drawLine(QPointF(left + 2, base - 14), QPointF(left + 10, base - 6))  # the ×
        painter.drawLine(QPointF(left + 10, base - 14), QPointF(left + 2, base - 6))

        if self.is_empty() and not self._read_only:
            font = QFont(self.font())
            font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.4)
            painter.setFont(font)
            painter.setPen(QColor("#c4c4c4"))
            painter.drawText(
                QRectF(0, 0, self.width(), base), Qt.AlignmentFlag.AlignCenter, self.tr("Sign here")
            )

        strokes = self._strokes + ([self._current] if self._current else [])
        paint_strokes(painter, strokes, color=self.ink, base_width=self.pen_width)
        painter.end()

    def _clamp(self, pos: QPointF) -> tuple[float, float]:
        return (
            min(max(pos.x(), 0.0), float(self.width() - 1)),
            min(max(pos.y(), 0.0), float(self.height() - 1)),
        )

    def _begin(self, pos: QPointF, pressure: float) -> None:
        x, y = self._clamp(pos)
        self._current = [(x, y, pressure)]
        self._update_around(self._current[-1], self._current[-1])

    def _extend(self, pos: QPointF, pressure: float) -> None:
        if self._current is None:
            return
        x, y = self._clamp(pos)
        last = self._current[-1]
        if abs(x - last[0]) < 0.5 and abs(y - last[1]) < 0.5:
            if pressure > last[2]:  # the pen pressed harder without moving
                self._current[-1] = (last[0], last[1], pressure)
            return
        self._current.append((x, y, pressure))
        self._update_around(last, self._current[-1])

    def _finish(self) -> None:
        if self._current is None:
            return
        self._strokes.append(self._current)
        self._current = None
        self._tablet_down = False
        self.update()
        self.changed.emit()

    def _update_around(self, a: Point, b: Point) -> None:
        pad = _width(self.pen_width, max(a[2], b[2])) + 2
        rect = QRectF(QPointF(a[0], a[1]), QPointF(b[0], b[1])).normalized()
        self.update(rect.adjusted(-pad, -pad, pad, pad).toAlignedRect())

    # -- input ------------------------------------------------------------------------------
    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepting the event keeps Qt from also sending the matching mouse event.
        event.accept()
        if self._read_only or event.pointerType() == QPointingDevice.PointerType.Eraser:
            return
        pressure = max(0.0, min(1.0, event.pressure()))
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._tablet_down = True
            self._begin(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletMove and self._tablet_down:
            self._extend(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletRelease and self._tablet_down:
            self._extend(event.position(), pressure)
            self._finish()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._read_only or self._tablet_down or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._begin(event.position(), MOUSE_PRESSURE)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._tablet_down or not event.buttons() & Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self._extend(event.position(), MOUSE_PRESSURE)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._tablet_down or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self._extend(event.position(), MOUSE_PRESSURE)
        self._finish()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._read_only:
            if event.matches(QKeySequence.StandardKey.Undo) or (
                event.key() == Qt.Key.Key_Backspace and not event.modifiers()
            ):
                self.undo_stroke()
                event.accept()
                return
            if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                self.clear()
                event.accept()
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)


class SignatureField(QWidget):
    """The signer's role above a :class:`SignaturePad`, with Clear and Undo buttons beside it.

    The buttons are reachable with Tab and pressed with Enter or Space; they are disabled while
    the pad is empty or read-only.
    """

    changed = Signal()

    def __init__(self, role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role_label = QLabel(role)
        self.role_label.setObjectName("role")
        self.pad = SignaturePad()
        self.pad.setObjectName("pad")
        self.role_label.setBuddy(self.pad)

        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clear")
        self.clear_button.setToolTip(self.tr("Remove the whole signature (Delete)"))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undo")
        self.undo_button.setToolTip(self.tr("Remove the last stroke (Ctrl+Z)"))
        for button in (self.undo_button, self.clear_button):
            button.setAutoDefault(True)  # Enter presses the focused button, in or out of dialogs
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo_stroke)
        self.pad.changed.connect(self._on_changed)

        buttons = QVBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.pad, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.role_label)
        layout.addLayout(row, 1)
        self.setFocusProxy(self.pad)
        self._update_buttons()

    def role(self) -> str:
        return self.role_label.text()

    def set_role(self, role: str) -> None:
        self.role_label.setText(role)

    def is_empty(self) -> bool:
        return self.pad.is_empty()

    def png_bytes(self, width: int | None = None, *, background: QColor | None = None) -> bytes:
        return self.pad.png_bytes(width, background=background)

    def clear(self) -> None:
        self.pad.clear()

    def undo_stroke(self) -> bool:
        return self.pad.undo_stroke()

    def set_read_only(self, read_only: bool) -> None:
        self.pad.set_read_only(read_only)
        self._update_buttons()

    def _on_changed(self) -> None:
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        editable = not self.pad.is_read_only() and not self.pad.is_empty()
        focus_here = self.clear_button.hasFocus() or self.undo_button.hasFocus()
        self.clear_button.setEnabled(editable)
        self.undo_button.setEnabled(editable)
        if focus_here and not editable and not self.pad.is_read_only():
            self.pad.setFocus(Qt.FocusReason.OtherFocusReason)  # back to signing
