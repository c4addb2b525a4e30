"""Findings (检查发现): a card's folder found wanting — by the twice-yearly review, an inventory, or
a return checked against its contents list — waiting for a proposal, the manager's approval and
the clerk's resolution (the rest of the procedure is built next).

Other procedures open findings only through :func:`open_finding`, inside their own transaction.
"""

from __future__ import annotations

import datetime as dt

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
