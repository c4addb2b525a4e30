"""Findings (检查发现): a card's folder found wanting — in a round, by an inventory, on a return
checked against its contents list, or entered by hand — with the clerk's proposal (处理意见) and
its deadline, the manager's approval (logged in, signed on the pad or on paper, as every approval
of the program: :mod:`archive_desk.procedures.approvals`), and the clerk's resolution: what was
done, when, who helped, written into the card's history too.

open → proposed → approved → resolved; a proposal the manager sends back (rejected) is written
again. Other procedures open findings only through :func:`open_finding`, inside their own
transaction, and ask whether a card has one still open through :func:`open_findings`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from peewee import JOIN, fn

from archive_desk import audit, cards, validation
from archive_desk.db.models import Approval, Card, Inspection, InspectionFinding, Signature, User
from archive_desk.db.store import retrying
from archive_desk.domain import Role, role_label
from archive_desk.errors import Conflict, NotFound, ValidationError
from archive_desk.inspection._rounds import may_read, user_names
from archive_desk.inspection._states import (
    ENTITY,
    OPEN_FINDINGS,
    FindingDecision,
    FindingKind,
    FindingSource,
    FindingState,
    FindingStep,
    RoundKind,
    RoundState,
)
from archive_desk.inspection.views import DecisionView, FindingFilter, FindingView
from archive_desk.permissions import ROLE_PERMISSIONS, Actor, Perm, require, roles_with
from archive_desk.procedures import approvals, changes, records, signatures
from archive_desk.procedures.approvals import ApprovalMethod
from archive_desk.procedures.changes import transaction

MISSING = "检查问题不存在。"
SIGNATURE_ROLE = "approver_manager"


def open_finding(
    actor: Actor,
    *,
    card_id: int,
    kind: FindingKind,
    description: str,
    source: str,
    source_item: int | None = None,
    at: dt.datetime | None = None,
    inspection_id: int | None = None,
) -> int:
    """Open a finding of ``kind`` on a card (call inside the caller's transaction: the finding
    stands or falls with the change that found it). ``source`` says what found it (``return``,
    ``inspection``, ``inventory``, ``manual``), ``source_item`` the loan's item,
    ``inspection_id`` the round or the inventory. The new finding's id."""
    finding = InspectionFinding.create(
        inspection=inspection_id,
        card=card_id,
        kind=FindingKind(kind),
        description=description,
        source=FindingSource(source),
        source_item=source_item,
        state=FindingState.OPEN,
        created_at=at or actor.clock.now(),
        created_by=actor.user_id,
    )
    changes.note(changes.FINDING, [finding.id])
    return int(finding.id)


# a finding still to be dealt with: every state but resolved
UNSETTLED = tuple(s for s in FindingState if s != FindingState.RESOLVED)


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


# --- reading -----------------------------------------------------------------------------------


