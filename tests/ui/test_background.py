"""Reads off the GUI thread: answered on it, only the newest, never to a deleted owner."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from archive_desk import cards
from archive_desk.errors import KnownError
from archive_desk.ui import background
from tests.cardkit import make_card


def test_a_read_runs_off_the_gui_thread_and_is_answered_on_it(qtbot, clerk) -> None:  # type: ignore[no-untyped-def]
    make_card(clerk, "北京甲公司")
    owner = QWidget()
    qtbot.addWidget(owner)
    ran_on: list[threading.Thread] = []
    answered_on: list[threading.Thread] = []
    got: list[int] = []

    def read() -> int:
        ran_on.append(threading.current_thread())
        return cards.count_cards(clerk, cards.CardFilter())  # its own connection

    def done(n: int) -> None:
        answered_on.append(threading.current_thread())
        got.append(n)

    background.submit(owner, "count", read, done)
    qtbot.waitUntil(lambda: bool(got))
    assert got == [1]
    assert ran_on[0] is not threading.main_thread()
    assert answered_on == [threading.main_thread()]


def test_only_the_newest_read_of_a_kind_is_answered(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    gate, started = threading.Event(), threading.Event()
    got: list[str] = []

    def first() -> str:
        started.set()
        gate.wait(5)
        return "first"

    background.submit(owner, "k", first, got.append)
    assert started.wait(5)  # running when the newer ones come: its answer is dropped
    background.submit(owner, "k", lambda: "second", got.append)  # overtaken before it starts
    background.submit(owner, "other", lambda: "other", got.append)  # another kind: answered
    background.submit(owner, "k", lambda: "third", got.append)
    gate.set()
    assert background.wait()
    qtbot.waitUntil(lambda: "third" in got)
    qtbot.wait(50)
    assert sorted(got) == ["other", "third"]
    pending = background._instance._latest if background._instance else {}
    assert (id(owner), "k") not in pending  # answered reads leave no bookkeeping behind


def test_a_deleted_owner_gets_no_answer(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    got: list[int] = []

    class Owner(QWidget):
        def done(self, n: int) -> None:
            got.append(n)

    owner = Owner()
    gate = threading.Event()
    background.submit(owner, "k", lambda: gate.wait(5) and 1, owner.done)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    gate.set()
    assert background.wait()
    qtbot.wait(50)
    assert got == []


def test_a_refusal_is_shown_as_a_message(qtbot, db, sink) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    got: list[object] = []

    def refused() -> None:
        raise KnownError("没有权限查看")

    background.submit(owner, "k", refused, got.append)
    qtbot.waitUntil(lambda: bool(sink.texts("error")))
    assert sink.texts("error") == ["没有权限查看"]
    assert got == []


def _alive(obj: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
