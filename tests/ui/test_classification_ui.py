"""Settings › regions and categories: the dialogs that add them ask the same things in the
same order, and keep the clerk's input when the service refuses it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from archive_desk import cards as classification
from archive_desk.ui.tabs import classification_page
from archive_desk.ui.tabs.classification_page import ClassificationPage, EntryDialog
from tests.ui.conftest import child, type_text


def _field_order(dialog: QDialog) -> list[str]:
    form = dialog.findChild(QFormLayout)
    assert form is not None
    fields = (form.itemAt(row, QFormLayout.ItemRole.FieldRole) for row in range(form.rowCount()))
    return [item.widget().objectName() for item in fields if item and item.widget()]


def _answer(monkeypatch, answer: Callable[[EntryDialog], int]) -> list[EntryDialog]:  # type: ignore[no-untyped-def]
    """Each dialog the page opens is answered by ``answer`` instead of waiting modally."""
    opened: list[EntryDialog] = []

    def exec_(dialog: EntryDialog) -> int:
        opened.append(dialog)
        return answer(dialog)

    monkeypatch.setattr(classification_page.EntryDialog, "exec", exec_)
    return opened


def test_region_and_category_dialogs_ask_name_then_code(qtbot, admin, make_ctx, monkeypatch):  # type: ignore[no-untyped-def]
    page = ClassificationPage(make_ctx(admin))
    qtbot.addWidget(page)
    opened = _answer(monkeypatch, lambda dialog: QDialog.DialogCode.Rejected.value)
    page.add_region()
    page.regions.setCurrentItem(page.regions.topLevelItem(1))  # 华东
    page.add_subregion()
    page.add_category()
    assert [d.objectName() for d in opened] == ["region_dialog"] * 2 + ["category_dialog"]
    assert [_field_order(d) for d in opened] == [["entry_name", "entry_code"]] * 3
    assert "华东" in opened[1].windowTitle()  # a sub-region says under which region it goes
    names = {r.name for r in classification.list_regions()}
    assert "海外" not in names and len(classification.list_categories()) == 5  # nothing added


def test_a_refused_entry_stays_in_the_dialog_until_it_is_put_right(
    qtbot, admin, make_ctx, monkeypatch
) -> None:
    page = ClassificationPage(make_ctx(admin))
    qtbot.addWidget(page)

    def fill(dialog: EntryDialog) -> int:
        type_text(child(dialog, QLineEdit, "entry_name"), "建筑客户")
        code = child(dialog, QLineEdit, "entry_code")
        code.setText("GY")  # in use
        dialog.ok_button.click()
        assert dialog.result() != QDialog.DialogCode.Accepted.value
        assert "已被使用" in child(dialog, QLabel, "entry_error").text()
        assert child(dialog, QLineEdit, "entry_name").text() == "建筑客户"  # kept
        code.setText("jz")
        dialog.ok_button.click()
        return dialog.result()

    _answer(monkeypatch, fill)
    page.add_category()
    added = next(c for c in classification.list_categories() if c.code == "JZ")
    assert added.name == "建筑客户"
    shown = page.categories.findItems("JZ", classification_page.Qt.MatchFlag.MatchExactly, 0)
    assert len(shown) == 1  # the list was read again
