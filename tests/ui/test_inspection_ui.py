"""The inspection tab once through: a round begun, its cards marked reviewed, a finding recorded,
proposed, approved (recorded on paper for the manager, who alone is offered), resolved, the
round ended; an inventory begun and scanned with key events ending in Enter, each result in its
colour and words, a misplaced folder moved from the keyboard, paused, resumed, ended. And the
finding a return opened, listed with its Chinese kind; the overview's to-do opening the list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
)

from archive_desk import accounts, cards
from archive_desk import borrowing as bw
from archive_desk import inspection as ins
from archive_desk.domain import Role
from archive_desk.ui.dialogs import inspection_dialogs as dialogs
from archive_desk.ui.dialogs.scan_dialog import ScanDialog
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.models.scan_log import COLOURS
from archive_desk.ui.tabs.inspection_tab import InspectionTab
from tests.cardkit import make_card
from tests.ui.conftest import child, type_text

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


def _answer(monkeypatch: Any, cls: type, fill: Any) -> list[Any]:
    """Each ``cls`` dialog the tab opens is filled by ``fill`` and OK'd instead of waiting."""
    opened: list[Any] = []

    def exec_(dialog: Any) -> int:
        opened.append(dialog)
        fill(dialog)
        ok = dialog.run()
        assert ok, child(dialog, QLabel, "error").text()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(cls, "exec", exec_)
    return opened


def _scan(qtbot: Any, screen: ScanDialog, code: str) -> str:
    """Type ``code`` into the scan screen's input and press Enter, as a keyboard-wedge scanner
    does; the answer's words."""
    screen.ctx.clock.advance(seconds=20)  # one folder after the other
    box = child(screen, QLineEdit, "scan_input")
    qtbot.keyClicks(box, code)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    return child(screen, QLabel, "scan_result").text()


def _ctrl(qtbot: Any, screen: ScanDialog, key: Qt.Key) -> None:
    """Ctrl+``key`` typed in the scan screen's input (its shortcuts need the window active)."""
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    qtbot.keyClick(child(screen, QLineEdit, "scan_input"), key, Qt.KeyboardModifier.ControlModifier)


def _colour(screen: ScanDialog) -> str:
    label = child(screen, QLabel, "scan_result")
    return label.palette().color(QPalette.ColorRole.Window).name()


@pytest.fixture
def archive(clerk, make_user, clock) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    manager = make_user(Role.MANAGER, "chenjing", department="客服部", full_name="陈静")
    make_user(Role.DEPT_HEAD, "wanggang", department="销售一部", full_name="王刚")
    clock.set("2025-06-01T10:00:00")
    here = [make_card(clerk, f"甲{i}公司", location_box=f"00{i}") for i in range(1, 4)]
    away = make_card(clerk, "乙公司", location_shelf="2", location_box="009")
    clock.set("2026-03-02T09:00:00")
    return {"manager": manager, "here": here, "away": away}


def test_a_whole_round_through_the_tab(qtbot, clerk, archive, make_ctx, monkeypatch, sink) -> None:  # type: ignore[no-untyped-def]
    tab = InspectionTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    rounds = tab.rounds

    def periodic(dialog: dialogs.NewRoundDialog) -> None:
        kind = child(dialog, QComboBox, "round_kind")
        kind.setCurrentIndex(kind.findData("periodic"))
        assert not child(dialog, QLabel, "review_period").isHidden()

    _answer(monkeypatch, dialogs.NewRoundDialog, periodic)
    review = rounds.new_round()
    assert review is not None and review.kind == "periodic"
    assert rounds.selected().id == review.id
    assert rounds.cards_model.rowCount() == 4  # every card is still to go through
    rounds.cards_table.selectRow(0)
    assert rounds.mark_reviewed() == 1
    assert rounds.cards_model.rowCount() == 3
    assert rounds.model.row_at(0).progress == "1 / 4（25%）"

    def finding(dialog: dialogs.FindingDialog) -> None:
        assert (
            child(dialog, QLabel, "finding_card_label")
            .text()
            .startswith(archive["here"][1].archive_no)
        )
        kind = child(dialog, QComboBox, "finding_kind")
        kind.setCurrentIndex(kind.findData("damage"))
        type_text(child(dialog, QPlainTextEdit, "description"), "卷皮破损")

    rounds.cards_table.selectRow(0)
    _answer(monkeypatch, dialogs.FindingDialog, finding)
    found = rounds.record_finding()
    assert found is not None and (found.kind_label, found.origin) == ("破损", review.number)

    page = tab.findings
    page.show_filter("open")
    page.select_id(found.id)

    def proposal(dialog: dialogs.ProposalDialog) -> None:
        type_text(child(dialog, QPlainTextEdit, "proposal"), "换新卷皮")

    _answer(monkeypatch, dialogs.ProposalDialog, proposal)
    proposed = page.open_selected()  # an open finding opens where it waits: the proposal
    assert proposed.state == "proposed"

    def on_paper(dialog: dialogs.FindingApprovalDialog) -> None:
        approver = child(dialog, QComboBox, "approver")
        assert [approver.itemData(i) for i in range(approver.count())] == [
            archive["manager"].user_id
        ]
        method = child(dialog, QComboBox, "method")
        assert [method.itemData(i) for i in range(method.count())] == ["pad", "paper"]
        method.setCurrentIndex(method.findData("paper"))
        qtbot.keyClicks(child(dialog, QLineEdit, "paper_ref"), "P-07")

    page.show_filter("proposed")
    page.select_id(found.id)
    _answer(monkeypatch, dialogs.FindingApprovalDialog, on_paper)
    approved = page.open_selected()
    assert approved.state == "approved" and approved.decision.approver == "陈静"

    def resolution(dialog: dialogs.ResolveDialog) -> None:
        type_text(child(dialog, QPlainTextEdit, "resolution"), "已换新卷皮")
        type_text(child(dialog, QLineEdit, "helpers"), "行政部")

    page.show_filter("approved")
    page.select_id(found.id)
    _answer(monkeypatch, dialogs.ResolveDialog, resolution)
    done = page.open_selected()
    assert done.state == "resolved" and done.helpers == "行政部"
    sink.answers = [True]  # three cards not gone through: end it anyway
    rounds.select_id(review.id)
    ended = rounds.close_round()
    assert ended is not None and ended.state == "closed"
    assert any("还有 3 张档案卡没有检查" in t for t in sink.texts("question"))


