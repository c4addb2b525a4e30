"""Findings (检查发现): a card's folder found wanting — by the twice-yearly review, an inventory, or
a return checked against its contents list — waiting for a proposal, the manager's approval and
the clerk's resolution (the rest of the procedure is built next).

Other procedures open findings only through :func:`open_finding`, inside their own transaction,
and ask whether a card has one still open through :func:`open_findings`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from archive_desk.db.models import InspectionFinding
from archive_desk.inspection._states import FindingKind, FindingState
from archive_desk.permissions import Actor
from archive_desk.procedures import changes


def open_finding(
    actor: Actor,
    *,
    card_id: int,
    kind: FindingKind,
    description: str,
    source: str,
    source_item: int | None = None,
    at: dt.datetime | None = None,
) -> int:
    """Open a finding of ``kind`` on a card (call inside the caller's transaction: the finding
    stands or falls with the change that found it). ``source`` says what found it (``return``,
    ``inspection``), ``source_item`` the loan's item. The new finding's id."""
    finding = InspectionFinding.create(
        card=card_id,
        kind=FindingKind(kind),
        description=description,
        source=source,
        source_item=source_item,
        state=FindingState.OPEN,
        created_at=at or actor.clock.now(),
        created_by=actor.user_id,
    )
    changes.note(changes.FINDING, [finding.id])
    return int(finding.id)


# a finding still to be dealt with: waiting for approval, or approved and not yet resolved
UNSETTLED = (FindingState.OPEN, FindingState.APPROVED)


def open_findings(card_ids: Sequence[int]) -> dict[int, str]:
    """The cards of ``card_ids`` with a finding not yet settled, each with what its first such
    finding is (``缺页``, ``破损`` …): what other procedures ask before they take a card (a card
    with an open finding is not destroyed)."""
    if not card_ids:
        return {}
    rows: Any = (
        InspectionFinding.select(InspectionFinding.card, InspectionFinding.kind)
        .where(InspectionFinding.card.in_(list(card_ids)) & InspectionFinding.state.in_(UNSETTLED))
        .order_by(InspectionFinding.id)
        .tuples()
    )
    found: dict[int, str] = {}
    for card_id, kind in rows:
        found.setdefault(card_id, FindingKind.label_of(kind))
    return found
