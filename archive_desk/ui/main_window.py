"""The main window: tabs, menus and the status bar. It assembles; it holds no logic."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from archive_desk import APP_NAME, __version__, overview, settings
from archive_desk.db import backup
from archive_desk.errors import KnownError
from archive_desk.logs import log_dir
from archive_desk.permissions import Perm
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.login import ChangePasswordDialog
from archive_desk.ui.preferences import LANGUAGES, Preferences
from archive_desk.ui.tabs.cards_tab import CardsTab
from archive_desk.ui.tabs.overview_tab import OverviewTab
from archive_desk.ui.tabs.placeholder import PlaceholderTab
from archive_desk.ui.tabs.settings_tab import SettingsTab

TabFactory = Callable[[AppContext], QWidget]

# (object name, title, factory, permission needed to see it). Feature modules add theirs with
# :func:`register_tab` before the window is built; the settings tab always comes last.
TABS: list[tuple[str, str, TabFactory, str | None]] = []


def register_tab(name: str, title: str, factory: TabFactory, perm: str | None = None) -> None:
    TABS[:] = [t for t in TABS if t[0] != name]
    TABS.append((name, title, factory, perm))


class MainWindow(QMainWindow):
    logout_requested = Signal()

    def __init__(self, ctx: AppContext, prefs: Preferences | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.ctx = ctx
        self.prefs = prefs or Preferences()
        self.logging_out = False
        org = settings.get("org.name")
        self.setWindowTitle(self.tr("Archive Desk") + f" — {org}")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self.overview_tab: OverviewTab | None = None
        if ctx.can(Perm.REPORT_VIEW):
            self.overview_tab = OverviewTab(ctx)
            self.overview_tab.setObjectName("overview_tab")
            self.overview_tab.open_todo.connect(self.open_todo)
            self.tabs.addTab(self.overview_tab, self.tr("Overview"))
        self.cards_tab = CardsTab(ctx)
        self.cards_tab.setObjectName("cards_tab")
        self.tabs.addTab(self.cards_tab, self.tr("Cards"))
        self.borrowing_tab: QWidget | None = None
        if ctx.can(Perm.BORROW_RECORD) or ctx.can(Perm.BORROW_APPROVE):
            from archive_desk.ui.tabs.borrowing_tab import BorrowingTab

            self.borrowing_tab = BorrowingTab(ctx)
            self.borrowing_tab.setObjectName("borrowing_tab")
            self.tabs.addTab(self.borrowing_tab, self.tr("Borrowing"))
        self.handover_tab: QWidget | None = None
        if any(
            ctx.can(p)
            for p in (
                Perm.HANDOVER_RECORD,
                Perm.HANDOVER_APPROVE_DEPT,
                Perm.HANDOVER_APPROVE_OFFICE,
            )
        ):
            from archive_desk.ui.tabs.handover_tab import HandoverTab

            self.handover_tab = HandoverTab(ctx)
            self.handover_tab.setObjectName("handover_tab")
            self.tabs.addTab(self.handover_tab, self.tr("Handover"))
        self.reports_tab: QWidget | None = None
        if ctx.can(Perm.REPORT_VIEW):
            from archive_desk.ui.tabs.reports_tab import ReportsTab

            self.reports_tab = ReportsTab(ctx)
            self.reports_tab.setObjectName("reports_tab")
        # inspection and destruction has no issue yet: an honest placeholder, not a fake
        placeholder = PlaceholderTab(self.tr("Inspections, retention and destruction"))
        placeholder.setObjectName("inspection_tab")
        self.tabs.addTab(placeholder, self.tr("Inspection and destruction"))
        if self.reports_tab is not None:
            self.tabs.addTab(self.reports_tab, self.tr("Reports"))
        for name, title, factory, perm in TABS:
            if perm is None or ctx.can(perm):
                widget = factory(ctx)
                widget.setObjectName(name)
                self.tabs.addTab(widget, self.tr(title))
        self.settings_tab = SettingsTab(ctx, prefs=self.prefs)
        self.tabs.addTab(self.settings_tab, self.tr("Settings"))
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._build_menus()
        self.user_label = QLabel(f"{ctx.actor.full_name}（{ctx.actor.role_label}）")
        self.user_label.setObjectName("user_label")
        self.db_label = QLabel(str(ctx.db_path))
        self.db_label.setObjectName("db_label")
        self.count_label = QLabel()
        self.count_label.setObjectName("status_count")
        self.cards_tab.status_text.connect(self.count_label.setText)
        self.count_label.setText(self.cards_tab.count_label.text())
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)
        header_state = self.prefs.geometry("cards_header")
        if header_state is not None:
            self.cards_tab.table.horizontalHeader().restoreState(header_state)
        QTimer.singleShot(0, self.cards_tab.offer_drafts)
        geometry = self.prefs.geometry("main")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)

    def _on_tab_changed(self, _index: int) -> None:
        # whatever was done on another tab may change the counts: read them again on return
        if self.overview_tab is not None and self.tabs.currentWidget() is not self.overview_tab:
            self.overview_tab.mark_stale()

    def open_todo(self, todo: overview.Todo) -> None:
        """Open the list (or start the action) behind a to-do item of the overview."""
        if todo.tab == "cards":
            self.tabs.setCurrentWidget(self.cards_tab)
            self.cards_tab.show_filter(todo.target, todo.value)
            return
        widget: Any = self.borrowing_tab if todo.tab == "borrowing" else self.handover_tab
        if widget is None:
            return
        self.tabs.setCurrentWidget(widget)
        index = widget.filter.findData(todo.target)
        if index >= 0:
            widget.filter.setCurrentIndex(index)
            widget.refresh()
        elif hasattr(widget, todo.target):
            getattr(widget, todo.target)()

    def tab(self, name: str) -> QWidget | None:
        return self.tabs.findChild(QWidget, name)

    def show_tab(self, name: str) -> None:
        widget = self.tab(name)
        if widget is not None:
            self.tabs.setCurrentWidget(widget)

    # -- menus --------------------------------------------------------------------------------
    def _action(
        self, name: str, text: str, slot: Callable[[], object], shortcut: str = ""
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        backup_action = self._action("action_backup", self.tr("&Back up now"), self.backup_now)
        backup_action.setEnabled(self.ctx.can(Perm.BACKUP))
        file_menu.addAction(backup_action)
        file_menu.addAction(
            self._action(
                "action_backup_folder", self.tr("Open backup &folder"), self.open_backup_folder
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action("action_quit", self.tr("&Quit"), self.close, "Ctrl+Q"))
        account = self.menuBar().addMenu(self.tr("&Account"))
        account.addAction(
            self._action(
                "action_change_password", self.tr("&Change password…"), self.change_password
            )
        )
        account.addAction(self._action("action_logout", self.tr("&Log out"), self.logout))
        view = self.menuBar().addMenu(self.tr("&View"))
        language = view.addMenu(self.tr("&Language"))
        for code, label in LANGUAGES.items():
            act = self._action(f"action_lang_{code}", label, partial(self.set_language, code))
            act.setCheckable(True)
            act.setChecked(code == self.prefs.language())
            language.addAction(act)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action("action_logs", self.tr("Open &log folder"), self.open_log_folder)
        )
        help_menu.addAction(self._action("action_about", self.tr("&About"), self.about))

    # -- actions ------------------------------------------------------------------------------
    def backup_now(self) -> None:
        try:
            target = backup.backup_now(self.ctx.db_path, clock=self.ctx.clock)
        except KnownError as exc:
            messages.show_known(self, exc)
            return
        messages.info(self, self.tr("Backup written to %1").replace("%1", str(target)))

    def open_backup_folder(self) -> None:
        folder = backup.backup_dir(self.ctx.db_path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    def change_password(self) -> None:
        ChangePasswordDialog(self.ctx.actor, self).exec()

    def set_language(self, code: str) -> None:
        self.prefs.set_language(code)
        messages.info(self, self.tr("The language changes when the program is started again."))

    def logout(self) -> None:
        self.logging_out = True
        self.close()

    def about(self) -> None:
        messages.info(
            self,
            self.tr("Archive Desk %1\nThe customer archive room's desk.").replace("%1", __version__)
            + f"\n{APP_NAME} · {self.ctx.db_path}",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            can_close = getattr(widget, "can_close", None)
            if can_close is not None and not can_close():
                event.ignore()
                self.logging_out = False
                return
        self.prefs.set_geometry("main", self.saveGeometry())
        self.prefs.set_geometry("cards_header", self.cards_tab.table.horizontalHeader().saveState())
        self.prefs.sync()
        if self.logging_out:
            self.logout_requested.emit()
        event.accept()
