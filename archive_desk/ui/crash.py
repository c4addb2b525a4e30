"""The crash hook: an unexpected exception is logged with its traceback and shown, and the
program keeps running (what was saved is in the database; drafts are autosaved)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from archive_desk.logs import log_dir

log = logging.getLogger(__name__)


def _handle(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None, dialog: bool
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.critical("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
    if dialog and QApplication.instance() is not None:
        text = QCoreApplication.translate(
            "crash",
            "An unexpected error occurred. Everything already saved is safe.\n\n"
            "Details were written to the log in %1.",
        ).replace("%1", str(log_dir()))
        QMessageBox.critical(
            None, QCoreApplication.translate("crash", "Archive Desk — error"), f"{text}\n\n{value}"
        )


def install(*, dialog: bool = True) -> None:
    sys.excepthook = lambda k, v, t: _handle(k, v, t, dialog)
