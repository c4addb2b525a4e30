"""Inspection rounds (检查轮次): the twice-yearly review of every card, one round a review
period, and ad-hoc rounds of a region, a category or a location; each with an inspector, its
dates and a state. The cards gone through are recorded in their round (and on each card: its
history, ``last_reviewed_on``), so a round knows how far it is.

A round's cards are the kept cards of its scope filed before it began — a periodic round's:
before its review period began, the cards the twice-yearly review is due for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from archive_desk import audit, cards, validation
from archive_desk.db.models import Card, Inspection, InspectionFinding, InspectionReview, User
from archive_desk.db.store import retrying
from archive_desk.errors import Conflict, NeedsConfirmation, NotFound, ValidationError
from archive_desk.inspection import _scope
from archive_desk.inspection._review import period_due, period_label, period_start
from archive_desk.inspection._states import ROUND_ENTITY, RoundKind, RoundState, ScopeKind
from archive_desk.inspection.views import RoundView, Scope
from archive_desk.numbering import next_document_no
from archive_desk.permissions import Actor, Perm, require, require_any
from archive_desk.procedures import changes, records
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.filters import FilterTable, ListFilter

MISSING = "检查轮次不存在。"
ROUND_KINDS = (RoundKind.PERIODIC, RoundKind.ADHOC)


def numbers_in_use() -> list[str]:
    """Every round's and inventory's number (``archive-desk check`` compares the counters)."""
    rows: Any = Inspection.select(Inspection.number).tuples()
    return [n for (n,) in rows]


def may_read(actor: Actor) -> None:
    """Who may read rounds, inventories and findings: the clerk, and the manager who approves."""
    require_any(actor, Perm.INSPECTION_RECORD, Perm.INSPECTION_APPROVE)


def user_names(ids: Sequence[int | None]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    rows: Any = User.select(User.id, User.full_name).where(User.id.in_(wanted)).tuples()
    return dict(rows)


# --- reading ---------------------------------------------------------------------------------


def _cutoff(row: Inspection) -> dt.datetime:
    """The cards a round covers were filed before this instant."""
    if row.kind == RoundKind.PERIODIC:
        return dt.datetime.strptime(row.period, "%Y-%m")
    return row.started_at


def _progress(actor: Actor, row: Inspection) -> tuple[int, int]:
    """(cards the round covers, how many of them were gone through in it)."""
    condition = cards.filter_condition(actor, _scope.card_filter(_scope.of(row), _cutoff(row)))
    total = Card.select(Card.id).where(condition).count()
    reviewed = (
        InspectionReview.select(InspectionReview.id)
        .join(Card, on=(InspectionReview.card == Card.id))
        .where((InspectionReview.inspection == row.id) & condition)
        .count()
    )
    return int(total), int(reviewed)


def round_view(actor: Actor, row: Inspection) -> RoundView:
    total, reviewed = _progress(actor, row)
    names = user_names([row.inspector_id, row.finished_by_id])
    kind, state = RoundKind(row.kind), RoundState(row.state)
    findings = (
        InspectionFinding.select()
        .join(Card, on=(InspectionFinding.card == Card.id))
        .where((InspectionFinding.inspection == row.id) & cards.visible(actor))
        .count()
    )
    return RoundView(
        id=row.id, number=row.number, kind=kind, kind_label=kind.label, period=row.period,
        period_label=period_label(row.period), scope=_scope.of(row), scope_label=row.scope_label,
        inspector_id=row.inspector_id, inspector=names.get(row.inspector_id, ""),
        started_at=row.started_at, due_on=row.due_on, finished_at=row.finished_at,
        finished_by=names.get(row.finished_by_id or 0, ""), state=state, state_label=state.label,
        total=total, reviewed=reviewed, findings=int(findings), note=row.note, version=row.version,
    )  # fmt: skip


def _row(round_id: int) -> Inspection:
    row = Inspection.get_or_none((Inspection.id == round_id) & Inspection.kind.in_(ROUND_KINDS))
    if row is None:
        raise NotFound(MISSING)
    return row


def get_round(actor: Actor, round_id: int) -> RoundView:
    may_read(actor)
    return round_view(actor, _row(round_id))


def find_round(actor: Actor, number: str) -> int | None:
    """The round with this number (``JC2026-0001``), or None."""
    may_read(actor)
    row = Inspection.get_or_none(
        (Inspection.number == validation.search_text(number)[0].upper())
        & Inspection.kind.in_(ROUND_KINDS)
    )
    return row.id if row else None


def current_periodic(actor: Actor) -> RoundView | None:
    """The periodic round of today's review period, if it was begun."""
    may_read(actor)
    row = _periodic_row(period_start(actor.clock.today()))
    return round_view(actor, row) if row else None


