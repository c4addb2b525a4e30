"""Borrowing's statements that run on every loan, built by peewee once and run with new values
(:mod:`archive_desk.db.prepared`): the one module of the package that prepares SQL. A loan runs
~50 statements; building each costs peewee ~0.3–0.5 ms, running it ~20 µs (measured: the loan
round trip of ``make bench``). Everything else in the package is plain peewee.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from archive_desk.borrowing._states import ENTITY, ItemState, ReturnCondition
from archive_desk.borrowing.views import ApprovalView, ItemView, ListedDocument, SignatureView
from archive_desk.db.models import (
    Approval,
    Borrowing,
    BorrowingItem,
    Card,
    CardDocument,
    Department,
    LoanRule,
    Person,
    ReturnCheck,
    Signature,
    database,
)
from archive_desk.db.prepared import Prepared, Slot, insert_statement, loaded, prepared
from archive_desk.db.store import batched
from archive_desk.procedures import signatures

# --- an application ------------------------------------------------------------------------------

_HEAD: tuple[Any, ...] = (
    Borrowing.id, Borrowing.number, Borrowing.borrower, Borrowing.borrower_name,
    Borrowing.borrower_department, Borrowing.borrower_phone, Borrowing.mode, Borrowing.purpose,
    Borrowing.applied_on, Borrowing.expected_return, Borrowing.required_role, Borrowing.state,
    Borrowing.refusal_reason, Borrowing.lent_at, Borrowing.version,
)  # fmt: skip


def read(borrowing_id: int) -> Borrowing | None:
    """The application as the services use it, with ``borrower_user_id`` (the borrower's user
    account, None for someone who is not a user) from the borrower's person row."""
    query = prepared(
        "borrowing.head",
        lambda: (
            Borrowing.select(*_HEAD, Person.user)
            .join(Person, on=(Borrowing.borrower == Person.id))
            .where(Borrowing.id == Slot("id"))
        ),
    )
    row = query.one(id=borrowing_id)
    if row is None:
        return None
    return head({f.name: v for f, v in zip(_HEAD, row, strict=False)}, row[-1])


def head(fields: dict[str, Any], borrower_user_id: int | None) -> Borrowing:
    """A :class:`Borrowing` holding ``fields`` as read (or just written), and its borrower's
    user account."""
    b: Any = loaded(Borrowing, fields)
    b.borrower_user_id = borrower_user_id
    return b


def insert(fields: dict[str, Any]) -> int:
    return prepared("borrowing.insert", lambda: insert_statement(Borrowing, tuple(fields))).insert(
        **fields
    )


def items(borrowing_id: int) -> list[tuple[ItemView, str]]:
    """The application's cards in order, each with its card's status."""
    query = _items()
    return _item_views(query.rows(id=borrowing_id))


def _items() -> Prepared:
    return prepared(
        "borrowing.items",
        lambda: (
            BorrowingItem.select(
                BorrowingItem.id,
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
                Card.status,
                Card.secrecy,
            )
            .join(Card)
            .where(BorrowingItem.borrowing == Slot("id"))
            .order_by(BorrowingItem.id)
        ),
    )


def _item_views(rows: list[tuple[Any, ...]]) -> list[tuple[ItemView, str]]:
    return [
        (
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
            ),
            status,
        )
        for (
            item_id,
            card_id,
            archive_no,
            name,
            state,
            due,
            lent_at,
            returned_at,
            condition,
            note,
            renewals,
            version,
            status,
            secrecy,
        ) in rows
    ]


def insert_item(borrowing_id: int, card_id: int) -> int:
    return prepared(
        "borrowing.item.insert",
        lambda: insert_statement(BorrowingItem, ("borrowing", "card", "state")),
    ).insert(borrowing=borrowing_id, card=card_id, state=ItemState.PENDING)


def cancel_items(borrowing_id: int) -> None:
    prepared(
        "borrowing.items.cancel",
        lambda: BorrowingItem.update(state=ItemState.CANCELLED).where(
            BorrowingItem.borrowing == Slot("id")
        ),
    ).update(id=borrowing_id)


