"""The import wizard driven once through the GUI: file → columns → preview → report."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QPushButton, QWizard

from archive_desk import cards
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
    assert "西南/天府新区" in child(wizard, QLabel, "unknown_names").text()
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
