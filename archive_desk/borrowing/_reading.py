"""An application as the services return it: the head, its cards, approvals and signatures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from archive_desk.borrowing import _store as store
from archive_desk.borrowing._states import (
    ENTITY,
    BorrowingState,
    BorrowMode,
    ItemState,
    ReturnCondition,
)
from archive_desk.borrowing.views import (
    HIDDEN_NAME,
    ApprovalView,
    BorrowingView,
    ItemView,
    SignatureView,
)
from archive_desk.db.models import (
    Approval,
    Borrowing,
    BorrowingItem,
    Card,
    CopyRecord,
    Signature,
)
from archive_desk.errors import NotFound
from archive_desk.permissions import Actor, Perm, require_any
from archive_desk.procedures import records, signatures

MISSING = "借阅申请不存在。"


def numbers_in_use() -> list[str]:
    """Every application's and copy's number (``archive-desk check`` compares the counters)."""
    rows: Any = Borrowing.select(Borrowing.number).tuples()
    copies: Any = CopyRecord.select(CopyRecord.number).tuples()
    return [n for (n,) in rows] + [n for (n,) in copies]


def load(borrowing_id: int, version: int) -> Any:
    """The application at ``version``, for a change (NotFound, StaleRecord otherwise)."""
    return records.load(Borrowing, borrowing_id, version, missing=MISSING, reader=store.read)


def view(
    b: Any,
    items: list[ItemView] | None = None,
    approvals: list[ApprovalView] | None = None,
    sigs: list[SignatureView] | None = None,
    *,
    reader: Actor,
) -> BorrowingView:
    """The view of ``b`` as ``reader`` may see it (the name of a card above her clearance is
    not shown, :data:`~archive_desk.borrowing.views.HIDDEN_NAME`); the lists the caller already
    holds as they now are are not read."""
    if items is None or approvals is None or sigs is None:
        read = store.lists(
            b.id, items=items is None, approvals=approvals is None, signatures=sigs is None
        )
        items = read[0] if items is None else items
        approvals = read[1] if approvals is None else approvals
        sigs = read[2] if sigs is None else sigs
    assert items is not None and approvals is not None and sigs is not None
    items = [
        replace(i, card_name=HIDDEN_NAME) if i.secrecy > reader.clearance else i for i in items
    ]
    mode, state = BorrowMode(b.mode), BorrowingState(b.state)
    return BorrowingView(
        id=b.id, number=b.number, borrower_name=b.borrower_name,
        borrower_department=b.borrower_department, borrower_phone=b.borrower_phone,
        borrower_user_id=b.borrower_user_id, mode=mode, mode_label=mode.label,
        purpose=b.purpose, applied_on=b.applied_on, expected_return=b.expected_return,
        required_role=b.required_role, state=state, state_label=state.label,
        refusal_reason=b.refusal_reason, lent_at=b.lent_at, version=b.version, items=items,
        approvals=approvals, signatures=sigs,
    )  # fmt: skip


def views_of(heads: Sequence[Any], reader: Actor) -> list[BorrowingView]:
    """The views of many applications in four statements, whatever their number (their heads
    are read: ``borrower_user_id`` set), as ``reader`` may see them (:func:`view`)."""
    ids = [b.id for b in heads]
    if not ids:
        return []
    items: dict[int, list[ItemView]] = {i: [] for i in ids}
    rows: Any = (
        BorrowingItem.select(
            BorrowingItem.id,
            BorrowingItem.borrowing,
            BorrowingItem.card,
            Card.archive_no,
            Card.name,
            BorrowingItem.state,
            BorrowingItem.due_date,
            BorrowingItem.lent_at,
            BorrowingItem.returned_at,
            BorrowingItem.condition,
            BorrowingItem.return_note,
            BorrowingItem.renewals,
            BorrowingItem.version,
            Card.secrecy,
        )
        .join(Card)
        .where(BorrowingItem.borrowing.in_(ids))
        .order_by(BorrowingItem.id)
        .tuples()
    )
    for (item_id, bid, card_id, archive_no, name, state, due, lent_at, returned_at, condition,
         note, renewals, version, secrecy) in rows:  # fmt: skip
        items[bid].append(
            ItemView(
                id=item_id,
                card_id=card_id,
                archive_no=archive_no,
                card_name=name,
                state=ItemState(state),
                due_date=due,
                lent_at=lent_at,
                returned_at=returned_at,
                condition=ReturnCondition(condition) if condition else None,
                return_note=note,
                renewals=renewals,
                version=version,
                secrecy=secrecy,
            )
        )
    steps: dict[int, list[ApprovalView]] = {i: [] for i in ids}
    for a in (
        Approval.select()
        .where((Approval.entity == ENTITY) & Approval.entity_id.in_(ids))
        .order_by(Approval.id)
    ):
        steps[a.entity_id].append(
            ApprovalView(
                decision=a.decision,
                approver_name=a.approver_name,
                approver_role=a.approver_role,
                method=a.method,
                paper_ref=a.paper_ref,
                comment=a.comment,
                at=a.at,
            )
        )
    signed: dict[int, list[SignatureView]] = {i: [] for i in ids}
    for s in (
        Signature.select()
        .where((Signature.entity == ENTITY) & Signature.entity_id.in_(ids))
        .order_by(Signature.id)
    ):
        signed[s.entity_id].append(
            SignatureView(
                role=s.role,
                signer_name=s.signer_name,
                method=s.method,
                signed_at=s.signed_at,
                image=s.image,
                valid=signatures.verify(s),
            )
        )
    return [view(b, items[b.id], steps[b.id], signed[b.id], reader=reader) for b in heads]


def get_borrowing(actor: Actor, borrowing_id: int) -> BorrowingView:
    require_any(actor, Perm.BORROW_RECORD, Perm.BORROW_APPROVE)
    b = store.read(borrowing_id)
    if b is None:
        raise NotFound(MISSING)
    return view(b, reader=actor)
