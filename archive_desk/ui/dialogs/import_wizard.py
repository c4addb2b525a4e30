"""导入… : the wizard that brings in a clerk's ledger (file → columns → preview → report).

Every step is a service of :mod:`archive_desk.importing` run off the GUI thread with a progress
dialog that can cancel it; the wizard holds the clerk's choices and shows what the services
answer. Nothing is written before the last step, and the import is one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from archive_desk import cards, importing
from archive_desk.errors import KnownError
from archive_desk.ui import files, messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.models.rows import RowsModel
from archive_desk.ui.widgets.buttons import action_button
from archive_desk.ui.worker import run_with_progress

LEDGER = files.FileKind(
    "ledger",
    "xlsx",
    str(QT_TRANSLATE_NOOP("files", "Spreadsheets (*.xlsx *.xls *.ods *.csv *.txt)")),
)
MAPPING = files.FileKind(
    "import_mapping", "json", str(QT_TRANSLATE_NOOP("files", "Column mapping (*.json)"))
)
PREVIEW_ROWS = 5000  # rows the preview table lists (the counts cover every row)


class ImportWizard(QWizard):
    """The import of a ledger, in four pages."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("import_wizard")
        self.setWindowTitle(self.tr("Import customers from a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(980, 660)
        self.source: importing.Source | None = None
        self.mapping: importing.Mapping | None = None
        self.preview: importing.Preview | None = None
        self.choices = importing.Choices()
        self.report: importing.ImportReport | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.report_page = ReportPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.report_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))

    def read(self, path: Path, sheet: str | None = None) -> bool:
        found = run_with_progress(
            self, self.tr("Reading the file…"), lambda _p: importing.read_source(path, sheet)
        )
        if found is None:
            return False
        self.source = found
        self.mapping = None
        self.preview = None
        return True


# --- 1. the file ------------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setObjectName("import_file_page")
        self.setTitle(self.tr("1. The ledger file"))
        self.setSubTitle(
            self.tr(
                "Excel (.xlsx, .xls), WPS or LibreOffice (.ods) or CSV. Nothing is written until the last step."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("import_path")
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("No file chosen"))
        browse = action_button("import_browse", self.tr("&Choose file…"), self.choose)
        self.sheet = QComboBox()
        self.sheet.setObjectName("import_sheet")
        self.sheet.activated.connect(self._on_sheet_activated)
        self.info = QLabel()
        self.info.setObjectName("import_file_info")
        self.info.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Sheet:"), self.sheet)
        form.addRow(self.info)

    def choose(self) -> None:
        path = files.open_path(self, LEDGER, self.tr("Choose the ledger to import"))
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path, sheet: str | None = None) -> bool:
        if not self.w.read(path, sheet):
            return False
        source = self.w.source
        assert source is not None
        self.path.setText(str(path))
        self.sheet.clear()
        self.sheet.addItems(source.sheet_names)
        self.sheet.setCurrentText(source.sheet.name)
        rows = len(source.sheet.rows)
        text = self.tr("%1 rows in sheet “%2”.").replace("%1", f"{rows:,}")
        text = text.replace("%2", source.sheet.name)
        if source.encoding:
            text += " " + self.tr("Text encoding: %1.").replace("%1", source.encoding.upper())
        self.info.setText(text)
        self.completeChanged.emit()
        return True

    def _on_sheet_activated(self, _index: int) -> None:
        if self.w.source is not None and self.sheet.currentText() != self.w.source.sheet.name:
            self.open_file(self.w.source.path, self.sheet.currentText())

    def isComplete(self) -> bool:
        return self.w.source is not None