def issue_item(item_id: int, now: Any, due: Any) -> None:
    prepared(
        "borrowing.item.issue",
        lambda: BorrowingItem.update(
            state=ItemState.LENT,
            lent_at=Slot("now", BorrowingItem.lent_at),
            due_date=Slot("due", BorrowingItem.due_date),
            version=BorrowingItem.version + 1,
        ).where(BorrowingItem.id == Slot("id")),
    ).update(id=item_id, now=now, due=due)


def return_item(item_id: int, now: Any, condition: str, note: str) -> None:
    prepared(
        "borrowing.item.return",
        lambda: BorrowingItem.update(
            state=ItemState.RETURNED,
            returned_at=Slot("now", BorrowingItem.returned_at),
            condition=Slot("condition", BorrowingItem.condition),
            return_note=Slot("note", BorrowingItem.return_note),
            version=BorrowingItem.version + 1,
        ).where(BorrowingItem.id == Slot("id")),
    ).update(id=item_id, now=now, condition=condition, note=note)


def insert_return_checks(rows: Iterable[dict[str, Any]]) -> None:
    """The document checks of a return, all in one ``executemany`` (on a server one round trip
    whatever the number of documents)."""
    prepared(
        "borrowing.return_check.insert",
        lambda: insert_statement(
            ReturnCheck,
            ("item", "document", "present", "pages_expected", "pages_found", "damaged", "note"),
        ),
    ).run_many(rows)


def approvals(borrowing_id: int) -> list[ApprovalView]:
    return _approval_views(_approvals().rows(id=borrowing_id))


def _approvals() -> Prepared:
    return prepared(
        "borrowing.approvals",
        lambda: (
            Approval.select(
                Approval.decision,
                Approval.approver_name,
                Approval.approver_role,
                Approval.method,
                Approval.paper_ref,
                Approval.comment,
                Approval.at,
            )
            .where((Approval.entity == ENTITY) & (Approval.entity_id == Slot("id")))
            .order_by(Approval.id)
        ),
    )


def _approval_views(rows: list[tuple[Any, ...]]) -> list[ApprovalView]:
    return [
        ApprovalView(
            decision=decision,
            approver_name=name,
            approver_role=role,
            method=method,
            paper_ref=paper_ref,
            comment=comment,
            at=at,
        )
        for decision, name, role, method, paper_ref, comment, at in rows
    ]


def signed(borrowing_id: int) -> list[SignatureView]:
    """The signatures with their images (a pad image is under 1 kB), each verified."""
    return _signature_views(borrowing_id, _signatures().rows(id=borrowing_id))


def _signatures() -> Prepared:
    return prepared(
        "borrowing.signatures",
        lambda: (
            Signature.select(
                Signature.role,
                Signature.signer_name,
                Signature.method,
                Signature.signed_at,
                Signature.image,
                Signature.digest,
            )
            .where((Signature.entity == ENTITY) & (Signature.entity_id == Slot("id")))
            .order_by(Signature.id)
        ),
    )


def _signature_views(borrowing_id: int, rows: list[tuple[Any, ...]]) -> list[SignatureView]:
    return [
        SignatureView(
            role=role, signer_name=signer, method=method, signed_at=at, image=image,
            valid=stored == signatures.digest(entity=ENTITY, entity_id=borrowing_id, role=role,
                                              signer_name=signer, signed_at=at, image=image),
        )
        for role, signer, method, at, image, stored in rows
    ]  # fmt: skip


Lists = tuple[list[ItemView] | None, list[ApprovalView] | None, list[SignatureView] | None]


def lists(borrowing_id: int, *, items: bool, approvals: bool, signatures: bool) -> Lists:
    """Those of the application's cards, approvals and signatures asked for (None for the
    others), read together: on a server one round trip for all (:func:`store.batched`)."""
    wanted = [q() if on else None for q, on in ((_items, items), (_approvals, approvals),
                                                 (_signatures, signatures))]  # fmt: skip
    with batched():
        cursors = [None if q is None else q.run(id=borrowing_id) for q in wanted]
    rows = [None if q is None else q.rows_of(c) for q, c in zip(wanted, cursors, strict=True)]
    return (
        None if rows[0] is None else [item for item, _ in _item_views(rows[0])],
        None if rows[1] is None else _approval_views(rows[1]),
        None if rows[2] is None else _signature_views(borrowing_id, rows[2]),
    )


