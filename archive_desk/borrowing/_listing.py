"""The borrowing tab's list: applications and loans under a named filter (办理中, 待审批, 逾期未还 …),
newest first, a page at a time; and the loans per month the overview charts."""

from __future__ import annotations

from peewee import Expression

from archive_desk import cards
from archive_desk.borrowing._states import (
    OPEN_STATES,
    BorrowingState,
    BorrowMode,
    ItemState,
    ReturnCondition,
)
from archive_desk.borrowing.views import BorrowingRow
from archive_desk.db.models import Borrowing, BorrowingItem, Card
from archive_desk.permissions import Actor, Perm, require, require_any
from archive_desk.procedures.filters import FilterTable, ListFilter
from archive_desk.procedures.periods import month_counts, month_start


def lent_due(actor: Actor, *, overdue: bool) -> Expression:
    """The items out that are due today (or overdue) of the cards ``actor`` may see: a card
    above her clearance is neither listed nor counted (:func:`archive_desk.cards.visible`)."""
    today = actor.clock.today()
    due = BorrowingItem.due_date < today if overdue else BorrowingItem.due_date == today
    seen = BorrowingItem.card.in_(Card.select(Card.id).where(cards.visible(actor)))
    return (BorrowingItem.state == ItemState.LENT) & due & seen


def _due(actor: Actor, *, overdue: bool) -> Expression:
    """Applications with a card out that is due today, or overdue (one she may see)."""
    late = BorrowingItem.select(BorrowingItem.borrowing).where(lent_due(actor, overdue=overdue))
    return Borrowing.id.in_(late)


def _state(state: BorrowingState) -> ListFilter:
    return ListFilter(state.value, _LABELS[state], lambda _actor: Borrowing.state == state)


_LABELS = {
    BorrowingState.PENDING: "待审批",
    BorrowingState.APPROVED: "已批准待出借",
    BorrowingState.AWAITING_SIGNATURES: "待纸面签字",
    BorrowingState.LENT: "借出中",
}

LIST = FilterTable(
    Borrowing,
    (
        ListFilter("open", "办理中", lambda _actor: Borrowing.state.in_(OPEN_STATES)),
        *(_state(s) for s in _LABELS),
        ListFilter("due_today", "今日应还", lambda actor: _due(actor, overdue=False)),
        ListFilter("overdue", "逾期未还", lambda actor: _due(actor, overdue=True)),
        ListFilter("all", "全部"),
    ),
    may_read=lambda actor: require_any(actor, Perm.BORROW_RECORD, Perm.BORROW_APPROVE),
)
LIST_FILTERS = LIST.labels


def count_borrowings(actor: Actor, which: str = "open") -> int:
    return LIST.count(actor, which)


def list_borrowings(
    actor: Actor, which: str = "open", offset: int = 0, limit: int = 200
) -> list[BorrowingRow]:
    """Applications and loans, newest first, a page at a time."""
    rows = LIST.page(actor, which, offset, limit)
    numbers: dict[int, list[str]] = {}
    late: dict[int, int] = {}
    checks: dict[int, set[str]] = {}
    today = actor.clock.today()
    if rows:
        for item in (
            BorrowingItem.select(
                BorrowingItem.borrowing,
                BorrowingItem.state,
                BorrowingItem.due_date,
                BorrowingItem.condition,
                Card.archive_no,
            )
            .join(Card)
            .where(BorrowingItem.borrowing.in_([b.id for b in rows]))
            .order_by(BorrowingItem.id)
        ):
            numbers.setdefault(item.borrowing_id, []).append(item.card.archive_no)
            if item.state == ItemState.LENT and item.due_date is not None and item.due_date < today:
                days = (today - item.due_date).days
                late[item.borrowing_id] = max(late.get(item.borrowing_id, 0), days)
            if item.condition not in (None, "intact"):
                checks.setdefault(item.borrowing_id, set()).add(item.condition)
    return [
        BorrowingRow(
            id=b.id,
            number=b.number,
            borrower_name=b.borrower_name,
            borrower_department=b.borrower_department,
            mode=BorrowMode(b.mode).label,
            cards="、".join(numbers.get(b.id, [])),
            state=BorrowingState(b.state).label,
            applied_on=b.applied_on,
            expected_return=b.expected_return,
            lent_at=b.lent_at,
            version=b.version,
            days_overdue=late.get(b.id, 0),
            return_check="、".join(
                c.label
                for c in (ReturnCondition.DAMAGED, ReturnCondition.INCOMPLETE)
                if c in checks.get(b.id, ())
            ),
        )
        for b in rows
    ]


def loans_per_month(actor: Actor, months: int = 12) -> list[tuple[str, int]]:
    """Cards lent out per month (originals), the last ``months`` months including this one."""
    require(actor, Perm.REPORT_VIEW)
    today = actor.clock.today()
    starts = [month_start(today, -k) for k in range(months - 1, -1, -1)]
    seen = BorrowingItem.select().join(Card).where(cards.visible(actor))  # her cards only
    lent = month_counts(seen, BorrowingItem.lent_at, starts, datetimes=True)
    return [(f"{start:%Y-%m}", n) for start, n in zip(starts, lent, strict=True)]