def test_an_inventory_scanned_from_the_keyboard(
    qtbot, clerk, archive, make_ctx, monkeypatch, sink
) -> None:  # type: ignore[no-untyped-def]
    tab = InspectionTab(make_ctx(clerk))
    qtbot.addWidget(tab)
    page = tab.inventory

    def shelf(dialog: dialogs.NewInventoryDialog) -> None:
        assert child(dialog, QComboBox, "scope_kind").currentData() == "location"
        qtbot.keyClicks(child(dialog, QLineEdit, "scope_location"), "A-01-1")
        child(dialog, QLineEdit, "scope_location").setText("一号库房-01-1")

    _answer(monkeypatch, dialogs.NewInventoryDialog, shelf)
    view = page.new_inventory()
    assert view is not None and view.expected == 3
    screen = page.scan_window  # the scan screen opened at once (a child of the tab)
    assert screen.input.hasFocus() or screen.focusWidget() is screen.input
    here, away = archive["here"], archive["away"]
    assert _scan(qtbot, screen, here[0].archive_no) == f"在位：{here[0].archive_no} 甲1公司"
    assert _colour(screen) == COLOURS["in_place"]
    assert "记录在 一号库房-01-2-009" in _scan(qtbot, screen, away.archive_no)
    assert _colour(screen) == COLOURS["elsewhere"]
    assert _scan(qtbot, screen, "XY404").startswith("未知编号：XY404")
    assert _colour(screen) == COLOURS["unknown"]
    assert "重复扫描" in _scan(qtbot, screen, here[0].archive_no)
    assert _colour(screen) == COLOURS["duplicate"]
    qtbot.keyClick(child(screen, QLineEdit, "scan_input"), Qt.Key.Key_Return)  # an empty line
    assert "空行" in child(screen, QLabel, "scan_result").text()
    assert _colour(screen) == COLOURS["refused"]
    counts = child(screen, QLabel, "scan_counts").text()
    assert "在位 1" in counts and "位置不符 1" in counts and "重复扫描 1" in counts
    assert "未扫描 2" in counts or "Not yet scanned 2" in counts
    assert [r.result for r in screen.log.rows[:5]] == [
        "refused",
        "duplicate",
        "unknown",
        "elsewhere",
        "in_place",
    ]
    # the misplaced folder moved from the keyboard (the newest misplaced result)
    _ctrl(qtbot, screen, Qt.Key.Key_M)
    moved = cards.get_card(clerk, away.id)
    assert (moved.values["location_shelf"], moved.values["location_box"]) == ("1", "")
    assert "已更正位置" in screen.log.rows[3].result_label
    # paused, resumed where it stopped, ended
    _ctrl(qtbot, screen, Qt.Key.Key_P)
    assert not screen.isVisible() and ins.get_inventory(clerk, view.id).state == "paused"
    page.select_id(view.id)
    again = page.open_scan()
    assert ins.get_inventory(clerk, view.id).state == "open"
    assert [r.code for r in again.log.rows] == [  # the last results back, the newest first
        here[0].archive_no,
        "XY404",
        away.archive_no,
    ]
    assert _scan(qtbot, again, here[1].archive_no).startswith("在位")
    sink.answers = [True]
    _ctrl(qtbot, again, Qt.Key.Key_E)
    ended = ins.get_inventory(clerk, view.id)
    assert ended.state == "closed" and ended.counts[ins.ScanResult.NOT_FOUND] == 1