def _decisions(ids: Sequence[int]) -> dict[int, list[DecisionView]]:
    out: dict[int, list[DecisionView]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = (
        Approval.select(Approval, Signature)
        .join(Signature, JOIN.LEFT_OUTER, on=(Approval.signature == Signature.id))
        .where((Approval.entity == ENTITY) & Approval.entity_id.in_(list(ids)))
        .order_by(Approval.id)
    )
    for a in rows:
        sig = a.signature if a.signature_id is not None else None
        image = sig.image if sig is not None and signatures.verify(sig) else None
        out[a.entity_id].append(
            DecisionView(
                decision=FindingDecision(a.decision), approver=a.approver_name,
                method=ApprovalMethod(a.method), paper_ref=a.paper_ref, comment=a.comment,
                at=a.at, signature=image,
            )
        )  # fmt: skip
    return out


def views_of(actor: Actor, rows: Sequence[InspectionFinding]) -> list[FindingView]:
    """The views of many findings in a few statements, whatever their number."""
    ids = [f.id for f in rows]
    if not ids:
        return []
    card_rows: Any = (
        Card.select(Card.id, Card.archive_no, Card.name)
        .where(Card.id.in_(sorted({f.card_id for f in rows})))
        .tuples()
    )
    folders = {c: (no, name) for c, no, name in card_rows}
    numbers_rows: Any = (
        Inspection.select(Inspection.id, Inspection.number)
        .where(Inspection.id.in_(sorted({f.inspection_id for f in rows if f.inspection_id})))
        .tuples()
    )
    numbers = dict(numbers_rows)
    names = user_names(
        [u for f in rows for u in (f.created_by_id, f.proposed_by_id, f.resolved_by_id)]
    )
    decisions = _decisions(ids)
    today = actor.clock.today()
    out = []
    for f in rows:
        kind, source, state = FindingKind(f.kind), FindingSource(f.source), FindingState(f.state)
        number, name = folders.get(f.card_id, ("", ""))
        origin = numbers.get(f.inspection_id or 0, "")
        out.append(
            FindingView(
                id=f.id, card_id=f.card_id, archive_no=number, card_name=name, kind=kind,
                kind_label=kind.label, source=source, source_label=source.label, origin=origin,
                description=f.description, created_at=f.created_at,
                created_by=names.get(f.created_by_id, ""), proposal=f.proposal,
                proposed_by=names.get(f.proposed_by_id or 0, ""), proposed_by_id=f.proposed_by_id,
                proposed_at=f.proposed_at, due_on=f.due_on, state=state, state_label=state.label,
                decisions=decisions[f.id], resolution=f.resolution, resolved_on=f.resolved_on,
                helpers=f.helpers, resolved_by=names.get(f.resolved_by_id or 0, ""),
                version=f.version,
                overdue=state == FindingState.APPROVED and f.due_on is not None and f.due_on < today,
            )
        )  # fmt: skip
    return out


def _row(finding_id: int) -> InspectionFinding | None:
    return InspectionFinding.get_or_none(InspectionFinding.id == finding_id)


def _visible(actor: Actor, finding_id: int) -> InspectionFinding | None:
    """The finding, if its card is one the actor may see (else, for her, there is none)."""
    return InspectionFinding.get_or_none(
        (InspectionFinding.id == finding_id)
        & InspectionFinding.card.in_(Card.select(Card.id).where(cards.visible(actor)))
    )


def _visible_row(actor: Actor, finding_id: int) -> InspectionFinding:
    f = _visible(actor, finding_id)
    if f is None:
        raise NotFound(MISSING)
    return f


def get_finding(actor: Actor, finding_id: int) -> FindingView:
    may_read(actor)
    return views_of(actor, [_visible_row(actor, finding_id)])[0]


def _state_filters(today: dt.date) -> dict[str, tuple[str, Any]]:
    F = InspectionFinding
    return {
        "pending": ("未完成", F.state.in_(OPEN_FINDINGS)),
        "open": ("待提处理意见", F.state.in_((FindingState.OPEN, FindingState.REJECTED))),
        "proposed": ("待审批", F.state == FindingState.PROPOSED),
        "approved": ("已批准待整改", F.state == FindingState.APPROVED),
        "overdue": ("整改逾期", (F.state == FindingState.APPROVED) & (F.due_on < today)),
        "resolved": ("已整改", F.state == FindingState.RESOLVED),
        "all": ("全部", None),
    }


FINDING_FILTERS = {key: label for key, (label, _c) in _state_filters(dt.date.today()).items()}


def _query(actor: Actor, flt: FindingFilter) -> Any:
    may_read(actor)
    filters = _state_filters(actor.clock.today())
    if flt.state not in filters:
        raise ValidationError("未知的筛选条件。", field="filter")
    condition = filters[flt.state][1]
    query = (
        InspectionFinding.select()
        .join(Card, on=(InspectionFinding.card == Card.id))
        .where(cards.visible(actor))
    )
    if condition is not None:
        query = query.where(condition)
    if flt.kind:
        query = query.where(InspectionFinding.kind == flt.kind)
    if flt.inspection_id is not None:
        query = query.where(InspectionFinding.inspection == flt.inspection_id)
    text = validation.search_text(flt.card)[0]
    if text:
        query = query.where(
            (fn.UPPER(Card.archive_no) == cards.number_key(text)) | Card.name.contains(text)
        )
    return query


def count_findings(actor: Actor, flt: FindingFilter | None = None) -> int:
    return int(_query(actor, flt or FindingFilter()).count())


def list_findings(
    actor: Actor, flt: FindingFilter | None = None, offset: int = 0, limit: int = 200
) -> list[FindingView]:
    query = _query(actor, flt or FindingFilter())
    rows = list(query.order_by(InspectionFinding.id.desc()).offset(offset).limit(limit))
    return views_of(actor, rows)


def findings_of(actor: Actor, inspection_id: int) -> list[FindingView]:
    """Every finding of a round or an inventory, oldest first (its printed record)."""
    may_read(actor)
    rows = list(
        InspectionFinding.select()
        .join(Card, on=(InspectionFinding.card == Card.id))
        .where((InspectionFinding.inspection == inspection_id) & cards.visible(actor))
        .order_by(InspectionFinding.id)
    )
    return views_of(actor, rows)


# --- entering and proposing -----------------------------------------------------------------


def _load(actor: Actor, finding_id: int, version: int) -> InspectionFinding:
    """The finding at ``version``, for a change: one of a card above the actor's clearance is
    not there for her, as when she reads it."""
    return records.load(
        InspectionFinding, finding_id, version, missing=MISSING,
        reader=lambda key: _visible(actor, key),
    )  # fmt: skip


def _text(value: str, label: str, field: str) -> str:
    """A finding's description, proposal or resolution: a few sentences, lines kept."""
    return validation.clean_text(value, label, validation.NOTE_MAX, field=field, multiline=True)


def _check_proposal(actor: Actor, proposal: str, due_on: dt.date | None) -> str:
    text = _text(proposal, "处理意见", "proposal")
    if not text:
        raise ValidationError("请写明处理意见。", field="proposal")
    if due_on is None:
        raise ValidationError("请填写整改期限。", field="due_on")
    if due_on < actor.clock.today():
        raise ValidationError("整改期限不能早于今天。", field="due_on")
    return text


@retrying
def new_finding(
    actor: Actor,
    card_id: int,
    *,
    kind: str,
    description: str,
    round_id: int | None = None,
    proposal: str = "",
    due_on: dt.date | None = None,
) -> FindingView:
    """A finding entered by hand on a card (in an open round, when ``round_id`` is given),
    with the clerk's proposal at once when she has one."""
    require(actor, Perm.INSPECTION_RECORD)
    if kind not in FindingKind.labels():
        raise ValidationError("请选择问题类型。", field="kind")
    text = _text(description, "问题描述", "description")
    if not text:
        raise ValidationError("请描述发现的问题。", field="description")
    proposed = _text(proposal, "处理意见", "proposal")
    if proposed or due_on is not None:
        proposed = _check_proposal(actor, proposal, due_on)
    card = Card.get_or_none((Card.id == card_id) & cards.visible(actor))
    if card is None:
        raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
    if card.status != "active":
        raise Conflict(f"档案卡 {card.archive_no} 已销毁，不能登记问题。")
    with transaction():
        source = FindingSource.MANUAL
        if round_id is not None:
            row = Inspection.get_or_none(
                (Inspection.id == round_id) & (Inspection.kind != RoundKind.INVENTORY)
            )
            if row is None:
                raise NotFound("检查轮次不存在。")
            if row.state != RoundState.OPEN:
                raise Conflict(f"检查轮次 {row.number} 已结束，不能再登记问题。")
            source = FindingSource.INSPECTION
        finding_id = open_finding(actor, card_id=card_id, kind=FindingKind(kind), description=text,
                                  source=source, inspection_id=round_id)  # fmt: skip
        audit.record(actor, "finding.open", ENTITY, finding_id,
                     after={"card": card.archive_no, "kind": kind, "description": text})  # fmt: skip
        if proposed:
            _propose(actor, _row(finding_id), proposed, due_on)
    return get_finding(actor, finding_id)


def _propose(actor: Actor, f: Any, text: str, due_on: dt.date | None) -> None:
    records.apply(f, proposal=text, due_on=due_on, proposed_at=actor.clock.now(),
                  proposed_by=actor.user_id, state=FindingState.PROPOSED)  # fmt: skip
    audit.record(actor, "finding.propose", ENTITY, f.id,
                 after={"proposal": text, "due_on": due_on.isoformat() if due_on else "",
                        "state": FindingState.PROPOSED})  # fmt: skip
    changes.note(changes.FINDING, [f.id])


@retrying
def propose(
    actor: Actor, finding_id: int, version: int, *, proposal: str, due_on: dt.date | None
) -> FindingView:
    """The clerk's proposal (处理意见) and the deadline for the work; a proposal sent back is
    written again the same way."""
    require(actor, Perm.INSPECTION_RECORD)
    text = _check_proposal(actor, proposal, due_on)
    with transaction():
        f = _load(actor, finding_id, version)
        if f.state not in (FindingState.OPEN, FindingState.REJECTED):
            raise Conflict(f"这个问题现在是“{FindingState(f.state).label}”，不能再提处理意见。")
        _propose(actor, f, text, due_on)
    return get_finding(actor, finding_id)


# --- the manager's approval ----------------------------------------------------------------------


def _needed() -> str:
    return "、".join(Role.LABELS[r] for r in roles_with(Perm.INSPECTION_APPROVE))


def _refusal(approver: User, f: Any) -> str | None:
    """Why ``approver`` may not decide the proposal of ``f`` (None: she may). The one rule of
    :func:`decide` and of the list :func:`approvers` offers."""
    if not approver.active or Perm.INSPECTION_APPROVE not in ROLE_PERMISSIONS.get(
        approver.role, ()
    ):
        label = role_label(approver.role)
        return f"{approver.full_name}（{label}）无权审批整改意见：需要{_needed()}。"
    if f.proposed_by_id is not None and f.proposed_by_id == approver.id:
        return "不能审批自己提出的处理意见。"
    return None


def approvers(actor: Actor, finding_id: int) -> approvals.StepApprovers:
    """Who may approve or send back the proposal of a finding (the manager), for the dialog."""
    may_read(actor)
    f = _visible_row(actor, finding_id)
    return approvals.step_approvers(
        actor,
        refusal=lambda user: _refusal(user, f),
        order=lambda _user: 0,
        needed=_needed(),
        approve_perm=Perm.INSPECTION_APPROVE,
        record_perm=Perm.INSPECTION_RECORD,
    )


@retrying
def decide(
    actor: Actor,
    finding_id: int,
    version: int,
    *,
    approve: bool,
    comment: str = "",
    method: str = "login",
    approver_id: int | None = None,
    paper_ref: str = "",
    signature_png: bytes | None = None,
) -> FindingView:
    """The manager approves the proposal, or sends it back with her reason (the clerk then
    writes another). ``login``: the actor decides; ``pad`` / ``paper``: the clerk records the
    decision of ``approver_id``."""

    def waiting() -> InspectionFinding:
        f = _load(actor, finding_id, version)
        if f.state != FindingState.PROPOSED:
            state = FindingState(f.state).label
            raise Conflict(f"这个问题现在是“{state}”，没有待审批的处理意见。")
        return f

    def transition(f: Any, approver: User, comment: str, now: dt.datetime) -> None:
        state = FindingState.APPROVED if approve else FindingState.REJECTED
        fields: dict[str, Any] = {"state": state}
        if approve:
            fields.update(approved_by=approver.id, approved_at=now)
        records.apply(f, **fields)
        audit.record(actor, "finding.approve" if approve else "finding.reject", ENTITY, f.id,
                     before={"state": FindingState.PROPOSED},
                     after={"state": state, "approver": approver.full_name, "method": method,
                            "comment": comment})  # fmt: skip
        changes.note(changes.FINDING, [f.id])

    approvals.decide(
        actor,
        approvals.Given(approve, comment, method, approver_id, paper_ref, signature_png),
        approve_perm=Perm.INSPECTION_APPROVE,
        record_perm=Perm.INSPECTION_RECORD,
        no_comment="退回处理意见时请写明理由。",
        load=waiting,
        refusal=_refusal,
        step=lambda f: approvals.Step(
            ENTITY,
            f.id,
            FindingStep.MANAGER,
            FindingDecision.APPROVED if approve else FindingDecision.REFUSED,
            SIGNATURE_ROLE,
        ),
        transition=transition,
    )
    return get_finding(actor, finding_id)


# --- the resolution --------------------------------------------------------------------------


@retrying
def resolve(
    actor: Actor,
    finding_id: int,
    version: int,
    *,
    resolution: str,
    resolved_on: dt.date | None,
    helpers: str = "",
) -> FindingView:
    """The clerk records what was done, when, and who helped; the card's history gets a line.
    Only an approved proposal can be resolved."""
    require(actor, Perm.INSPECTION_RECORD)
    text = _text(resolution, "整改结果", "resolution")
    if not text:
        raise ValidationError("请写明整改结果：做了什么。", field="resolution")
    helpers = validation.clean_text(
        helpers, "协助人员", InspectionFinding.helpers.max_length, field="helpers"
    )
    if resolved_on is None:
        raise ValidationError("请填写整改完成日期。", field="resolved_on")
    if resolved_on > actor.clock.today():
        raise ValidationError("整改完成日期不能晚于今天。", field="resolved_on")
    with transaction():
        f = _load(actor, finding_id, version)
        if f.state != FindingState.APPROVED:
            state = FindingState(f.state).label
            raise Conflict(f"这个问题现在是“{state}”：处理意见获批准后才能记录整改结果。")
        if f.approved_at is not None and resolved_on < f.approved_at.date():
            raise ValidationError("整改完成日期不能早于处理意见获批准的日期。", field="resolved_on")
        kind = FindingKind(f.kind)
        records.apply(f, state=FindingState.RESOLVED, resolution=text, resolved_on=resolved_on,
                      helpers=helpers, resolved_by=actor.user_id,
                      resolved_at=actor.clock.now())  # fmt: skip
        cards.add_history(
            actor, f.card_id, action="rectify", field=f"检查问题：{kind.label}",
            old=f.description[:200], new=text,
            reason=f"整改完成于 {resolved_on.isoformat()}（处理意见：{f.proposal}）",
            reported_by=helpers,
        )  # fmt: skip
        audit.record(actor, "finding.resolve", ENTITY, f.id,
                     after={"state": FindingState.RESOLVED, "resolution": text,
                            "resolved_on": resolved_on.isoformat(), "helpers": helpers})  # fmt: skip
        changes.note(changes.FINDING, [f.id])
    return get_finding(actor, finding_id)
