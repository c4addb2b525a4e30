"""The import wizard driven once through the GUI: file → columns → preview → report."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTreeWidgetItemIterator,
    QWizard,
)

from archive_desk import cards
from archive_desk.db.models import Category, Person, Region
from archive_desk.ui import files
from archive_desk.ui.dialogs.import_wizard import ImportWizard
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.tabs.cards_tab import CardsTab
from tests.cardkit import make_card
from tests.importing.ledgers import write_xlsx
from tests.ui.conftest import child


def test_the_wizard_imports_a_ledger(
    qtbot, clerk, make_ctx, sink, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    ledger = write_xlsx(tmp_path / "客户台账.xlsx")
    rejected = tmp_path / "未导入.xlsx"
    answers = iter([str(ledger), str(rejected)])
    monkeypatch.setattr(files, "runner", lambda _dialog: next(answers))
    ctx = make_ctx(clerk)
    tab = CardsTab(ctx)
    qtbot.addWidget(tab)
    assert child(tab, QPushButton, "import_cards").isEnabled()
    wizard = ImportWizard(ctx, tab)
    qtbot.addWidget(wizard)
    wizard.show()
    child(wizard, QPushButton, "import_browse").click()
    assert wizard.source is not None and wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentPage().objectName() == "import_mapping_page"
    assert wizard.mapping is not None and wizard.mapping.header_row == 2
    wizard.next()  # the check, in the worker
    assert wizard.currentPage().objectName() == "import_preview_page"
    summary = child(wizard, QLabel, "import_summary").text()
    assert summary.startswith("7")  # 7 data rows: the title, note and blank rows are not
    child(wizard, QCheckBox, "accept_warnings").setChecked(True)
    assert child(wizard, QComboBox, "unknown_region_0").currentData() == -1  # create it
    wizard.next()  # the import, in the worker
    assert wizard.currentPage().objectName() == "import_report_page"
    assert wizard.report is not None and wizard.report.counts["created"] == 5
    report = child(wizard, QPlainTextEdit, "import_report").toPlainText()
    assert "第 9 行\t跳过" in report
    child(wizard, QPushButton, "save_rejected").click()
    assert openpyxl.load_workbook(rejected).active.max_row == 3  # header, 杭州, the long name
    names = {r.name for r in cards.card_rows(clerk, cards.card_ids(clerk, cards.CardFilter()))}
    assert "北京海淀科技有限公司" in names and "=1+2 广州公式公司" in names
    assert any("行保存" in t or "rows saved" in t for t in sink.texts("info"))


def test_the_ledgers_unknown_names_mapped_to_existing_ones(
    qtbot, clerk, make_ctx, sink, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """西南/天府新区 taken as 西南 › 四川, 新类别 as GY, the unknown salesperson 王五 left empty:
    nothing new is created."""
    ledger = write_xlsx(tmp_path / "客户台账.xlsx")
    monkeypatch.setattr(files, "runner", lambda _dialog: str(ledger))
    wizard = ImportWizard(make_ctx(clerk))
    qtbot.addWidget(wizard)
    wizard.show()
    child(wizard, QPushButton, "import_browse").click()
    wizard.next()
    wizard.next()
    table = child(wizard, QTableView, "unknown_names_table")
    model = table.model()
    listed = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert listed == [
        ["Region", "西南/天府新区", "1"],
        ["Category", "新类别", "1"],
        ["Salesperson", "王五", "1"],
    ]  # fmt: skip  (tests run untranslated)
    region = child(wizard, QComboBox, "unknown_region_0")
    assert table.indexWidget(model.index(0, 3)) is region
    offered = [region.itemText(i) for i in range(region.count())]
    assert offered[0] == "Create “西南/天府新区”" and offered[2] == "西南"  # 1: a separator
    assert offered[3].startswith("西南 › ")  # the most similar first
    region.setCurrentIndex(region.findText("西南 › 四川"))
    category = child(wizard, QComboBox, "unknown_category_0")
    category.setCurrentIndex(category.findText("GY 工业客户"))
    person = child(wizard, QComboBox, "unknown_salesperson_0")
    assert [person.itemText(i) for i in range(2)] == ["Create “王五”", "Leave empty"]
    person.setCurrentIndex(1)
    child(wizard, QCheckBox, "accept_warnings").setChecked(True)
    counts = (Region.select().count(), Category.select().count(), Person.select().count())
    wizard.next()
    assert wizard.report is not None and wizard.report.counts["created"] == 5
    assert (Region.select().count(), Category.select().count(), Person.select().count()) == counts
    chengdu = cards.get_card(clerk, cards.find_one(clerk, "成都新区客户")[0])
    sichuan = next(r for r in cards.list_regions() if r.path == "西南 › 四川")
    assert chengdu.values["region_id"] == sichuan.id and chengdu.category_code == "GY"
    beijing = cards.get_card(clerk, cards.find_one(clerk, "北京海淀科技有限公司")[0])
    assert beijing.values["salesperson_id"] is None


def _tree_names(tab: CardsTab) -> set[str]:
    found, items = set(), QTreeWidgetItemIterator(tab.tree)
    while items.value():
        found.add(items.value().text(0).split("（")[0])
        items += 1
    return found


def _open_cards_tab(qtbot, clerk, make_ctx, prefs, ledger: Path, monkeypatch) -> CardsTab:  # type: ignore[no-untyped-def]
    make_card(clerk, "已有客户有限公司")  # in 北京
    monkeypatch.setattr(files, "runner", lambda _dialog: str(ledger))
    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show()
    window.show_tab("cards_tab")
    return window.cards_tab


def _import_from(qtbot, tab: CardsTab, monkeypatch, rows: int) -> list[tuple[int, set[str], bool]]:  # type: ignore[no-untyped-def]
    """Run the wizard from the tab's 导入… button; what the tab shows once its list has
    ``rows`` rows, looked at while the wizard still shows its report."""
    seen: list[tuple[int, set[str], bool]] = []

    def import_and_look(wizard: ImportWizard) -> int:
        wizard.show()
        child(wizard, QPushButton, "import_browse").click()
        wizard.next()
        wizard.next()
        child(wizard, QCheckBox, "accept_warnings").setChecked(True)
        wizard.next()  # the import, in the worker
        assert wizard.currentPage().objectName() == "import_report_page"
        qtbot.waitUntil(lambda: tab.model.rowCount() == rows)  # the wizard still open
        names = {tab.model.row_at(r).name for r in range(tab.model.rowCount())}
        seen.append((tab.model.rowCount(), names, "天府新区" in _tree_names(tab)))
        return 1

    monkeypatch.setattr(ImportWizard, "exec", import_and_look)
    child(tab, QPushButton, "import_cards").click()
    assert seen, "the wizard was not run"
    return seen


@pytest.mark.parametrize("first_ids", [1000, 30], ids=["whole-list", "first-ids-only"])
def test_the_open_cards_tab_lists_imported_cards_as_the_import_commits(
    qtbot, clerk, make_ctx, prefs, tmp_path: Path, monkeypatch, first_ids: int
) -> None:  # type: ignore[no-untyped-def]
    """The import's change notice reaches the cards tab: while the wizard still shows its
    report, the tab's list holds the new cards and its tree the region the import created —
    nobody reloads the list. ``first-ids-only``: a long list, of which the tab read only the
    first ids (30 of 40, pages of 5 rows), learns of them by the filter's count."""
    for n in range(39):
        make_card(clerk, f"已有客户{n}号有限公司", location_box=f"{n:03d}")
    ledger = write_xlsx(tmp_path / "客户台账.xlsx")
    tab = _open_cards_tab(qtbot, clerk, make_ctx, prefs, ledger, monkeypatch)
    monkeypatch.setattr(tab.model.card_source, "prefix", first_ids)
    monkeypatch.setattr(tab.model, "page_size", 5)
    tab.apply_filter()
    qtbot.wait(50)  # the rows in view painted
    assert tab.model.rowCount() == 40 and "天府新区" not in _tree_names(tab)
    assert tab.model.card_source.complete == (first_ids > 40)
    [(count, names, new_region_shown)] = _import_from(qtbot, tab, monkeypatch, rows=45)
    assert count == 45 and {"北京海淀科技有限公司", "成都新区客户"} <= names
    assert new_region_shown


def test_a_region_chosen_in_the_tree_stays_chosen_when_imported_cards_arrive(
    qtbot, clerk, make_ctx, prefs, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The tree is read again for the import's new region; the clerk's region stays the
    chosen node and the list's filter, now with the imported card of that region."""
    ledger = write_xlsx(tmp_path / "客户台账.xlsx")
    tab = _open_cards_tab(qtbot, clerk, make_ctx, prefs, ledger, monkeypatch)
    items = QTreeWidgetItemIterator(tab.tree)
    while not items.value().text(0).startswith("北京"):
        items += 1
    tab.tree.setCurrentItem(items.value())
    assert tab.model.rowCount() == 1
    [(_, names, new_region_shown)] = _import_from(qtbot, tab, monkeypatch, rows=2)
    assert names == {"已有客户有限公司", "北京海淀科技有限公司"} and new_region_shown
    current = tab.tree.currentItem()
    assert current is not None and current.text(0).startswith("北京")
