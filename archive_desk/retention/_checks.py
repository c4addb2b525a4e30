"""What stops a card from being destroyed: the one rule the proposal, the list's view, the
check before the execution and the execution itself ask.

A card may be proposed when it is in the room's records (not destroyed), not kept for ever,
no longer trading, due if its reason is the end of its retention, and neither frozen, on
another open list nor on an open handover slip. At the execution it is asked again, and then
it must also be back from any loan and have no open inspection finding: the loans, slips and
freezes are read from the card's holds, the findings from inspection's surface.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from archive_desk import inspection
from archive_desk.db.models import Card, DestructionItem
from archive_desk.procedures import holds
from archive_desk.retention._states import DestructionReason

_BATCH = 500


class Candidate(NamedTuple):
    """A card to check: ``key`` names it in the answer, ``own_list`` is the list that holds it
    (its own destruction hold is no obstacle)."""

    key: int
    card_id: int
    basis: str
    own_list: int | None


def problems(candidates: Sequence[Candidate], *, on: dt.date, executing: bool) -> dict[int, str]:
    """Why each candidate may not be destroyed on ``on`` (listed, when not ``executing``):
    key → the reasons in Chinese; a candidate nothing stops is not in the answer."""
    ids = sorted({c.card_id for c in candidates})
    facts: dict[int, Any] = {}
    held: dict[int, list[holds.Hold]] = {}
    found: dict[int, str] = {}
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        for card in (
            Card.select(Card.id, Card.status, Card.trade_status, Card.retention, Card.retention_due)
            .where(Card.id.in_(chunk))
            .namedtuples()  # plain rows: a model instance a card cost ~40 µs
        ):
            facts[card.id] = card
        held.update(holds.of(chunk))
        if executing:
            found.update(inspection.open_findings(chunk))
    out: dict[int, str] = {}
    for c in candidates:
        reasons = _reasons(c, facts.get(c.card_id), held.get(c.card_id, []), on, executing)
        finding = found.get(c.card_id)
        if finding:
            reasons.append(f"有未处理的检查发现（{finding}）")
        if reasons:
            out[c.key] = "；".join(reasons)
    return out


def _reasons(
    c: Candidate, card: Any, held: list[holds.Hold], on: dt.date, executing: bool
) -> list[str]:
    if card is None:
        return ["档案卡不存在"]
    if card.status != "active":
        return ["档案卡已销毁"]
    reasons = []
    if card.retention == "Y":
        reasons.append("保管期限为永久")
    if card.trade_status == "active":
        reasons.append("已恢复交易" if executing else "仍在交易中")
    trading = card.trade_status == "active"  # its clock stopped with the trade: said above
    if c.basis == DestructionReason.RETENTION_ENDED and card.retention != "Y" and not trading:
        if card.retention_due is None:
            reasons.append("保管期限尚未起算")
        elif card.retention_due > on:
            reasons.append(f"保管期限未满（{card.retention_due:%Y-%m-%d} 到期）")
    for hold in held:
        if hold.kind == "destruction" and hold.ref == c.own_list:
            continue  # its own list
        if hold.kind == "loan" and not executing:
            continue  # it may be proposed while out: it must be back by the execution
        reasons.append(holds.KINDS[hold.kind].reason.format(note=hold.note))
    return reasons


def problems_of(
    items: Sequence[DestructionItem], *, on: dt.date, own_list: int | None
) -> dict[int, str]:
    """Why each listed item's card could not be destroyed on ``on``: item id → reasons."""
    return problems(
        [Candidate(i.id, i.card_id, i.basis, own_list or i.proposal_id) for i in items],
        on=on,
        executing=True,
    )
