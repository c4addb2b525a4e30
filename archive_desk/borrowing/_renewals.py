"""Renewal (续借) within the rule, with a reason; and the overdue list (逾期未还) that the
reminders are printed from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from archive_desk import audit, cards, validation
from archive_desk.borrowing._reading import get_borrowing
from archive_desk.borrowing._rules import add_days, combined_rule
from archive_desk.borrowing._states import ItemState
from archive_desk.borrowing.views import ItemView, OverdueRow
from archive_desk.db.models import Borrowing, BorrowingItem, Card, Renewal
from archive_desk.db.store import retrying
from archive_desk.errors import Conflict, ValidationError
from archive_desk.permissions import Actor, Perm, require, require_any
from archive_desk.procedures import changes, records
from archive_desk.procedures.changes import transaction


@retrying
def renew(actor: Actor, item_id: int, version: int, new_due: dt.date, reason: str) -> ItemView:
    """续借: a new due date within the rule, with a reason."""
    require(actor, Perm.BORROW_RECORD)
    reason = validation.clean_text(
        reason, "续借理由", validation.NOTE_MAX, field="reason", multiline=True
    )
    if not reason:
        raise ValidationError("请填写续借理由。", field="reason")
    with transaction():
        item = records.load(BorrowingItem, item_id, version, missing="借阅记录不存在。")
        if item.state != ItemState.LENT:
            raise Conflict("只有借出中的档案才能续借。")
        b = item.borrowing
        old_due: dt.date = item.due_date or actor.clock.today()
        if new_due <= old_due:
            raise ValidationError(
                f"新的归还日期应晚于原归还日期 {old_due.isoformat()}。", field="new_due"
            )
        rule = combined_rule([item.card], b.mode)
        latest = add_days(actor.clock.today(), rule.max_days, rule.working_days)
        if new_due > latest:
            raise ValidationError(
                f"续借后的归还日期超出借阅规则，最晚 {latest.isoformat()}。", field="new_due"
            )
        Renewal.create(
            item=item.id,
            at=actor.clock.now(),
            by=actor.user_id,
            reason=reason,
            old_due=old_due,
            new_due=new_due,
        )
        records.update(
            BorrowingItem, item.id, version, due_date=new_due, renewals=item.renewals + 1
        )
        changes.note(changes.BORROWING, [b.id])
        audit.record(actor, "borrowing.renew", "borrowing_item", item.id,
                     before={"due_date": item.due_date}, after={"due_date": new_due, "reason": reason})  # fmt: skip
    view = get_borrowing(actor, b.id)
    return next(i for i in view.items if i.id == item_id)


def overdue(actor: Actor, today: dt.date | None = None) -> list[OverdueRow]:
    """Cards out past their due date, longest overdue first."""
    require_any(actor, Perm.BORROW_RECORD, Perm.REPORT_VIEW)
    today = today or actor.clock.today()
    query = (
        BorrowingItem.select(BorrowingItem, Borrowing, Card)
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(
            (BorrowingItem.state == ItemState.LENT)
            & (BorrowingItem.due_date < today)
            & cards.visible(actor)
        )
        .order_by(BorrowingItem.due_date, BorrowingItem.id)
    )
    rows: Any = query  # lent items always carry lent_at and due_date
    return [
        OverdueRow(
            item_id=i.id,
            borrowing_id=i.borrowing_id,
            number=i.borrowing.number,
            archive_no=i.card.archive_no,
            card_name=i.card.name,
            borrower_name=i.borrowing.borrower_name,
            borrower_department=i.borrowing.borrower_department,
            borrower_phone=i.borrowing.borrower_phone,
            lent_at=i.lent_at,
            due_date=i.due_date,
            days_overdue=(today - i.due_date).days,
        )
        for i in rows
    ]
