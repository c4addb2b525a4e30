"""The window of a user whose account was deactivated or changed goes back to the login at her
next action, saying why in Chinese (issue 17); a search cut to its first characters says so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from archive_desk import accounts, permissions, validation
from archive_desk.domain import Role
from archive_desk.errors import SessionEnded
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.tabs.cards_tab import CardsTab
from tests.cardkit import make_card
from tests.ui.conftest import child


def _deactivate(admin, who) -> None:  # type: ignore[no-untyped-def]
    user = next(u for u in accounts.list_users(admin) if u.id == who.user_id)
    accounts.update_user(
        admin, user.id, user.version, full_name=user.full_name, role=user.role,
        department_id=user.department_id, clearance=user.clearance, phone=user.phone,
        active=False,
    )  # fmt: skip


def test_a_deactivated_users_window_returns_to_the_login(
    qtbot, admin, clerk, make_ctx, prefs, sink
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show()
    dialog = QDialog(window)  # a dialog open at the time closes too
    dialog.setModal(True)
    dialog.show()
    _deactivate(admin, clerk)
    with qtbot.waitSignal(window.logout_requested, timeout=3000):
        window.backup_now()  # her next action
    assert not dialog.isVisible() and not window.isVisible()
    # said once: the refused action and the lists still loading behind it add no box
    assert sink.texts() == [permissions.ENDED_INACTIVE]
    assert sink.shown[0][0] == "warning"


def test_another_users_session_end_leaves_this_window_alone(
    qtbot, admin, make_user, clerk, make_ctx, prefs
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show()
    other = make_user(Role.CLERK, "other")
    _deactivate(admin, other)
    with (
        qtbot.assertNotEmitted(window.logout_requested, wait=200),
        pytest.raises(SessionEnded),
    ):
        permissions.check_session(other)
    assert window.isVisible()


def test_a_long_search_says_it_was_cut(qtbot, clerk, make_ctx) -> None:
    make_card(clerk, "北京海淀科技有限公司")
    tab = CardsTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    tab.search.setText("北京" + "x" * 200)
    tab.apply_filter()
    label = child(tab, QLabel, "card_count")
    assert validation.SEARCH_CUT in label.text() and label.toolTip() == validation.SEARCH_CUT
    tab.search.setText("北京")
    tab.apply_filter()
    assert validation.SEARCH_CUT not in label.text() and label.toolTip() == ""
