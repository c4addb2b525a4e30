"""The inspection tab's findings list as a clerk reads it at 1024×768: 序号 is the row's running
number (as in every printed form's 序号), not the database's id; the description and the
proposal share the room left by the other columns, elided, so the list never scrolls sideways;
their full text is in the tooltip, wrapped."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QTableView

from archive_desk import accounts, demo
from archive_desk import inspection as ins
from archive_desk.ui import app as gui_app
from archive_desk.ui.context import AppContext
from archive_desk.ui.main_window import MainWindow
from tests.ui.conftest import child


@pytest.mark.parametrize(("size", "language"), [((1024, 768), "zh_CN"), ((1024, 768), "en"),
                                                ((1280, 800), "zh_CN")])  # fmt: skip
def test_the_findings_list_numbers_its_rows_and_never_scrolls_sideways(
    qtbot: Any, db: Any, db_path: Any, clock: Any, prefs: Any, size: tuple[int, int],
    language: str,
) -> None:  # fmt: skip
    demo.populate(clock=clock, cards_count=40, loans=30)
    actor = accounts.login("lihua", demo.DEMO_PASSWORD, clock=clock)
    card_id = ins.list_findings(actor, ins.FindingFilter(state="all"), 0, 1)[0].card_id
    long_text = "卷内《购销合同》第 3 至 7 页缺失，" * 8 + "需向业务员和客户核实后补齐。"
    ins.new_finding(actor, card_id, kind="missing_pages", description=long_text)
    translator = QTranslator()
    if language != "en":
        assert translator.load(str(gui_app.translation_file(language)))
        QCoreApplication.installTranslator(translator)
    try:
        window = MainWindow(AppContext(location=db_path, actor=actor, clock=clock), prefs)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.tabs.setCurrentIndex(window.tabs.indexOf(window.tab("inspection_tab")))
        tab = window.tab("inspection_tab")
        tab.pages.setCurrentWidget(tab.findings)
        page = tab.findings
        page.state.setCurrentIndex(page.state.findData("all"))
        qtbot.wait(20)
        table = child(page, QTableView, "finding_table")
        model = table.model()
        rows = [model.row_at(r) for r in range(model.rowCount())]
        assert len(rows) >= 5
        numbers = [model.index(r, 0).data() for r in range(len(rows))]
        assert numbers == [str(n) for n in range(1, len(rows) + 1)]
        assert numbers != [str(f.id) for f in rows]  # the demo's ids run backwards here
        assert table.horizontalScrollBar().maximum() == 0, "the list scrolls sideways"
        titles = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        description = titles.index("问题描述" if language != "en" else "Description")
        row = next(r for r, f in enumerate(rows) if f.description == long_text)
        assert table.columnWidth(description) >= 100
        tip = model.index(row, description).data(Qt.ItemDataRole.ToolTipRole)
        assert tip == f"<p>{long_text}</p>"  # the full text, rich text: Qt wraps it
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_finding_dialogs_name_the_card_not_the_id(
    qtbot: Any, db: Any, db_path: Any, clock: Any
) -> None:
    from archive_desk.ui.dialogs import inspection_dialogs as dialogs

    demo.populate(clock=clock, cards_count=40, loans=30)
    actor = accounts.login("lihua", demo.DEMO_PASSWORD, clock=clock)
    ctx = AppContext(location=db_path, actor=actor, clock=clock)
    view = ins.list_findings(actor, ins.FindingFilter(state="all"), 0, 1)[0]
    for cls in (
        dialogs.ProposalDialog,
        dialogs.FindingApprovalDialog,
        dialogs.ResolveDialog,
        dialogs.FindingReadDialog,
    ):
        dialog = cls(ctx, view)
        qtbot.addWidget(dialog)
        title = dialog.windowTitle()
        assert f"{view.archive_no}（{view.kind_label}）" in title, title
        assert str(view.id) not in title.replace(view.archive_no, ""), title
