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
from archive_desk.db.models import BorrowingItem, Signature
from archive_desk.db.store import batched, retrying
from archive_desk.errors import Conflict, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, holds, records, signatures
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.signatures import SignatureInput


def sign(
    actor: Actor, b: Any, roles: tuple[str, str], borrower: SignatureInput, clerk: SignatureInput
) -> None:
    """Keep the borrower's and the clerk's signatures of one step on the application ``b`` (one
    statement)."""
    borrower_role, clerk_role = roles
    signatures.store_many(
        entity=ENTITY,
        entity_id=b.id,
        signers=[
            (borrower_role, b.borrower_name, b.borrower_user_id, borrower),
            (clerk_role, actor.full_name, actor.user_id, clerk),
        ],
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
        # the second waits there and then sees the first's hold (no double loan)
        refuse_lent_elsewhere([i.card_id for i in items], exclude_borrowing=b.id)
        destroyed = [item.archive_no for item, status in rows if status != "active"]
        if destroyed:
            raise Conflict("档案卡已销毁，不能出借：" + "、".join(destroyed))
        paper = borrower_signature.on_paper or clerk_signature.on_paper
        now = actor.clock.now()
        with batched():  # the signatures and the items lent: one round trip to a server
            sign(actor, b, ("borrower", "clerk"), borrower_signature, clerk_signature)
            if not paper:
                items = _issued(b, items, now)
        if paper:
            b = records.apply(b, state=BorrowingState.AWAITING_SIGNATURES)
        else:
            holds.place("loan", b.id, [i.card_id for i in items], note=b.borrower_name, since=now)
            b = records.apply(b, state=BorrowingState.LENT, lent_at=now)
        audit.record(
            actor, "borrowing.lend", ENTITY, b.id, before={"state": BorrowingState.APPROVED},
            after={"state": b.state, "signatures": [borrower_signature.method, clerk_signature.method]},
        )  # fmt: skip
        changes.note(changes.BORROWING, [b.id])
        return view(b, items, reader=actor)


def _issued(b: Any, items: list[ItemView], now: dt.datetime) -> list[ItemView]:
    """Lend every item of ``b`` from ``now`` (their cards' holds are the caller's); the items as
    they now are."""
    for item in items:
        store.issue_item(item.id, now, b.expected_return)
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
        refuse_lent_elsewhere([i.card_id for i in items], exclude_borrowing=b.id)  # row locks
        now = actor.clock.now()
        _issued(b, items, now)
        holds.place("loan", b.id, [i.card_id for i in items], note=b.borrower_name, since=now)
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
