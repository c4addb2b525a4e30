"""The copy register (影印登记): pages copied from a card with the consent of whom the rule table
names (:func:`copy_approvers` lists them, :func:`record_copy` enforces the same predicate); copies
taken out of the room are tracked until they come back and are struck off."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from archive_desk import audit, cards, validation
from archive_desk.borrowing import _store as store
from archive_desk.borrowing._apply import LendableCard, lendable_cards
from archive_desk.borrowing._rules import rule_for
from archive_desk.borrowing._states import ROLE_RANK
from archive_desk.borrowing.views import CopyView
from archive_desk.db.models import BorrowingItem, Card, CopyRecord, User
from archive_desk.domain import MAX_PAGES, Role
from archive_desk.errors import Conflict, PermissionDenied, ValidationError
from archive_desk.numbering import next_document_no
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import approvals, duties, records
from archive_desk.procedures.changes import transaction

_PAGE_PART = re.compile(r"(\d{1,9})(?:-(\d{1,9}))?")
MAX_COPIES = 1_000


def parse_pages(spec: str) -> int:
    """Count the pages of "1-3, 5" (full-width and Chinese commas accepted)."""
    spec = validation.clean_text(spec, "页码", CopyRecord.pages.max_length, field="pages")
    text = validation.normalize_text(spec).replace("，", ",").replace("、", ",").replace(" ", "")
    if not text:
        raise ValidationError("请填写复印的页码，例如 1-3, 5。", field="pages")
    total = 0
    for part in text.split(","):
        match = _PAGE_PART.fullmatch(part)
        if not match:
            raise ValidationError(f"页码“{part}”看不懂，请写成 1-3, 5 的样子。", field="pages")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if first < 1 or last < first or last > MAX_PAGES:
            raise ValidationError(f"页码“{part}”无效。", field="pages")
        total += last - first + 1
    return total


def copy_view_of(c: CopyRecord) -> CopyView:
    return copy_view(
        c.id, c.number, c.card_id, c.card.archive_no, c.card.name, c.pages, c.page_count, c.copies,
        c.purpose, c.approver_name, c.holder_name, c.location, c.taken_out, c.made_at, c.due_date,
        c.struck_off_at, c.version,
    )  # fmt: skip


def copy_view(
    copy_id: int,
    number: str,
    card_id: int,
    archive_no: str,
    card_name: str,
    pages: str,
    page_count: int,
    copies: int,
    purpose: str,
    approver: str,
    holder: str,
    location: str,
    taken_out: bool,
    made_at: dt.datetime,
    due_date: dt.date | None,
    struck_off_at: dt.datetime | None,
    version: int,
) -> CopyView:
    """A copy's view from its columns in the order the copy queries select them."""
    return CopyView(
        id=copy_id, number=number, card_id=card_id, archive_no=archive_no, card_name=card_name,
        pages=pages, page_count=page_count, copies=copies, purpose=purpose,
        approver_name=approver, holder_name=holder, location=location, taken_out=taken_out,
        made_at=made_at, due_date=due_date, struck_off_at=struck_off_at, version=version,
    )  # fmt: skip


def _copy_needed(card: LendableCard) -> str:
    """The role a copy of ``card`` needs (the rule table's ``copy`` row for its secrecy and
    grade; at least a department head)."""
    needed = rule_for(card.secrecy, card.grade, "copy").approver_role
    return needed if ROLE_RANK.get(needed, 0) >= 1 else Role.DEPT_HEAD


def _copy_refusal(approver: User, needed: str) -> str | None:
    """Why ``approver`` may not consent to a copy that needs ``needed`` (None: she may). The
    one rule of :func:`record_copy` and of the list :func:`copy_approvers` offers."""
    if not approver.active or ROLE_RANK.get(approver.role, 0) < ROLE_RANK[needed]:
        return f"{approver.full_name}无权批准复印这份档案：需要{Role.LABELS[needed]}批准。"
    return None


def _own_copy(approver: User, item_id: int | None) -> str | None:
    """A copy made during a loan is consented to by someone other than its borrower
    (applicant ≠ approver)."""
    item = BorrowingItem.get_or_none(BorrowingItem.id == item_id) if item_id else None
    b: Any = store.read(item.borrowing_id) if item is not None else None
    return duties.refusal(
        approver.id, "批准复印", {"借阅人": b.borrower_user_id if b is not None else None}
    )


