"""Creating and editing a card: checked, numbered, every change in its history, a new name kept
as a former name, the search row kept, the audit event; the cards of an import created in bulk
(:func:`create_imported`), and a salesperson an import names."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from archive_desk import audit, settings, validation
from archive_desk.cards import _classification as classification
from archive_desk.cards import _search as search
from archive_desk.cards._checks import (
    CheckedCard,
    _apply_retention,
    _limits,
    _raise_problems,
    check_draft,
    trade_end,
)
from archive_desk.cards._duplicates import DuplicateCards, find_duplicates
from archive_desk.cards._fields import _MODEL_NAME, CARD_FIELDS, LOCATION_FIELDS
from archive_desk.cards._numbers import _free_archive_no, _free_archive_nos, _numbers_held
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
    Person,
    Region,
)
from archive_desk.db.prepared import insert_statement, prepared
from archive_desk.errors import (
    Cancelled,
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


def _history_texts(reported_by: str, reason: str) -> tuple[str, str]:
    """Who reported a change and why, as the history keeps them (the reason is also a former
    name's note)."""
    return (
        validation.clean_text(
            reported_by, "报告人", CardHistory.reported_by.max_length, field="reported_by"
        ),
        validation.clean_text(reason, "原因", CardFormerName.note.max_length, field="reason"),
    )


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
    reported_by, reason = _history_texts(reported_by, reason)
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
    trade_ended = trade_end(values, before_status=None, stored=None, today=now.date())
    values["trade_ended_on"] = trade_ended
    _apply_retention(values, created=now.date(), trade_ended=trade_ended)
    category = Category.get_by_id(values["category_id"])
    with transaction():
        if category.retired or Region.get_by_id(values["region_id"]).retired:
            raise ValidationError("所选区域或类别已停用，请另选。", field="category_id")
        archive_no = _free_archive_no(
            settings.get("archive_no.pattern"),
            category=category.code,
            region=classification.region_code_of(values["region_id"]),
            year=now.year,
        )
        card = Card.create(
            archive_no=archive_no,
            name_norm=validation.normalize_name(values["name"]),
            keeper=actor.user_id,
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
    reported_by, reason = _history_texts(reported_by, reason)
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
    trade_ended = trade_end(
        values, before_status=before["trade_status"], stored=card.trade_ended_on, today=now.date()
    )
    values["trade_ended_on"] = trade_ended
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


# --- an import -----------------------------------------------------------------------------


def add_salesperson(actor: Actor, name: str) -> int:
    """A salesperson (业务员) the archive does not know yet, by name (as an import names one).
    Returns the new person's id."""
    require(actor, Perm.CARD_EDIT)
    name = validation.clean_text(
        name,
        "业务员姓名",
        _limits(Person)["name"],
        field="salesperson_id",
        required=True,
        fold=True,
    )
    with transaction():
        person = Person.create(name=name, is_salesperson=True)
        audit.record(actor, "person.create", "person", person.id, after={"name": name})
    return int(person.id)


@dataclass(frozen=True)
class ImportedCard:
    """One card of an import, as the import's preview checked it with :func:`check_draft`:
    ``values``, every field as it is stored (references by id); ``contacts``, the contact
    people's rows; the ledger's archive number ("" for the pattern's next one); the reason its
    history line gives (“导入自 客户台账.xlsx 第 12 行”); the ledger's 建档日期."""

    values: dict[str, Any]
    contacts: list[dict[str, Any]] = field(default_factory=list)
    archive_no: str = ""
    reason: str = "导入"
    created_on: dt.date | None = None  # the card's creation (today if None)


_IMPORT_COLUMNS = (
    "archive_no", "name_norm", "keeper", "created_at", "created_by",
    "updated_at", "status", "version",
    *(_MODEL_NAME.get(spec.name, spec.name) for spec in CARD_FIELDS), "retention_due",
)  # fmt: skip
_HISTORY_COLUMNS = (
    "card", "at", "user", "action", "reported_by", "reason", "field", "old_value", "new_value",
)  # fmt: skip
_CONTACT_COLUMNS = ("card", "seq", "name", "title", "mobile", "phone", "email", "id_number", "note")


def create_imported(
    actor: Actor,
    items: Sequence[ImportedCard],
    *,
    progress: Any = None,
) -> list[tuple[int, str]]:
    """Create the cards of an import inside the caller's transaction (an import is one
    transaction: all or nothing; the cards are noted as changed in it).

    ``items`` were checked in the preview (:func:`check_draft`; their warnings accepted); what
    may have changed since is checked again before anything is written: the region, category
    and salesperson exist and are not retired, the secrecy is within the actor's clearance, the
    filing date is not after today, no card holds a ledger's number. Each card gets its number
    (the ledger's, or the pattern's next free one of the year of its filing), its history line,
    its ``card.create`` event, its contact people and its search row, each kind written in bulk;
    duplicates were the clerk's choice already. ``progress(done)`` returning False cancels
    (:class:`Cancelled`: the caller's transaction rolls back). Returns the new cards'
    ``(id, archive number)`` in the order of ``items``."""
    require(actor, Perm.CARD_EDIT)
    now = actor.clock.now()
    regions = {r.id: r for r in classification.list_regions()}
    categories = {c.id: c for c in classification.list_categories()}
    found: Any = Person.select(Person.id).tuples()
    people = {pid for (pid,) in found}
    for item in items:
        _refuse_imported(actor, item, regions, categories, people, now.date())
    numbers = _imported_numbers(items, categories, now.year)
    insert = prepared("cards.import.insert", lambda: insert_statement(Card, _IMPORT_COLUMNS))
    written: list[tuple[int, str]] = []
    history: list[dict[str, Any]] = []
    events: list[audit.Event] = []
    contacts: list[dict[str, Any]] = []
    for n, (item, number) in enumerate(zip(items, numbers, strict=True)):
        if progress is not None and n % 100 == 0 and not progress(n):
            raise Cancelled("已取消导入，档案没有任何改动。")
        values = dict(item.values)
        trade_ended = trade_end(values, before_status=None, stored=None, today=now.date())
        values["trade_ended_on"] = trade_ended
        created = item.created_on or now.date()
        _apply_retention(values, created=created, trade_ended=trade_ended)
        card_id = insert.insert(
            archive_no=number,
            name_norm=validation.normalize_name(values["name"]),
            keeper=actor.user_id,
            created_at=now if item.created_on is None else dt.datetime.combine(created, dt.time()),
            created_by=actor.user_id,
            updated_at=now,
            status="active",
            version=1,
            **_model_values(values),
        )
        written.append((card_id, number))
        after = {"archive_no": number, **values, "contacts": item.contacts, "documents": []}
        events.append(("card.create", "card", card_id, None, after))
        history.append(
            {"card": card_id, "at": now, "user": actor.user_id, "action": "create",
             "reported_by": "", "reason": item.reason[:300], "field": "档案编号",
             "old_value": "", "new_value": number}
        )  # fmt: skip
        contacts += [
            {"card": card_id, "seq": seq, **c} for seq, c in enumerate(item.contacts, start=1)
        ]
    prepared(
        "cards.import.history", lambda: insert_statement(CardHistory, _HISTORY_COLUMNS)
    ).run_many(history)
    prepared(
        "cards.import.contact", lambda: insert_statement(ContactPerson, _CONTACT_COLUMNS)
    ).run_many(contacts)
    audit.record_many(actor, events, at=now)
    ids = [card_id for card_id, _ in written]
    search.index_cards(ids)
    note(CARD, ids)
    return written


def _refuse_imported(
    actor: Actor,
    item: ImportedCard,
    regions: dict[int, Any],
    categories: dict[int, Any],
    people: set[int],
    today: dt.date,
) -> None:
    """What may have changed since the preview checked ``item``, refused with its row."""
    values = item.values
    region, category = regions.get(values["region_id"]), categories.get(values["category_id"])
    problem = ""
    if region is None or category is None:
        problem = "所选区域不存在。" if region is None else "所选类别不存在。"
    elif values.get("salesperson_id") is not None and values["salesperson_id"] not in people:
        problem = "所选业务员不存在。"
    elif category.retired or region.retired:
        problem = "所选区域或类别已停用，请另选。"
    elif int(values["secrecy"]) > actor.clearance:
        problem = "不能创建高于您本人密级权限的档案卡。"
    elif item.created_on is not None and item.created_on > today:
        problem = "建档日期不能晚于今天。"
    if problem:
        raise ValidationError(f"{item.reason}：{problem}")


def _imported_numbers(
    items: Sequence[ImportedCard], categories: dict[int, Any], year: int
) -> list[str]:
    """The number of each card of an import: the ledger's (refused when a card holds it or
    another row brings it too), else the pattern's next free one of the year of the card's
    filing (``year`` without a 建档日期), past the numbers the import brings in itself."""
    given = [validation.normalize_text(item.archive_no) for item in items]
    held = _numbers_held(given)
    reserved: set[str] = set()
    for item, number in zip(items, given, strict=True):
        if number and (number.upper() in held or number.upper() in reserved):
            raise Conflict(f"{item.reason}：档案编号“{number}”已被使用。")
        if number:
            reserved.add(number.upper())
    codes: dict[int, str] = {}
    keys: list[tuple[str, str, int] | None] = []
    for item, number in zip(items, given, strict=True):
        if number:
            keys.append(None)
            continue
        region_id = item.values["region_id"]
        if region_id not in codes:
            codes[region_id] = classification.region_code_of(region_id)
        filed = item.created_on.year if item.created_on else year
        keys.append((categories[item.values["category_id"]].code, codes[region_id], filed))
    pattern = settings.get("archive_no.pattern")
    free = {
        key: iter(
            _free_archive_nos(
                pattern, category=key[0], region=key[1], year=key[2], count=count,
                reserved=reserved,
            )
        )
        for key, count in Counter(k for k in keys if k is not None).items()
    }  # fmt: skip
    return [
        number if key is None else next(free[key]) for number, key in zip(given, keys, strict=True)
    ]
