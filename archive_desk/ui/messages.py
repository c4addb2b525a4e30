"""Every message box of the program goes through here.

Services raise :class:`~archive_desk.errors.KnownError` with a Chinese message for the clerk;
:func:`call` runs a service and shows such an error instead of letting it reach the crash hook.
Tests replace :data:`sink` to see what would have been shown without a modal box.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from archive_desk.errors import KnownError, NeedsConfirmation, SessionEnded

log = logging.getLogger(__name__)
T = TypeVar("T")


class Sink:
    """Shows messages. Tests install a :class:`RecordingSink` instead."""

    def show(self, parent: QWidget | None, level: str, title: str, text: str) -> None:
        box = {
            "error": QMessageBox.critical,
            "warning": QMessageBox.warning,
            "info": QMessageBox.information,
        }[level]
        box(parent, title, text)

    def ask(self, parent: QWidget | None, title: str, text: str, default_yes: bool) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        default = QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No
        answer = QMessageBox.question(parent, title, text, buttons, default)
        return answer == QMessageBox.StandardButton.Yes


class RecordingSink(Sink):
    """Records messages and answers questions from a queue (default: yes)."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answers: list[bool] = []

    def show(self, parent: QWidget | None, level: str, title: str, text: str) -> None:
        self.shown.append((level, title, text))

    def ask(self, parent: QWidget | None, title: str, text: str, default_yes: bool) -> bool:
        self.shown.append(("question", title, text))
        return self.answers.pop(0) if self.answers else True

    def texts(self, level: str | None = None) -> list[str]:
        return [t for lv, _, t in self.shown if level is None or lv == level]


sink: Sink = Sink()


def error(parent: QWidget | None, text: str) -> None:
    sink.show(parent, "error", QCoreApplication.translate("messages", "Archive Desk"), text)


def warning(parent: QWidget | None, text: str) -> None:
    sink.show(parent, "warning", QCoreApplication.translate("messages", "Archive Desk"), text)


def info(parent: QWidget | None, text: str) -> None:
    sink.show(parent, "info", QCoreApplication.translate("messages", "Archive Desk"), text)


def confirm(parent: QWidget | None, text: str, *, default_yes: bool = False) -> bool:
    return sink.ask(
        parent, QCoreApplication.translate("messages", "Please confirm"), text, default_yes
    )


def confirm_warnings(parent: QWidget | None, exc: NeedsConfirmation) -> bool:
    """Put the warnings that stand in the way to the clerk: its message lists each one once."""
    return confirm(
        parent, exc.message + "\n\n" + QCoreApplication.translate("messages", "Save anyway?")
    )


def show_known(parent: QWidget | None, exc: KnownError) -> None:
    log.info("refused: %s", exc.message)
    if isinstance(exc, SessionEnded):
        # the main window says it once and returns to the login (MainWindow._end_session): the
        # refused action, and every list still loading behind it, add no box of their own
        return
    error(parent, exc.message)


def call(parent: QWidget | None, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Run a service; show a refusal as a message and return None.

    A :class:`NeedsConfirmation` (only warnings stand in the way) is put to the clerk; on yes the
    service is called again with ``confirm_warnings=True``.
    """
    try:
        return fn(*args, **kwargs)
    except NeedsConfirmation as exc:
        if confirm_warnings(parent, exc):
            return call(parent, fn, *args, **{**kwargs, "confirm_warnings": True})
        return None
    except KnownError as exc:
        show_known(parent, exc)
        return None


def attempt(parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """Like :func:`call` for services that return nothing: True when it went through."""
    done = False

    def run(*a: Any, **kw: Any) -> None:
        nonlocal done
        fn(*a, **kw)
        done = True

    call(parent, run, *args, **kwargs)
    return done
