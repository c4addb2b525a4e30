"""Printing the borrowing forms: permission, the secrecy rule, the audit event.

Forms are laid out in :mod:`archive_desk.forms.borrowing_forms`; this module gathers their rows.
Each file is built under a hidden name and put in place only after its audit event is committed
(:func:`archive_desk.procedures.outputs.audited_file`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from archive_desk import borrowing, cards, settings
from archive_desk.borrowing._copies import copy_view_of
from archive_desk.borrowing._states import ENTITY, BorrowMode
from archive_desk.db.models import Borrowing, BorrowingItem, Card, CopyRecord, Signature
from archive_desk.errors import ValidationError
from archive_desk.forms import borrowing_forms as forms
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures.outputs import audited_file


def print_application(actor: Actor, borrowing_id: int, out: Path) -> int:
    require(actor, Perm.BORROW_RECORD)
    view = borrowing.get_borrowing(actor, borrowing_id)
    org = settings.get("org.name")
    return audited_file(
        actor,
        out,
        lambda path: forms.application_pdf(path, view, org_name=org, clock=actor.clock),
        "borrowing.print_application",
        "borrowing",
        view.number,
    )


def register_rows(actor: Actor, start: dt.date, end: dt.date) -> list[forms.RegisterRow]:
    """Every card lent between ``start`` and ``end`` (inclusive), in lending order."""
    require(actor, Perm.BORROW_RECORD)
    if end < start:
        raise ValidationError("结束日期不能早于开始日期。")
    lo = dt.datetime.combine(start, dt.time.min)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
    query = (
        BorrowingItem.select(BorrowingItem, Borrowing, Card)
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(
            BorrowingItem.lent_at.is_null(False)
            & (BorrowingItem.lent_at >= lo)
            & (BorrowingItem.lent_at < hi)
            & cards.visible(actor)
        )
        .order_by(BorrowingItem.lent_at, BorrowingItem.id)
    )
    items: list = list(query)  # lent_at is set on every row the query returns
    ids = sorted({i.borrowing_id for i in items})
    sigs: dict[tuple[int, str], Signature] = {}
    for start_at in range(0, len(ids), 500):
        for s in Signature.select().where(
            (Signature.entity == ENTITY) & Signature.entity_id.in_(ids[start_at : start_at + 500])
        ):
            sigs[(s.entity_id, s.role)] = s
    rows = []
    for i in items:
        b, c = i.borrowing, i.card
        bs, cs = sigs.get((b.id, "borrower")), sigs.get((b.id, "clerk"))
        rows.append(
            forms.RegisterRow(
                i.lent_at,
                b.number,
                c.archive_no,
                c.name,
                b.borrower_name,
                b.borrower_department,
                BorrowMode(b.mode).label,
                i.due_date,
                i.returned_at,
                i.condition,
                bs.image if bs else None,
                cs.image if cs else None,
                bool((bs and bs.method == "paper") or (cs and cs.method == "paper")),
            )
        )
    return rows


def print_register(actor: Actor, start: dt.date, end: dt.date, out: Path) -> int:
    rows = register_rows(actor, start, end)
    org = settings.get("org.name")
    return audited_file(
        actor,
        out,
        lambda path: forms.register_pdf(
            path, rows, start=start, end=end, org_name=org, clock=actor.clock
        ),
        "borrowing.print_register",
        "borrowing",
        f"{start}..{end}",
        {"rows": len(rows)},
    )


def print_copies(actor: Actor, start: dt.date, end: dt.date, out: Path) -> int:
    require(actor, Perm.BORROW_RECORD)
    lo = dt.datetime.combine(start, dt.time.min)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)
    records = (
        CopyRecord.select(CopyRecord, Card)
        .join(Card)
        .where((CopyRecord.made_at >= lo) & (CopyRecord.made_at < hi) & cards.visible(actor))
        .order_by(CopyRecord.made_at)
    )
    rows = [copy_view_of(c) for c in records]
    org = settings.get("org.name")
    return audited_file(
        actor,
        out,
        lambda path: forms.copies_pdf(path, rows, org_name=org, clock=actor.clock),
        "borrowing.print_copies",
        "borrowing",
        f"{start}..{end}",
        {"rows": len(rows)},
    )


def print_reminders(actor: Actor, out: Path, item_ids: list[int] | None = None) -> int:
    """催还通知单 for every overdue loan, or for the chosen ones."""
    rows = borrowing.overdue(actor)
    if item_ids is not None:
        rows = [r for r in rows if r.item_id in set(item_ids)]
    if not rows:
        raise ValidationError("没有逾期未还的借阅，无需催还。")
    org = settings.get("org.name")
    return audited_file(
        actor,
        out,
        lambda path: forms.reminders_pdf(path, rows, org_name=org, clock=actor.clock),
        "borrowing.print_reminders",
        "borrowing",
        "overdue",
        {"rows": len(rows)},
    )


def print_month_end(actor: Actor, month: str, out: Path) -> int:
    """The lent-and-not-returned list for the general manager; marks the month as done (in the
    print's transaction: a refused print marks nothing)."""
    data = borrowing.month_end_data(actor, month)
    org = settings.get("org.name")
    return audited_file(
        actor,
        out,
        lambda path: forms.month_end_pdf(path, data, org_name=org, clock=actor.clock),
        "borrowing.print_month_end",
        "borrowing",
        month,
        also=lambda: borrowing.record_month_end(actor, data),
    )
