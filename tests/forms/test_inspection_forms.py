"""Inspection's forms read back: the 检查整改记录 of a round (period, scope, inspector, each
finding with its proposal, approval and resolution, signature lines), the 盘点报告 (counts per
result, then each list), the inventory's workbook reopened; each print staged and audited;
``archive-desk inventory`` and ``archive-desk print inspection`` on the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from archive_desk import cli
from archive_desk import inspection as ins
from archive_desk.db import connection
from archive_desk.db.models import AuditEvent
from archive_desk.domain import Role
from archive_desk.errors import PermissionDenied
from archive_desk.inspection import output
from tests.cardkit import make_card
from tests.conftest import PASSWORD
from tests.forms.pdfcheck import broken, layout_lines, unembedded_fonts

SHELF = ins.Scope(ins.ScopeKind.LOCATION, location=ins.Location("一号库房", "01", "1"))


def _flat(path: Path) -> str:
    """The text in drawing order (a wrapped cell's lines one after the other), no spaces."""
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture
def round_with_findings(clerk, make_user, clock) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    manager = make_user(Role.MANAGER, "chenjing", department="客服部", full_name="陈静")
    clock.set("2025-06-01T10:00:00")
    made = [
        make_card(clerk, name)
        for name in ("北京海淀科技有限公司", "单县建材有限公司", "长沙银河医药有限公司")
    ]
    clock.set("2026-03-02T09:00:00")
    review = ins.start_round(clerk, kind="periodic")
    ins.mark_reviewed(clerk, [made[0].id, made[1].id], round_id=review.id)
    resolved = ins.new_finding(clerk, made[0].id, kind="missing_pages", description="合同缺第3页",
                               round_id=review.id, proposal="请业务员补交", due_on=dt.date(2026, 3, 20))  # fmt: skip
    resolved = ins.decide(clerk, resolved.id, resolved.version, approve=True, method="paper",
                          approver_id=manager.user_id, paper_ref="整改审批 12")  # fmt: skip
    ins.resolve(clerk, resolved.id, resolved.version, resolution="已补交并归卷",
                resolved_on=dt.date(2026, 3, 2), helpers="销售一部")  # fmt: skip
    ins.new_finding(clerk, made[1].id, kind="damage", description="卷皮破损", round_id=review.id)
    return {"round": ins.get_round(clerk, review.id), "cards": made}


def test_the_inspection_record_reads_back(clerk, round_with_findings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    review = round_with_findings["round"]
    out = tmp_path / "检查整改记录.pdf"
    assert output.print_round(clerk, review.id, out) >= 1
    text = _flat(out)
    for expected in ("检查整改记录", review.number, "例行检查", "2026年2月", "全部档案", "李档案",
                     "已检查2/3（66%）", "合同缺第3页", "请业务员补交", "整改期限：2026-03-20",
                     "同意", "陈静（纸面审批整改审批12）", "已补交并归卷", "完成于2026-03-02",
                     "协助：销售一部", "卷皮破损", "（尚未提出）", "待提处理意见", "已整改",
                     "检查人：", "档案主管审批：", "整改负责人："):  # fmt: skip
        assert expected in text, expected
    assert (
        broken(out, [c.archive_no for c in round_with_findings["cards"][:2]] + [review.number])
        == []
    )
    assert unembedded_fonts(out) == []
    event = AuditEvent.select().where(AuditEvent.action == "inspection.print").get()
    assert event.entity_id == str(review.id) and str(out) in event.after
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # nothing staged left


@pytest.fixture
def inventory(clerk, make_user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    here = [make_card(clerk, f"甲{i}公司", location_box=f"00{i}") for i in range(1, 4)]
    away = make_card(clerk, "乙公司", location_shelf="2")
    view = ins.start_inventory(clerk, SHELF)
    for code in (here[0].archive_no, away.archive_no, "XY404", here[0].archive_no):
        ins.scan(clerk, view.id, code)
    return {"view": view, "here": here, "away": away}


def test_the_inventory_report_reads_back(clerk, inventory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view, here, away = inventory["view"], inventory["here"], inventory["away"]
    out = tmp_path / "盘点报告.pdf"
    output.print_inventory(clerk, view.id, out)
    lines = layout_lines(out)
    text = _flat(out)
    for expected in ("盘点报告", view.number, "位置：一号库房-01-1", "清单应在（冻结时）3", "在位1",
                     "位置不符1", "未知编号1", "重复扫描（份）1", "尚未扫描2", "尚未扫描（2份）",
                     "位置不符（1份）", "一号库房-01-2-001", "XY404", "盘点人：", "复核人："):  # fmt: skip
        assert expected in text, expected
    # counts first, then the lists
    first_list = next(n for n, line in enumerate(lines) if "尚未扫描（2 份）" in line)
    assert any("在位" in line and "1" in line for line in lines[:first_list])
    assert broken(out, [here[1].archive_no, here[2].archive_no, away.archive_no]) == []
    assert unembedded_fonts(out) == []
    closed = ins.close_inventory(clerk, view.id, ins.get_inventory(clerk, view.id).version,
                                 confirm_warnings=True)  # fmt: skip
    output.print_inventory(clerk, closed.id, out)
    assert "未找到（2份）" in _flat(out) and "尚未扫描" not in _flat(out)


def test_the_inventory_workbook_reopens(clerk, inventory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = inventory["view"]
    out = tmp_path / "盘点.xlsx"
    assert output.export_inventory(clerk, view.id, out) == 5  # 3 listed, 1 elsewhere, 1 unknown
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "明细"]
    summary = {row[0]: row[1] for row in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["清单应在（冻结时）"] == 3 and summary["在位"] == 1 and summary["未知编号"] == 1
    rows = list(wb["明细"].iter_rows(values_only=True))
    assert rows[0][:6] == ("档案编号", "客户名称", "清单内", "开始时借出", "记录位置", "结果")
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code[inventory["away"].archive_no][5] == "位置不符"
    assert by_code[inventory["here"][0].archive_no][6] == 2  # scanned twice
    assert by_code["XY404"][2] == "否"
    assert AuditEvent.select().where(AuditEvent.action == "inventory.export").count() == 1


def test_printing_is_refused_to_who_may_not(inventory, make_user, tmp_path) -> None:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部")
    with pytest.raises(PermissionDenied):
        output.print_inventory(head, inventory["view"].id, tmp_path / "x.pdf")
    assert not [p for p in tmp_path.iterdir() if ".pdf" in p.name]


def test_the_inventory_command_prints_what_the_screen_shows(
    clerk, db_path, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    here = [make_card(clerk, f"甲{i}公司") for i in range(1, 3)]
    away = make_card(clerk, "乙公司", location_shelf="2")
    scans = tmp_path / "scans.txt"
    scans.write_text(f"{here[0].archive_no}\n\n{away.archive_no}\nＸＹ９\n%%%\n{here[0].archive_no}\n",
                     encoding="utf-8")  # fmt: skip
    connection.close_database()
    monkeypatch.setenv(cli.ENV_PASSWORD, PASSWORD)
    argv = ["--db", str(db_path), "--user", "clerk", "inventory", "--location", "一号库房-01-1",
            "--scans", str(scans)]  # fmt: skip
    assert cli.main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("盘点 PD2026-0001") and "位置：一号库房-01-1" in out[0]
    answers = [line.split("\t") for line in out[1:7]]
    assert [a[1] for a in answers] == [
        "在位",
        "未记录",
        "位置不符",
        "未知编号",
        "未记录",
        "重复扫描",
    ]
    assert "空行" in answers[1][2] and "不是档案编号" in answers[4][2]
    assert any("在位 1" in line and "未扫描 1" in line for line in out)
    # a second batch continues the same inventory, then closes it
    scans.write_text(f"{here[1].archive_no}\n", encoding="utf-8")
    assert cli.main([*argv, "--close"]) == 0
    out = capsys.readouterr().out
    assert "盘点 PD2026-0001" in out and "已结束" in out
    assert cli.main([*argv[:-2], "--scans", str(tmp_path / "missing.txt")]) == 1
    assert "找不到扫描文件" in capsys.readouterr().err
    connection.open_database(db_path)


def test_print_inspection_command(
    round_with_findings, db_path, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    review = round_with_findings["round"]
    connection.close_database()
    monkeypatch.setenv(cli.ENV_PASSWORD, PASSWORD)
    out = tmp_path / "record.pdf"
    argv = ["--db", str(db_path), "--user", "clerk", "print", "inspection"]
    assert cli.main([*argv, review.number, "--out", str(out)]) == 0
    assert "检查整改记录" in _flat(out)
    assert cli.main([*argv, "JC1999-0001", "--out", str(out)]) == 1
    assert "没有编号为“JC1999-0001”的检查轮次" in capsys.readouterr().err
    connection.open_database(db_path)
