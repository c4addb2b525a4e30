"""Printed forms of borrowing: 借阅申请单 (with the approval block), 借阅登记簿 (with the signature
images in the signature columns), 影印登记表, 催还通知单 and the month-end list for the general
manager. Layouts only: plain data in, a PDF out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from reportlab.platypus import Flowable

from archive_desk.borrowing.views import (
    ApprovalMethod,
    BorrowingView,
    CopyView,
    ItemState,
    MonthEndData,
    OverdueRow,
    ReturnCondition,
    copy_note,
)
from archive_desk.clock import Clock
from archive_desk.domain import role_label
from archive_desk.forms.toolkit import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    ApprovalRow,
    Column,
    FormDocument,
    SignatureBox,
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


def _when(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def application_pdf(target: Target, view: BorrowingView, *, org_name: str, clock: Clock) -> int:
    sig = {s.role: s for s in view.signatures}
    story: list[Flowable] = [
        title("借阅申请单"),
        field_grid(
            [
                ("申请单号", view.number),
                ("申请日期", _day(view.applied_on)),
                ("借阅人", view.borrower_name),
                ("部门", view.borrower_department),
                ("电话", view.borrower_phone),
                ("借阅方式", view.mode_label),
                ("预计归还", _day(view.expected_return)),
                ("状态", view.state_label),
                ("借阅用途", view.purpose, 2),
            ]
        ),
        spacer(2),
        heading("借阅档案"),
        table(
            [
                Column("序号", nowrap=True, align="center"),
                Column("档案编号", nowrap=True),
                "客户名称",
                Column("状态", nowrap=True),
                Column("借出时间", nowrap=True),
                Column("应还日期", nowrap=True),
                Column("归还时间", nowrap=True),
                "归还核对",
            ],
            [
                (
                    n,
                    i.archive_no,
                    i.card_name,
                    ItemState(i.state).label,
                    _when(i.lent_at),
                    _day(i.due_date),
                    _when(i.returned_at),
                    ReturnCondition.label_of(i.condition)
                    + (f"：{i.return_note}" if i.return_note else ""),
                )
                for n, i in enumerate(view.items, 1)
            ],
        ),
        spacer(2),
        heading("审批"),
        approval_block(
            [
                ApprovalRow(
                    role_label(a.approver_role),
                    ("同意" if a.decision == "approved" else "不同意")
                    + (f"：{a.comment}" if a.comment else "")
                    + f"（{ApprovalMethod(a.method).label}{' ' + a.paper_ref if a.paper_ref else ''}）",
                    a.approver_name,
                    _when(a.at),
                    sig["approver"].image if a.method == "pad" and "approver" in sig else None,
                )
                for a in view.approvals
            ]
            or [ApprovalRow(role_label(view.required_role))]
        ),
        spacer(3),
        signature_block(
            [
                SignatureSlot("借阅人", *(_slot(sig.get("borrower")))),
                SignatureSlot("档案管理员", *(_slot(sig.get("clerk")))),
            ]
        ),
    ]
    if "return_borrower" in sig or "return_clerk" in sig:
        story += [
            spacer(3),
            heading("归还签字"),
            signature_block(
                [
                    SignatureSlot("借阅人（归还）", *(_slot(sig.get("return_borrower")))),
                    SignatureSlot("档案管理员（接收）", *(_slot(sig.get("return_clerk")))),
                ]
            ),
        ]
    doc = FormDocument(target, "借阅申请单", A4_PORTRAIT, org_name, "JY-01", clock=clock)
    return doc.build(story)


def _slot(s) -> tuple[str, bytes | None, str]:
    if s is None:
        return "", None, ""
    return s.signer_name, s.image, _when(s.signed_at)


@dataclass(frozen=True)
class RegisterRow:
    lent_at: dt.datetime
    number: str
    archive_no: str
    card_name: str
    borrower: str
    department: str
    mode: str
    due_date: dt.date | None
    returned_at: dt.datetime | None
    condition: str | None
    borrower_signature: bytes | None
    clerk_signature: bytes | None
    on_paper: bool


def register_pdf(
    target: Target,
    rows: Sequence[RegisterRow],
    *,
    start: dt.date,
    end: dt.date,
    org_name: str,
    clock: Clock,
) -> int:
    def sign(image: bytes | None, on_paper: bool) -> object:
        if image:
            return SignatureBox(image, 20, 8)  # narrow: the names need the room more
        return "纸面签字" if on_paper else ""

    body = [
        (n, _when(r.lent_at), r.number, r.archive_no, r.card_name, r.borrower, r.department, r.mode,
         _day(r.due_date), _when(r.returned_at), ReturnCondition.label_of(r.condition),
         sign(r.borrower_signature, r.on_paper), sign(r.clerk_signature, r.on_paper))
        for n, r in enumerate(rows, 1)
    ]  # fmt: skip
    story: list[Flowable] = [
        title("客户档案借阅登记簿"),
        para(f"期间：{start.isoformat()} 至 {end.isoformat()}　共 {len(rows)} 条", "small"),
        table(
            [
                Column("序号", nowrap=True, align="center"),
                "借出时间",  # the time may go under the date
                Column("申请单号", nowrap=True),
                Column("档案编号", nowrap=True),
                "客户名称",
                "借阅人",
                "部门",
                Column("方式", nowrap=True),
                Column("应还", nowrap=True),
                "归还时间",
                Column("归还状况", nowrap=True),
                Column("借阅人签字", nowrap=True),
                Column("管理员签字", nowrap=True),
            ],
            body,
        ),
    ]
    doc = FormDocument(target, "客户档案借阅登记簿", A4_LANDSCAPE, org_name, "JY-02", clock=clock)
    return doc.build(story)


def copies_pdf(target: Target, rows: Sequence[CopyView], *, org_name: str, clock: Clock) -> int:
    story: list[Flowable] = [
        title("档案影印登记表"),
        table(
            [
                Column("登记号", nowrap=True),
                "复印时间",
                Column("档案编号", nowrap=True),
                "客户名称",
                "页码",
                Column("页数", nowrap=True, align="right"),
                Column("份数", nowrap=True, align="right"),
                "用途",
                "批准人",
                "领取人",
                "带出/存放",
                Column("应还", nowrap=True),
                "注销",
            ],
            [
                (
                    c.number,
                    _when(c.made_at),
                    c.archive_no,
                    c.card_name,
                    c.pages,
                    c.page_count,
                    c.copies,
                    c.purpose,
                    c.approver_name,
                    c.holder_name,
                    c.location if c.taken_out else "在馆",
                    _day(c.due_date),
                    _when(c.struck_off_at),
                )
                for c in rows
            ],
        ),
    ]
    doc = FormDocument(target, "档案影印登记表", A4_LANDSCAPE, org_name, "JY-03", clock=clock)
    return doc.build(story)


def reminders_pdf(
    target: Target, rows: Sequence[OverdueRow], *, org_name: str, clock: Clock
) -> int:
    """催还通知单: one notice a borrower, listing what is overdue."""
    story: list[Flowable] = []
    ordered = sorted(rows, key=lambda r: (r.borrower_department, r.borrower_name, r.due_date))
    for n, ((dept, name), group) in enumerate(
        groupby(ordered, key=lambda r: (r.borrower_department, r.borrower_name))
    ):
        items = list(group)
        if n:
            story.append(page_break())
        story += [
            title("档案催还通知单"),
            para(f"{dept} {name}：", "body"),
            para("您借阅的以下档案已超过归还期限，请于接到本通知后尽快归还档案室。如需续借，请办理续借手续。", "body"),
            spacer(2),
            table(
                [Column("申请单号", nowrap=True), Column("档案编号", nowrap=True), "客户名称",
                 Column("借出时间", nowrap=True), Column("应还日期", nowrap=True),
                 Column("逾期天数", nowrap=True, align="right")],
                [(r.number, r.archive_no, r.card_name, _when(r.lent_at), _day(r.due_date), r.days_overdue) for r in items],
            ),
            spacer(6),
            para(f"{org_name} 档案室　　{clock.now():%Y年%m月%d日}", "body"),
        ]  # fmt: skip
    doc = FormDocument(target, "档案催还通知单", A4_PORTRAIT, org_name, "JY-04", clock=clock)
    return doc.build(story or [title("档案催还通知单"), para("（没有逾期的借阅）")])


def month_end_pdf(target: Target, data: MonthEndData, *, org_name: str, clock: Clock) -> int:
    """借出未还档案清单: what was out at the end of ``data.month`` (and since come back, noted)."""
    story: list[Flowable] = [
        title(f"{data.month} 借出未还档案清单"),
        para(f"截至 {data.last_day:%Y-%m-%d}（月末）：原件 {len(data.originals)} 件，复印件 {len(data.copies)} 份；逾期天数算到月末。报总经理。", "small"),
        heading("一、原件（月末在阅览室借阅未还）"),
        table(
            [Column("档案编号", nowrap=True), "客户名称", "借阅人", "部门", Column("电话", nowrap=True),
             "所在位置", Column("借出时间", nowrap=True), Column("应还日期", nowrap=True),
             Column("逾期天数", nowrap=True, align="right"), "备注"],
            [(r.archive_no, r.card_name, r.borrower_name, r.borrower_department, r.borrower_phone, r.location,
              _when(r.lent_at), _day(r.due_date), r.days_overdue or "", r.note) for r in data.originals],
        ),
        heading("二、复印件（月末带出未注销）"),
        table(
            [Column("登记号", nowrap=True), Column("档案编号", nowrap=True), "客户名称",
             Column("份数", nowrap=True, align="right"), "领取人", "所在位置",
             Column("应还日期", nowrap=True), "备注"],
            [(c.number, c.archive_no, c.card_name, c.copies, c.holder_name, c.location, _day(c.due_date), copy_note(c))
             for c in data.copies],
        ),
        spacer(6),
        signature_block([SignatureSlot("档案管理员"), SignatureSlot("总经理")]),
    ]  # fmt: skip
    doc = FormDocument(target, "借出未还档案清单", A4_LANDSCAPE, org_name, "JY-05", clock=clock)
    return doc.build(story)
