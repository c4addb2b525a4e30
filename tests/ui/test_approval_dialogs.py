"""The approval dialogs offer only who may take the step, the expected approver first, and say
so when nobody may — for borrowing and handover alike (the same form)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk import handover as ho
from archive_desk.domain import Role, Secrecy
from archive_desk.ui.dialogs.borrowing_dialogs import CopyDialog, DecisionDialog
from archive_desk.ui.dialogs.handover_dialogs import StepDialog
from tests.cardkit import make_card
from tests.ui.conftest import child, type_text


def _dept(name: str) -> int:
    return next(d.id for d in accounts.list_departments() if d.name == name)


def _offered(combo: QComboBox) -> list[int]:
    return [combo.itemData(i) for i in range(combo.count())]


def _application(clerk, department, secrecy=Secrecy.INTERNAL, cards=1):  # type: ignore[no-untyped-def]
    ids = [
        make_card(clerk, f"北京海淀科技有限公司{n}", secrecy=int(secrecy)).id for n in range(cards)
    ]
    return bw.apply(
        clerk,
        bw.BorrowerInput(name="赵六", department_id=_dept(department), phone="13800138000"),
        ids,
        mode="read",
        purpose="核对合同条款",
    )


def test_the_borrowers_department_head_is_offered_first(qtbot, clerk, make_user, make_ctx) -> None:
    liu = make_user(Role.DEPT_HEAD, "liuyang", department="销售二部", full_name="刘洋")
    wang = make_user(Role.DEPT_HEAD, "wanggang", department="销售一部", full_name="王刚")
    chen = make_user(Role.MANAGER, "chenjing", department="客服部", full_name="陈静")
    app = _application(clerk, "销售一部", cards=12)
    dialog = DecisionDialog(make_ctx(clerk), app)
    qtbot.addWidget(dialog)
    assert dialog.sizeHint().width() <= 1000  # the twelve archive numbers wrap
    approver = child(dialog, QComboBox, "approver")
    assert _offered(approver) == [wang.user_id, chen.user_id]  # not 刘洋 of 销售二部
    assert liu.user_id not in _offered(approver)
    method = child(dialog, QComboBox, "method")
    method.setCurrentIndex(method.findData("paper"))
    assert approver.currentData() == wang.user_id
    type_text(child(dialog, QLineEdit, "paper_ref"), "P-7")
    assert dialog.run(), child(dialog, QLabel, "error").text()
    assert dialog.result_view.approvals[-1].approver_name == "王刚"


def test_a_stricter_card_offers_the_manager_and_nobody_is_said_plainly(
    qtbot, clerk, make_user, make_ctx
) -> None:
    make_user(Role.DEPT_HEAD, "wanggang", department="销售一部", full_name="王刚")
    app = _application(clerk, "销售一部", secrecy=Secrecy.CONFIDENTIAL)
    dialog = DecisionDialog(make_ctx(clerk), app)
    qtbot.addWidget(dialog)
    assert child(dialog, QComboBox, "approver").count() == 0  # no manager yet: nobody may
    nobody = child(dialog, QLabel, "no_approver")
    assert not nobody.isHidden() and "档案主管" in nobody.text()
    ok = child(dialog, QDialogButtonBox, "buttons").button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    chen = make_user(Role.MANAGER, "chenjing", department="客服部", full_name="陈静")
    gm = make_user(Role.GENERAL_MANAGER, "zhouqiang", department="总经办", full_name="周强")
    dialog = DecisionDialog(make_ctx(clerk), app)
    qtbot.addWidget(dialog)
    assert _offered(child(dialog, QComboBox, "approver")) == [chen.user_id, gm.user_id]
    assert child(dialog, QLabel, "no_approver").isHidden()


def test_the_handover_step_offers_the_departments_head(qtbot, clerk, make_user, make_ctx) -> None:
    receiver = make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏")
    make_user(Role.DEPT_HEAD, "liuyang", department="销售二部", full_name="刘洋")
    wang = make_user(Role.DEPT_HEAD, "wanggang", department="销售一部", full_name="王刚")
    h = ho.create_handover(
        clerk, kind="filing", reason="年度归档",
        from_party=ho.PartyInput(user_id=clerk.user_id, department_id=_dept("销售一部")),
        to_party=ho.PartyInput(user_id=receiver.user_id), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=make_card(clerk, "甲公司").id)],
    )  # fmt: skip
    dialog = StepDialog(make_ctx(clerk), h, "dept")
    qtbot.addWidget(dialog)
    assert _offered(child(dialog, QComboBox, "approver")) == [wang.user_id]
    as_head = StepDialog(make_ctx(wang), h, "dept")
    qtbot.addWidget(as_head)
    method = child(as_head, QComboBox, "method")
    assert [method.itemData(i) for i in range(method.count())] == ["login"]
    assert as_head.run(), child(as_head, QLabel, "error").text()
    assert as_head.result_view.state == "dept_approved"


def test_the_copy_dialog_offers_who_may_consent_for_the_chosen_card(
    qtbot, clerk, make_user, make_ctx
) -> None:
    """It listed every head, manager and general manager before any card was chosen; a head
    was then refused for a 机密 card."""
    make_user(Role.DEPT_HEAD, "wanggang", department="销售一部", full_name="王刚")
    chen = make_user(Role.MANAGER, "chenjing", department="客服部", full_name="陈静")
    card = make_card(clerk, "北京海淀科技有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    dialog = CopyDialog(make_ctx(clerk))
    qtbot.addWidget(dialog)
    approver = child(dialog, QComboBox, "approver")
    assert approver.count() == 0  # nobody until the card says who is needed
    dialog.choose_card(card.archive_no)
    assert _offered(approver) == [chen.user_id]
    type_text(child(dialog, QLineEdit, "pages"), "1-2")
    type_text(child(dialog, QLineEdit, "purpose"), "报价")
    type_text(child(dialog, QLineEdit, "holder"), "张业务")
    assert dialog.run(), child(dialog, QLabel, "error").text()
    assert dialog.result_view.approver_name == "陈静"
