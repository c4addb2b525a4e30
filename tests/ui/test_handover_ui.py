"""The handover tab and its dialogs: draft, department approval, check by scan, office
approval, receipt with three signatures drawn on the pads; the department chosen and checked
when the slip is made; a draft edited and a slip withdrawn from the list; the check's count
following each tick; every dialog fitting a 1024×768 screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
)

from archive_desk import accounts
from archive_desk import handover as ho
from archive_desk.db.models import AuditEvent, Card, Handover
from archive_desk.domain import Role
from archive_desk.ui.dialogs.handover_dialogs import (
    CheckDialog,
    NewHandoverDialog,
    ReceiveDialog,
    SlipDialog,
    StepDialog,
)
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.tabs.handover_tab import HandoverTab
from tests.cardkit import make_card
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


def _dept(name: str) -> int:
    return next(d.id for d in accounts.list_departments() if d.name == name)


@pytest.fixture
def office_staff(make_user, clerk):  # type: ignore[no-untyped-def]
    """The day-one set-up: the clerk 李华 of 客服部 (a department without a head) keeps the
    cards; 销售部 has its head."""
    return {
        "lihua": make_user(Role.CLERK, "lihua", department="客服部", full_name="李华"),
        "receiver": make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏"),
        "head": make_user(Role.DEPT_HEAD, "head", department="销售部", full_name="王刚"),
        "office": make_user(Role.OFFICE_HEAD, "office", department="总经办", full_name="孙丽"),
    }


def _slip(staff, cards, department="销售部"):  # type: ignore[no-untyped-def]
    return ho.create_handover(
        staff["lihua"], kind="filing", reason="年度归档",
        from_party=ho.PartyInput(user_id=staff["lihua"].user_id, department_id=_dept(department)),
        to_party=ho.PartyInput(user_id=staff["receiver"].user_id), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=c.id) for c in cards],
    )  # fmt: skip


def test_the_department_follows_the_cards_keeper_and_one_without_a_head_is_refused(
    qtbot, office_staff, make_ctx
) -> None:
    lihua = office_staff["lihua"]
    for name in ("甲公司", "乙公司", "丙公司"):
        make_card(lihua, name)
    draft = NewHandoverDialog(make_ctx(lihua))
    qtbot.addWidget(draft)
    type_text(child(draft, QLineEdit, "reason"), "年度归档")
    to = child(draft, QComboBox, "to_user")
    to.setCurrentIndex(to.findData(office_staff["receiver"].user_id))
    type_text(child(draft, QLineEdit, "witness_name"), "周强")
    draft.add_all_held()
    dept = child(draft, QComboBox, "from_department")
    assert dept.currentData() == _dept("客服部")  # the keeper's department, shown, not implied
    warning = child(draft, QLabel, "dept_approver")
    assert "客服部" in warning.text() and "负责人" in warning.text()
    assert not draft.run()
    assert "没有部门负责人" in child(draft, QLabel, "error").text()
    assert Handover.select().count() == 0
    dept.setCurrentIndex(dept.findData(_dept("销售部")))
    dept.activated.emit(dept.currentIndex())  # the clerk's own choice
    assert "王刚" in warning.text()
    draft.add_card("甲公司")  # more cards do not override the clerk's choice
    assert dept.currentData() == _dept("销售部")
    assert draft.run(), child(draft, QLabel, "error").text()
    assert draft.result_view.from_department == "销售部"


def _open_with(tab, monkeypatch):  # type: ignore[no-untyped-def]
    """What the tab would open (the dialog is recorded, not executed)."""
    opened: list[QDialog] = []
    monkeypatch.setattr(HandoverTab, "_run", lambda self, dialog: opened.append(dialog))
    return opened


def _select(tab, handover_id):  # type: ignore[no-untyped-def]
    model = tab.table.model()
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == handover_id)
    tab.table.selectRow(row)
    return model.index(row, 0)


def test_a_draft_is_edited_and_a_slip_withdrawn_from_the_list(
    qtbot, office_staff, make_ctx, monkeypatch
) -> None:
    a, b = make_card(office_staff["lihua"], "甲公司"), make_card(office_staff["lihua"], "乙公司")
    h = _slip(office_staff, [a, b])
    tab = HandoverTab(make_ctx(office_staff["lihua"]))
    qtbot.addWidget(tab)
    opened = _open_with(tab, monkeypatch)
    tab.table.doubleClicked.emit(_select(tab, h.id))
    edit = opened[-1]
    qtbot.addWidget(edit)
    assert edit.objectName() == "edit_handover_dialog"
    assert child(edit, QLineEdit, "reason").text() == "年度归档"
    assert child(edit, QListWidget, "items").count() == 2
    assert child(edit, QComboBox, "from_department").currentData() == _dept("销售部")
    child(edit, QLineEdit, "reason").clear()
    type_text(child(edit, QLineEdit, "reason"), "年度归档（补）")
    edit.items.setCurrentRow(1)
    child(edit, QPushButton, "remove_item").click()
    assert edit.run(), child(edit, QLabel, "error").text()
    changed = ho.get_handover(office_staff["lihua"], h.id)
    assert (changed.reason, len(changed.items), changed.version) == (
        "年度归档（补）",
        1,
        h.version + 1,
    )
    assert AuditEvent.select().where(AuditEvent.action == "handover.update").count() == 1

    tab.refresh()
    _select(tab, h.id)
    menu = tab.context_menu()
    actions = {a.objectName(): a for a in menu.findChildren(QAction) if a.objectName()}
    assert actions["edit_action"].isEnabled() and actions["withdraw_action"].isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("移交部门改期", True))
    actions["withdraw_action"].trigger()
    assert ho.get_handover(office_staff["lihua"], h.id).state == "cancelled"
    assert child(tab, QPushButton, "withdraw_handover").isEnabled()
    assert child(tab, QPushButton, "edit_handover").isEnabled()


def test_double_click_opens_the_step_a_slip_waits_for_or_the_slip_itself(
    qtbot, office_staff, make_ctx, monkeypatch
) -> None:
    a = make_card(office_staff["lihua"], "甲公司")
    h = _slip(office_staff, [a])
    h = ho.decide(office_staff["head"], h.id, h.version, "dept", approve=True)
    tab = HandoverTab(make_ctx(office_staff["receiver"]))
    qtbot.addWidget(tab)
    opened = _open_with(tab, monkeypatch)
    tab.table.doubleClicked.emit(_select(tab, h.id))
    assert isinstance(opened[-1], CheckDialog)
    menu = tab.context_menu()
    actions = {a.objectName(): a for a in menu.findChildren(QAction) if a.objectName()}
    assert not actions["edit_action"].isEnabled()  # no longer a draft
    ho.cancel_handover(office_staff["lihua"], h.id, h.version + 0, "改期")
    filt = child(tab, QComboBox, "handover_filter")
    filt.setCurrentIndex(filt.findData("all"))
    tab.table.doubleClicked.emit(_select(tab, h.id))
    assert isinstance(opened[-1], SlipDialog)
    qtbot.addWidget(opened[-1])
    assert "已撤销" in child(opened[-1], QLabel, "slip_summary").text()


def test_the_check_count_follows_each_tick_and_scan(qtbot, office_staff, make_ctx) -> None:
    cards = [make_card(office_staff["lihua"], n) for n in ("甲公司", "乙公司", "丙公司")]
    h = _slip(office_staff, cards)
    h = ho.decide(office_staff["head"], h.id, h.version, "dept", approve=True)
    check = CheckDialog(make_ctx(office_staff["receiver"]), h)
    qtbot.addWidget(check)
    label = child(check, QLabel, "check_progress")
    assert "3" in label.text()
    rows = child(check, QListWidget, "check_items")
    rows.item(0).setCheckState(Qt.CheckState.Checked)
    assert "2" in label.text() and "1" in label.text()
    rows.item(1).setCheckState(Qt.CheckState.Checked)
    check.scan(cards[2].archive_no)
    assert "没有核对" not in label.text() and "3" in label.text()
    rows.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert "1" in label.text()
    rows.item(1).setCheckState(Qt.CheckState.Checked)
    assert check.run(), child(check, QLabel, "error").text()  # OK without pressing 比对
    assert check.result_view.state == "checked"


def _dialogs(staff, make_ctx):  # type: ignore[no-untyped-def]
    """Every handover dialog, each over a slip of 40 cards with long names."""
    long = "北京海淀区中关村科技园区高新技术开发有限责任公司"
    cards = [make_card(staff["lihua"], f"{long}{n:02d}分公司") for n in range(40)]
    clerk, receiver = make_ctx(staff["lihua"]), make_ctx(staff["receiver"])
    h = _slip(staff, cards)
    draft = ho.get_handover(staff["lihua"], h.id)
    yield NewHandoverDialog(clerk)
    yield NewHandoverDialog(clerk, view=draft)
    yield StepDialog(clerk, draft, "dept")
    h = ho.decide(staff["head"], h.id, h.version, "dept", approve=True)
    yield CheckDialog(receiver, h)
    h = ho.record_check(staff["receiver"], h.id, h.version, scanned_card_ids=[c.id for c in cards])
    h = ho.finish_check(staff["receiver"], h.id, h.version, accept=True)
    yield StepDialog(clerk, h, "office")
    h = ho.decide(staff["office"], h.id, h.version, "office", approve=True)
    yield ReceiveDialog(receiver, h)
    yield SlipDialog(clerk, h)


def test_every_handover_dialog_fits_a_1024x768_screen(qtbot, office_staff, make_ctx) -> None:
    names = []
    for dialog in _dialogs(office_staff, make_ctx):
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
        "new_handover_dialog", "edit_handover_dialog", "handover_step_dialog", "check_dialog",
        "handover_step_dialog", "receive_dialog", "slip_dialog",
    ]  # fmt: skip
