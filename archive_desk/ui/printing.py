"""Print and export from the GUI: run the output service in a worker with progress, then show
the PDF in the in-app preview (print or save from there) or tell where the workbook went."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from archive_desk import cards
from archive_desk.cards import output as card_output
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.worker import run_with_progress

TITLES = {
    "card": "客户档案卡",
    "list": "客户一览表",
    "catalogue": "档案目录",
    "labels": "类别标签",
}


def preview_folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "archive-desk-print"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def build_card_pdf(
    ctx: AppContext, which: str, ids: Sequence[int], flt: cards.CardFilter, out: Path, progress=None
) -> int:
    kwargs = {} if progress is None else {"progress": progress}
    if which == "card":
        return card_output.print_cards(ctx.actor, ids, out)
    if which == "list":
        return card_output.print_list(ctx.actor, flt, out, **kwargs)
    if which == "catalogue":
        return card_output.print_catalogue(ctx.actor, flt, out, **kwargs)
    if which == "labels":
        if ids:
            return card_output.print_labels(ctx.actor, out, card_ids=ids, **kwargs)
        return card_output.print_labels(ctx.actor, out, flt=flt, **kwargs)
    raise ValueError(which)


def print_cards(
    parent: QWidget | None,
    ctx: AppContext,
    which: str,
    ids: Sequence[int],
    flt: cards.CardFilter,
    *,
    show: bool = True,
) -> Path | None:
    """Build the PDF (off the GUI thread) and open it in the preview. Returns its path."""
    if which in ("card",) and not ids:
        messages.info(
            parent, QCoreApplication.translate("printing", "Select one or more cards first.")
        )
        return None
    out = preview_folder() / f"{TITLES[which]}-{ctx.clock.now():%Y%m%d-%H%M%S}.pdf"
    pages = run_with_progress(
        parent,
        QCoreApplication.translate("printing", "Preparing %1…").replace("%1", TITLES[which]),
        lambda progress: build_card_pdf(ctx, which, ids, flt, out, progress),
    )
    if pages is None:
        return None
    if show:
        from archive_desk.ui.widgets.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(str(out), TITLES[which], parent, delete_on_close=True)
        dialog.setObjectName("print_preview")
        dialog.show()
    return out


def export_cards(
    parent: QWidget | None, ctx: AppContext, flt: cards.CardFilter, path: str
) -> int | None:
    count = run_with_progress(
        parent,
        QCoreApplication.translate("printing", "Exporting cards…"),
        lambda progress: card_output.export_cards(ctx.actor, flt, Path(path), progress),
    )
    if count is not None:
        messages.info(
            parent,
            QCoreApplication.translate("printing", "%1 cards exported to %2")
            .replace("%1", str(count))
            .replace("%2", path),
        )
    return count


def preview_pdf(
    parent: QWidget | None, ctx: AppContext, title: str, build: Callable[[Path], object]
) -> Path | None:
    """Build a form with ``build(out)`` (a service call, run in the worker; its refusal is
    shown) and open it in the preview, from where the clerk prints or saves it."""
    from archive_desk.ui.widgets.pdf_preview import PdfPreviewDialog

    out = preview_folder() / f"{title}-{ctx.clock.now():%Y%m%d-%H%M%S}.pdf"
    # off the GUI thread: a register of a thousand rows takes seconds
    built = run_with_progress(
        parent,
        QCoreApplication.translate("printing", "Preparing %1…").replace("%1", title),
        lambda _progress: build(out),
        cancellable=False,
    )
    if built is None:
        return None
    dialog = PdfPreviewDialog(str(out), title, parent, delete_on_close=True)
    dialog.setObjectName("print_preview")
    dialog.show()
    return out