# --- 2. the columns ---------------------------------------------------------------------------


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setObjectName("import_mapping_page")
        self.setTitle(self.tr("2. Which column is which field"))
        self.setSubTitle(self.tr("Found by the headers; change any column the program got wrong."))
        self.header_row = QSpinBox()
        self.header_row.setObjectName("import_header_row")
        self.header_row.setMinimum(1)
        self.header_row.valueChanged.connect(self._on_header_row_changed)
        self.keep_extra = QCheckBox(self.tr("Keep columns the program does not know in the note"))
        self.keep_extra.setObjectName("import_keep_extra")
        self.keep_extra.setChecked(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.default_region = QComboBox()
        self.default_region.setObjectName("default_region")
        self.default_category = QComboBox()
        self.default_category.setObjectName("default_category")
        self.default_room = QLineEdit()
        self.default_room.setObjectName("default_room")
        self.default_room.setPlaceholderText(self.tr("e.g. 一号库房"))
        self.combos: list[QComboBox] = []
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Header row:")))
        top.addWidget(self.header_row)
        top.addWidget(self.keep_extra, 1)
        top.addWidget(action_button("load_mapping", self.tr("&Load mapping…"), self.load))
        top.addWidget(action_button("save_mapping", self.tr("&Save mapping…"), self.save))
        defaults = QHBoxLayout()
        defaults.addWidget(QLabel(self.tr("For empty cells — region:")))
        defaults.addWidget(self.default_region, 1)
        defaults.addWidget(QLabel(self.tr("category:")))
        defaults.addWidget(self.default_category, 1)
        defaults.addWidget(QLabel(self.tr("room:")))
        defaults.addWidget(self.default_room, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(defaults)

    def initializePage(self) -> None:
        source = self.w.source
        assert source is not None
        self.default_region.clear()
        self.default_region.addItem(self.tr("(none)"), "")
        for r in cards.list_regions(include_retired=False):
            self.default_region.addItem(r.path, r.path)
        self.default_category.clear()
        self.default_category.addItem(self.tr("(none)"), "")
        for c in cards.list_categories(include_retired=False):
            self.default_category.addItem(f"{c.code} {c.name}", c.code)
        if self.w.mapping is None:
            try:
                self.w.mapping = importing.guess(source.sheet.rows)
            except KnownError as exc:
                messages.show_known(self, exc)
                self.w.mapping = importing.mapping_for(source.sheet.rows, 0)
        self.show_mapping(self.w.mapping)

    def show_mapping(self, mapping: importing.Mapping) -> None:
        source = self.w.source
        assert source is not None
        self.header_row.blockSignals(True)
        self.header_row.setMaximum(max(1, len(source.sheet.rows)))
        self.header_row.setValue(mapping.header_row + 1)
        self.header_row.blockSignals(False)
        self.keep_extra.setChecked(mapping.keep_extra)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        for col, title in enumerate((self.tr("Column"), self.tr("First value"), self.tr("Field"))):
            label = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(label, 0, col)
        sample = _first_values(source.sheet.rows, mapping.header_row)
        for c, header in enumerate(mapping.headers):
            combo = QComboBox()
            combo.setObjectName(f"map_{c}")
            combo.addItem(self.tr("(into the note)"), importing.EXTRA)
            for target in importing.TARGETS:
                combo.addItem(target.label, target.key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.columns.get(c, importing.EXTRA))))
            self.grid.addWidget(QLabel(header), c + 1, 0)
            value = QLabel(sample.get(c, "")[:40])
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(value, c + 1, 1)
            self.grid.addWidget(combo, c + 1, 2)
            self.combos.append(combo)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(len(mapping.headers) + 1, 1)
        self._set_combo(self.default_region, mapping.defaults.get("region", ""))
        self._set_combo(self.default_category, mapping.defaults.get("category", ""))
        self.default_room.setText(mapping.defaults.get("location_room", ""))

    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        combo.setCurrentIndex(max(0, combo.findData(value)))

    def current(self) -> importing.Mapping:
        mapping = self.w.mapping
        assert mapping is not None
        mapping.columns = {c: combo.currentData() for c, combo in enumerate(self.combos)}
        mapping.keep_extra = self.keep_extra.isChecked()
        defaults = {
            "region": self.default_region.currentData() or "",
            "category": self.default_category.currentData() or "",
            "location_room": self.default_room.text().strip(),
        }
        mapping.defaults = {k: v for k, v in defaults.items() if v}
        return mapping

    def _on_header_row_changed(self, value: int) -> None:
        source = self.w.source
        if source is None:
            return
        self.w.mapping = importing.mapping_for(source.sheet.rows, value - 1)
        self.show_mapping(self.w.mapping)

    def load(self) -> None:
        path = files.open_path(self, MAPPING, self.tr("Load a saved mapping"))
        if path is None or self.w.source is None:
            return
        found = messages.call(self, importing.load_mapping, path, self.w.source.sheet.rows)
        if found is not None:
            self.w.mapping = found
            self.show_mapping(found)

    def save(self) -> None:
        path = files.save_path(self, MAPPING, self.tr("Save the mapping"), "台账列对应关系")
        if path is not None:
            messages.call(self, importing.save_mapping, self.current(), path)

    def validatePage(self) -> bool:
        mapping = self.current()
        problems = mapping.problems()
        if problems:
            messages.warning(self, "\n".join(problems))
            return False
        source = self.w.source
        assert source is not None
        actor = self.w.ctx.actor
        preview = run_with_progress(
            self,
            self.tr("Checking every row…"),
            lambda progress: importing.check(actor, source, mapping, progress=progress),
        )
        if preview is None:
            return False
        self.w.preview = preview
        self.w.choices = importing.Choices()
        return True


