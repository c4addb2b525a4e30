"""Closing: the day close (闭馆清点: every original not back gets a reason before the room
closes) and the month end (the list of what was out at a month's end, for the general manager by
the 5th; the same query feeds the monthly workbook's 未归还 and 逾期 sheets)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import JOIN

from archive_desk import audit, cards, validation
from archive_desk.borrowing._copies import copy_view
from archive_desk.borrowing._states import BorrowMode, ItemState
from archive_desk.borrowing.views import CopyView, InRoomRow, MonthEndData, OriginalOut
from archive_desk.db.models import (
    Borrowing,
    BorrowingItem,
    Card,
    CopyRecord,
    DayClose,
    MonthEndList,
)
from archive_desk.db.store import retrying
from archive_desk.errors import Conflict, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.periods import month_bounds, previous_month

# --- day close --------------------------------------------------------------------------------


def _items_with_cards(*columns: Any) -> Any:
    """A select of ``columns`` from the borrowing items with their borrowing and card, the items
    read first: SQLite never reorders a CROSS JOIN (standard SQL elsewhere). With inner joins and
    the card's secrecy rule in the WHERE, SQLite started from the ``card_secrecy`` index and
    walked every card's loans to find the few out (270 ms instead of 3 ms at 200,000 loans)."""
    return (
        BorrowingItem.select(*columns)
        .join(Borrowing, JOIN.CROSS)
        .join(Card, JOIN.CROSS)
        .where((BorrowingItem.borrowing == Borrowing.id) & (BorrowingItem.card == Card.id))
    )


def _in_room_query(actor: Actor) -> Any:
    """Every original lent and not back, whatever the mode and the day it was lent: originals
    never leave the room (DOMAIN.md), so at closing each one out needs a reason. The one query
    of the day close and of the overview's count of it."""
    require(actor, Perm.BORROW_RECORD)
    return _items_with_cards(
        BorrowingItem.id, BorrowingItem.borrowing, Borrowing.number, Card.archive_no, Card.name,
        Borrowing.borrower_name, Borrowing.borrower_department, Borrowing.mode,
        BorrowingItem.lent_at, BorrowingItem.due_date,
    ).where((BorrowingItem.state == ItemState.LENT) & cards.visible(actor))  # fmt: skip


def in_room_not_back(actor: Actor) -> list[InRoomRow]:
    """The day close's list: originals still out, longest out first (one statement)."""
    rows = [
        InRoomRow(id=item_id, borrowing_id=bid, number=number, archive_no=archive_no,
                  card_name=name, borrower_name=borrower, borrower_department=department,
                  mode=BorrowMode(mode).label, lent_at=lent_at, due_date=due)
        for item_id, bid, number, archive_no, name, borrower, department, mode, lent_at, due
        in _in_room_query(actor).tuples()
    ]  # fmt: skip
    # sorted here: an ORDER BY lent_at makes SQLite walk the lent_at index over every loan
    return sorted(rows, key=lambda r: (r.lent_at, r.id))


def count_in_room_not_back(actor: Actor) -> int:
    """How many originals the day close will ask about (the overview's to-do)."""
    return int(_in_room_query(actor).count())


def day_closed(day: dt.date) -> bool:
    return DayClose.select().where(DayClose.day == day).exists()


@retrying
def close_day(actor: Actor, reasons: dict[int, str] | None = None, note: str = "") -> None:
    """Close today: every original not yet back needs a reason (kept on the loan)."""
    require(actor, Perm.BORROW_RECORD)
    reasons = {
        k: validation.clean_text(v, "未归还原因", validation.NOTE_MAX, field="reasons")
        for k, v in (reasons or {}).items()
    }
    note = validation.clean_text(note, "备注", validation.NOTE_MAX, field="note", multiline=True)
    today = actor.clock.today()
    with transaction():
        if day_closed(today):
            raise Conflict(f"{today.isoformat()} 已经闭馆清点过。")
        open_items = in_room_not_back(actor)
        missing = [i.archive_no for i in open_items if not reasons.get(i.id)]
        if missing:
            raise ValidationError(
                "以下在馆借阅尚未归还，请先归还或写明原因：" + "、".join(missing), field="reasons"
            )
        for item in open_items:
            BorrowingItem.update(day_close_reason=reasons[item.id]).where(
                BorrowingItem.id == item.id
            ).execute()
        DayClose.create(day=today, closed_at=actor.clock.now(), closed_by=actor.user_id, note=note)
        audit.record(
            actor, "borrowing.day_close", "day", today.isoformat(),
            after={"open": {i.archive_no: reasons[i.id] for i in open_items}},
        )  # fmt: skip


# --- month end --------------------------------------------------------------------------------


