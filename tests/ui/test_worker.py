"""The worker runs service calls off the GUI thread and hands back results, refusals and
cancellations; printing from a tab goes through it."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from archive_desk.errors import Cancelled, ValidationError
from archive_desk.ui.worker import run_with_progress


def test_the_work_runs_in_another_thread_and_its_result_comes_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[threading.Thread] = []

    def work(progress):  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread())
        assert progress(1, 2)
        return 42

    assert run_with_progress(parent, "计算", work) == 42
    assert seen and seen[0] is not threading.main_thread()


def test_a_refusal_is_shown_and_a_cancellation_is_silent(qtbot, sink) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)

    def refuse(_progress):  # type: ignore[no-untyped-def]
        raise ValidationError("月份应写成 YYYY-MM。")

    def cancel(_progress):  # type: ignore[no-untyped-def]
        raise Cancelled()

    assert run_with_progress(parent, "计算", refuse) is None
    assert run_with_progress(parent, "计算", cancel) is None
    assert sink.texts() == ["月份应写成 YYYY-MM。"]


def test_work_that_cannot_stop_gets_no_cancel_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    buttons: list[int] = []

    def work(_progress):  # type: ignore[no-untyped-def]
        return "done"

    def look() -> None:
        for dialog in parent.findChildren(QProgressDialog, "progress_dialog"):
            buttons.append(len(dialog.findChildren(QPushButton)))

    assert run_with_progress(parent, "打印", work, cancellable=False) == "done"
    look()
    assert buttons and buttons[-1] == 0
    assert run_with_progress(parent, "导出", work) == "done"
    buttons.clear()
    look()
    assert buttons[-1] == 1


def test_the_dialog_shows_after_its_minimum_duration_without_any_progress(qtbot) -> None:  # type: ignore[no-untyped-def]
    import time

    from PySide6.QtCore import QTimer

    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[bool] = []

    def look() -> None:
        seen.extend(d.isVisible() for d in parent.findChildren(QProgressDialog, "progress_dialog"))

    QTimer.singleShot(300, look)
    work = lambda _progress: time.sleep(0.6) or "done"  # noqa: E731 - reports no progress
    assert run_with_progress(parent, "打印", work, min_duration_ms=50, cancellable=False) == "done"
    assert seen == [True]
