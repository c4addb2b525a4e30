"""Lending (出借): the approved cards are issued in the reading room, signed by the borrower and
the clerk; a signature on paper leaves the loan waiting until the clerk confirms the ink."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from archive_desk import audit
from archive_desk.borrowing import _store as store
from archive_desk.borrowing._apply import refuse_lent_elsewhere
from archive_desk.borrowing._reading import get_borrowing, load, view
from archive_desk.borrowing._states import ENTITY, BorrowingState, ItemState
from archive_desk.borrowing.views import BorrowingView, ItemView
from archive_desk.db.models import BorrowingItem, Card, Signature
from archive_desk.db.store import lock_rows, retrying
from archive_desk.errors import Conflict, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, holds, records, signatures
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.signatures import SignatureInput


def sign(
    actor: Actor, b: Any, role: str, signer: str, signer_user: int | None, sig: SignatureInput
) -> Signature:
    """Keep one signature on the application ``b``."""
    return signatures.store(
        entity=ENTITY,
        entity_id=b.id,
        role=role,
        signer_name=signer,
        signer_user=signer_user,
        sig=sig,
        at=actor.clock.now(),
        recorded_by=actor.user_id,
    )


@retrying
def lend(
    actor: Actor,
    borrowing_id: int,
    version: int,
    *,
    borrower_signature: SignatureInput,
    clerk_signature: SignatureInput,
) -> BorrowingView:
    """Issue the approved cards in the reading room, signed by the borrower and the clerk. A
    signature on paper leaves the loan waiting until :func:`confirm_paper_signatures`."""
    require(actor, Perm.BORROW_RECORD)
    with transaction():
        b = load(borrowing_id, version)
        if b.state != BorrowingState.APPROVED:
            state = BorrowingState(b.state).label
            raise Conflict(f"只有已批准的申请才能出借（现在：{state}）。")
        rows = store.items(b.id)
        items = [item for item, _ in rows]
        # on a server another clerk may be lending the same card right now: its row locked,
        # the second waits here and then sees the first's hold (no double loan)
        lock_rows(Card, [i.card_id for i in items])
        refuse_lent_elsewhere([i.card_id for i in items], exclude_borrowing=b.id)
        destroyed = [item.archive_no for item, status in rows if status != "active"]
        if destroyed:
            raise Conflict("档案卡已销毁，不能出借：" + "、".join(destroyed))
        sign(actor, b, "borrower", b.borrower_name, b.borrower_user_id, borrower_signature)
        sign(actor, b, "clerk", actor.full_name, actor.user_id, clerk_signature)
        paper = borrower_signature.on_paper or clerk_signature.on_paper
        now = actor.clock.now()
        if paper:
            b = records.apply(b, state=BorrowingState.AWAITING_SIGNATURES)
        else:
            items = _issue(b, items, now)
            b = records.apply(b, state=BorrowingState.LENT, lent_at=now)
        audit.record(
            actor, "borrowing.lend", ENTITY, b.id, before={"state": BorrowingState.APPROVED},
            after={"state": b.state, "signatures": [borrower_signature.method, clerk_signature.method]},
        )  # fmt: skip
        changes.note(changes.BORROWING, [b.id])
        return view(b, items, reader=actor)


def _issue(b: Any, items: list[ItemView], now: dt.datetime) -> list[ItemView]:
    """Lend every item of ``b`` from ``now``; the items as they now are."""
    for item in items:
        store.issue_item(item.id, now, b.expected_return)
    holds.place("loan", b.id, [i.card_id for i in items], note=b.borrower_name, since=now)
    return [
        replace(
            i, state=ItemState.LENT, lent_at=now, due_date=b.expected_return, version=i.version + 1
        )
        for i in items
    ]


@retrying
def confirm_paper_signatures(actor: Actor, borrowing_id: int, version: int) -> BorrowingView:
    """The clerk confirms that both signed the printed slip: the loan starts now."""
    require(actor, Perm.BORROW_RECORD)
    with transaction():
        b = load(borrowing_id, version)
        if b.state != BorrowingState.AWAITING_SIGNATURES:
            raise Conflict("这份借阅不在等待纸面签字。")
        roles = {
            s.role
            for s in Signature.select().where(
                (Signature.entity == ENTITY) & (Signature.entity_id == b.id)
            )
        }
        if not {"borrower", "clerk"} <= roles:
            raise ValidationError("借阅人和档案管理员都签字后才能出借。")
        items = [item for item, _ in store.items(b.id)]
        lock_rows(Card, [i.card_id for i in items])
        refuse_lent_elsewhere([i.card_id for i in items], exclude_borrowing=b.id)
        now = actor.clock.now()
        _issue(b, items, now)
        b = records.apply(b, state=BorrowingState.LENT, lent_at=now)
        audit.record(actor, "borrowing.confirm_paper", ENTITY, b.id, after={"state": "lent"})
        changes.note(changes.BORROWING, [b.id])
    return get_borrowing(actor, borrowing_id)


def check_holds() -> list[str]:
    """``archive-desk check``: the loan holds agree with the cards out on loans."""
    rows: Any = (
        BorrowingItem.select(BorrowingItem.card, BorrowingItem.borrowing)
        .where(BorrowingItem.state == ItemState.LENT)
        .tuples()
    )
    return holds.drift("loan", set(rows))
