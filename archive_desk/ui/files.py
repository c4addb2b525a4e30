"""Every save and open file dialog of the program goes through here.

A dialog starts in the folder last used for that kind of file on this workstation (kept in the
preferences), else in the user's Documents folder — never in the program's own folder, where Qt
starts when it is given a bare file name. A save dialog proposes a Chinese file name with the
kind's suffix and adds the suffix when the clerk leaves it off; Qt itself asks before a file is
replaced. Qt's native dialog is used where the platform has one.

Tests replace :data:`runner` to answer the real, configured dialog without showing it (as
``messages.sink`` does for message boxes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from archive_desk.ui.preferences import Preferences


@dataclass(frozen=True)
class FileKind:
    """A kind of file the program saves or opens: its own remembered folder and its suffix."""

    key: str  # the preference that remembers its folder
    suffix: str  # without the dot
    name_filter: str  # English, translated in the "files" context


EXCEL = FileKind("excel", "xlsx", str(QT_TRANSLATE_NOOP("files", "Excel workbook (*.xlsx)")))
PDF = FileKind("pdf", "pdf", str(QT_TRANSLATE_NOOP("files", "PDF (*.pdf)")))
ARCHIVE = FileKind("archive", "db", str(QT_TRANSLATE_NOOP("files", "Archive database (*.db)")))

# characters Windows refuses in a file name (a title like "借阅登记簿 3/1–3/31" would be one)
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def run_dialog(dialog: QFileDialog) -> str | None:
    """Show the dialog; the chosen file, or None when the clerk cancels."""
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else None


runner: Callable[[QFileDialog], str | None] = run_dialog


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where there is none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(kind: FileKind, prefs: Preferences) -> Path:
    """Where a dialog for ``kind`` opens: the last folder used for it, if it still exists."""
    last = prefs.last_folder(kind.key)
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def file_name(name: str, kind: FileKind) -> str:
    """``name`` usable as a file name on every system, ending in the kind's suffix."""
    clean = _NOT_IN_NAMES.sub("-", name).strip() or "档案台"
    if not clean.lower().endswith(f".{kind.suffix}"):
        clean += f".{kind.suffix}"
    return clean


def save_path(
    parent: QWidget | None,
    kind: FileKind,
    title: str,
    proposed_name: str,
    *,
    prefs: Preferences | None = None,
) -> Path | None:
    """Ask where to save a ``kind`` file; None when the clerk cancels."""
    prefs = prefs or Preferences()
    dialog = _dialog(parent, kind, title, prefs)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(kind.suffix)
    dialog.selectFile(file_name(proposed_name, kind))
    chosen = _run(dialog)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != f".{kind.suffix}":
        path = path.with_name(path.name + f".{kind.suffix}")
    prefs.set_last_folder(kind.key, str(path.parent))
    return path


def open_path(
    parent: QWidget | None, kind: FileKind, title: str, *, prefs: Preferences | None = None
) -> Path | None:
    """Ask which existing ``kind`` file to open; None when the clerk cancels."""
    prefs = prefs or Preferences()
    dialog = _dialog(parent, kind, title, prefs)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _run(dialog)
    if not chosen:
        return None
    path = Path(chosen)
    prefs.set_last_folder(kind.key, str(path.parent))
    return path


def _run(dialog: QFileDialog) -> str | None:
    try:
        return runner(dialog)
    finally:
        dialog.deleteLater()  # parented to the window: not kept for the rest of the session


def _dialog(parent: QWidget | None, kind: FileKind, title: str, prefs: Preferences) -> QFileDialog:
    dialog = QFileDialog(parent, title)
    dialog.setObjectName(f"file_dialog_{kind.key}")
    dialog.setNameFilter(QCoreApplication.translate("files", kind.name_filter))
    dialog.setDirectory(str(start_folder(kind, prefs)))
    return dialog
