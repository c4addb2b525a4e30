"""The handover tab and its dialogs: draft, department approval, check by scan, office
approval, receipt with three signatures drawn on the pads."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView

from archive_desk import accounts
from archive_desk import handover as ho
from archive_desk.db.models import Card, Handover
from archive_desk.domain import Role
from archive_desk.ui.dialogs.handover_dialogs import (
    CheckDialog,
    NewHandoverDialog,
    ReceiveDialog,
    StepDialog,
)
from archive_desk.ui.main_window import MainWindow
from tests.services.cardkit import make_card
from tests.ui.conftest import child, type_text


def _sign(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    pad = field.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 40))
    for x in range(25, 180, 12):
        qtbot.mouseMove(pad, QPoint(x, 40 + (x % 30)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(180, 50))


def test_a_handover_through_every_dialog(qtbot, clerk, make_user, make_ctx, prefs) -> None:
    receiver = make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏")
    head = make_user(Role.DEPT_HEAD, "head", department="销售部", full_name="王刚")
    office = make_user(Role.OFFICE_HEAD, "office", department="总经办", full_name="孙丽")
    a, b = make_card(clerk, "甲公司"), make_card(clerk, "乙公司")

    draft = NewHandoverDialog(make_ctx(clerk))
    qtbot.addWidget(draft)
    type_text(child(draft, QLineEdit, "reason"), "年度归档")
    dept = child(draft, QComboBox, "from_department")
    dept.setCurrentIndex(dept.findText("销售部"))
    to = child(draft, QComboBox, "to_user")
    to.setCurrentIndex(to.findData(receiver.user_id))
    type_text(child(draft, QLineEdit, "witness_name"), "周强")
    draft.add_all_held()
    assert sorted(draft.card_ids()) == sorted([a.id, b.id])
    draft.add_free_item(ho.ItemInput(name="销售合同汇编", quantity=2, unit="册"))
    assert draft.run(), child(draft, QLabel, "error").text()
    view = draft.result_view
    assert (view.state, len(view.items)) == ("draft", 3)

    step = StepDialog(make_ctx(head), view, "dept")
    qtbot.addWidget(step)
    assert step.run(), child(step, QLabel, "error").text()
    view = step.result_view

    check = CheckDialog(make_ctx(receiver), view)
    qtbot.addWidget(check)
    check.scan(a.archive_no)
    check.scan(b.archive_no)
    assert check.compare()
    assert "销售合同汇编" in child(check, QLabel, "differences").text()  # not ticked: missing
    missing = next(i for i in check.view.items if i.difference == "missing")
    assert check.resolve(missing.id, accept=True, note="合同汇编另行补交")
    assert check.run(), child(check, QLabel, "error").text()
    view = check.result_view
    assert view.state == "checked"

    office_step = StepDialog(make_ctx(office), view, "office")
    qtbot.addWidget(office_step)
    assert office_step.run()
    view = office_step.result_view

    receive = ReceiveDialog(make_ctx(receiver), view)
    qtbot.addWidget(receive)
    receive.show()
    assert not receive.run()  # nobody has signed
    for role in ("from", "to"):
        _sign(qtbot, receive.pads[role][0])
    receive.pads["witness"][1].setChecked(True)
    assert receive.run(), child(receive, QLabel, "error").text()
    assert receive.result_view.state == "received"
    assert Card.get_by_id(a.id).keeper_id == receiver.user_id

    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show_tab("handover_tab")
    table = child(window, QTableView, "handover_table")
    assert table.model().rowCount() == 0  # "open" by default; the slip is received
    filt = child(window, QComboBox, "handover_filter")
    filt.setCurrentIndex(filt.findData("all"))
    assert table.model().rowCount() == Handover.select().count() == 1
    assert accounts.current_user(receiver).full_name == "赵敏"
