"""A person shown with details in brackets — 王刚（部门负责人，销售一部） — never shows empty
brackets or a dangling comma when a detail (e.g. the administrator's department) is empty."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from archive_desk import accounts, borrowing
from archive_desk.domain import Role, name_with
from archive_desk.ui.dialogs.approval_form import ApprovalForm
from archive_desk.ui.dialogs.borrowing_dialogs import ApplicationDialog
from archive_desk.ui.dialogs.handover_dialogs import _user_combo
from tests.cardkit import make_card
from tests.conftest import PASSWORD
from tests.ui.conftest import child


def test_name_with_leaves_out_empty_details() -> None:
    assert name_with("王刚", "部门负责人", "销售一部") == "王刚（部门负责人，销售一部）"
    assert name_with("系统管理员", "") == "系统管理员"
    assert name_with("系统管理员", "系统管理员", None) == "系统管理员（系统管理员）"
    assert name_with("李华", " ", "客服部") == "李华（客服部）"


def _items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_no_empty_brackets_in_the_user_lists(qtbot, admin, clerk, make_ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = ApplicationDialog(make_ctx(clerk))
    qtbot.addWidget(dialog)
    borrowers = _items(child(dialog, QComboBox, "borrower_user"))
    assert "系统管理员" in borrowers and "李档案（销售部）" in borrowers
    parties = _items(_user_combo("party"))
    assert "系统管理员（系统管理员）" in parties
    accounts.create_user(
        admin, username="chenjing", full_name="陈静", role=Role.MANAGER, password=PASSWORD
    )
    clerk_ctx = make_ctx(clerk)
    view = borrowing.apply(
        clerk, borrowing.BorrowerInput(user_id=clerk.user_id), [make_card(clerk, "北京海淀科技有限公司").id],
        purpose="核对", mode="read", expected_return=clerk_ctx.clock.today(),
    )  # fmt: skip
    form = ApprovalForm(
        borrowing.approvers(clerk, view.id), actor_id=clerk.user_id,
        reject_text="Refuse", reject_name="refuse", pad_label="",
    )  # fmt: skip
    qtbot.addWidget(form)
    approvers = _items(child(form, QComboBox, "approver"))
    assert "陈静（档案主管/客服经理）" in approvers  # a manager with no department
    shown = borrowers + parties + approvers
    assert not any("（）" in t or "（ ）" in t or "，）" in t for t in shown)
