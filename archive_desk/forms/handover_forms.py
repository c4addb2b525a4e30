"""档案交接单 with its 移交清单, the approval steps and the signature blocks, printed twice in
one PDF (移交方联 / 接收方联), and the register of handovers in a date range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable

from archive_desk.clock import Clock
from archive_desk.forms.toolkit import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    ApprovalRow,
    Column,
    FormDocument,
    SignatureSlot,
    Target,
    approval_block,
    field_grid,
    heading,
    page_break,
    para,
    signature_block,
    spacer,
    table,
    title,
)
from archive_desk.handover.views import (
    ApprovalMethod,
    HandoverStep,
    HandoverView,
    ItemDifference,
    Resolution,
    Signer,
    StepView,
)

COPIES = ("移交方联", "接收方联")


def _when(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _copy(view: HandoverView, copy: str) -> list[Flowable]:
    rows = []
    for i in view.items:
        diff = ItemDifference.label_of(i.difference)
        if diff:
            diff += "，" + (Resolution.label_of(i.resolution) or "未处理")
            if i.resolution_note:
                diff += f"：{i.resolution_note}"
        rows.append(
            (
                i.seq,
                i.name,
                i.carrier,
                i.quantity,
                i.unit,
                i.ref_no,
                "√" if i.checked else "",
                diff or i.note,
            )
        )
    story: list[Flowable] = [
        title("档案交接单"),
        para(f"（{copy}）", "small"),
        field_grid(
            [
                ("交接单号", view.number),
                ("交接类型", view.kind_label),
                ("移交方", f"{view.from_name} {view.from_department}".strip()),
                ("接收方", f"{view.to_name} {view.to_department}".strip()),
                ("监交人", view.witness_name),
                ("交接日期", view.handover_date.isoformat()),
                ("状态", view.state_label),
                ("接收时间", _when(view.received_at)),
                ("交接原因", view.reason, 2),
            ]
        ),
        spacer(2),
        heading(f"移交清单（共 {len(view.items)} 项）"),
        table(
            [
                Column("序号", nowrap=True, align="center"),
                "名称",
                Column("载体", nowrap=True),
                Column("数量", nowrap=True, align="right"),
                Column("单位", nowrap=True),
                Column("编号", nowrap=True),
                Column("核对", nowrap=True, align="center"),
                "备注/差异",
            ],
            rows,
        ),
        spacer(2),
        heading("审批"),
        approval_block(
            [
                ApprovalRow(
                    HandoverStep(s.step).label,
                    ("同意" if s.decision == "approved" else "退回")
                    + (f"：{s.comment}" if s.comment else "")
                    + f"（{ApprovalMethod(s.method).label}{' ' + s.paper_ref if s.paper_ref else ''}）",
                    s.approver_name,
                    _when(s.at),
                    _pad_image(view, s),
                )
                for s in view.steps
            ]
            or [ApprovalRow(step.label) for step in HandoverStep]
        ),
        spacer(3),
        signature_block(
            [
                SignatureSlot(
                    label, view.signed[role][0], view.signed[role][2], _when(view.signed[role][3])
                )
                if role in view.signed
                else SignatureSlot(label)
                for role, label in Signer.labels().items()
            ],
            columns=3,
            box_mm=(34.0, 12.0),
        ),
    ]
    return story


def _pad_image(view: HandoverView, step: StepView) -> bytes | None:
    """The approver's pad signature of a step given on the signature pad."""
    if step.method != "pad":
        return None
    signed = view.signed.get(f"approver_{step.step}")
    return signed[2] if signed else None


def handover_pdf(target: Target, view: HandoverView, *, org_name: str, clock: Clock) -> int:
    story: list[Flowable] = []
    for n, copy in enumerate(COPIES):
        if n:
            story.append(page_break())
        story += _copy(view, copy)
    doc = FormDocument(target, "档案交接单", A4_PORTRAIT, org_name, "JJ-01", clock=clock)
    return doc.build(story)


def register_pdf(
    target: Target,
    views: Sequence[HandoverView],
    *,
    start: dt.date,
    end: dt.date,
    org_name: str,
    clock: Clock,
) -> int:
    story: list[Flowable] = [
        title("档案交接登记簿"),
        para(f"期间：{start.isoformat()} 至 {end.isoformat()}　共 {len(views)} 份", "small"),
        table(
            [Column("交接单号", nowrap=True), Column("日期", nowrap=True), "类型", "移交方", "接收方",
             "监交人", Column("项数", nowrap=True, align="right"), Column("状态", nowrap=True),
             Column("接收时间", nowrap=True)],
            [(v.number, v.handover_date.isoformat(), v.kind_label, v.from_name, v.to_name, v.witness_name,
              len(v.items), v.state_label, _when(v.received_at)) for v in views],
        ),
    ]  # fmt: skip
    doc = FormDocument(target, "档案交接登记簿", A4_LANDSCAPE, org_name, "JJ-02", clock=clock)
    return doc.build(story)


def clerk_application_pdf(
    target: Target, view: HandoverView, *, org_name: str, clock: Clock
) -> int:
    """档案管理员申请单 (seed 000, CJTS/QP/2-A2/QR/02): filed when the archive clerk changes, signed by
    the department manager and the general manager, then kept on record."""
    story: list[Flowable] = [
        title("档案管理员申请单"),
        field_grid(
            [
                ("机构/部门", view.from_department or org_name), ("申请日期", view.handover_date.isoformat()),
                ("原档案管理员", view.from_name), ("新档案管理员", view.to_name),
                ("交接单号", view.number), ("交接档案", f"{sum(1 for i in view.items if i.card_id)} 卷（另有物品 "
                                                     f"{sum(1 for i in view.items if not i.card_id)} 项）"),
                ("变更原因", view.reason, 2),
            ]
        ),
        spacer(4),
        approval_block([ApprovalRow("部门经理意见"), ApprovalRow("机构总经理意见")]),
        spacer(4),
        signature_block([SignatureSlot("申请人"), SignatureSlot("新档案管理员")]),
        spacer(2),
        para("注：经部门经理和机构总经理签字确认后备案存档。", "small"),
    ]  # fmt: skip
    doc = FormDocument(
        target, "档案管理员申请单", A4_PORTRAIT, org_name, "CJTS/QP/2-A2/QR/02", clock=clock
    )
    return doc.build(story)
