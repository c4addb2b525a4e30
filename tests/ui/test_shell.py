"""The program's shell: first start, login, password change, main window, users, settings."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QTableView, QTabWidget, QWidget

from archive_desk import accounts, settings
from archive_desk.db import backup, connection
from archive_desk.db.models import User
from archive_desk.domain import Role
from archive_desk.ui import app as gui_app
from archive_desk.ui.dialogs.login import ChangePasswordDialog, FirstStartDialog, LoginDialog
from archive_desk.ui.dialogs.user_dialog import UserDialog
from archive_desk.ui.main_window import MainWindow
from tests.conftest import PASSWORD
from tests.ui.conftest import child, type_text


def _ok(dialog) -> None:  # type: ignore[no-untyped-def]
    child(dialog, QDialogButtonBox, "buttons").button(QDialogButtonBox.StandardButton.Ok).click()


def test_first_start_creates_the_admin(qtbot, db, clock) -> None:
    dialog = FirstStartDialog(clock=clock)
    qtbot.addWidget(dialog)
    type_text(child(dialog, QLineEdit, "full_name"), "王管理")
    child(dialog, QLineEdit, "password").setText("Admin-pass-1")
    child(dialog, QLineEdit, "password_again").setText("Admin-pass-2")
    _ok(dialog)
    assert (
        "differ" in child(dialog, QLabel, "error").text()
        or "不一致" in child(dialog, QLabel, "error").text()
    )
    assert not accounts.has_users()
    child(dialog, QLineEdit, "password_again").setText("Admin-pass-1")
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role == Role.ADMIN
    assert User.get(User.username == "admin").full_name == "王管理"


def test_first_start_refuses_a_short_password_and_changes_nothing(qtbot, db, clock) -> None:
    dialog = FirstStartDialog(clock=clock)
    qtbot.addWidget(dialog)
    child(dialog, QLineEdit, "password").setText("short")
    child(dialog, QLineEdit, "password_again").setText("short")
    _ok(dialog)
    assert "密码至少需要" in child(dialog, QLabel, "error").text()
    assert not accounts.has_users()


def test_login_dialog_refuses_a_wrong_password_then_logs_in(qtbot, admin, clock) -> None:
    dialog = LoginDialog(clock=clock, username="admin")
    qtbot.addWidget(dialog)
    child(dialog, QLineEdit, "password").setText("wrong-password")
    _ok(dialog)
    assert dialog.actor is None
    assert "用户名或密码不正确" in child(dialog, QLabel, "error").text()
    assert child(dialog, QLineEdit, "password").text() == ""
    child(dialog, QLineEdit, "password").setText(PASSWORD)
    _ok(dialog)
    assert dialog.actor is not None and dialog.actor.username == "admin"


def test_change_password_dialog(qtbot, admin) -> None:
    dialog = ChangePasswordDialog(admin, forced=True)
    qtbot.addWidget(dialog)
    child(dialog, QLineEdit, "old_password").setText(PASSWORD)
    child(dialog, QLineEdit, "new_password").setText("New-pass-123")
    child(dialog, QLineEdit, "new_password_again").setText("New-pass-123")
    _ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert accounts.login("admin", "New-pass-123", clock=admin.clock).username == "admin"


def test_main_window_shows_tabs_user_and_settings(qtbot, admin, make_ctx, prefs) -> None:
    window = MainWindow(make_ctx(admin), prefs)
    qtbot.addWidget(window)
    window.show()
    tabs = child(window, QTabWidget, "main_tabs")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles[-1] in ("设置", "Settings")
    assert "系统管理员" in child(window, QLabel, "user_label").text()
    window.show_tab("settings_tab")
    pages = child(window, QTabWidget, "settings_pages")
    assert pages.count() == 5  # general, classification, loan rules, users, audit trail
    users = child(window, QTableView, "users_table")
    assert users.model().rowCount() == 1


def test_a_clerk_sees_no_user_management(qtbot, clerk, make_ctx, prefs) -> None:
    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show_tab("settings_tab")
    assert window.findChild(QTableView, "users_table") is None
    assert window.findChild(QTableView, "audit_table") is None
    options = window.findChild(QLineEdit, "option:org.name")
    assert options is not None and not options.isEnabled()


def test_user_dialog_creates_and_edits_a_user(qtbot, admin) -> None:
    accounts.create_department(admin, "销售一部")
    dialog = UserDialog(admin)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(child(dialog, QLineEdit, "username"), "lihua")
    type_text(child(dialog, QLineEdit, "full_name"), "李华")
    child(dialog, QLineEdit, "password").setText("Clerk-pass-1")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CLERK))
    dialog.department.setCurrentIndex(1)
    _ok(dialog)
    assert dialog.result_user is not None
    view = dialog.result_user
    assert (view.full_name, view.role, view.department) == ("李华", Role.CLERK, "销售一部")
    edit = UserDialog(admin, view)
    qtbot.addWidget(edit)
    edit.full_name.setText("李华华")
    _ok(edit)
    assert accounts.list_users(admin)[-1].full_name == "李华华"
    # a second dialog opened on the old copy must not overwrite the newer save
    stale = UserDialog(admin, view)
    qtbot.addWidget(stale)
    stale.full_name.setText("旧副本")
    _ok(stale)
    assert stale.result_user is None
    assert "已被" in child(stale, QLabel, "error").text() or "修改" in stale.error_label.text()
    assert accounts.list_users(admin)[-1].full_name == "李华华"


def test_settings_page_saves_and_refuses_bad_values(qtbot, admin, make_ctx, prefs, sink) -> None:
    window = MainWindow(make_ctx(admin), prefs)
    qtbot.addWidget(window)
    page = window.settings_tab.pages.widget(0)
    org = child(window, QLineEdit, "option:org.name")
    org.setText("")
    type_text(org, "山东某某有限公司")
    page.save()
    assert settings.get("org.name") == "山东某某有限公司"
    child(window, QLineEdit, "option:archive_no.pattern").setText("{nonsense}")
    page.save()
    assert sink.texts("error"), "a bad pattern must be refused with a message"
    assert settings.get("archive_no.pattern") == "{category}{year}{seq:3}"


def test_open_store_offers_the_latest_backup_for_a_damaged_file(db_path, clock, sink) -> None:
    connection.open_database(db_path)
    connection.close_database()
    backup.backup_now(db_path, clock=clock)
    raw = bytearray(db_path.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page
    db_path.write_bytes(bytes(raw))
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    sink.answers = [True]
    assert gui_app.open_store(db_path, clock=clock)
    assert any("恢复" in t or "Restore" in t for t in sink.texts("question"))
    connection.close_database()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_open_store_refuses_a_newer_database(db_path, sink) -> None:
    connection.open_database(db_path)
    connection.database.execute_sql(
        "INSERT INTO schema_migration (name, applied) VALUES ('9999_future', '2030-01-01')"
    )
    connection.close_database()
    assert not gui_app.open_store(db_path)
    assert any("新版本" in t or "更新" in t for t in sink.texts("error"))


def test_translation_is_installed_by_default(qtbot) -> None:
    qm = gui_app.translation_file("zh_CN")
    assert qm is not None and qm.exists()


def test_main_window_has_every_tab_in_chinese_and_keeps_column_widths(
    qtbot, clerk, make_ctx, prefs
) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(gui_app.translation_file("zh_CN")))
    QCoreApplication.installTranslator(translator)
    try:
        window = MainWindow(make_ctx(clerk), prefs)
        qtbot.addWidget(window)
        tabs = child(window, QTabWidget, "main_tabs")
        titles = [tabs.tabText(i) for i in range(tabs.count())]
        assert titles == [
            "概览",
            "档案卡",
            "借阅",
            "交接",
            "检查整改",
            "保管与销毁",
            "报表",
            "设置",
        ]
        assert tabs.currentWidget().objectName() == "overview_tab"
        assert window.built_tabs() == ["overview_tab"]  # the others when first shown
        window.show_tab("cards_tab")
        table = child(window, QTableView, "card_table")
        table.setColumnWidth(1, 333)
        window.close()
        again = MainWindow(make_ctx(clerk), prefs)
        qtbot.addWidget(again)
        again.show_tab("cards_tab")
        assert child(again, QTableView, "card_table").columnWidth(1) == 333
    finally:
        QCoreApplication.removeTranslator(translator)


def test_a_tab_is_built_when_first_shown_and_keeps_its_place(qtbot, clerk, make_ctx, prefs) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show()
    tabs = child(window, QTabWidget, "main_tabs")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert window.built_tabs() == ["overview_tab"]
    assert window.findChild(QTableView, "card_table") is None  # not built, not even imported
    tabs.setCurrentIndex(2)  # the clerk clicks 借阅
    assert tabs.currentWidget().objectName() == "borrowing_tab"
    assert window.findChild(QTableView, "borrowing_table").isVisible()
    assert [tabs.tabText(i) for i in range(tabs.count())] == titles  # same place, same title
    assert window.built_tabs() == ["overview_tab", "borrowing_tab"]
    assert window.cards_tab.objectName() == "cards_tab"  # asked for: built, not shown
    assert tabs.currentWidget().objectName() == "borrowing_tab"
    assert tabs.indexOf(window.cards_tab) == 1
    window.close()  # only built tabs are asked whether they may close


def test_english_is_selectable_in_settings(qtbot, clerk, make_ctx, prefs, sink) -> None:
    from PySide6.QtWidgets import QComboBox

    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show_tab("settings_tab")
    combo = child(window, QComboBox, "language")
    assert combo.currentData() == "zh_CN"
    combo.setCurrentIndex(combo.findData("en"))
    assert prefs.language() == "en"
    assert sink.texts("info")
    assert gui_app.translation_file("en") is None  # English is the source language


def test_the_days_first_backup_runs_beside_the_window(db_path, admin, clock) -> None:  # type: ignore[no-untyped-def]
    """The start does not wait for the backup (a full copy and check of the file): it is taken
    in a thread of its own, once a day, while the clerk already works."""
    import threading

    from archive_desk.db import backup

    thread = gui_app.start_background_work(db_path, clock)
    assert thread is not threading.current_thread()
    thread.join(timeout=60)
    assert not thread.is_alive()
    daily = [p.name for p in backup.list_backups(db_path) if p.name.startswith("daily-")]
    assert len(daily) == 1 and daily[0].startswith(f"daily-{clock.today():%Y%m%d}-")
    again = gui_app.start_background_work(db_path, clock)
    again.join(timeout=60)
    assert len([p for p in backup.list_backups(db_path) if p.name.startswith("daily-")]) == 1


def test_the_window_is_imported_while_the_login_waits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In a fresh interpreter (this one has imported everything already): the start thread
    imports what the main window needs, so the window opens faster once the clerk logs in."""
    import subprocess
    import sys

    script = f"""
import sys
from pathlib import Path
from archive_desk.clock import FixedClock
from archive_desk.db.connection import open_database
from archive_desk.ui import app
open_database(Path({str(tmp_path / "a.db")!r}))
assert not any(name in sys.modules for name in app.PRELOAD)
app.start_background_work(Path({str(tmp_path / "a.db")!r}), FixedClock("2026-03-02T09:00")).join(60)
missing = [name for name in app.PRELOAD if name not in sys.modules]
print("missing", missing)
sys.exit(1 if missing else 0)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_tab_that_failed_to_build_is_built_again_next_time(qtbot, clerk, make_ctx, prefs) -> None:  # type: ignore[no-untyped-def]
    import pytest

    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    real = window._lazy["borrowing_tab"].factory

    def broken() -> QWidget:
        raise RuntimeError("the first attempt fails")

    window._lazy["borrowing_tab"].factory = broken
    with pytest.raises(RuntimeError):
        window.tab("borrowing_tab")
    assert "borrowing_tab" not in window.built_tabs()
    window._lazy["borrowing_tab"].factory = real
    tab = window.tab("borrowing_tab")
    assert tab is not None and window.tabs.indexOf(tab) == 2
