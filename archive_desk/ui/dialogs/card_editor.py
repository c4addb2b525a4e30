"""The card editor: every field group of the card, contact people, the contents list and the
history. Keyboard first (tab order follows the form, Ctrl+S saves, Esc asks before dropping
changes); every change is autosaved as a draft so a crash loses nothing."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archive_desk import accounts, cards
from archive_desk.cards import CardDraft, ContactInput, DocumentInput, FieldSpec
from archive_desk.errors import KnownError, NeedsConfirmation, ValidationError
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext

log = logging.getLogger(__name__)

PAGES = (
    ("identity_contact", ("identity", "contact")),
    ("classification_storage", ("classification", "storage")),
    ("business_trade", ("business", "trade", "features")),
)
CONTACT_COLUMNS = ("name", "title", "mobile", "phone", "email", "id_number", "note")
DOCUMENT_COLUMNS = ("title", "doc_type", "is_original", "pages", "doc_date", "note")
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"
PLACEHOLDER_COLOUR = "#808080"


class DuplicateDialog(QDialog):
    """Cards with the same credit code or name exist: open one of them, or create anyway."""

    def __init__(self, exc: cards.DuplicateCards, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicate_dialog")
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.choice: str = "cancel"
        self.chosen_id: int | None = None
        self.list = QListWidget()
        self.list.setObjectName("duplicates")
        for row in exc.candidates:
            self.list.addItem(f"{row.archive_no}  {row.name}  {row.region}")
            self.list.item(self.list.count() - 1).setData(Qt.ItemDataRole.UserRole, row.id)
        self.list.setCurrentRow(0)
        open_button = QPushButton(self.tr("&Open the existing card"))
        open_button.setObjectName("open_existing")
        open_button.clicked.connect(self._open)
        open_button.setDefault(True)
        create = QPushButton(self.tr("&Create a new card anyway"))
        create.setObjectName("create_anyway")
        create.clicked.connect(self._create)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        text = QLabel(exc.message)
        text.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (open_button, create, cancel):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.choice, self.chosen_id = "open", int(item.data(Qt.ItemDataRole.UserRole))
            self.accept()

    def _create(self) -> None:
        self.choice = "create"
        self.accept()


class CardEditor(QDialog):
    saved = Signal(int)
    open_other = Signal(int)

    # set by tests to answer the duplicate question without a modal dialog
    duplicate_answer: tuple[str, int | None] | None = None

    def __init__(self, ctx: AppContext, view: cards.CardView | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card_editor")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.ctx = ctx
        self.view = view
        self.dirty = False
        self._loading = True
        self.draft_key = f"card-{view.id}" if view else f"new-{ctx.clock.now():%Y%m%d%H%M%S%f}"
        self.editors: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(800)
        self.autosave.timeout.connect(self.save_draft)

        self.header = QLabel()
        self.header.setObjectName("card_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.pages = QTabWidget()
        self.pages.setObjectName("card_pages")
        titles = {
            "identity_contact": self.tr("Identity and contact"),
            "classification_storage": self.tr("Classification and storage"),
            "business_trade": self.tr("Business, trade and features"),
        }
        for page_name, groups in PAGES:
            self.pages.addTab(self._field_page(groups), titles[page_name])
        self.contacts = self._grid(
            "contacts",
            [
                self.tr("Name"),
                self.tr("Title"),
                self.tr("Mobile"),
                self.tr("Phone"),
                self.tr("E-mail"),
                self.tr("ID number"),
                self.tr("Note"),
            ],
        )
        self.pages.addTab(self._grid_page(self.contacts, "contact"), self.tr("Contact people"))
        self.documents = self._grid(
            "documents",
            [
                self.tr("Document"),
                self.tr("Type"),
                self.tr("Original/copy"),
                self.tr("Pages"),
                self.tr("Date"),
                self.tr("Note"),
            ],
        )
        self.pages.addTab(self._grid_page(self.documents, "document"), self.tr("Contents list"))
        self.history_table = QTableWidget(0, 7)
        self.history_table.setObjectName("history")
        self.history_table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("By"),
                self.tr("Reported by"),
                self.tr("Reason"),
                self.tr("Field"),
                self.tr("Before"),
                self.tr("After"),
            ]
        )
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.pages.addTab(self.history_table, self.tr("History"))

        self.reported_by = QLineEdit()
        self.reported_by.setObjectName("reported_by")
        self.reported_by.setPlaceholderText(
            self.tr("who reported the change, e.g. the salesperson")
        )
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("why the card changes"))
        for edit in (self.reported_by, self.reason):
            edit.textChanged.connect(self.mark_dirty)
        change_row = QHBoxLayout()
        change_row.addWidget(QLabel(self.tr("Reported by:")))
        change_row.addWidget(self.reported_by, 1)
        change_row.addWidget(QLabel(self.tr("Reason:")))
        change_row.addWidget(self.reason, 2)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save")
        self.save_button.setToolTip("Ctrl+S")
        close = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.pages, 1)
        layout.addLayout(change_row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.resize(980, 720)
        self.load(view)
        self._loading = False
        self.editors["name"].setFocus()

    # -- building -----------------------------------------------------------------------------
    def _choices(self, spec: FieldSpec) -> list[tuple[Any, str]]:
        """The entries of a choice; region and category start with an empty one (nothing
        chosen: the clerk must choose, the service refuses a card without them)."""
        if spec.choices is not None:
            return list(spec.choices.items())
        if spec.name == "region_id":  # its placeholder says “please choose” (it is editable)
            regions = cards.list_regions(include_retired=False)
            return [(None, ""), *((r.id, r.path) for r in regions)]
        if spec.name == "category_id":
            categories = cards.list_categories(include_retired=False)
            return [
                (None, self.tr("Please choose…")),
                *((c.id, f"{c.code} {c.name}") for c in categories),
            ]
        if spec.name == "salesperson_id":
            return [(None, ""), *cards.salespeople()]
        if spec.name == "department_id":
            return [(None, "")] + [(d.id, d.name) for d in accounts.list_departments()]
        return []

    def _editor(self, spec: FieldSpec) -> QWidget:
        editor: QWidget
        if spec.kind in ("choice", "ref"):
            combo = QComboBox()
            for value, label in self._choices(spec):
                combo.addItem(str(label), value)
            combo.currentIndexChanged.connect(self.mark_dirty)
            if spec.name == "region_id":
                self._make_searchable(combo)
            elif spec.name == "category_id":
                combo.setItemData(0, QColor(PLACEHOLDER_COLOUR), Qt.ItemDataRole.ForegroundRole)
                combo.setPlaceholderText(self.tr("Please choose…"))
            editor = combo
        elif spec.kind == "long":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(54)
            text.textChanged.connect(self.mark_dirty)
            editor = text
        else:
            line = QLineEdit()
            if spec.kind == "date":
                line.setPlaceholderText("2026-03-02")
            line.textChanged.connect(self.mark_dirty)
            editor = line
        editor.setObjectName(f"field:{spec.name}")
        self.editors[spec.name] = editor
        return editor

    def _make_searchable(self, combo: QComboBox) -> None:
        """Type any part of a region's path (上海 finds 华东 › 上海) among forty regions."""
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Please choose…"))
        completer = combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.editTextChanged.connect(self.mark_dirty)

    def _field_page(self, groups: tuple[str, ...]) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        row = 0
        for group in groups:
            title = QLabel(f"<b>{cards.GROUP_LABELS[group]}</b>")
            grid.addWidget(title, row, 0, 1, 4)
            row += 1
            column = 0
            for spec in (s for s in cards.CARD_FIELDS if s.group == group):
                wide = spec.kind == "long"
                if wide and column:
                    row, column = row + 1, 0
                label = QLabel(spec.label + ("*" if spec.required else "") + "：")
                editor = self._editor(spec)
                label.setBuddy(editor)
                error = QLabel()
                error.setObjectName(f"error:{spec.name}")
                error.setStyleSheet(ERROR_STYLE)
                error.setWordWrap(True)
                error.hide()
                self.error_labels[spec.name] = error
                cell = QWidget()
                cell_layout = QVBoxLayout(cell)
                cell_layout.setContentsMargins(0, 0, 0, 0)
                cell_layout.setSpacing(1)
                cell_layout.addWidget(editor)
                cell_layout.addWidget(error)
                cell_layout.addStretch(1)  # a message beside it makes the row taller: stay on top
                grid.addWidget(label, row, column, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(cell, row, column + 1, 1, 3 if wide else 1)
                if wide or column:
                    row, column = row + 1, 0
                else:
                    column = 2
            row += 1 if column else 0
            column = 0
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(row + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _grid(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setTabKeyNavigation(False)
        table.itemChanged.connect(self.mark_dirty)
        return table

    def _grid_page(self, table: QTableWidget, kind: str) -> QWidget:
        page = QWidget()
        add = QPushButton(self.tr("&Add row"))
        add.setObjectName(f"add_{kind}")
        add.clicked.connect(lambda: self._add_row(table))
        remove = QPushButton(self.tr("&Remove row"))
        remove.setObjectName(f"remove_{kind}")
        remove.clicked.connect(lambda: self._remove_row(table))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        error = QLabel()
        error.setObjectName(f"error:{table.objectName()}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        self.error_labels[table.objectName()] = error
        layout = QVBoxLayout(page)
        layout.addWidget(table)
        layout.addWidget(error)
        layout.addLayout(buttons)
        return page

    def _add_row(
        self, table: QTableWidget, values: list[Any] | None = None, row_id: Any = None
    ) -> None:
        self._loading, was = True, self._loading
        row = table.rowCount()
        table.insertRow(row)
        for col in range(table.columnCount()):
            value = values[col] if values else ""
            if table is self.documents and col == 2:
                combo = QComboBox()
                combo.addItem(self.tr("original"), True)
                combo.addItem(self.tr("copy"), False)
                combo.setCurrentIndex(0 if (value is None or value == "" or value) else 1)
                combo.currentIndexChanged.connect(self.mark_dirty)
                table.setCellWidget(row, col, combo)
                continue
            if table is self.documents and col == 3 and value == "":
                value = 1
            item = QTableWidgetItem("" if value is None else str(value))
            if col == 0:
                item.setData(Qt.ItemDataRole.UserRole, row_id)
            table.setItem(row, col, item)
        self._loading = was
        if not self._loading:
            self.mark_dirty()
            table.setCurrentCell(row, 0)
            table.setFocus()

    def _remove_row(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            self.mark_dirty()

    # -- values -------------------------------------------------------------------------------
    def load(self, view: cards.CardView | None) -> None:
        self._loading = True
        values = dict(cards.DEFAULTS)
        if view is not None:
            values.update(view.values)
            for spec in cards.CARD_FIELDS:
                if spec.kind == "ref":
                    self._offer_current(spec.name, values.get(spec.name), view.labels)
        for spec in cards.CARD_FIELDS:
            self._set(spec, values.get(spec.name))
        self.contacts.setRowCount(0)
        self.documents.setRowCount(0)
        if view is not None:
            for c in view.contacts:
                self._add_row(self.contacts, [getattr(c, k) for k in CONTACT_COLUMNS])
            for d in view.documents:
                self._add_row(self.documents, [getattr(d, k) for k in DOCUMENT_COLUMNS], d.id)
        self._update_header()
        self._load_history()
        self._loading = False
        self.dirty = False

    def _offer_current(self, name: str, value: Any, labels: dict[str, str]) -> None:
        """A card keeps its retired region or category (or a salesperson or department no
        longer offered): the entry is added for it, never swapped for another one."""
        combo = self.editors[name]
        if value is None or not isinstance(combo, QComboBox) or combo.findData(value) >= 0:
            return
        label = labels.get(name) or str(value)
        combo.addItem(self.tr("%1 (retired)").replace("%1", label), value)

    def _set(self, spec: FieldSpec, value: Any) -> None:
        editor = self.editors[spec.name]
        if isinstance(editor, QComboBox):
            index = editor.findData(value)
            if value is None and (editor.placeholderText() or editor.isEditable()):
                index = -1  # nothing chosen: the placeholder asks for a choice
            editor.setCurrentIndex(index if index >= 0 or value is None else 0)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
        elif isinstance(editor, QLineEdit):
            if isinstance(value, dt.date):
                value = value.isoformat()
            editor.setText("" if value is None else str(value))

    def _get(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QComboBox):
            if editor.isEditable():  # what the line says counts, not the entry picked before it
                return editor.itemData(self._typed_entry(editor))
            return editor.currentData()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QLineEdit):
            return editor.text()
        return None

    @staticmethod
    def _typed_entry(combo: QComboBox) -> int:
        """The entry whose path the line holds, or the only one ending in it (上海 is
        华东 › 上海); -1 when there is none, or several."""
        text = combo.currentText().strip()
        index = combo.findText(text)
        if index >= 0 or not text:
            return index
        ending = [i for i in range(combo.count()) if combo.itemText(i).split(" › ")[-1] == text]
        return ending[0] if len(ending) == 1 else -1

    def _rows(self, table: QTableWidget, columns: tuple[str, ...]) -> list[dict[str, Any]]:
        out = []
        for row in range(table.rowCount()):
            values: dict[str, Any] = {}
            for col, key in enumerate(columns):
                widget = table.cellWidget(row, col)
                if isinstance(widget, QComboBox):
                    values[key] = widget.currentData()
                    continue
                item = table.item(row, col)
                values[key] = item.text().strip() if item else ""
            first = table.item(row, 0)
            if all(
                v in ("", None, True) or (key == "pages" and v == "1") for key, v in values.items()
            ):
                continue  # an empty row the clerk added and left
            values["_id"] = first.data(Qt.ItemDataRole.UserRole) if first else None
            out.append(values)
        return out

    def collect(self) -> CardDraft:
        values = {spec.name: self._get(spec.name) for spec in cards.CARD_FIELDS}
        contacts = [
            ContactInput(**{k: r[k] for k in CONTACT_COLUMNS})
            for r in self._rows(self.contacts, CONTACT_COLUMNS)
        ]
        documents = [
            DocumentInput(**{k: r[k] for k in DOCUMENT_COLUMNS}, id=r["_id"])
            for r in self._rows(self.documents, DOCUMENT_COLUMNS)
        ]
        return CardDraft(values=values, contacts=contacts, documents=documents)

    def payload(self) -> dict[str, Any]:
        draft = self.collect()
        return {
            "card_id": self.view.id if self.view else None,
            "version": self.view.version if self.view else None,
            "values": draft.values,
            "contacts": [vars(c) for c in draft.contacts],
            "documents": [vars(d) for d in draft.documents],
            "reported_by": self.reported_by.text(),
            "reason": self.reason.text(),
        }

    def restore_payload(self, payload: dict[str, Any]) -> None:
        self._loading = True
        for spec in cards.CARD_FIELDS:
            if spec.name in payload.get("values", {}):
                self._set(spec, payload["values"][spec.name])
        self.contacts.setRowCount(0)
        for c in payload.get("contacts", []):
            self._add_row(self.contacts, [c.get(k, "") for k in CONTACT_COLUMNS])
        self.documents.setRowCount(0)
        for d in payload.get("documents", []):
            self._add_row(self.documents, [d.get(k, "") for k in DOCUMENT_COLUMNS], d.get("id"))
        self.reported_by.setText(payload.get("reported_by", ""))
        self.reason.setText(payload.get("reason", ""))
        self._loading = False
        self.dirty = True
        if self.view is not None and payload.get("version") not in (None, self.view.version):
            self.message.setStyleSheet(WARNING_STYLE)
            self.message.setText(
                self.tr(
                    "This card was changed by someone else after the draft was written; saving the draft will be refused. Compare and re-enter what is still needed."
                )
            )

    # -- state --------------------------------------------------------------------------------
    def mark_dirty(self, *_args: Any) -> None:
        if self._loading:
            return
        self.dirty = True
        self.autosave.start()
        self._update_title()

    def _update_title(self) -> None:
        name = self._get("name") or self.tr("new card")
        number = self.view.archive_no if self.view else self.tr("(number given on saving)")
        self.setWindowTitle(f"{'* ' if self.dirty else ''}{number} {name}")

    def _update_header(self) -> None:
        self._update_title()
        if self.view is None:
            self.header.setText(
                self.tr("<b>New card</b> — the archive number is given when it is saved.")
            )
            return
        v = self.view
        parts = [f"<b style='font-size:14pt'>{v.archive_no}</b>", f"{v.values.get('name', '')}"]
        if v.category_color:
            parts.insert(
                0, f"<span style='background:{v.category_color}'>&nbsp;&nbsp;&nbsp;</span>"
            )
        parts.append(self.tr("kept since %1").replace("%1", f"{v.created_at:%Y-%m-%d}"))
        if v.on_loan_to:
            since = f"{v.on_loan_since:%Y-%m-%d %H:%M}" if v.on_loan_since else ""
            parts.append(
                "<span style='color:#b00020'>"
                + self.tr("on loan to %1 since %2").replace("%1", v.on_loan_to).replace("%2", since)
                + "</span>"
            )
        if v.former_names:
            parts.append(
                self.tr("former names: %1").replace("%1", "、".join(n for n, _ in v.former_names))
            )
        if v.retention_due:
            parts.append(self.tr("retention due %1").replace("%1", v.retention_due.isoformat()))
        self.header.setText("　".join(parts))

    def _load_history(self) -> None:
        self.history_table.setRowCount(0)
        if self.view is None:
            return
        for h in cards.history(self.ctx.actor, self.view.id):
            row = self.history_table.rowCount()
            self.history_table.insertRow(row)
            for col, value in enumerate(
                (
                    f"{h.at:%Y-%m-%d %H:%M}",
                    h.user,
                    h.reported_by,
                    h.reason,
                    h.field,
                    h.old_value,
                    h.new_value,
                )
            ):
                self.history_table.setItem(row, col, QTableWidgetItem(value))
        self.history_table.resizeColumnsToContents()

    def save_draft(self) -> None:
        if not self.dirty:
            return
        title = self._get("name") or (self.view.archive_no if self.view else "")
        try:
            cards.save_draft(
                self.ctx.local_folder,
                self.ctx.actor.username,
                self.draft_key,
                title,
                self.payload(),
                self.ctx.clock.now(),
            )
        except KnownError as exc:  # a full disk must not stop typing; say so once in the form
            self.message.setText(exc.message)

    def discard_draft(self) -> None:
        self.autosave.stop()
        cards.discard_draft(self.ctx.local_folder, self.ctx.actor.username, self.draft_key)

    # -- saving -------------------------------------------------------------------------------
    def _clear_messages(self) -> None:
        for label in self.error_labels.values():
            label.clear()
            label.hide()
        self.message.clear()
        self.message.setStyleSheet(ERROR_STYLE)

    def _show_field_messages(
        self, problems: dict[str, str], style: str, *, turn_page: bool = True
    ) -> None:
        first_page = None
        for key, text in problems.items():
            name = key.split(".")[0]
            if name.startswith("contact"):
                name = "contacts"
            elif name.startswith("document"):
                name = "documents"
            label = self.error_labels.get(name)
            if label is None:
                continue
            label.setStyleSheet(style)
            label.setText((label.text() + "\n" if label.text() else "") + text)
            label.show()
            if first_page is None:
                first_page = self._page_of(label)
        if first_page is not None and turn_page:
            self.pages.setCurrentIndex(first_page)

    def _page_of(self, widget: QWidget) -> int | None:
        for i in range(self.pages.count()):
            page = self.pages.widget(i)
            if page is not None and page.isAncestorOf(widget):
                return i
        return None

    def save(self, *, confirm_warnings: bool = False, allow_duplicate: bool = False) -> bool:
        self._clear_messages()
        draft = self.collect()
        try:
            if self.view is None:
                view = cards.create_card(
                    self.ctx.actor,
                    draft,
                    confirm_warnings=confirm_warnings,
                    allow_duplicate=allow_duplicate,
                    reported_by=self.reported_by.text(),
                    reason=self.reason.text(),
                )
            else:
                view = cards.update_card(
                    self.ctx.actor,
                    self.view.id,
                    self.view.version,
                    draft,
                    reported_by=self.reported_by.text(),
                    reason=self.reason.text(),
                    confirm_warnings=confirm_warnings,
                    allow_duplicate=allow_duplicate,
                )
        except ValidationError as exc:
            self._show_errors(exc)
            return False
        except NeedsConfirmation as exc:
            self._show_field_messages(exc.warnings, WARNING_STYLE)
            if messages.confirm_warnings(self, exc):
                return self.save(confirm_warnings=True, allow_duplicate=allow_duplicate)
            return False
        except cards.DuplicateCards as exc:
            choice, chosen = self._ask_duplicate(exc)
            if choice == "create":
                return self.save(confirm_warnings=confirm_warnings, allow_duplicate=True)
            if choice == "open" and chosen is not None:
                self.open_other.emit(chosen)
            return False
        except KnownError as exc:
            self.message.setText(exc.message)
            return False
        was_new = self.view is None
        self.discard_draft()
        self.view = view
        self.draft_key = f"card-{view.id}"
        self.load(view)
        self.reported_by.clear()
        self.reason.clear()
        self.dirty = False
        self._update_title()
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(
            self.tr("Saved as %1.").replace("%1", view.archive_no) if was_new else self.tr("Saved.")
        )
        self.saved.emit(view.id)
        return True

    def _show_errors(self, exc: ValidationError) -> None:
        """Every problem at once: the errors in red and, beside their fields, the warnings that
        will be put to the clerk once the errors are corrected."""
        self._show_field_messages(exc.errors, ERROR_STYLE)
        self._show_field_messages(exc.warnings, WARNING_STYLE, turn_page=False)
        if len(exc.errors) <= 1:  # the service's message says it, warnings included
            self.message.setText(exc.message)
            return
        if exc.warnings:
            text = self.tr(
                "Please correct the fields marked in red (%1); the %2 notes in brown will be put to you for confirmation when saving."
            )
        else:
            text = self.tr("Please correct the fields marked in red (%1).")
        count = text.replace("%1", str(len(exc.errors))).replace("%2", str(len(exc.warnings)))
        self.message.setText(count)

    def _ask_duplicate(self, exc: cards.DuplicateCards) -> tuple[str, int | None]:
        if CardEditor.duplicate_answer is not None:
            choice, chosen = CardEditor.duplicate_answer
            return choice, chosen if chosen is not None else exc.candidates[0].id
        dialog = DuplicateDialog(exc, self)
        dialog.exec()
        return dialog.choice, dialog.chosen_id

    # -- closing ------------------------------------------------------------------------------
    def confirm_close(self) -> bool:
        if not self.dirty:
            return True
        if messages.confirm(self, self.tr("Drop the unsaved changes of this card?")):
            self.discard_draft()
            self.dirty = False
            return True
        return False

    def reject(self) -> None:  # Esc
        if self.confirm_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_close():
            event.accept()
            self.finished.emit(0)
        else:
            event.ignore()

    @classmethod
    def open_card(
        cls, ctx: AppContext, card_id: int, parent: QWidget | None = None
    ) -> CardEditor | None:
        view = messages.call(parent, cards.get_card, ctx.actor, card_id)
        if view is None:
            return None
        editor = cls(ctx, view, parent)
        editor.show()
        return editor