def out_at_month_end(visible: Any, month: str) -> MonthEndData:
    """What was out at the end of ``month`` among the cards ``visible`` lets through: originals
    lent on or before its last day and not back by then (those back since included), copies
    taken out by then and not struck off by then.

    The one query behind the month-end list, its to-do and the monthly workbook's 未归还 and 逾期
    sheets; the callers check the permission.
    """
    _start, end = month_bounds(month)
    last_day = (end - dt.timedelta(days=1)).date()
    # out now, or back since the end: the item state and the returned_at index each give a
    # short range, as subqueries so that SQLite reads those two ranges rather than walking the
    # lent_at index over every loan before the end (1.7 ms instead of 160 ms at 200,000 loans;
    # ``returned_at IS NULL`` would hold every application never lent)
    out_now = BorrowingItem.select(BorrowingItem.id).where(BorrowingItem.state == ItemState.LENT)
    back_since = BorrowingItem.select(BorrowingItem.id).where(BorrowingItem.returned_at >= end)
    rows: Any = (
        _items_with_cards(
            BorrowingItem.id, BorrowingItem.borrowing, Borrowing.number, Card.archive_no,
            Card.name, Borrowing.borrower_name, Borrowing.borrower_department,
            Borrowing.borrower_phone, Borrowing.mode, BorrowingItem.lent_at,
            BorrowingItem.due_date, BorrowingItem.returned_at,
        )
        .where(
            (BorrowingItem.id.in_(out_now) | BorrowingItem.id.in_(back_since))
            & (BorrowingItem.lent_at < end)
            & visible
        )
        .tuples()
    )  # fmt: skip
    rows = sorted(rows, key=lambda row: (row[9], row[0]))  # by lent_at: an ORDER BY would walk
    # the lent_at index over every loan instead of the two short ranges
    originals = [
        OriginalOut(
            item_id=item_id, borrowing_id=borrowing_id, number=number, archive_no=archive_no,
            card_name=name, borrower_name=borrower, borrower_department=department,
            borrower_phone=phone, mode=mode, lent_at=lent_at, due_date=due,
            days_overdue=max(0, (last_day - due).days), returned_at=returned_at,
        )
        for (item_id, borrowing_id, number, archive_no, name, borrower, department, phone, mode,
             lent_at, due, returned_at) in rows
    ]  # fmt: skip
    return MonthEndData(
        month=month, last_day=last_day, originals=originals, copies=_copies_out_at(visible, end)
    )


def _copies_out_at(visible: Any, end: dt.datetime) -> list[CopyView]:
    """Copies taken out before ``end`` and not struck off by then.

    Read without the card join and filtered on ``made_at`` here: joined (or with ``made_at`` in
    the query) SQLite walks the ``made_at`` index or every card, 110-425 ms at 220,000 copies;
    read alone it scans the table once in ~25 ms. Copies taken out are few.
    """
    rows: list[Any] = list(
        CopyRecord.select(
            CopyRecord.id, CopyRecord.number, CopyRecord.card, CopyRecord.pages,
            CopyRecord.page_count, CopyRecord.copies, CopyRecord.purpose, CopyRecord.approver_name,
            CopyRecord.holder_name, CopyRecord.location, CopyRecord.taken_out, CopyRecord.made_at,
            CopyRecord.due_date, CopyRecord.struck_off_at, CopyRecord.version,
        )
        .where(
            CopyRecord.taken_out
            & (CopyRecord.struck_off_at.is_null() | (CopyRecord.struck_off_at >= end))
        )
        .order_by(CopyRecord.id)
        .tuples()
    )  # fmt: skip
    rows = [r for r in rows if r[11] < end]
    held: Any = Card.select(Card.id, Card.archive_no, Card.name).where(
        visible & Card.id.in_(sorted({r[2] for r in rows}) or [0])
    )
    names = {card_id: (archive_no, name) for card_id, archive_no, name in held.tuples()}
    return [
        copy_view(
            copy_id, number, card_id, *names[card_id], pages, page_count, copies, purpose,
            approver, holder, location, taken_out, made_at, due_date, struck_off_at, version,
        )
        for (copy_id, number, card_id, pages, page_count, copies, purpose, approver, holder,
             location, taken_out, made_at, due_date, struck_off_at, version) in rows
        if card_id in names
    ]  # fmt: skip


def month_end_data(actor: Actor, month: str) -> MonthEndData:
    """The list for the general manager of what was out at the end of ``month`` (a month that
    is over)."""
    require(actor, Perm.BORROW_RECORD)
    _start, end = month_bounds(month)
    if end > actor.clock.now():
        raise ValidationError(
            f"{month} 还没有结束：它的借出未还清单从 {end:%Y-%m-%d} 起才能生成。", field="month"
        )
    return out_at_month_end(cards.visible(actor), month)


def month_end_reminder(actor: Actor) -> str | None:
    """From the 1st, until it is produced: the list for the general manager is due by the 5th.
    The text says what last month's list holds."""
    require(actor, Perm.BORROW_RECORD)
    today = actor.clock.today()
    month = previous_month(today)
    if MonthEndList.select().where(MonthEndList.month == month).exists():
        return None
    data = out_at_month_end(cards.visible(actor), month)
    what = (
        f"{month} 的借出未还清单（月末原件 {len(data.originals)} 件，复印件 {len(data.copies)} 份）"
    )
    if today.day > 5:
        return f"{what}应在本月5日前报总经理，已逾期，请尽快生成。"
    return f"请在 {today:%Y-%m}-05 前把 {what}报总经理。"


@retrying
def record_month_end(actor: Actor, data: MonthEndData) -> None:
    require(actor, Perm.BORROW_RECORD)
    with transaction():
        MonthEndList.insert(
            month=data.month, produced_at=actor.clock.now(), produced_by=actor.user_id,
            originals_out=len(data.originals), copies_out=len(data.copies),
        ).on_conflict(
            conflict_target=[MonthEndList.month],
            update={MonthEndList.produced_at: actor.clock.now(), MonthEndList.originals_out: len(data.originals),
                    MonthEndList.copies_out: len(data.copies)},
        ).execute()  # fmt: skip
        audit.record(actor, "borrowing.month_end", "month_end", data.month,
                     after={"originals": len(data.originals), "copies": len(data.copies)})  # fmt: skip
