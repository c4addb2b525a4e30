"""Settings › audit trail in Chinese labels; the settings a clerk may not change say why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from archive_desk import accounts
from archive_desk.domain import Role
from archive_desk.ui.main_window import MainWindow
from tests.conftest import PASSWORD
from tests.ui.conftest import child


def _cells(view: QTableView) -> list[list[str]]:
    model = view.model()
    return [
        [model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]  # fmt: skip


def test_the_audit_trail_shows_actions_records_and_codes_by_their_labels(
    qtbot, admin, make_ctx, prefs
) -> None:  # type: ignore[no-untyped-def]
    accounts.create_user(
        admin, username="lihua", full_name="李华", role=Role.CLERK, password=PASSWORD
    )
    window = MainWindow(make_ctx(admin), prefs)
    qtbot.addWidget(window)
    window.show_tab("settings_tab")
    rows = _cells(child(window, QTableView, "audit_table"))
    newest = rows[0]
    assert newest[3:5] == ["新建用户", f"用户 {accounts.list_users(admin)[-1].id}"]
    assert "角色：档案管理员" in newest[6] and "姓名：李华" in newest[6]
    shown = {cell for row in rows for cell in row[3:]}
    assert not {"user.create", "user.create_admin", "clerk", "admin"} & shown
    assert not any("user" in cell or '"role"' in cell for cell in shown)