def _periodic_row(start: dt.date) -> Inspection | None:
    return Inspection.get_or_none(
        (Inspection.kind == RoundKind.PERIODIC) & (Inspection.period == f"{start:%Y-%m}")
    )


LIST = FilterTable(
    Inspection,
    (
        ListFilter("open", "进行中", lambda _a: Inspection.kind.in_(ROUND_KINDS)
                   & (Inspection.state == RoundState.OPEN)),
        ListFilter("closed", "已结束", lambda _a: Inspection.kind.in_(ROUND_KINDS)
                   & (Inspection.state == RoundState.CLOSED)),
        ListFilter("all", "全部", lambda _a: Inspection.kind.in_(ROUND_KINDS)),
    ),
    may_read=may_read,
)  # fmt: skip
ROUND_FILTERS = LIST.labels


def count_rounds(actor: Actor, which: str = "all") -> int:
    return LIST.count(actor, which)


def list_rounds(
    actor: Actor, which: str = "all", offset: int = 0, limit: int = 200
) -> list[RoundView]:
    return [round_view(actor, row) for row in LIST.page(actor, which, offset, limit)]


def round_card_ids(actor: Actor, round_id: int, *, reviewed: bool) -> list[int]:
    """The ids of the round's cards gone through (``reviewed``) or still to go through, in
    archive number order."""
    may_read(actor)
    row = _row(round_id)
    condition = cards.filter_condition(actor, _scope.card_filter(_scope.of(row), _cutoff(row)))
    done = InspectionReview.select(InspectionReview.card).where(
        InspectionReview.inspection == row.id
    )
    picked = Card.id.in_(done) if reviewed else Card.id.not_in(done)
    rows: Any = Card.select(Card.id).where(condition & picked).order_by(Card.archive_no).tuples()
    return [card_id for (card_id,) in rows]


# --- starting and closing --------------------------------------------------------------------


def _inspector(inspector_id: int | None, actor: Actor) -> int:
    if inspector_id is None:
        return actor.user_id
    user = User.get_or_none((User.id == inspector_id) & (User.active == True))  # noqa: E712
    if user is None:
        raise ValidationError("请选择检查人。", field="inspector")
    return int(user.id)


def note_text(note: str) -> str:
    """A round's or an inventory's note: a few sentences, lines kept."""
    return validation.clean_text(note, "备注", validation.NOTE_MAX, field="note", multiline=True)


@retrying
def start_round(
    actor: Actor,
    *,
    kind: str = RoundKind.ADHOC,
    scope: Scope | None = None,
    inspector_id: int | None = None,
    due_on: dt.date | None = None,
    note: str = "",
) -> RoundView:
    """Begin a round: the periodic one of today's review period (every card, due by the end of
    its review month), or an ad-hoc one of a scope. One periodic round a period."""
    require(actor, Perm.INSPECTION_RECORD)
    if kind not in ROUND_KINDS:
        raise ValidationError("检查类型无效。", field="kind")
    chosen = _scope.check_scope(scope or Scope())
    if kind == RoundKind.PERIODIC and chosen.kind != ScopeKind.ALL:
        raise ValidationError("例行检查的范围是全部档案；检查部分档案请用专项检查。", field="scope")
    today = actor.clock.today()
    if due_on is not None and due_on < today:
        raise ValidationError("完成期限不能早于今天。", field="due_on")
    inspector = _inspector(inspector_id, actor)
    note = note_text(note)
    with transaction():
        row = _insert(actor, RoundKind(kind), chosen, inspector, due_on, note)
    return round_view(actor, row)


def _insert(
    actor: Actor, kind: RoundKind, scope: Scope, inspector: int, due_on: dt.date | None, note: str
) -> Inspection:
    """The new round's row and its audit event (inside the caller's transaction)."""
    now = actor.clock.now()
    start = period_start(now.date()) if kind == RoundKind.PERIODIC else now.date().replace(day=1)
    if kind == RoundKind.PERIODIC:
        begun = _periodic_row(start)
        if begun is not None:
            raise Conflict(
                f"本期（{start.year}年{start.month}月）的例行检查已经开始：{begun.number}。"
            )
        due_on = due_on or period_due(start)
    row = Inspection.create(
        number=next_document_no("JC", now.year), kind=kind, period=f"{start:%Y-%m}",
        inspector=inspector, started_at=now, state=RoundState.OPEN, note=note,
        due_on=due_on, **_scope.columns(scope),
    )  # fmt: skip
    audit.record(actor, "inspection.start", ROUND_ENTITY, row.id,
                 after={"number": row.number, "kind": kind, "scope": row.scope_label,
                        "due_on": due_on.isoformat() if due_on else ""})  # fmt: skip
    changes.note(changes.INSPECTION, [row.id])
    return row