# --- the rule table ------------------------------------------------------------------------------


def rules() -> list[tuple[Any, ...]]:
    """The rule table in priority order (a few rows: read once per service call)."""
    return prepared(
        "borrowing.rules",
        lambda: LoanRule.select(
            LoanRule.min_secrecy, LoanRule.grade, LoanRule.mode, LoanRule.allowed, LoanRule.note,
            LoanRule.approver_role, LoanRule.max_days, LoanRule.working_days,
        ).order_by(LoanRule.priority, LoanRule.id),
    ).rows()  # fmt: skip


# --- the borrower and the cards ------------------------------------------------------------------


def department_name(department_id: int) -> str | None:
    row = prepared(
        "borrowing.department",
        lambda: Department.select(Department.name).where(Department.id == Slot("id")),
    ).one(id=department_id)
    return None if row is None else str(row[0])


def person(name: str, department_id: int) -> tuple[int, str] | None:
    """(id, phone) of the person of this name and department who is not a user."""
    found = prepared(
        "borrowing.person",
        lambda: (
            Person.select(Person.id, Person.phone)
            .where(
                (Person.name == Slot("name"))
                & (Person.department == Slot("department"))
                & Person.user.is_null()
            )
            .limit(1)
        ),
    ).one(name=name, department=department_id)
    return None if found is None else (int(found[0]), str(found[1]))


def insert_person(name: str, department_id: int, phone: str) -> int:
    return prepared(
        "borrowing.person.insert",
        lambda: insert_statement(Person, ("name", "department", "phone")),
    ).insert(name=name, department=department_id, phone=phone)


def set_phone(person_id: int, phone: str) -> None:
    prepared(
        "borrowing.person.phone",
        lambda: Person.update(phone=Slot("phone", Person.phone)).where(Person.id == Slot("id")),
    ).update(id=person_id, phone=phone)


def cards(card_ids: Sequence[int], visible: Any) -> dict[int, tuple[Any, ...]]:
    """id → (id, archive_no, name, status, secrecy, grade) of the cards ``visible`` lets
    through: only what the rules and messages need (a whole card row costs peewee ~1.5 ms to
    build); built once per number of cards and visibility rule."""
    rule_sql, rule_params = database.get_sql_context().sql(visible).query()
    query = prepared(
        ("borrowing.cards", len(card_ids), rule_sql, tuple(rule_params)),
        lambda: Card.select(
            Card.id, Card.archive_no, Card.name, Card.status, Card.secrecy, Card.grade
        ).where(Card.id.in_([Slot(f"c{k}") for k in range(len(card_ids))]) & visible),
    )
    return {row[0]: row for row in query.rows(**{f"c{k}": c for k, c in enumerate(card_ids)})}


def documents(card_ids: Sequence[int]) -> dict[int, list[ListedDocument]]:
    """The contents lists of the cards (one statement, built once per number of cards)."""
    query = prepared(
        ("borrowing.documents", len(card_ids)),
        lambda: (
            CardDocument.select(
                CardDocument.card, CardDocument.id, CardDocument.title, CardDocument.pages
            )
            .where(
                CardDocument.card.in_([Slot(f"c{k}") for k in range(len(card_ids))])
                & (CardDocument.removed == False)  # noqa: E712
            )
            .order_by(CardDocument.card, CardDocument.seq, CardDocument.id)
        ),
    )
    out: dict[int, list[ListedDocument]] = {}
    for card_id, doc_id, title, pages in query.rows(**{f"c{k}": c for k, c in enumerate(card_ids)}):
        out.setdefault(card_id, []).append(
            ListedDocument(id=doc_id, title=title, pages=int(pages or 0))
        )
    return out
