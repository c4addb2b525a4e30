"""The retention tab and its dialogs, once through the whole chain as each user does it: the
clerk opens the due list from the overview and proposes the cards, the manager exempts one and
approves, the general manager approves, the clerk executes with two witnesses signing on the pad
and records the feedback; the destroyed cards then show only under the cards tab's 已销毁
filter. A freeze and its lifting from the tab; every dialog fitting a 1024×768 screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
)

from archive_desk import retention
from archive_desk.db.models import Card
from archive_desk.ui.dialogs.destruction_dialogs import (
    ExecuteDialog,
    FeedbackDialog,
    FreezeDialog,
    ListDialog,
    ProposalDialog,
    StepDialog,
)
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.tabs.retention_tab import RetentionTab
from tests.retention.kit import (
    after_waiting,
    approved,
    due_card,
    propose,
    reviewed,
)
from tests.ui.conftest import child, type_text


@pytest.fixture
def crew(destruction_staff):  # type: ignore[no-untyped-def]
    return destruction_staff


Filler = Callable[[Any], None]


def _sign(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    pad = field.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 40))
    for x in range(25, 180, 12):
        qtbot.mouseMove(pad, QPoint(x, 40 + (x % 30)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(180, 50))


@pytest.fixture
def answer(monkeypatch, qtbot):  # type: ignore[no-untyped-def]
    """The dialogs the tab opens are filled by the test's next filler and confirmed with OK
    (instead of waiting for a person in ``exec()``); each records what it opened."""
    fillers: list[Filler] = []
    opened: list[Any] = []

    def run(tab: RetentionTab, dialog: Any) -> Any:
        qtbot.addWidget(dialog)
        opened.append(dialog)
        dialog.show()
        fillers.pop(0)(dialog)
        done = dialog.run()
        assert done, child(dialog, QLabel, "error").text()
        tab.refresh()
        view = dialog.result_view
        if isinstance(view, retention.DestructionView):
            tab.select_id(view.id)
        return view

    monkeypatch.setattr(RetentionTab, "_run", run)
    return fillers, opened


def _select(tab: RetentionTab, number: str) -> None:
    model = tab.lists_table.model()
    row = next(r for r in range(model.rowCount()) if model.row_at(r).number == number)
    tab.lists_table.selectRow(row)


def test_the_whole_chain_through_the_gui(qtbot, crew, make_ctx, prefs, clock, answer) -> None:
    fillers, opened = answer
    clerk = crew["clerk"]
    cards_due = [due_card(clerk, name) for name in ("甲公司", "乙公司", "丙公司")]

    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: bool(window.overview_tab.todos))  # counted just after it shows
    child(window, QPushButton, "todo_retention_due").click()
    tab = window.retention_tab
    assert window.tabs.currentWidget() is tab
    due_table = child(tab, QTableView, "due_table")
    assert due_table.model().rowCount() == 3
    assert child(tab, QLabel, "due_count").text().startswith("3")

    def proposal(dialog: ProposalDialog) -> None:
        type_text(child(dialog, QLineEdit, "reason"), "保管期满，经鉴定无继续保存价值")
        assert dialog.items.rowCount() == 3

    fillers.append(proposal)
    due_table.selectAll()
    lst = child(tab, QPushButton, "propose_selected").click() or opened[-1].result_view
    assert lst.state == "draft" and len(lst.items) == 3
    assert child(tab, QComboBox, "destruction_filter").currentData() == "draft"
    assert [due_table.model().row_at(r).listed_on for r in range(3)] == [lst.number] * 3

    manager_tab = RetentionTab(make_ctx(crew["manager"]))
    qtbot.addWidget(manager_tab)
    manager_tab.show_target("draft")
    _select(manager_tab, lst.number)

    def review(dialog: StepDialog) -> None:
        table = child(dialog, QTableWidget, "step_items")
        table.item(1, 0).setCheckState(Qt.CheckState.Checked)
        table.item(1, 5).setText("客户来函要求续存")

    fillers.append(review)
    child(manager_tab, QPushButton, "review_step").click()
    lst = opened[-1].result_view
    assert lst.state == "reviewed"
    assert [i.state for i in lst.items] == ["listed", "exempted", "listed"]

    gm_tab = RetentionTab(make_ctx(crew["gm"]))
    qtbot.addWidget(gm_tab)
    gm_tab.show_target("reviewed")
    _select(gm_tab, lst.number)
    fillers.append(lambda dialog: type_text(child(dialog, QLineEdit, "comment"), "同意"))
    gm_tab.lists_table.doubleClicked.emit(gm_tab.lists_table.currentIndex())
    lst = opened[-1].result_view
    assert lst.state == "approved" and isinstance(opened[-1], StepDialog)

    after_waiting(clock, lst)
    tab.show_target("due_now")
    _select(tab, lst.number)

    def execute(dialog: ExecuteDialog) -> None:
        checks = child(dialog, QListWidget, "recheck_list")
        assert [checks.item(r).text().endswith("✓") for r in range(checks.count())] == [True, True]
        type_text(child(dialog, QLineEdit, "place"), "档案室碎纸间")
        witness1 = child(dialog, QComboBox, "witness1")
        witness1.setCurrentIndex(witness1.findText("陈静"))
        type_text(child(dialog, QComboBox, "witness2").lineEdit(), "吴监销")
        assert not dialog.run()  # nobody has signed yet
        assert "尚未签字" in child(dialog, QLabel, "error").text()
        _sign(qtbot, dialog.pads["witness1"][0])
        _sign(qtbot, dialog.pads["witness2"][0])
        dialog.pads["executor"][1].setChecked(True)

    fillers.append(execute)
    tab.lists_table.doubleClicked.emit(tab.lists_table.currentIndex())
    lst = opened[-1].result_view
    assert lst.state == "executed" and (lst.witness1, lst.witness2) == ("陈静", "吴监销")
    assert set(lst.signed) == {"witness1", "witness2", "executor"}
    assert lst.signed["witness1"][2]  # the pad's image is kept

    def feedback(dialog: FeedbackDialog) -> None:
        type_text(child(dialog, QLineEdit, "reported_to"), "总经理周强")
        type_text(child(dialog, QPlainTextEdit, "feedback"), "已粉碎销毁2卷")

    fillers.append(feedback)
    tab.show_target("executed")
    _select(tab, lst.number)
    tab.lists_table.doubleClicked.emit(tab.lists_table.currentIndex())
    assert opened[-1].result_view.state == "reported"

    window.show_tab("cards_tab")
    status = child(window, QComboBox, "filter_status")
    card_table = child(window, QTableView, "card_table")
    assert card_table.model().rowCount() == 1  # 乙公司, exempted
    status.setCurrentIndex(status.findData("destroyed"))
    assert card_table.model().rowCount() == 2
    destroyed = {Card.get_by_id(c.id).status for c in (cards_due[0], cards_due[2])}
    assert destroyed == {"destroyed"}


def test_a_freeze_and_its_lifting_from_the_tab(qtbot, crew, make_ctx, answer, monkeypatch) -> None:
    fillers, _opened = answer
    card = due_card(crew["clerk"], "甲公司")
    tab = RetentionTab(make_ctx(crew["manager"]))
    qtbot.addWidget(tab)
    assert not child(tab, QPushButton, "propose_selected").isEnabled()

    def freeze(dialog: FreezeDialog) -> None:
        assert child(dialog, QListWidget, "freeze_cards").count() == 1
        kind = child(dialog, QComboBox, "hold_kind")
        kind.setCurrentIndex(kind.findData("litigation"))
        type_text(child(dialog, QLineEdit, "reason"), "（2026）京01民初123号")

    fillers.append(freeze)
    tab.due_table.selectAll()
    child(tab, QPushButton, "freeze_selected").click()
    assert tab.due_table.model().row_at(0).frozen.startswith("诉讼")
    tab.pages.setCurrentIndex(2)
    holds = child(tab, QTableView, "hold_table")
    assert holds.model().rowCount() == 1 and holds.model().row_at(0).archive_no == card.archive_no
    holds.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("案件已结", True))
    assert tab.lift()
    assert holds.model().rowCount() == 0


def _dialogs(crew: dict[str, Any], make_ctx: Any, clock: Any) -> Any:
    """Every retention dialog, each over a list of 40 cards with long names."""
    long = "北京海淀区中关村科技园区高新技术开发有限责任公司"
    ids = [due_card(crew["clerk"], f"{long}{n:02d}分公司").id for n in range(40)]
    clerk = make_ctx(crew["clerk"])
    lst = propose(crew, *ids)
    yield ProposalDialog(clerk, card_ids=ids)
    yield ProposalDialog(clerk, view=lst)
    yield StepDialog(make_ctx(crew["manager"]), lst, "review")
    lst = reviewed(crew, lst)
    yield StepDialog(clerk, lst, "approve")
    lst = approved(crew, lst)
    after_waiting(clock, lst)
    yield ExecuteDialog(clerk, lst)
    yield FeedbackDialog(clerk, lst)
    yield FreezeDialog(clerk, card_ids=ids)
    yield ListDialog(clerk, lst)


def test_every_retention_dialog_fits_a_1024x768_screen(qtbot, crew, make_ctx, clock) -> None:
    names = []
    for dialog in _dialogs(crew, make_ctx, clock):
        qtbot.addWidget(dialog)
        names.append(dialog.objectName())
        hint, least = dialog.sizeHint(), dialog.minimumSizeHint()
        assert hint.width() <= 1000 and least.width() <= 1000, (dialog.objectName(), hint, least)
        assert least.height() <= 700, (dialog.objectName(), least)
        dialog.show()
        assert dialog.width() <= 1000 and dialog.height() <= 740, (
            dialog.objectName(),
            dialog.size(),
        )
        ok = dialog.findChild(QDialogButtonBox, "buttons")
        assert ok is None or ok.geometry().bottom() <= dialog.height()
        dialog.close()
    assert names == [
        "new_destruction_dialog", "edit_destruction_dialog", "destruction_step_dialog",
        "destruction_step_dialog", "execute_dialog", "feedback_dialog", "freeze_dialog",
        "destruction_list_dialog",
    ]  # fmt: skip
