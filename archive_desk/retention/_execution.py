"""The execution (销毁): once the waiting period is over, the clerk records the destruction —
date, place, method — with the signatures of the two witnesses (监销人) and the executor.

At that moment every listed card is checked again (:mod:`._checks`): back from any loan, on no
open handover slip, without an open inspection finding, not frozen, not trading again, still
due when its reason is the end of its retention. Those that fail are withheld, each with its
reason, and return to the archive; the rest are destroyed through ``cards.destroy`` (tombstone,
personal data removed — from the audit trail's events of the cards too —, one audit event a
card). All of it is one transaction: every checked card with its register row, tombstone and
audit event, or none. Once committed, the write-ahead log is emptied into the file, so the pages
that held the personal data are not kept there either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from archive_desk import audit, cards, validation
from archive_desk.db import connection
from archive_desk.db.models import Card, DestructionItem, DestructionProposal, Signature
from archive_desk.db.store import lock_rows, retrying
from archive_desk.errors import Conflict, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, holds, records, signatures
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.signatures import SignatureInput
from archive_desk.retention._checks import problems_of
from archive_desk.retention._proposals import years_between
from archive_desk.retention._reading import get_list, load
from archive_desk.retention._states import (
    ENTITY,
    DestructionMethod,
    DestructionState,
    ItemState,
    Signer,
)
from archive_desk.retention.views import CheckRow, DestructionView, Party

KIND = "destruction"
# a witness's or the executor's name: as the register and the signature keep it
NAME_MAX = min(DestructionProposal.executor.max_length, Signature.signer_name.max_length)


def recheck(actor: Actor, list_id: int, on: dt.date | None = None) -> list[CheckRow]:
    """The cards of a list as the execution would find them on ``on`` (today): what stops
    each one ("" when nothing) — for the clerk to see before she calls the witnesses."""
    require(actor, Perm.DESTRUCTION_PROPOSE)
    names = {i.id: i.customer_name for i in get_list(actor, list_id).items}  # as she may see
    day = on or actor.clock.today()
    items = list(_listed(list_id))
    found = problems_of(items, on=day, own_list=list_id)
    return [
        CheckRow(
            item_id=i.id,
            card_id=i.card_id,
            archive_no=i.archive_no,
            customer_name=names[i.id],
            problem=found.get(i.id, ""),
        )
        for i in items
    ]


def _listed(list_id: int) -> list[DestructionItem]:
    return list(
        DestructionItem.select()
        .where((DestructionItem.proposal == list_id) & (DestructionItem.state == ItemState.LISTED))
        .order_by(DestructionItem.seq)
    )


def _same(a: Party, b: Party) -> bool:
    if a.user_id is not None and a.user_id == b.user_id:
        return True
    return validation.normalize_text(a.name) == validation.normalize_text(b.name)


def _check_people(
    executor: Party, witnesses: tuple[Party, Party]
) -> tuple[Party, tuple[Party, Party]]:
    """The three people with their names as stored (a name as the signature keeps it)."""
    named = []
    for party, label in ((executor, "销毁执行人"), (witnesses[0], "第一位监销人"),
                         (witnesses[1], "第二位监销人")):  # fmt: skip
        name = validation.clean_text(party.name, f"{label}的姓名", NAME_MAX, field="people")
        if not name:
            raise ValidationError(f"请填写{label}的姓名。", field="people")
        named.append(Party(name, party.user_id))
    executor, witnesses = named[0], (named[1], named[2])
    if _same(witnesses[0], witnesses[1]):
        raise ValidationError("两位监销人不能是同一人。", field="witnesses")
    if _same(executor, witnesses[0]) or _same(executor, witnesses[1]):
        raise ValidationError("监销人不能由销毁执行人兼任。", field="witnesses")
    return executor, witnesses


def _check_signatures(signed: Mapping[str, SignatureInput]) -> None:
    for signer in Signer:
        sig = signed.get(signer.value)
        if sig is None or (not sig.on_paper and not sig.png):
            raise ValidationError(f"{signer.label}尚未签字。", field=f"signature.{signer.value}")


@retrying
def execute(
    actor: Actor,
    list_id: int,
    version: int,
    *,
    executed_on: dt.date,
    place: str,
    method: str,
    executor: Party,
    witnesses: tuple[Party, Party],
    signed: Mapping[str, SignatureInput],
) -> DestructionView:
    """Carry out an approved list whose waiting period is over (see the module's text)."""
    require(actor, Perm.DESTRUCTION_PROPOSE)
    place = validation.clean_text(
        place, "销毁地点", DestructionProposal.place.max_length, field="place"
    )
    if not place:
        raise ValidationError("请填写销毁地点。", field="place")
    if method not in DestructionMethod.labels():
        raise ValidationError("请选择销毁方式。", field="method")
    executor, witnesses = _check_people(executor, witnesses)
    _check_signatures(signed)
    today = actor.clock.today()
    if executed_on > today:
        raise ValidationError("销毁日期不能晚于今天。", field="executed_on")
    how = DestructionMethod(method)
    with transaction():
        head = load(list_id, version)
        if head.state != DestructionState.APPROVED:
            state = DestructionState(head.state).label
            raise Conflict(f"销毁清册现在是“{state}”，只有已批准的清册才能执行销毁。")
        if head.wait_until is None or today < head.wait_until:
            raise Conflict(f"等待期未满：{head.wait_until:%Y-%m-%d} 起才能销毁。")
        if executed_on < head.wait_until:
            raise ValidationError(
                f"销毁日期不能早于等待期满之日（{head.wait_until:%Y-%m-%d}）。", field="executed_on"
            )
        items = _listed(head.id)
        lock_rows(Card, [i.card_id for i in items])  # a server: the re-check holds till commit
        stops = problems_of(items, on=executed_on, own_list=head.id)
        doomed = [i for i in items if i.id not in stops]
        if not doomed:
            raise Conflict(
                "复核未通过，没有可以销毁的档案卡："
                + "；".join(f"{i.archive_no} {stops[i.id]}" for i in items)
            )
        now = actor.clock.now()
        names = {Signer.WITNESS1: witnesses[0], Signer.WITNESS2: witnesses[1],
                 Signer.EXECUTOR: executor}  # fmt: skip
        for signer, party in names.items():
            signatures.store(
                entity=ENTITY, entity_id=head.id, role=signer.value, signer_name=party.name,
                signer_user=party.user_id, sig=signed[signer.value], at=now,
                recorded_by=actor.user_id,
            )  # fmt: skip
        withheld = [i for i in items if i.id in stops]
        for item in withheld:
            DestructionItem.update(state=ItemState.WITHHELD, note=stops[item.id][:300]).where(
                DestructionItem.id == item.id
            ).execute()
        cards.destroy(
            actor,
            [i.card_id for i in doomed],
            cards.Destruction(head.number, executed_on, how.label, place),
        )
        _mark_destroyed(doomed, executed_on)
        holds.release(KIND, head.id)
        records.update(
            DestructionProposal, head.id, version, state=DestructionState.EXECUTED,
            executed_on=executed_on, executed_at=now, executed_by=actor.user_id, place=place,
            method=how, executor=executor.name, witness1=witnesses[0].name,
            witness2=witnesses[1].name,
        )  # fmt: skip
        changes.note(changes.DESTRUCTION, [head.id])
        audit.record(
            actor, "destruction.execute", ENTITY, head.id, before={"state": head.state},
            after={"state": DestructionState.EXECUTED, "destroyed": len(doomed),
                   "withheld": [f"{i.archive_no}：{stops[i.id]}" for i in withheld],
                   "executed_on": executed_on, "place": place, "destroy_method": how,
                   "executor": executor.name,
                   "witnesses": [witnesses[0].name, witnesses[1].name]},
        )  # fmt: skip
    connection.forget_old_pages()  # the personal data's old pages out of the write-ahead log
    return get_list(actor, list_id)


def _mark_destroyed(items: list[DestructionItem], on: dt.date) -> None:
    """The register's rows: destroyed, with the years kept as of the day of destruction
    (one statement per number of years, a handful)."""
    by_years: dict[int, list[int]] = {}
    starts: dict[int, dt.date] = {}
    ids = [i.card_id for i in items]
    for start in range(0, len(ids), 500):
        rows: Any = (
            Card.select(Card.id, Card.retention_start, Card.created_at)
            .where(Card.id.in_(ids[start : start + 500]))
            .namedtuples()
        )
        for card in rows:
            starts[card.id] = card.retention_start or card.created_at.date()
    for item in items:
        years = years_between(starts.get(item.card_id), on) or item.kept_years
        by_years.setdefault(years, []).append(item.id)
    for years, rows in by_years.items():
        for start in range(0, len(rows), 500):
            DestructionItem.update(state=ItemState.DESTROYED, kept_years=years).where(
                DestructionItem.id.in_(rows[start : start + 500])
            ).execute()