def test_each_result_shows_in_its_colour(qtbot, clerk, archive, make_ctx, make_user) -> None:  # type: ignore[no-untyped-def]
    """On loan and destroyed, the two results the keyboard test does not meet."""
    head = accounts.login("wanggang", "Secret-123", clock=clerk.clock)
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    lent = archive["here"][2]
    app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [lent.id],
                   mode="read", purpose="核对")  # fmt: skip
    app = bw.decide(head, app.id, app.version, approve=True)
    bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    gone = make_card(clerk, "已销毁公司")
    from archive_desk.db.models import Card

    Card.update(status="destroyed").where(Card.id == gone.id).execute()
    view = ins.start_inventory(
        clerk, ins.Scope(ins.ScopeKind.LOCATION, location=ins.Location("一号库房", "01", "1"))
    )
    screen = ScanDialog(make_ctx(clerk), view)
    qtbot.addWidget(screen)
    assert (
        "开始时借出 1" in child(screen, QLabel, "scan_counts").text()
        or "on loan at the start 1" in child(screen, QLabel, "scan_counts").text()
    )
    assert "借给 张三" in _scan(qtbot, screen, lent.archive_no)
    assert _colour(screen) == COLOURS["on_loan"]
    assert "已销毁" in _scan(qtbot, screen, gone.archive_no)
    assert _colour(screen) == COLOURS["destroyed"]
    log = screen.log
    assert log.data(log.index(0, 3), Qt.ItemDataRole.BackgroundRole).name() == COLOURS["destroyed"]


def test_the_return_made_finding_is_listed_with_its_chinese_kind(
    qtbot, clerk, archive, make_ctx, prefs
) -> None:  # type: ignore[no-untyped-def]
    head = accounts.login("wanggang", "Secret-123", clock=clerk.clock)
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    made = make_card(clerk, "上海浦东贸易有限公司",
                     documents=[cards.DocumentInput("购销合同", "合同", True, 12)])  # fmt: skip
    app = bw.apply(clerk, bw.BorrowerInput(name="赵六", department_id=dept), [made.id],
                   mode="read", purpose="核对")  # fmt: skip
    app = bw.decide(head, app.id, app.version, approve=True)
    app = bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    doc = cards.get_card(clerk, made.id).documents[0]
    bw.return_items(clerk, app.id, app.version,
                    [bw.ItemReturn(app.items[0].id, [bw.DocumentCheck(int(doc.id or 0), damaged=True)])],
                    borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    window = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.overview_tab)
    qtbot.waitUntil(lambda: "findings_open" in window.overview_tab.buttons, timeout=5000)
    button = window.overview_tab.buttons["findings_open"]
    assert button.text().startswith("1 ")
    button.click()
    tab = window.inspection_tab
    assert window.tabs.currentWidget() is tab and tab.pages.currentWidget() is tab.findings
    assert child(tab, QComboBox, "finding_state").currentData() == "open"
    model = tab.findings.model
    assert model.rowCount() == 1
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    found_by = titles.index("Found by")
    assert shown[1] == made.archive_no and shown[3] == "破损" and "借阅归还" in shown[found_by]
    assert shown[6] == "待提处理意见"


def test_the_manager_sees_the_findings_page_only_to_approve(
    qtbot, clerk, archive, make_ctx
) -> None:  # type: ignore[no-untyped-def]
    f = ins.new_finding(clerk, archive["here"][0].id, kind="damage", description="破损",
                        proposal="修补", due_on=dt.date(2026, 3, 31))  # fmt: skip
    tab = InspectionTab(make_ctx(archive["manager"]))
    qtbot.addWidget(tab)
    assert tab.pages.currentWidget() is tab.findings
    assert child(tab, QComboBox, "finding_state").currentData() == "proposed"
    assert not child(tab, QPushButton, "new_round").isEnabled()
    assert not child(tab, QPushButton, "scan_inventory").isEnabled()
    assert child(tab, QPushButton, "approve_finding").isEnabled()
    tab.findings.select_id(f.id)
    dialog = dialogs.FindingApprovalDialog(
        make_ctx(archive["manager"]), ins.get_finding(clerk, f.id)
    )
    qtbot.addWidget(dialog)
    method = child(dialog, QComboBox, "method")
    assert [method.itemData(i) for i in range(method.count())] == ["login"]
    ok = child(dialog, QDialogButtonBox, "buttons").button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    assert dialog.run() and dialog.result_view.state == "approved"
