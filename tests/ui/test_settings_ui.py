"""Settings › audit trail in Chinese labels; the settings a clerk may not change say why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableView, QTabWidget, QWidget

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


def _notes(page: QWidget) -> list[QLabel]:
    return [n for n in page.findChildren(QLabel, "read_only_note") if not n.isHidden()]


def test_the_clerk_is_told_why_settings_are_greyed_out_and_keeps_what_she_may_use(
    qtbot, clerk, make_ctx, prefs
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show_tab("settings_tab")
    pages = child(window, QTabWidget, "settings_pages")
    general, classification, rules = (pages.widget(i) for i in range(3))
    (note,) = _notes(general)
    assert "系统管理员" in note.text() and "档案管理员" not in note.text()
    for name in ("option:org.name", "option:backup.keep", "save_options"):
        control = child(general, QWidget, name)
        assert not control.isEnabled() and control.toolTip() in note.text()
        assert "系统管理员" in control.toolTip()
    assert child(general, QComboBox, "language").isEnabled()  # this workstation's: hers
    assert not _notes(classification)  # the clerk keeps regions and categories
    assert child(classification, QPushButton, "add_region").isEnabled()
    (rules_note,) = _notes(rules)
    assert "系统管理员" in rules_note.text()
    add_rule = child(rules, QPushButton, "add_rule")
    assert not add_rule.isEnabled() and add_rule.toolTip() == rules_note.text()


def test_the_admin_sees_no_read_only_note(qtbot, admin, make_ctx, prefs) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_ctx(admin), prefs)
    qtbot.addWidget(window)
    window.show_tab("settings_tab")
    assert not _notes(window.settings_tab)
    assert child(window, QPushButton, "save_options").isEnabled()


def test_a_department_head_is_told_who_may_change_regions(
    qtbot, make_user, make_ctx, prefs
) -> None:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head")
    window = MainWindow(make_ctx(head), prefs)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    window.show_tab("settings_tab")
    child(window, QTabWidget, "settings_pages").setCurrentIndex(1)
    qtbot.waitExposed(window)
    classification = child(window, QTabWidget, "settings_pages").widget(1)
    (note,) = _notes(classification)
    assert "档案管理员" in note.text() and "系统管理员" in note.text()
    regions = child(classification, QWidget, "region_tree")
    assert note.width() > regions.width()  # across the top, not a column beside the lists
    assert (
        note.mapTo(classification, note.rect().bottomLeft()).y()
        < regions.mapTo(classification, regions.rect().topLeft()).y()
    )
    assert child(classification, QPushButton, "add_region").toolTip() == note.text()