def copy_approvers(actor: Actor, card_id: int) -> approvals.StepApprovers:
    """Who may consent to copying ``card_id``, the lowest sufficient rank first (a department
    head where one is enough, then the manager, then the general manager)."""
    require(actor, Perm.BORROW_RECORD)
    needed = _copy_needed(lendable_cards(actor, [card_id])[0])
    return approvals.step_approvers(
        actor,
        refusal=lambda user: _copy_refusal(user, needed),
        order=lambda user: ROLE_RANK.get(user.role, 0),
        needed=Role.LABELS[needed],
        approve_perm=Perm.BORROW_APPROVE,
        record_perm=Perm.BORROW_RECORD,
    )


def record_copy(
    actor: Actor,
    card_id: int,
    *,
    pages: str,
    copies: int,
    purpose: str,
    approver_id: int,
    holder_name: str,
    taken_out: bool = False,
    location: str = "",
    due_date: dt.date | None = None,
    item_id: int | None = None,
) -> CopyView:
    """影印登记: pages copied from a card, by whose approval; copies taken out of the room are
    tracked until they come back and are struck off."""
    require(actor, Perm.BORROW_RECORD)
    page_count = parse_pages(pages)
    pages = validation.clean_text(pages, "页码", CopyRecord.pages.max_length, field="pages")
    copies = validation.clean_int(copies, "份数", field="copies", minimum=1, maximum=MAX_COPIES)
    purpose = validation.clean_text(
        purpose, "复印用途", validation.NOTE_MAX, field="purpose", multiline=True
    )
    holder_name = validation.clean_text(
        holder_name, "领取人", CopyRecord.holder_name.max_length, field="holder"
    )
    location = validation.clean_text(
        location, "存放地点", CopyRecord.location.max_length, field="location"
    )
    if not purpose:
        raise ValidationError("请填写复印用途。", field="purpose")
    if not holder_name:
        raise ValidationError("请填写复印件的领取人。", field="holder")
    if taken_out and (due_date is None or due_date < actor.clock.today()):
        raise ValidationError("带出的复印件须填写不早于今天的归还日期。", field="due_date")
    with transaction():
        card = lendable_cards(actor, [card_id])[0]
        approver = User.get_or_none(User.id == approver_id)
        if approver is None:
            raise ValidationError("请选择审批人。", field="approver")
        refusal = _copy_refusal(approver, _copy_needed(card)) or _own_copy(approver, item_id)
        if refusal is not None:
            raise PermissionDenied(refusal)
        now = actor.clock.now()
        record = CopyRecord.create(
            number=next_document_no("YY", now.year), card=card.id, item=item_id,
            pages=pages, page_count=page_count, copies=copies, purpose=purpose,
            approver=approver.id, approver_name=approver.full_name, holder_name=holder_name,
            location=location, taken_out=taken_out, made_at=now,
            due_date=due_date if taken_out else None,
        )  # fmt: skip
        audit.record(
            actor, "copy.record", "copy", record.id,
            after={"number": record.number, "card": card.archive_no, "pages": pages, "copies": copies,
                   "approver": approver.full_name, "taken_out": taken_out},
        )  # fmt: skip
    return copy_view_of(CopyRecord.get_by_id(record.id))


def strike_off_copy(actor: Actor, copy_id: int, version: int, note: str = "") -> CopyView:
    """A copy taken out came back (or was destroyed): strike it off the register."""
    require(actor, Perm.BORROW_RECORD)
    note = validation.clean_text(note, "备注", validation.NOTE_MAX, field="note", multiline=True)
    with transaction():
        record = records.load(CopyRecord, copy_id, version, missing="影印登记不存在。")
        if record.struck_off_at is not None:
            raise Conflict(f"复印件 {record.number} 已经注销，不能重复注销。")
        now = actor.clock.now()
        records.update(
            CopyRecord, record.id, version, returned_at=now, struck_off_at=now,
            struck_off_by=actor.user_id,
        )  # fmt: skip
        audit.record(actor, "copy.strike_off", "copy", record.id, after={"note": note})
    return copy_view_of(CopyRecord.get_by_id(copy_id))


def copies_out(actor: Actor) -> list[CopyView]:
    """Copies taken out and not yet struck off."""
    require(actor, Perm.BORROW_RECORD)
    query = (
        CopyRecord.select(CopyRecord, Card)
        .join(Card)
        .where(CopyRecord.taken_out & CopyRecord.struck_off_at.is_null() & cards.visible(actor))
        .order_by(CopyRecord.made_at)
    )
    return [copy_view_of(c) for c in query]