@retrying
def close_round(
    actor: Actor, round_id: int, version: int, *, note: str = "", confirm_warnings: bool = False
) -> RoundView:
    """End a round. Cards still to go through are a warning the clerk confirms."""
    require(actor, Perm.INSPECTION_RECORD)
    note = note_text(note)
    with transaction():
        row = records.load(Inspection, round_id, version, missing=MISSING, reader=lambda k: _row(k))
        if row.state != RoundState.OPEN:
            raise Conflict(f"检查轮次 {row.number} 已结束。")
        total, reviewed = _progress(actor, row)
        if reviewed < total and not confirm_warnings:
            left = f"检查轮次 {row.number} 还有 {total - reviewed} 张档案卡没有检查。"
            raise NeedsConfirmation(left, {"cards": left})
        now = actor.clock.now()
        fields: dict[str, Any] = {"state": RoundState.CLOSED, "finished_at": now,
                                  "finished_by": actor.user_id}  # fmt: skip
        if note:
            fields["note"] = "\n".join(filter(None, (row.note, note)))
        records.update(Inspection, row.id, version, **fields)
        audit.record(actor, "inspection.close", ROUND_ENTITY, row.id,
                     after={"number": row.number, "reviewed": reviewed, "cards": total})  # fmt: skip
        changes.note(changes.INSPECTION, [row.id])
    return get_round(actor, round_id)


# --- the review ------------------------------------------------------------------------------


@retrying
def mark_reviewed(
    actor: Actor, card_ids: Sequence[int], note: str = "", *, round_id: int | None = None
) -> int:
    """Record that the clerk has gone through ``card_ids`` today, in the round ``round_id`` or
    (from the cards tab) in the periodic round of today's review period, begun now if it was
    not yet. Each card gets a history line and the date in ``last_reviewed_on``. Returns how
    many were marked."""
    require(actor, Perm.INSPECTION_RECORD)
    # the note is the cards' history reason (a column of 300)
    note = validation.clean_text(note, "备注", 300, field="note")
    ids = sorted(set(card_ids))
    if not ids:
        raise ValidationError("请先选择已检查的档案卡。", field="cards")
    with transaction():
        row = _review_round(actor, round_id)
        if row.kind != RoundKind.PERIODIC or row.scope_kind != ScopeKind.ALL:
            condition = cards.filter_condition(actor, _scope.card_filter(_scope.of(row)))
            inside = Card.select(Card.id).where(Card.id.in_(ids) & condition).count()
            if inside != len(ids):
                raise ValidationError(
                    f"所选档案卡中有不在检查轮次 {row.number}（{row.scope_label}）范围内的，未做任何标记。",
                    field="cards",
                )
        reason = note.strip() or f"{RoundKind(row.kind).label} {row.number}"
        cards.record_review(actor, ids, note=reason)
        _keep_reviews(actor, row.id, ids, note.strip())
        audit.record(
            actor, "card.review", "card", ",".join(map(str, ids[:50])),
            after={"cards": len(ids), "note": note.strip(), "round": row.number},
        )  # fmt: skip
        changes.note(changes.INSPECTION, [row.id])
    return len(ids)


def _review_round(actor: Actor, round_id: int | None) -> Inspection:
    """The open round a review goes into (inside the transaction)."""
    if round_id is not None:
        row = _row(round_id)
        if row.state != RoundState.OPEN:
            raise Conflict(f"检查轮次 {row.number} 已结束，不能再记录检查。")
        return row
    periodic = _periodic_row(period_start(actor.clock.today()))
    if periodic is None:
        return _insert(actor, RoundKind.PERIODIC, Scope(), actor.user_id, None, "")
    if periodic.state != RoundState.OPEN:
        raise Conflict(
            f"本期例行检查 {periodic.number} 已结束；再检查请在“检查整改”页开始一轮专项检查。"
        )
    return periodic


def _keep_reviews(actor: Actor, round_id: int, ids: list[int], note: str) -> None:
    """Each card once a round: a card gone through again keeps the newer time, user and note."""
    now = actor.clock.now()
    rows: Any = (
        InspectionReview.select(InspectionReview.card)
        .where((InspectionReview.inspection == round_id) & InspectionReview.card.in_(ids))
        .tuples()
    )
    again = {card_id for (card_id,) in rows}
    if again:
        InspectionReview.update(at=now, by=actor.user_id, note=note[:300]).where(
            (InspectionReview.inspection == round_id) & InspectionReview.card.in_(sorted(again))
        ).execute()
    new = [i for i in ids if i not in again]
    if new:
        InspectionReview.insert_many(
            [{"inspection": round_id, "card": i, "at": now, "by": actor.user_id,
              "note": note[:300]} for i in new]
        ).execute()  # fmt: skip
