"""The change notice on screen: a loan made in the borrowing tab shows at once as 在借 in the
cards tab's row of that card, without the card list being read again; the overview hears too."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, Qt

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk.domain import Role
from archive_desk.ui.dialogs.borrowing_dialogs import LendDialog
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.models.cards_model import CardsModel
from tests.cardkit import make_card


def _sign(qtbot, field) -> None:  # type: ignore[no-untyped-def]
    pad = field.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 30))
    for x in range(25, 200, 15):
        qtbot.mouseMove(pad, QPoint(x, 30 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 50))


def _on_loan_text(model: CardsModel, card_id: int) -> str:
    """What the 在借 column of the card's row shows."""
    row = model.row_of(card_id)
    header = QCoreApplication.translate("CardsModel", "On loan")
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == header
    )
    return str(model.data(model.index(row, column)))


def test_lending_in_the_borrowing_tab_shows_in_the_cards_tab_without_a_reload(
    qtbot, clerk, make_user, make_ctx, prefs, monkeypatch
) -> None:
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    lent, other = make_card(clerk, "北京海淀科技有限公司"), make_card(clerk, "上海浦东贸易有限公司")
    app = bw.apply(clerk, bw.BorrowerInput(name="赵六", department_id=dept), [lent.id],
                   mode="read", purpose="核对")  # fmt: skip
    bw.decide(head, app.id, app.version, approve=True)

    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show()
    model = window.cards_tab.model
    assert _on_loan_text(model, lent.id) == ""
    reloads: list[int] = []
    monkeypatch.setattr(model, "reload", lambda: reloads.append(1))

    def sign_and_lend(dialog: LendDialog) -> bool:
        dialog.show()
        _sign(qtbot, dialog.borrower_pad)
        _sign(qtbot, dialog.clerk_pad)
        return dialog.run()

    monkeypatch.setattr(LendDialog, "exec", sign_and_lend)
    window.show_tab("borrowing_tab")
    tab = window.borrowing_tab
    tab.select_id(app.id)
    view = tab.lend()
    assert view is not None and view.state == "lent"

    on_loan = QCoreApplication.translate("CardsModel", "on loan")
    qtbot.waitUntil(lambda: _on_loan_text(model, lent.id) == on_loan)
    assert _on_loan_text(model, other.id) == ""
    assert reloads == []  # the row was repainted, the list not read again
