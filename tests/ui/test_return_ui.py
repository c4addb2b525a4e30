"""Returning a loan through the dialog: the differences show as the clerk ticks, OK asks before
a return with differences opens its findings (no keeps the loan out), and the borrowing list
then says the return was incomplete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from archive_desk import accounts, cards
from archive_desk import borrowing as bw
from archive_desk.db.models import InspectionFinding
from archive_desk.domain import Role
from archive_desk.ui.dialogs.borrowing_dialogs import ReturnDialog
from archive_desk.ui.main_window import MainWindow
from tests.cardkit import make_card
from tests.ui.conftest import child

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


def _lent(clerk, make_user) -> bw.BorrowingView:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    card = make_card(
        clerk, "北京海淀科技有限公司",
        documents=[cards.DocumentInput("营业执照", "证照", False, 2),
                   cards.DocumentInput("购销合同", "合同", True, 12)],
    )  # fmt: skip
    app = bw.apply(clerk, bw.BorrowerInput(name="赵六", department_id=dept), [card.id],
                   mode="read", purpose="核对")  # fmt: skip
    app = bw.decide(head, app.id, app.version, approve=True)
    return bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)


def test_a_missing_document_is_shown_and_asked_about(
    qtbot, clerk, make_user, make_ctx, prefs, sink
) -> None:  # type: ignore[no-untyped-def]
    view = _lent(clerk, make_user)
    number = view.items[0].archive_no
    dialog = ReturnDialog(make_ctx(clerk), view)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = child(dialog, QLabel, "return_differences")
    assert "缺少" not in shown.text()
    dialog.set_check(0, present=False)  # the licence is not back
    assert "缺少《营业执照》" in shown.text() and "缺页" in shown.text()
    dialog.borrower_paper.setChecked(True)
    dialog.clerk_paper.setChecked(True)

    sink.answers = [False]
    assert not dialog.run()  # the clerk says no: nothing is returned
    (question,) = [t for level, _title, t in sink.shown if level == "question"]
    assert number in question and "缺少《营业执照》" in question and "缺页" in question
    assert bw.get_borrowing(clerk, view.id).state == "lent"
    assert InspectionFinding.select().count() == 0

    sink.answers = [True]
    assert dialog.run(), child(dialog, QLabel, "error").text()
    assert dialog.result_view.items[0].condition == "incomplete"
    assert [f.kind for f in InspectionFinding.select()] == ["missing_pages"]

    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show_tab("borrowing_tab")
    window.borrowing_tab.filter.setCurrentIndex(window.borrowing_tab.filter.findData("all"))
    model = child(window, QTableView, "borrowing_table").model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("Return check")
    assert model.index(0, column).data() == "不完整"
    assert model.index(0, headers.index("State")).data() == "已归还"


def test_a_return_as_listed_asks_nothing(qtbot, clerk, make_user, make_ctx, sink) -> None:  # type: ignore[no-untyped-def]
    view = _lent(clerk, make_user)
    dialog = ReturnDialog(make_ctx(clerk), view)
    qtbot.addWidget(dialog)
    dialog.borrower_paper.setChecked(True)
    dialog.clerk_paper.setChecked(True)
    assert dialog.run()
    assert sink.shown == [] and InspectionFinding.select().count() == 0
    assert dialog.result_view.items[0].condition == "intact"
