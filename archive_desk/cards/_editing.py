"""Creating and editing a card: checked, numbered, every change in its history, a new name kept
as a former name, the search row kept, the audit event."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from archive_desk import audit, numbering, settings, validation
from archive_desk.cards import _classification as classification
from archive_desk.cards import _search as search
from archive_desk.cards._checks import CheckedCard, _apply_retention, _raise_problems, check_draft
from archive_desk.cards._duplicates import DuplicateCards, find_duplicates
from archive_desk.cards._fields import _MODEL_NAME, CARD_FIELDS, LOCATION_FIELDS
from archive_desk.cards._reading import _current_values, _display, _get_visible, get_card
from archive_desk.cards.views import CardDraft, CardView
from archive_desk.db import store
from archive_desk.db.connection import STALE_MESSAGE
from archive_desk.db.models import (
    Card,
    CardDocument,
    CardFormerName,
    CardHistory,
    Category,
    ContactPerson,
    Region,
)
from archive_desk.errors import (
    Conflict,
    StaleRecord,
    ValidationError,
)
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import records
from archive_desk.procedures.changes import CARD, note, transaction

# --- create, update, rename -------------------------------------------------------------------


def _documents_summary(docs: Iterable[dict[str, Any]]) -> str:
    return "；".join(f"{d['title']}（{d['pages']}页）" for d in docs)


def _contacts_summary(contacts: Iterable[dict[str, Any]]) -> str:
    return "；".join(
        f"{c['name']} {c.get('mobile') or c.get('phone') or ''}".strip() for c in contacts
    )


def _write_children(card_id: int, checked: CheckedCard) -> None:
    ContactPerson.delete().where(ContactPerson.card == card_id).execute()
    for seq, c in enumerate(checked.contacts, start=1):
        ContactPerson.create(card=card_id, seq=seq, **c)
    keep_ids = {d["id"] for d in checked.documents if d.get("id")}
    # Documents are never deleted (returns and history refer to them): absent ones are removed.
    CardDocument.update(removed=True).where(
        (CardDocument.card == card_id) & CardDocument.id.not_in(keep_ids or {0})
    ).execute()
    for seq, d in enumerate(checked.documents, start=1):
        data = {k: v for k, v in d.items() if k != "id"}
        if (
            d.get("id")
            and CardDocument.update(seq=seq, removed=False, **data)
            .where((CardDocument.id == d["id"]) & (CardDocument.card == card_id))
            .execute()
        ):
            continue
        CardDocument.create(card=card_id, seq=seq, **data)


def _model_values(values: dict[str, Any]) -> dict[str, Any]:
    return {_MODEL_NAME.get(k, k): v for k, v in values.items()}


@store.retrying
def create_card(
    actor: Actor,
    draft: CardDraft,
    *,
    confirm_warnings: bool = False,
    allow_duplicate: bool = False,
    reported_by: str = "",
    reason: str = "",
) -> CardView:
    """Create a card and give it its archive number."""
    require(actor, Perm.CARD_EDIT)
    now = actor.clock.now()
    checked = check_draft(draft, today=now.date())
    _raise_problems(checked, confirm_warnings)
    values = checked.values
    if int(values["secrecy"]) > actor.clearance:
        raise ValidationError("不能创建高于您本人密级权限的档案卡。", field="secrecy")
    if not allow_duplicate:
        dupes = find_duplicates(actor, name=values["name"], credit_code=values["credit_code"])
        if dupes:
            raise DuplicateCards(
                f"已有 {len(dupes)} 张档案卡的信用代码或名称（含曾用名）与此相同："
                + "、".join(f"{d.archive_no} {d.name}" for d in dupes[:3]),
                dupes,
            )
    trade_ended = now.date() if values["trade_status"] != "active" else None
    _apply_retention(values, created=now.date(), trade_ended=trade_ended)
    category = Category.get_by_id(values["category_id"])
    with transaction():
        if category.retired or Region.get_by_id(values["region_id"]).retired:
            raise ValidationError("所选区域或类别已停用，请另选。", field="category_id")
        archive_no = numbering.next_archive_no(
            settings.get("archive_no.pattern"),
            category=category.code,
            region=classification.region_code_of(values["region_id"]),
            year=now.year,
        )
        card = Card.create(
            archive_no=archive_no,
            name_norm=validation.normalize_name(values["name"]),
            keeper=actor.user_id,
            trade_ended_on=trade_ended,
            created_at=now,
            created_by=actor.user_id,
            updated_at=now,
            **_model_values(values),
        )
        _write_children(card.id, checked)
        CardHistory.create(
            card=card.id,
            at=now,
            user=actor.user_id,
            action="create",
            reported_by=reported_by,
            reason=reason or "建档",
            field="档案编号",
            new_value=archive_no,
        )
        search.index_card(card.id)
        note(CARD, [card.id])
        audit.record(
            actor,
            "card.create",
            "card",
            card.id,
            after={
                "archive_no": archive_no,
                **values,
                "contacts": checked.contacts,
                "documents": checked.documents,
            },
        )
    return get_card(actor, card.id, log_view=False)


@store.retrying
def update_card(
    actor: Actor,
    card_id: int,
    version: int,
    draft: CardDraft,
    *,
    reported_by: str = "",
    reason: str = "",
    confirm_warnings: bool = False,
    allow_duplicate: bool = False,
) -> CardView:
    """Save an edited card. Every changed field lands in the history; a new name keeps the old
    one as a former name; leaving 交易中 starts the retention clock where the rule says so."""
    require(actor, Perm.CARD_EDIT)
    card = _get_visible(actor, card_id)
    if card.status == "destroyed":
        raise Conflict("已销毁的档案卡不能修改。")
    if card.version != version:
        raise StaleRecord(STALE_MESSAGE)
    now = actor.clock.now()
    checked = check_draft(draft, today=now.date())
    before = _current_values(card)
    if all(before[name] == checked.values.get(name) for name in LOCATION_FIELDS):
        for name in LOCATION_FIELDS:  # asked when it was filed or last moved, not at every edit
            checked.warnings.pop(name, None)
    _raise_problems(checked, confirm_warnings)
    values = checked.values
    if int(values["secrecy"]) > actor.clearance:
        raise ValidationError("不能把档案卡设为高于您本人密级权限的密级。", field="secrecy")
    if not allow_duplicate and (
        values["name"] != before["name"] or values["credit_code"] != before["credit_code"]
    ):
        dupes = find_duplicates(
            actor, name=values["name"], credit_code=values["credit_code"], exclude_id=card_id
        )
        if dupes:
            raise DuplicateCards(
                "已有档案卡的信用代码或名称与此相同："
                + "、".join(f"{d.archive_no} {d.name}" for d in dupes[:3]),
                dupes,
            )
    trade_ended = card.trade_ended_on
    if values["trade_status"] == "active":
        trade_ended = None
    elif before["trade_status"] == "active" or trade_ended is None:
        trade_ended = now.date()
    _apply_retention(values, created=card.created_at.date(), trade_ended=trade_ended)
    old_docs = [
        {"title": d.title, "pages": d.pages}
        for d in card.documents.where(CardDocument.removed == False).order_by(CardDocument.seq)  # noqa: E712
    ]
    old_contacts = [
        {"name": c.name, "mobile": c.mobile, "phone": c.phone}
        for c in card.contacts.order_by(ContactPerson.seq)
    ]
    with transaction():
        records.update(
            Card,
            card_id,
            version,
            name_norm=validation.normalize_name(values["name"]),
            trade_ended_on=trade_ended,
            updated_at=now,
            **_model_values(values),
        )
        changes: list[tuple[str, str, str]] = []
        for spec in CARD_FIELDS:
            if before[spec.name] != values[spec.name]:
                changes.append(
                    (
                        spec.label,
                        _display(spec, before[spec.name]),
                        _display(spec, values[spec.name]),
                    )
                )
        if before["name"] != values["name"]:
            CardFormerName.create(
                card=card_id,
                name=before["name"],
                name_norm=validation.normalize_name(before["name"]),
                until=now.date(),
                note=reason,
            )
        _write_children(card_id, checked)
        new_docs = _documents_summary(checked.documents)
        if _documents_summary(old_docs) != new_docs:
            changes.append(("卷内文件目录", _documents_summary(old_docs), new_docs))
        new_contacts = _contacts_summary(checked.contacts)
        if _contacts_summary(old_contacts) != new_contacts:
            changes.append(("联系人", _contacts_summary(old_contacts), new_contacts))
        action = "rename" if before["name"] != values["name"] else "edit"
        for label_text, old, new in changes:
            CardHistory.create(
                card=card_id,
                at=now,
                user=actor.user_id,
                action=action,
                reported_by=reported_by,
                reason=reason,
                field=label_text,
                old_value=old,
                new_value=new,
            )
        search.index_card(card_id)
        note(CARD, [card_id])
        audit.record(
            actor,
            f"card.{action}",
            "card",
            card_id,
            before={k: before[k] for k in before if before[k] != values[k]},
            after={k: values[k] for k in before if before[k] != values[k]},
        )
    return get_card(actor, card_id, log_view=False)
