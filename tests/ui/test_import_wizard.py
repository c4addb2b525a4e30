"""The import wizard driven once through the GUI: file → columns → preview → report."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWizard,
)

from archive_desk import cards
from archive_desk.db.models import Category, Person, Region
from archive_desk.ui import files
from archive_desk.ui.dialogs.import_wizard import ImportWizard
from archive_desk.ui.tabs.cards_tab import CardsTab
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
