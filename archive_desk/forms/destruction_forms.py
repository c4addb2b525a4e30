"""The three forms of a destruction (seed 000 flow steps 6–8): 客户档案销毁建议书 (the proposal with
the manager's and the general manager's opinions), 客户档案销毁清册 (the 销毁处理登记表: the cover —
count, reviewer, approver, witnesses, date, place, method — the rows of the cards destroyed and
the signatures of the two witnesses and the executor; kept for ever) and 销毁处理反馈单 (the
feedback to the superiors). Layouts only: a list's view in, a PDF out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import Flowable

from archive_desk.clock import Clock
from archive_desk.forms.toolkit import (
    A4_PORTRAIT,
    ApprovalRow,
    Column,
    FormDocument,
    SignatureSlot,
    Target,
    approval_block,
    field_grid,
    heading,
    para,
    signature_block,
    spacer,
    table,
    title,
)
from archive_desk.retention.views import (
    ApprovalMethod,
    DestructionStep,
    DestructionView,
    ItemState,
    ItemView,
    Signer,
    StepDecision,
    StepView,
)

COLUMNS: list[str | Column] = [
    Column("序号", nowrap=True, align="center"),
    Column("档案编号", nowrap=True),
    "客户名称",
    Column("所属年度", nowrap=True, align="center"),
    Column("应保管期限", nowrap=True),
    Column("已保管期限", nowrap=True, align="right"),
    Column("页数", nowrap=True, align="right"),
    "销毁原因",
]


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _when(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _rows(items: Sequence[ItemView]) -> list[tuple[object, ...]]:
    return [
        (n, i.archive_no, i.customer_name, i.year or "", i.retention_label, f"{i.kept_years}年",
         i.pages, i.reason)
        for n, i in enumerate(items, 1)
    ]  # fmt: skip


def _opinion(step: StepView | None) -> str:
    if step is None:
        return ""
    how = ApprovalMethod(step.method).label + (f" {step.paper_ref}" if step.paper_ref else "")
    text = StepDecision(step.decision).label + (f"：{step.comment}" if step.comment else "")
    return f"{text}（{how}）"


def _last(view: DestructionView, step: DestructionStep) -> StepView | None:
    found = [s for s in view.steps if s.step == step]
    return found[-1] if found else None


def _approvals(view: DestructionView) -> Flowable:
    rows = []
    for step, role in ((DestructionStep.REVIEW, "主管审核意见"),
                       (DestructionStep.APPROVE, "总经理批准意见")):  # fmt: skip
        given = _last(view, step)
        if given is None:
            rows.append(ApprovalRow(role))
            continue
        signed = view.signed.get(f"approver_{step.value}") if given.method == "pad" else None
        rows.append(ApprovalRow(role, _opinion(given), given.approver_name, _when(given.at),
                                signed[2] if signed else None))  # fmt: skip
    return approval_block(rows)


def proposal_pdf(target: Target, view: DestructionView, *, org_name: str, clock: Clock) -> int:
    """客户档案销毁建议书: the cards proposed (those the manager exempted marked so) and the two
    opinions."""
    listed = view.items
    exempted = [i for i in listed if i.state == ItemState.EXEMPTED]
    story: list[Flowable] = [
        title("客户档案销毁建议书"),
        field_grid(
            [
                ("清册编号", view.number),
                ("提出日期", _day(view.created_at.date())),
                ("提出人", view.proposer_name),
                ("档案数量", f"{len(listed)} 卷"),
                ("状态", view.state_label),
                ("可销毁日期", _day(view.wait_until)),
                ("提请销毁理由", view.reason, 2),
            ]
        ),
        spacer(2),
        heading(f"拟销毁档案（共 {len(listed)} 卷）"),
        table(COLUMNS, _rows(listed)),
    ]
    if exempted:
        story += [
            spacer(2),
            heading("免于销毁"),
            table(
                [Column("档案编号", nowrap=True), "客户名称", "理由"],
                [(i.archive_no, i.customer_name, i.note) for i in exempted],
            ),
        ]
    story += [spacer(3), heading("审批"), _approvals(view)]
    doc = FormDocument(target, "客户档案销毁建议书", A4_PORTRAIT, org_name, "XH-01", clock=clock)
    return doc.build(story)


def register_pdf(target: Target, view: DestructionView, *, org_name: str, clock: Clock) -> int:
    """客户档案销毁清册 (销毁处理登记表): kept for ever."""
    destroyed = view.items_in(ItemState.DESTROYED)
    withheld = view.items_in(ItemState.WITHHELD)
    story: list[Flowable] = [
        title("客户档案销毁清册"),
        para("（销毁处理登记表）", "small"),
        field_grid(
            [
                ("清册编号", view.number),
                ("销毁数量", f"{len(destroyed)} 卷"),
                ("审核人", view.reviewer_name),
                ("批准人", view.approver_name),
                ("监销人", f"{view.witness1}、{view.witness2}" if view.witness1 else ""),
                ("销毁执行人", view.executor),
                ("销毁日期", _day(view.executed_on)),
                ("销毁方式", view.method_label),
                ("销毁地点", view.place, 2),
            ]
        ),
        spacer(2),
        heading(f"销毁档案（共 {len(destroyed)} 卷）"),
        table(COLUMNS, _rows(destroyed)),
    ]
    if withheld:
        story += [
            spacer(2),
            heading("复核未通过、未予销毁"),
            table(
                [Column("档案编号", nowrap=True), "客户名称", "原因"],
                [(i.archive_no, i.customer_name, i.note) for i in withheld],
            ),
        ]
    story += [
        spacer(3),
        signature_block(
            [
                SignatureSlot(signer.label, *_signed(view, signer))
                if signer.value in view.signed
                else SignatureSlot(signer.label)
                for signer in Signer
            ],
            columns=3,
            box_mm=(34.0, 12.0),
        ),
        spacer(2),
        para("注：本清册永久保存。", "small"),
    ]
    doc = FormDocument(target, "客户档案销毁清册", A4_PORTRAIT, org_name, "XH-02", clock=clock)
    return doc.build(story)


def _signed(view: DestructionView, signer: Signer) -> tuple[str, bytes | None, str]:
    name, _method, image, at = view.signed[signer.value]
    return name, image, _when(at)


def feedback_pdf(target: Target, view: DestructionView, *, org_name: str, clock: Clock) -> int:
    """销毁处理反馈单: what was destroyed, when, where and how, reported to the superiors."""
    destroyed = view.items_in(ItemState.DESTROYED)
    withheld = view.items_in(ItemState.WITHHELD)
    exempted = view.items_in(ItemState.EXEMPTED)
    story: list[Flowable] = [
        title("销毁处理反馈单"),
        field_grid(
            [
                ("清册编号", view.number),
                ("批准人", view.approver_name),
                ("销毁日期", _day(view.executed_on)),
                ("销毁方式", view.method_label),
                ("销毁地点", view.place, 2),
                ("销毁数量", f"{len(destroyed)} 卷"),
                ("未予销毁", f"{len(withheld)} 卷"),
                ("免于销毁", f"{len(exempted)} 卷"),
                ("监销人", f"{view.witness1}、{view.witness2}" if view.witness1 else ""),
                ("反馈对象", view.reported_to),
                ("反馈日期", _day(view.reported_on)),
                ("反馈内容", view.feedback, 2),
            ]
        ),
        spacer(2),
        heading("销毁档案"),
        table(
            [
                Column("序号", nowrap=True, align="center"),
                Column("档案编号", nowrap=True),
                "客户名称",
                "销毁原因",
            ],
            [(n, i.archive_no, i.customer_name, i.reason) for n, i in enumerate(destroyed, 1)],
        ),
        spacer(4),
        signature_block([SignatureSlot("报告人"), SignatureSlot("接收人（上级领导）")]),
    ]
    doc = FormDocument(target, "销毁处理反馈单", A4_PORTRAIT, org_name, "XH-03", clock=clock)
    return doc.build(story)
