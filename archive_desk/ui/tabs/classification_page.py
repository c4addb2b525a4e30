"""Settings › regions and categories: a region tree and the category list with label colours.

A region or category in use can only be retired (the service refuses to delete it). A new one is
asked for in one dialog, name first and then code, alike for both (the clerk thinks of “华东”
or “工业客户” before its letters)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive_desk import cards
from archive_desk.errors import KnownError
from archive_desk.permissions import Perm
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.widgets.buttons import Slot, button_row


class EntryDialog(QDialog):
    """Name, then code, of a new region or category. OK hands both to ``submit`` (the service
    call); a refusal is shown here and the typed input stays, to be put right."""

    def __init__(
        self,
        name: str,
        title: str,
        code_label: str,
        submit: Callable[[str, str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.submit = submit
        self.name = QLineEdit()
        self.name.setObjectName("entry_name")
        self.code = QLineEdit()
        self.code.setObjectName("entry_code")
        self.code.setMaxLength(10)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(code_label, self.code)
        self.error = QLabel()
        self.error.setObjectName("entry_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("entry_buttons")
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)

    def _submit(self) -> None:
        try:
            self.submit(self.name.text(), self.code.text())
        except KnownError as exc:
            self.error.setText(exc.message)
            field = exc.field or next(iter(getattr(exc, "errors", {})), None)
            (self.code if field == "code" else self.name).setFocus()
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        name: str,
        title: str,
        code_label: str,
        submit: Callable[[str, str], object],
    ) -> bool:
        """True when the entry was made."""
        return cls(name, title, code_label, submit, parent).exec() == QDialog.DialogCode.Accepted


class ClassificationPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        editable = ctx.can(Perm.CLASSIFICATION_MANAGE)
        self.regions = QTreeWidget()
        self.regions.setObjectName("region_tree")
        self.regions.setHeaderLabels([self.tr("Region"), self.tr("Code"), self.tr("State")])
        self.categories = QTreeWidget()
        self.categories.setObjectName("category_list")
        self.categories.setRootIsDecorated(False)
        self.categories.setHeaderLabels(
            [self.tr("Code"), self.tr("Category"), self.tr("Label colour"), self.tr("State")]
        )
        region_box = QGroupBox(self.tr("Regions"))
        region_layout = QVBoxLayout(region_box)
        region_layout.addWidget(self.regions)
        region_layout.addLayout(
            self._buttons(
                editable,
                ("add_region", self.tr("Add region…"), self.add_region),
                ("add_subregion", self.tr("Add sub-region…"), self.add_subregion),
                ("rename_region", self.tr("Rename…"), self.rename_region),
                ("retire_region", self.tr("Retire / reactivate"), self.toggle_region),
                ("delete_region", self.tr("Delete"), self.delete_region),
            )
        )
        category_box = QGroupBox(self.tr("Categories"))
        category_layout = QVBoxLayout(category_box)
        category_layout.addWidget(self.categories)
        category_layout.addLayout(
            self._buttons(
                editable,
                ("add_category", self.tr("Add category…"), self.add_category),
                ("rename_category", self.tr("Rename…"), self.rename_category),
                ("colour_category", self.tr("Label colour…"), self.colour_category),
                ("retire_category", self.tr("Retire / reactivate"), self.toggle_category),
                ("delete_category", self.tr("Delete"), self.delete_category),
            )
        )
        layout = QHBoxLayout(self)
        layout.addWidget(region_box, 3)
        layout.addWidget(category_box, 2)
        self.reload()

    def _buttons(self, editable: bool, *specs: tuple[str, str, Slot]) -> QLayout:
        return button_row((name, text, slot, editable) for name, text, slot in specs)

    def reload(self) -> None:
        retired, active = self.tr("retired"), self.tr("in use")
        self.regions.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for r in cards.list_regions():
            item = QTreeWidgetItem([r.name, r.code, retired if r.retired else active])
            item.setData(0, Qt.ItemDataRole.UserRole, r)
            parent = items.get(r.parent_id) if r.parent_id else None
            (parent.addChild(item) if parent else self.regions.addTopLevelItem(item))
            items[r.id] = item
        self.categories.clear()
        for c in cards.list_categories():
            item = QTreeWidgetItem([c.code, c.name, c.color, retired if c.retired else active])
            item.setBackground(2, QBrush(QColor(c.color)))
            item.setData(0, Qt.ItemDataRole.UserRole, c)
            self.categories.addTopLevelItem(item)
        for column in range(3):
            self.regions.resizeColumnToContents(column)

    def _region(self) -> cards.RegionView | None:
        item = self.regions.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _category(self) -> cards.CategoryView | None:
        item = self.categories.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    # regions
    def add_region(self, parent: cards.RegionView | None = None) -> None:
        def create(name: str, code: str) -> object:
            return cards.create_region(
                self.ctx.actor, name, parent_id=parent.id if parent else None, code=code
            )

        title = (
            self.tr("New region under %1").replace("%1", parent.path)
            if parent
            else self.tr("New region")
        )
        if EntryDialog.ask(
            self, "region_dialog", title, self.tr("Code (letters, may stay empty):"), create
        ):
            self.reload()

    def add_subregion(self) -> None:
        region = self._region()
        if region is None:
            messages.info(self, self.tr("Select the parent region first."))
            return
        self.add_region(region)

    def rename_region(self) -> None:
        r = self._region()
        if r is None:
            return
        name = self._ask(self.tr("Rename region"), self.tr("Name:"), r.name)
        if name is not None and messages.attempt(
            self, cards.update_region, self.ctx.actor, r.id, r.version,
            name=name, code=r.code, parent_id=r.parent_id,
        ):  # fmt: skip
            self.reload()

    def toggle_region(self) -> None:
        r = self._region()
        if r is not None and messages.attempt(
            self, cards.set_region_retired, self.ctx.actor, r.id, not r.retired
        ):
            self.reload()

    def delete_region(self) -> None:
        r = self._region()
        if r is None or not messages.confirm(
            self, self.tr("Delete the region %1?").replace("%1", r.path)
        ):
            return
        if messages.attempt(self, cards.delete_region, self.ctx.actor, r.id):
            self.reload()

    # categories
    def add_category(self) -> None:
        def create(name: str, code: str) -> object:
            return cards.create_category(self.ctx.actor, code, name)

        if EntryDialog.ask(
            self, "category_dialog", self.tr("New category"),
            self.tr("Code (letters, e.g. GY):"), create,
        ):  # fmt: skip
            self.reload()

    def rename_category(self) -> None:
        c = self._category()
        if c is None:
            return
        name = self._ask(self.tr("Rename category"), self.tr("Name:"), c.name)
        if name is not None and messages.attempt(
            self,
            cards.update_category,
            self.ctx.actor,
            c.id,
            c.version,
            name=name,
            color=c.color,
        ):
            self.reload()

    def colour_category(self) -> None:
        c = self._category()
        if c is None:
            return
        colour = QColorDialog.getColor(QColor(c.color), self, self.tr("Label colour"))
        if colour.isValid() and messages.attempt(
            self, cards.update_category, self.ctx.actor, c.id, c.version,
            name=c.name, color=colour.name(),
        ):  # fmt: skip
            self.reload()

    def toggle_category(self) -> None:
        c = self._category()
        if c is not None and messages.attempt(
            self, cards.set_category_retired, self.ctx.actor, c.id, not c.retired
        ):
            self.reload()

    def delete_category(self) -> None:
        c = self._category()
        if c is None or not messages.confirm(
            self, self.tr("Delete the category %1?").replace("%1", c.name)
        ):
            return
        if messages.attempt(self, cards.delete_category, self.ctx.actor, c.id):
            self.reload()
