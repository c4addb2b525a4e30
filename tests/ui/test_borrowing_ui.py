"""The borrowing tab and its dialogs, driven as the clerk and the approver drive them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView

from archive_desk import accounts, borrowing, cards
from archive_desk.db.models import Borrowing, InspectionFinding, Signature
from archive_desk.domain import Role
from archive_desk.ui.dialogs.borrowing_dialogs import (
    ApplicationDialog,
    DecisionDialog,
    LendDialog,
    ReturnDialog,
)
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.tabs.borrowing_tab import BorrowingTab
from tests.cardkit import make_card
from tests.ui.conftest import child, type_text


def _sign(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    pad = field.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 30))
    for x in range(25, 200, 15):
        qtbot.mouseMove(pad, QPoint(x, 30 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 50))


def test_application_approval_lending_and_return_through_the_dialogs(
    qtbot, clerk, make_user, make_ctx
) -> None:
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    card = make_card(
        clerk, "北京海淀科技有限公司",
        documents=[cards.DocumentInput("营业执照", "证照", False, 2), cards.DocumentInput("购销合同", "合同", True, 12)],
    )  # fmt: skip
    app_dialog = ApplicationDialog(make_ctx(clerk))
    qtbot.addWidget(app_dialog)
    type_text(child(app_dialog, QLineEdit, "borrower_name"), "赵六")
    dept = child(app_dialog, QComboBox, "borrower_department")
    dept.setCurrentIndex(dept.findText("销售一部"))
    app_dialog.add_card(card.archive_no)  # as the scanner would
    assert app_dialog.card_ids() == [card.id]
    assert not app_dialog.run()  # no purpose yet
    assert "用途" in child(app_dialog, QLabel, "error").text()
    type_text(child(app_dialog, QLineEdit, "purpose"), "核对合同")
    assert app_dialog.run(), child(app_dialog, QLabel, "error").text()
    view = app_dialog.result_view
    assert view.state == "pending" and view.borrower_department == "销售一部"

    decision = DecisionDialog(make_ctx(head), view)
    qtbot.addWidget(decision)
    assert decision.run()
    view = decision.result_view
    assert view.state == "approved"

    lend = LendDialog(make_ctx(clerk), view)
    qtbot.addWidget(lend)
    lend.show()
    assert not lend.run()  # nobody signed yet
    assert "签名" in child(lend, QLabel, "error").text()
    _sign(qtbot, lend.borrower_pad)
    _sign(qtbot, lend.clerk_pad)
    assert lend.run(), child(lend, QLabel, "error").text()
    view = lend.result_view
    assert view.state == "lent"
    assert {s.role for s in Signature.select()} == {"borrower", "clerk"}
    assert all(s.image and s.image.startswith(b"\x89PNG") for s in Signature.select())

    back = ReturnDialog(make_ctx(clerk), view)
    qtbot.addWidget(back)
    back.show()
    back.set_check(1, pages=11, damaged=True)
    back.borrower_paper.setChecked(True)
    back.clerk_paper.setChecked(True)
    assert back.run(), child(back, QLabel, "error").text()
    assert back.result_view.state == "returned"
    assert back.result_view.items[0].condition == "damaged"
    # one finding per kind: the contract is damaged and a page short
    assert sorted(f.kind for f in InspectionFinding.select()) == ["damage", "missing_pages"]


def test_the_tab_lists_filters_and_reminds(qtbot, clerk, make_user, make_ctx, prefs, clock) -> None:
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    card = make_card(clerk, "北京海淀科技有限公司")
    borrowing.apply(
        clerk,
        borrowing.BorrowerInput(name="赵六", department_id=dept),
        [card.id],
        mode="read",
        purpose="查",
    )
    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    tab = window.borrowing_tab
    assert isinstance(tab, BorrowingTab)
    table = child(window, QTableView, "borrowing_table")
    assert table.model().rowCount() == 1
    filt = child(window, QComboBox, "borrowing_filter")
    filt.setCurrentIndex(filt.findData("lent"))
    assert table.model().rowCount() == 0
    assert child(window, QLabel, "month_end_reminder").text()  # 2 March: February's list is due
    head_window = MainWindow(make_ctx(head), prefs)
    qtbot.addWidget(head_window)
    head_window.show_tab("borrowing_tab")
    assert not child(head_window, QLabel, "month_end_reminder").isVisible()
    assert Borrowing.select().count() == 1


def test_the_admin_edits_a_loan_rule_in_settings(qtbot, admin, make_ctx, prefs) -> None:
    from PySide6.QtWidgets import QTreeWidget

    from archive_desk.ui.tabs.loan_rules_page import RuleDialog

    window = MainWindow(make_ctx(admin), prefs)
    qtbot.addWidget(window)
    window.show_tab("settings_tab")
    tree = child(window, QTreeWidget, "loan_rules")
    assert tree.topLevelItemCount() == len(borrowing.list_rules()) == 5
    default = next(r for r in borrowing.list_rules() if r.min_secrecy is None and r.grade is None)
    dialog = RuleDialog(make_ctx(admin), default)
    qtbot.addWidget(dialog)
    dialog.max_days.setValue(7)
    assert dialog.run()
    assert next(r for r in borrowing.list_rules() if r.id == default.id).max_days == 7
    stale = RuleDialog(make_ctx(admin), default)  # opened on the old copy
    qtbot.addWidget(stale)
    stale.max_days.setValue(9)
    assert not stale.run()
    assert "修改" in child(stale, QLabel, "error").text()


def test_a_photocopy_is_registered_through_the_dialog(qtbot, clerk, make_user, make_ctx) -> None:
    from PySide6.QtWidgets import QCheckBox

    from archive_desk.ui.dialogs.borrowing_dialogs import CopyDialog

    make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    card = make_card(clerk, "北京海淀科技有限公司")
    dialog = CopyDialog(make_ctx(clerk))
    qtbot.addWidget(dialog)
    assert not dialog.run()
    assert child(dialog, QLabel, "error").text() and borrowing.copies_out(clerk) == []
    dialog.choose_card(card.archive_no)
    qtbot.keyClicks(child(dialog, QLineEdit, "pages"), "1-3, 5")
    type_text(child(dialog, QLineEdit, "purpose"), "报价")
    type_text(child(dialog, QLineEdit, "holder"), "赵六")
    child(dialog, QCheckBox, "taken_out").setChecked(True)
    type_text(child(dialog, QLineEdit, "location"), "销售一部")
    assert dialog.run(), child(dialog, QLabel, "error").text()
    copy = dialog.result_view
    assert (copy.page_count, copy.approver_name, copy.taken_out) == (4, "王刚", True)
    assert [c.id for c in borrowing.copies_out(clerk)] == [copy.id]
