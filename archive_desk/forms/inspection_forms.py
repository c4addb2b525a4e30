"""检查整改记录 (a round: its period, scope and inspector, every finding with its proposal,
approval and resolution, the signature lines) and the 盘点报告 (an inventory: the counts per
result, then each list), the inventory also as an Excel workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.platypus import Flowable

from archive_desk.clock import Clock
from archive_desk.forms import excel
from archive_desk.forms.toolkit import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    Column,
    FormDocument,
    SignatureSlot,
    Target,
    field_grid,
    heading,
    para,
    signature_block,
    spacer,
    table,
    title,
)
from archive_desk.inspection.views import (
    FindingDecision,
    FindingView,
    InventoryReport,
    ItemView,
    RoundView,
    ScanResult,
)

# the 盘点报告's lists, in the order the clerk acts on them: what is wrong first
REPORT_ORDER = (
    ScanResult.NOT_FOUND,
    ScanResult.ELSEWHERE,
    ScanResult.ON_LOAN,
    ScanResult.OUT,
    ScanResult.UNKNOWN,
    ScanResult.DESTROYED,
    ScanResult.IN_PLACE,
)


def _when(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


# --- 检查整改记录 ---------------------------------------------------------------------------------


def _proposal(f: FindingView) -> str:
    if not f.proposal:
        return "（尚未提出）"
    deadline = f"\n整改期限：{_day(f.due_on)}" if f.due_on else ""
    return f"{f.proposal}{deadline}\n{f.proposed_by} {_when(f.proposed_at)}".strip()


def _approval(f: FindingView) -> str:
    lines = []
    for d in f.decisions:
        word = "同意" if d.decision == FindingDecision.APPROVED else "退回"
        how = d.method.label + (f" {d.paper_ref}" if d.paper_ref else "")
        said = f"：{d.comment}" if d.comment and d.comment != word else ""
        lines.append(f"{word}{said}\n{d.approver}（{how}）{_when(d.at)}")
    if lines:
        return "\n".join(lines)
    return "（待审批）" if f.proposal else ""


def _resolution(f: FindingView) -> str:
    if not f.resolution:
        return ""
    helped = f"\n协助：{f.helpers}" if f.helpers else ""
    return f"{f.resolution}\n完成于 {_day(f.resolved_on)}，{f.resolved_by}{helped}"


def round_pdf(
    target: Target,
    view: RoundView,
    findings: Sequence[FindingView],
    *,
    org_name: str,
    clock: Clock,
) -> int:
    """检查整改记录 of one round."""
    finished = _when(view.finished_at) or "（进行中）"
    head: list[tuple[str, object] | tuple[str, object, int]] = [
        ("检查编号", view.number), ("检查类型", view.kind_label),
        ("检查期间", f"{view.period_label}（{_when(view.started_at)} 至 {finished}）", 2),
        ("检查范围", view.scope_label), ("检查人", view.inspector),
        ("完成期限", _day(view.due_on)), ("状态", view.state_label),
        ("检查进度", f"已检查 {view.progress}"), ("发现问题", f"{len(findings)} 项"),
        ("备注", view.note, 2),
    ]  # fmt: skip
    rows = [
        (n, f.archive_no, f.card_name, f.kind_label, f.description, _proposal(f), _approval(f),
         _resolution(f), f.state_label)
        for n, f in enumerate(findings, 1)
    ]  # fmt: skip
    story: list[Flowable] = [
        title("检查整改记录"),
        field_grid(head),
        spacer(2),
        heading(f"发现的问题及整改（共 {len(findings)} 项）"),
        table(
            [
                Column("序号", nowrap=True, align="center"),
                Column("档案编号", nowrap=True),
                "客户名称",
                Column("问题类型", nowrap=True),
                "问题描述",
                "处理意见",
                "审批",
                "整改结果",
                Column("状态", nowrap=True),
            ],
            rows,
            empty_text="本轮检查未发现问题",
        ),
        spacer(4),
        signature_block(
            [SignatureSlot("检查人"), SignatureSlot("档案主管审批"), SignatureSlot("整改负责人")],
            columns=3,
            box_mm=(34.0, 12.0),
        ),
    ]
    # landscape: nine columns, four of them text that wraps
    doc = FormDocument(target, "检查整改记录", A4_LANDSCAPE, org_name, "JC-01", clock=clock)
    return doc.build(story)


# --- 盘点报告 -------------------------------------------------------------------------------------


def count_rows(report: InventoryReport) -> list[tuple[str, int]]:
    """The 盘点报告's counts: the list, then each result, in the report's order."""
    v = report.inventory
    rows = [("清单应在（冻结时）", v.expected), ("其中开始时借出", v.lent_at_start)]
    rows += [(r.label, v.counts.get(r, 0)) for r in REPORT_ORDER]
    rows.append(("重复扫描（份）", len(report.duplicates)))
    if report.pending:
        rows.append(("尚未扫描", len(report.pending)))
    return rows


def _item_rows(items: Sequence[ItemView]) -> list[tuple[object, ...]]:
    return [
        (n, i.code, i.name, i.recorded_location, i.scans, _when(i.last_scan_at),
         i.action_label, i.note)
        for n, i in enumerate(items, 1)
    ]  # fmt: skip


ITEM_COLUMNS: list[str | Column] = [
    Column("序号", nowrap=True, align="center"),
    Column("档案编号", nowrap=True),
    "客户名称",
    "记录位置",
    Column("扫描次数", nowrap=True, align="right"),
    Column("最后扫描", nowrap=True),
    Column("处理", nowrap=True),
    "备注",
]


def inventory_pdf(target: Target, report: InventoryReport, *, org_name: str, clock: Clock) -> int:
    """盘点报告: the inventory, the counts per result, then each list."""
    v = report.inventory
    head: list[tuple[str, object] | tuple[str, object, int]] = [
        ("盘点编号", v.number), ("状态", v.state_label),
        ("盘点范围", v.scope_label, 2),
        ("补充位置", "、".join(v.trays) or "无", 2),
        ("盘点人", v.inspector), ("开始", _when(v.started_at)),
        ("结束", _when(v.finished_at) or "（进行中）"), ("已扫描", f"{v.scanned} 份"),
    ]  # fmt: skip
    story: list[Flowable] = [
        title("盘点报告"),
        field_grid(head),
        spacer(2),
        heading("结果统计"),
        table(
            [Column("项目", nowrap=True), Column("份数", nowrap=True, align="right")],
            count_rows(report),
        ),
    ]
    sections = [(r.label, report.lines.get(r, [])) for r in REPORT_ORDER]
    if report.pending:
        sections.insert(0, ("尚未扫描", report.pending))
    sections.append(("重复扫描", report.duplicates))
    for label, items in sections:
        story += [spacer(2), heading(f"{label}（{len(items)} 份）"),
                  table(ITEM_COLUMNS, _item_rows(items), empty_text="无")]  # fmt: skip
    story += [
        spacer(4),
        para("注：“未找到”为清单内、盘点结束时仍未扫描到的档案；借出中的记为“借出未还”。", "small"),
        signature_block([SignatureSlot("盘点人"), SignatureSlot("复核人")]),
    ]
    doc = FormDocument(target, "盘点报告", A4_PORTRAIT, org_name, "PD-01", clock=clock)
    return doc.build(story)


def inventory_workbook(path: Path, report: InventoryReport) -> int:
    """The inventory's result as a workbook: 汇总 (the counts), 明细 (every line with its
    result); the number of lines."""
    v = report.inventory
    wb = excel.make_workbook()
    excel.write_sheet(
        wb.create_sheet(), "汇总", ["项目", "份数"], count_rows(report),
        print_title=f"盘点报告 {v.number}（{v.scope_label}）",
    )  # fmt: skip
    lines = [i for items in report.lines.values() for i in items] + report.pending
    lines.sort(key=lambda i: i.code)
    rows = [
        (i.code, i.name, "是" if i.expected else "否", "是" if i.lent_at_start else "",
         i.recorded_location, i.result_label, i.scans, i.first_scan_at, i.last_scan_at,
         i.action_label, i.note)
        for i in lines
    ]  # fmt: skip
    count = excel.write_sheet(
        wb.create_sheet(),
        "明细",
        ["档案编号", "客户名称", "清单内", "开始时借出", "记录位置", "结果", "扫描次数",
         "首次扫描", "最后扫描", "处理", "备注"],
        rows,
        print_title=f"盘点明细 {v.number}",
    )  # fmt: skip
    excel.save_workbook(wb, path)
    return count
