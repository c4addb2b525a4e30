"""The main window: tabs, menus and the status bar. It assembles; it holds no logic.

A tab is built the first time it is shown or asked for (``window.cards_tab``, :meth:`tab`):
until then its page is an empty placeholder, and its module is not even imported. Start-up
then pays only for the tab the user sees first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QWidget

from archive_desk import APP_NAME, __version__, backups, cards, settings
from archive_desk.db import backup, pgdump
from archive_desk.errors import KnownError
from archive_desk.logs import log_dir
from archive_desk.permissions import Perm
from archive_desk.ui import messages
from archive_desk.ui.changes import ChangeNotice, SessionEnd
from archive_desk.ui.context import AppContext
from archive_desk.ui.preferences import LANGUAGES, Preferences

if TYPE_CHECKING:
    from archive_desk.procedures.todos import Todo
    from archive_desk.ui.tabs.cards_tab import CardsTab
    from archive_desk.ui.tabs.overview_tab import OverviewTab
    from archive_desk.ui.tabs.settings_tab import SettingsTab


DB_LABEL_WIDTH = 300  # px of the database's path in the status bar, at most


@dataclass
class _Lazy:
    """A tab not built yet: its placeholder page and how to build it."""

    title: str
    factory: Callable[[], QWidget]
    placeholder: QWidget


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
        self._lazy: dict[str, _Lazy] = {}
        self._built: dict[str, QWidget] = {}
        # what services commit reaches the built tabs after the current event (queued: never
        # in the middle of the call that made the change)
        self.notice = ChangeNotice(self)
        self.notice.changed.connect(self._on_changes, Qt.ConnectionType.QueuedConnection)
        # a service that finds this user deactivated or changed ends the session: back to the
        # login (queued: after the refusal the call in progress shows)
        self.session = SessionEnd(ctx.actor.user_id, self)
        self.session.ended.connect(self._end_session, Qt.ConnectionType.QueuedConnection)
        self.session_over = False
        handover = (Perm.HANDOVER_RECORD, Perm.HANDOVER_APPROVE_DEPT, Perm.HANDOVER_APPROVE_OFFICE)
        retention = (Perm.DESTRUCTION_PROPOSE, Perm.DESTRUCTION_REVIEW, Perm.DESTRUCTION_APPROVE,
                     Perm.LEGAL_HOLD)  # fmt: skip
        for name, title, factory, shown in (
            ("overview_tab", self.tr("Overview"), self._new_overview, ctx.can(Perm.REPORT_VIEW)),
            ("cards_tab", self.tr("Cards"), self._new_cards, True),
            ("borrowing_tab", self.tr("Borrowing"), self._new_borrowing,
             ctx.can(Perm.BORROW_RECORD) or ctx.can(Perm.BORROW_APPROVE)),
            ("handover_tab", self.tr("Handover"), self._new_handover,
             any(ctx.can(p) for p in handover)),
            ("inspection_tab", self.tr("Inspection"), self._new_inspection,
             ctx.can(Perm.INSPECTION_RECORD) or ctx.can(Perm.INSPECTION_APPROVE)),
            ("retention_tab", self.tr("Retention and destruction"), self._new_retention,
             any(ctx.can(p) for p in retention)),
            ("reports_tab", self.tr("Reports"), self._new_reports, ctx.can(Perm.REPORT_VIEW)),
            ("settings_tab", self.tr("Settings"), self._new_settings, True),
        ):  # fmt: skip
            if shown:
                placeholder = QWidget()
                placeholder.setObjectName(f"{name}_unbuilt")
                self._lazy[name] = _Lazy(title, factory, placeholder)
                self.tabs.addTab(placeholder, title)
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.user_label = QLabel(f"{ctx.actor.full_name}（{ctx.actor.role_label}）")
        self.user_label.setObjectName("user_label")
        self.db_label = QLabel()
        self.db_label.setObjectName("db_label")
        # the whole path in the tooltip: a long one (a network share, a deep folder) made the
        # status bar, and so the window, wider than the screen
        self.db_label.setText(
            self.db_label.fontMetrics().elidedText(
                ctx.store.label, Qt.TextElideMode.ElideMiddle, DB_LABEL_WIDTH
            )
        )
        self.db_label.setToolTip(ctx.store.label)
        self.count_label = QLabel()
        self.count_label.setObjectName("status_count")
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self._on_tab_changed(self.tabs.currentIndex())  # the first tab: built now
        self.tabs.currentChanged.connect(self._on_tab_changed)
        QTimer.singleShot(0, self._offer_drafts)
        geometry = self.prefs.geometry("main")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)

    # -- tabs ---------------------------------------------------------------------------------
    def _build(self, name: str) -> QWidget | None:
        """The tab ``name``, built now if it was not yet; None when this user has no such tab."""
        lazy = self._lazy.get(name)
        if lazy is None:
            return self._built.get(name)
        widget = lazy.factory()  # should it fail, the placeholder stays and the next show retries
        widget.setObjectName(name)
        del self._lazy[name]
        self._built[name] = widget
        index = self.tabs.indexOf(lazy.placeholder)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)  # a swap of pages, not a change of tab
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, lazy.title)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        lazy.placeholder.deleteLater()
        if name == "overview_tab":
            cast("OverviewTab", widget).open_todo.connect(self.open_todo)
        elif name == "cards_tab":
            cards_tab = cast("CardsTab", widget)
            cards_tab.status_text.connect(self.count_label.setText)
            self.count_label.setText(cards_tab.count_label.text())
            header_state = self.prefs.geometry("cards_header")
            if header_state is not None:
                cards_tab.table.horizontalHeader().restoreState(header_state)
        return widget

    def _on_changes(self, batch: dict[str, frozenset[int]]) -> None:
        """A service call committed a change: each built tab refreshes what it shows of it."""
        for widget in list(self._built.values()):
            on_changes = getattr(widget, "on_changes", None)
            if on_changes is not None:
                on_changes(batch)

    def _on_tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is None:
            return
        for name, lazy in list(self._lazy.items()):
            if lazy.placeholder is page:
                self._build(name)
                break
        # whatever was done on another tab may change the counts: read them again on return
        overview_tab = self._built.get("overview_tab")
        if overview_tab is not None and self.tabs.currentWidget() is not overview_tab:
            cast("OverviewTab", overview_tab).mark_stale()

    # each tab's module is imported when the tab is first built
    def _new_overview(self) -> QWidget:
        from archive_desk.ui.tabs.overview_tab import OverviewTab

        return OverviewTab(self.ctx)

    def _new_cards(self) -> QWidget:
        from archive_desk.ui.tabs.cards_tab import CardsTab

        return CardsTab(self.ctx)

    def _new_borrowing(self) -> QWidget:
        from archive_desk.ui.tabs.borrowing_tab import BorrowingTab

        return BorrowingTab(self.ctx)

    def _new_handover(self) -> QWidget:
        from archive_desk.ui.tabs.handover_tab import HandoverTab

        return HandoverTab(self.ctx)

    def _new_inspection(self) -> QWidget:
        from archive_desk.ui.tabs.inspection_tab import InspectionTab

        return InspectionTab(self.ctx)

    def _new_retention(self) -> QWidget:
        from archive_desk.ui.tabs.retention_tab import RetentionTab

        return RetentionTab(self.ctx)

    def _new_reports(self) -> QWidget:
        from archive_desk.ui.tabs.reports_tab import ReportsTab

        return ReportsTab(self.ctx)

    def _new_settings(self) -> QWidget:
        from archive_desk.ui.tabs.settings_tab import SettingsTab

        return SettingsTab(self.ctx, prefs=self.prefs)

    @property
    def overview_tab(self) -> OverviewTab | None:
        return cast("OverviewTab | None", self._build("overview_tab"))

    @property
    def cards_tab(self) -> CardsTab:
        return cast("CardsTab", self._build("cards_tab"))

    @property
    def borrowing_tab(self) -> QWidget | None:
        return self._build("borrowing_tab")

    @property
    def handover_tab(self) -> QWidget | None:
        return self._build("handover_tab")

    @property
    def inspection_tab(self) -> QWidget | None:
        return self._build("inspection_tab")

    @property
    def retention_tab(self) -> QWidget | None:
        return self._build("retention_tab")

    @property
    def reports_tab(self) -> QWidget | None:
        return self._build("reports_tab")

    @property
    def settings_tab(self) -> SettingsTab:
        return cast("SettingsTab", self._build("settings_tab"))

    def built_tabs(self) -> list[str]:
        """The tabs built so far (for tests and the benchmark: start-up builds only the first)."""
        return list(self._built)

    def _offer_drafts(self) -> None:
        """Card drafts a crash left behind are offered at start, whichever tab comes first."""

        if cards.pending_drafts(self.ctx.local_folder, self.ctx.actor.username):
            self.cards_tab.offer_drafts()

    def open_todo(self, todo: Todo) -> None:
        """Open the tab a to-do item of the overview names and let it show the to-do's target
        (a list filter, a view of the tab, a card filter): no procedure is named here."""
        widget: Any = self.tab(f"{todo.tab}_tab")
        if widget is None:
            return
        self.tabs.setCurrentWidget(widget)
        widget.show_target(todo.target, todo.value)

    def tab(self, name: str) -> QWidget | None:
        return self._build(name)

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
        if self.ctx.store.is_server:  # pg_dump of the server's database into a file here
            backup_text = self.tr("&Back up the server database to this computer (pg_dump)")
        else:
            backup_text = self.tr("&Back up now")
        backup_action = self._action("action_backup", backup_text, self.backup_now)
        backup_action.setEnabled(self.ctx.can(Perm.BACKUP))
        file_menu.addAction(backup_action)
        file_menu.addAction(
            self._action(
                "action_backup_folder", self.tr("Open backup &folder"), self.open_backup_folder
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("action_store", self.tr("Archive &location…"), self.choose_store)
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
            target = backups.back_up(self.ctx.actor, self.ctx.store)
        except KnownError as exc:
            messages.show_known(self, exc)
            return
        if self.ctx.store.is_server:
            text = self.tr(
                "The server database was backed up with pg_dump to %1 on this computer. The "
                "server's own backups remain your IT department's job."
            )
        else:
            text = self.tr("Backup written to %1")
        messages.info(self, text.replace("%1", str(target)))

    def open_backup_folder(self) -> None:
        if self.ctx.store.is_server:
            folder = pgdump.backup_dir(self.ctx.store)
        else:
            folder = backup.backup_dir(self.ctx.store.path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def choose_store(self) -> None:
        """File › Archive location: a file here or the company's server, from the next start."""
        from archive_desk.ui.dialogs.store_dialog import StoreDialog

        StoreDialog(self.prefs, self.ctx.store, self).exec()

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    def change_password(self) -> None:
        from archive_desk.ui.dialogs.login import ChangePasswordDialog

        ChangePasswordDialog(self.ctx.actor, self).exec()

    def set_language(self, code: str) -> None:
        self.prefs.set_language(code)
        messages.info(self, self.tr("The language changes when the program is started again."))

    def logout(self) -> None:
        self.logging_out = True
        self.close()

    def _end_session(self, message: str) -> None:
        """The user's account was deactivated or changed: every dialog closes, the message says
        why, and the login comes back (the card editor's drafts are kept for the next login)."""
        if self.session_over:
            return
        self.session_over = True
        for _ in range(20):  # nested dialogs, innermost first; one that will not close stays
            modal = QApplication.activeModalWidget()
            if modal is None or modal is self or not modal.close():
                break
        messages.warning(self, message)
        self.logout()

    def about(self) -> None:
        messages.info(
            self,
            self.tr("Archive Desk %1\nThe customer archive room's desk.").replace("%1", __version__)
            + f"\n{APP_NAME} · {self.ctx.store.label}",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        for widget in self._built.values():  # a tab never built has nothing open
            can_close = getattr(widget, "can_close", None)
            if can_close is not None and not can_close():
                event.ignore()
                self.logging_out = False
                self.session_over = False  # the next refusal tries again
                return
        self.prefs.set_geometry("main", self.saveGeometry())
        self.notice.stop()
        self.session.stop()
        cards_tab = self._built.get("cards_tab")
        if cards_tab is not None:  # else the widths saved last time stay
            header = cast("CardsTab", cards_tab).table.horizontalHeader()
            self.prefs.set_geometry("cards_header", header.saveState())
        self.prefs.sync()
        if self.logging_out:
            self.logout_requested.emit()
        event.accept()