def _first_values(rows: list[list[Any]], header_row: int) -> dict[int, str]:
    out: dict[int, str] = {}
    for row in rows[header_row + 1 : header_row + 50]:
        for c, cell in enumerate(row):
            if c not in out and cell is not None:
                out[c] = importing.cell_text(cell)
    return out


# --- 3. the preview ---------------------------------------------------------------------------

OUTCOME_TEXT: dict[str, str] = {
    "created": str(QT_TRANSLATE_NOOP("PreviewPage", "new card")),
    "updated": str(QT_TRANSLATE_NOOP("PreviewPage", "updates a card")),
    "skipped": str(QT_TRANSLATE_NOOP("PreviewPage", "skipped")),
    "rejected": str(QT_TRANSLATE_NOOP("PreviewPage", "not imported")),
}


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setObjectName("import_preview_page")
        self.setTitle(self.tr("3. Check before importing"))
        self.setSubTitle(self.tr("Every row as it will be stored. Nothing has been written yet."))
        self.summary = QLabel()
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.accept = QCheckBox(
            self.tr("Accept every warning (e.g. a credit code whose check character fails)")
        )
        self.accept.setObjectName("accept_warnings")
        self.accept.toggled.connect(self._on_choice_changed)
        self.duplicates = QComboBox()
        self.duplicates.setObjectName("duplicates_all")
        for key, text in importing.DUPLICATE_CHOICES.items():
            self.duplicates.addItem(text, key)
        self.duplicates.activated.connect(self._on_choice_changed)
        self.model = RowsModel(
            [self.tr("Row"), self.tr("Result"), self.tr("Customer"), self.tr("Region"),
             self.tr("Category"), self.tr("Problems")]
        )  # fmt: skip
        self.table = QTableView()
        self.table.setObjectName("import_preview_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((48, 90, 220, 110, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_row())
        self.row_choice = QComboBox()
        self.row_choice.setObjectName("duplicate_row")
        for key, text in importing.DUPLICATE_CHOICES.items():
            self.row_choice.addItem(text, key)
        self.row_choice.activated.connect(self._on_row_choice)
        self.details = QPlainTextEdit()
        self.details.setObjectName("import_row_details")
        self.details.setReadOnly(True)
        self.names = UnknownNames()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("This row, if it repeats a card:")))
        side_layout.addWidget(self.row_choice)
        side_layout.addWidget(self.details, 1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(side)
        split.setSizes([640, 300])
        choices = QHBoxLayout()
        choices.addWidget(QLabel(self.tr("Rows that repeat a card:")))
        choices.addWidget(self.duplicates)
        choices.addWidget(self.accept, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(choices)
        layout.addWidget(split, 1)
        layout.addWidget(self.names)

    def initializePage(self) -> None:
        preview = self.w.preview
        assert preview is not None
        self.names.show_unknown(preview.unknown, self.w.choices)
        self.refresh()

    def refresh(self) -> None:
        preview = self.w.preview
        assert preview is not None
        planned = importing.plan(preview, self.w.choices)
        counts = dict.fromkeys(importing.ACTION_LABELS, 0)
        for p in planned:
            counts[p.action] += 1
        text = self.tr("%1 rows: %2 new, %3 updated, %4 skipped, %5 not imported.")
        for n, key in enumerate(("created", "updated", "skipped", "rejected"), start=2):
            text = text.replace(f"%{n}", str(counts[key]))
        self.summary.setText(text.replace("%1", str(len(planned))))
        rows = []
        for p in planned[:PREVIEW_ROWS]:
            r = p.row
            problems = (
                "；".join(("⚠ " if pr.warning else "") + pr.message for pr in r.problems)
                or p.reason
            )
            rows.append(
                (r.line, self.tr(OUTCOME_TEXT[p.action]), r.name, r.refs.get("region", ""),
                 r.refs.get("category", ""), problems)
            )  # fmt: skip
        self.model.set_rows(rows)
        self._show_row()

    def _current_row(self) -> importing.RowCheck | None:
        preview = self.w.preview
        index = self.table.currentIndex()
        if preview is None or not index.isValid():
            return None
        return preview.rows[index.row()]

    def _show_row(self) -> None:
        row, preview = self._current_row(), self.w.preview
        self.row_choice.setEnabled(bool(row and row.is_duplicate))
        if row is None or preview is None:
            self.details.setPlainText("")
            return
        self.row_choice.setCurrentIndex(self.row_choice.findData(self.w.choices.decision(row.line)))
        lines = [("⚠ " if p.warning else "✗ ") + p.message for p in row.problems]
        lines += [f"{_label(k)}：{v}" for k, v in row.shown.items()]
        if row.is_duplicate:
            lines.insert(0, importing.plan_row(preview, self.w.choices, row).reason)
            changes = importing.update_changes(self.w.ctx.actor, preview, row)
            if changes:
                lines.append("")
                lines.append(self.tr("An update would change:"))
                lines += [f"{label}：{old or '—'} → {new}" for label, old, new in changes]
        self.details.setPlainText("\n".join(lines))

    def _on_row_choice(self, _index: int) -> None:
        row = self._current_row()
        if row is not None:
            self.w.choices.per_row[row.line] = self.row_choice.currentData()
            self.refresh()

    def _on_choice_changed(self, *_args: object) -> None:
        self.w.choices.accept_warnings = self.accept.isChecked()
        self.w.choices.duplicates = self.duplicates.currentData()
        self.refresh()

    def validatePage(self) -> bool:
        preview = self.w.preview
        assert preview is not None
        actor, choices = self.w.ctx.actor, self.w.choices
        report = run_with_progress(
            self,
            self.tr("Importing…"),
            lambda progress: importing.run_import(actor, preview, choices, progress=progress),
        )
        if report is None:
            messages.info(self, self.tr("The import was cancelled: the archive is as it was."))
            return False
        self.w.report = report
        return True


class UnknownNames(QGroupBox):
    """The ledger's regions, categories and salespeople the archive does not know, one row
    each with a combo: create it (the default), leave a salesperson empty, or take an existing
    one — offered the most similar first (:func:`archive_desk.importing.candidates`). The choice
    goes straight into the wizard's :class:`~archive_desk.importing.Choices`."""

    KINDS: ClassVar[dict[str, str]] = {
        "region": str(QT_TRANSLATE_NOOP("UnknownNames", "Region")),
        "category": str(QT_TRANSLATE_NOOP("UnknownNames", "Category")),
        "salesperson": str(QT_TRANSLATE_NOOP("UnknownNames", "Salesperson")),
    }
    CREATE, BLANK = -1, importing.BLANK  # combo data: importing.CREATE is None

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Names the archive does not know yet"))
        self.setObjectName("unknown_names")
        self.model = RowsModel(
            [self.tr("Kind"), self.tr("In the ledger"), self.tr("Rows"), self.tr("Take as")]
        )
        self.table = QTableView()
        self.table.setObjectName("unknown_names_table")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from combo to combo
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((70, 200, 50)):
            self.table.setColumnWidth(column, width)
        self.table.setMaximumHeight(140)
        hint = QLabel(
            self.tr("Each is created when importing, unless you take an existing one instead.")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        self.combos: list[QComboBox] = []

    def show_unknown(self, unknown: dict[str, dict[str, int]], choices: importing.Choices) -> None:
        rows = [
            (kind, text, count)
            for kind in self.KINDS
            for text, count in (unknown.get(kind) or {}).items()
        ]
        self.model.set_rows(
            [(self.tr(self.KINDS[kind]), text, count, "") for kind, text, count in rows]
        )
        self.combos = []
        numbered: dict[str, int] = {}
        for r, (kind, text, _count) in enumerate(rows):
            combo = self._combo(kind, text, choices)
            combo.setObjectName(f"unknown_{kind}_{numbered.setdefault(kind, 0)}")
            numbered[kind] += 1
            self.table.setIndexWidget(self.model.index(r, 3), combo)
            self.combos.append(combo)
        self.setVisible(bool(rows))

    def _combo(self, kind: str, text: str, choices: importing.Choices) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(text)
        combo.addItem(self.tr("Create “%1”").replace("%1", text), self.CREATE)
        if kind == "salesperson":
            combo.addItem(self.tr("Leave empty"), self.BLANK)
        combo.insertSeparator(combo.count())
        for option in importing.candidates(kind, text):
            combo.addItem(option.label, option.id)
        chosen = _chosen(choices, kind)
        picked = chosen.get(text, importing.CREATE)
        combo.setCurrentIndex(max(0, combo.findData(self.CREATE if picked is None else picked)))
        combo.currentIndexChanged.connect(
            lambda _i, c=combo: self._on_combo_changed(c, kind, text, choices)
        )
        return combo

    def _on_combo_changed(
        self, combo: QComboBox, kind: str, text: str, choices: importing.Choices
    ) -> None:
        value = combo.currentData()
        _chosen(choices, kind)[text] = importing.CREATE if value == self.CREATE else int(value)


def _chosen(choices: importing.Choices, kind: str) -> dict[str, int | None]:
    """The clerk's choices for the unknown names of ``kind``."""
    return {
        "region": choices.regions,
        "category": choices.categories,
        "salesperson": choices.salespeople,
    }[kind]


def _label(key: str) -> str:
    """The Chinese name of a field the preview shows (存放位置's parts by their own names)."""
    target = importing.TARGET_BY_KEY.get(key)
    if target is not None:
        return target.label
    spec = cards.FIELD_BY_NAME.get(key)
    return spec.label if spec is not None else key


# --- 4. the report ----------------------------------------------------------------------------


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setObjectName("import_report_page")
        self.setTitle(self.tr("4. Done"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("import_report")
        self.text.setReadOnly(True)
        self.save = QPushButton(self.tr("Save the rows &not imported…"))
        self.save.setObjectName("save_rejected")
        self.save.clicked.connect(self.save_rejected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.save, 0, Qt.AlignmentFlag.AlignLeft)

    def initializePage(self) -> None:
        report = self.w.report
        assert report is not None
        self.setSubTitle(report.summary())
        self.text.setPlainText(report.text())
        self.save.setEnabled(bool(report.not_imported))

    def save_rejected(self) -> Path | None:
        report, preview = self.w.report, self.w.preview
        assert report is not None and preview is not None
        stem = Path(report.file).stem
        path = files.save_path(
            self, files.EXCEL, self.tr("Save the rows not imported"), f"{stem}-未导入"
        )
        if path is None:
            return None
        if (
            messages.call(self, importing.write_rejected, self.w.ctx.actor, report, preview, path)
            is None
        ):
            return None
        messages.info(
            self,
            self.tr(
                "%1 rows saved with their reason. Correct them and import that file again."
            ).replace("%1", str(len(report.not_imported))),
        )
        return path
