"""One approval step of any procedure (borrowing, handover …), given in one of three ways:
the approver logs in at the desk (``login``), signs on the pad while the clerk records it
(``pad``), or approved on a paper slip whose number the clerk records (``paper``).

The procedures decide *who* may approve and what the decision does: each keeps one predicate
per step ("why may this user not take it?", ``None`` when she may) that its decision service
enforces and that :func:`step_approvers` runs over every user to build the list an approval
dialog offers, so the list and the check cannot disagree. This module resolves the approver
from the method and keeps the step (and its pad signature) the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from peewee import JOIN

from archive_desk import validation
from archive_desk.db.models import Approval, Department, User
from archive_desk.db.prepared import Slot, insert_statement, loaded, prepared
from archive_desk.domain import name_with, role_label
from archive_desk.errors import PermissionDenied, ValidationError
from archive_desk.permissions import Actor, require
from archive_desk.procedures import signatures
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.states import LabelledEnum


class ApprovalMethod(LabelledEnum):
    """How an approval step was given."""

    LOGIN = "login", "本人登录"
    PAD = "pad", "签字板签名"
    PAPER = "paper", "纸面审批"


METHODS = tuple(ApprovalMethod)


@dataclass(frozen=True)
class Candidate:
    """A user who may take an approval step."""

    id: int
    full_name: str
    role: str
    role_label: str
    department: str

    @property
    def label(self) -> str:
        return name_with(self.full_name, self.role_label, self.department)


@dataclass(frozen=True)
class StepApprovers:
    """Who may take one approval step, the expected approver first.

    ``needed`` says in Chinese who the step needs (for the dialog to say when nobody may);
    ``actor_may``: the acting user may decide it herself, logged in; ``may_record``: she may
    record the decision of one of the ``candidates`` (signed on the pad or on paper)."""

    needed: str
    candidates: tuple[Candidate, ...]
    actor_may: bool
    may_record: bool


Refusal = Callable[[User], str | None]


def step_approvers(
    actor: Actor,
    *,
    refusal: Refusal,
    order: Callable[[User], Any],
    needed: str,
    approve_perm: str,
    record_perm: str,
) -> StepApprovers:
    """Every user the procedure's ``refusal`` predicate lets through, sorted by ``order`` (the
    expected approver first), then by name. The caller has checked the actor may see the step."""
    users = [
        u
        for u in User.select(User, Department).join(Department, JOIN.LEFT_OUTER)
        if refusal(u) is None
    ]
    users.sort(key=lambda u: (order(u), u.full_name, u.id))
    candidates = tuple(
        Candidate(
            u.id,
            u.full_name,
            u.role,
            role_label(u.role),
            _department_name(u),
        )
        for u in users
    )
    return StepApprovers(
        needed=needed,
        candidates=candidates,
        actor_may=actor.can(approve_perm) and any(c.id == actor.user_id for c in candidates),
        may_record=actor.can(record_perm),
    )


def resolve_approver(
    actor: Actor,
    method: str,
    *,
    approve_perm: str,
    record_perm: str,
    approver_id: int | None,
    paper_ref: str,
) -> User:
    """The user whose decision this is. ``login``: the actor, who needs ``approve_perm``;
    ``pad`` / ``paper``: the chosen approver, recorded by an actor with ``record_perm``."""
    if method not in ApprovalMethod.labels():
        raise ValidationError("审批方式无效。", field="method")
    if method == "login":
        require(actor, approve_perm)
        return _user(actor.user_id) or User.get_by_id(actor.user_id)  # (raises when gone)
    require(actor, record_perm)
    found = _user(approver_id) if approver_id else None
    if found is None:
        raise ValidationError("请选择审批人。", field="approver")
    if method == "paper" and not validation.search_text(paper_ref)[0]:
        raise ValidationError("请填写纸面审批单的编号。", field="paper_ref")
    return found


def _department_name(user: User) -> str:
    department = user.department if user.department_id else None
    return department.name if department is not None else ""


def _user(user_id: int) -> User | None:
    query = prepared("approvals.user", lambda: User.select().where(User.id == Slot("id")))
    row = query.one(id=user_id)
    return None if row is None else query.instance(User, row)


def record(
    actor: Actor,
    *,
    entity: str,
    entity_id: int,
    step: str,
    decision: str,
    approver: User,
    method: str,
    paper_ref: str,
    comment: str,
    signature_png: bytes | None,
    signature_role: str,
    at: dt.datetime,
) -> Approval:
    """Keep the step; with ``pad`` the approver's signature is stored and bound to it."""
    sig = None
    if method == "pad":
        sig = signatures.store(
            entity=entity,
            entity_id=entity_id,
            role=signature_role,
            signer_name=approver.full_name,
            signer_user=approver.id,
            sig=signatures.SignatureInput(png=signature_png),
            at=at,
            recorded_by=actor.user_id,
        )
    fields = {
        "entity": entity,
        "entity_id": entity_id,
        "step": step,
        "decision": decision,
        "approver": approver.id,
        "approver_name": approver.full_name,
        "approver_role": approver.role,
        "method": method,
        "paper_ref": paper_ref.strip(),
        "signature": sig.id if sig else None,
        "comment": comment.strip(),
        "at": at,
        "recorded_by": actor.user_id,
    }
    new_id = prepared("approval.insert", lambda: insert_statement(Approval, tuple(fields))).insert(
        **fields
    )
    return loaded(Approval, {"id": new_id, **fields})


def steps_of(
    entity: str,
    ids: Sequence[int],
    view: Callable[..., V],
    step: Callable[[str], Any],
    decision: Callable[[str], Any],
) -> dict[int, list[V]]:
    """The steps kept on the records ``ids`` of ``entity`` in one statement, in the order they
    were taken (every id a key): each a procedure's ``view`` built by keyword, its stored
    ``step`` and ``decision`` turned into the procedure's words (its enums)."""
    steps: dict[int, list[V]] = {i: [] for i in ids}
    for a in (
        Approval.select()
        .where((Approval.entity == entity) & Approval.entity_id.in_(list(ids)))
        .order_by(Approval.id)
    ):
        steps[a.entity_id].append(
            view(
                step=step(a.step),
                decision=decision(a.decision),
                approver_name=a.approver_name,
                method=a.method,
                paper_ref=a.paper_ref,
                comment=a.comment,
                at=a.at,
            )
        )
    return steps


# --- one decision, the skeleton every procedure's approval step shares --------------------------

R = TypeVar("R")
V = TypeVar("V")


@dataclass(frozen=True)
class Given:
    """An approval step as the clerk or the approver gave it."""

    approve: bool
    comment: str = ""
    method: str = "login"
    approver_id: int | None = None
    paper_ref: str = ""
    signature_png: bytes | None = None


@dataclass(frozen=True)
class Step:
    """The step a decision is kept as: on which record, under which name, with which word."""

    entity: str
    entity_id: int
    name: str
    decision: str  # the stored word: approved, refused, returned
    signature_role: str  # the pad signature's role


def decide(
    actor: Actor,
    given: Given,
    *,
    approve_perm: str,
    record_perm: str,
    no_comment: str,
    load: Callable[[], R],
    refusal: Callable[[User, R], str | None],
    step: Callable[[R], Step],
    transition: Callable[[R, User, str, dt.datetime], V],
) -> V:
    """Approve or refuse (or send back) one step: resolve the approver from the method, ask for
    a comment when refusing (``no_comment``), then in one transaction ``load`` the record (at its
    version and in the state the step needs: it raises otherwise), refuse an approver the
    procedure's ``refusal`` predicate names, keep the step (and its pad signature), and let the
    procedure ``transition`` the record and write its audit event; its result is returned."""
    approver = resolve_approver(
        actor,
        given.method,
        approve_perm=approve_perm,
        record_perm=record_perm,
        approver_id=given.approver_id,
        paper_ref=given.paper_ref,
    )
    comment = validation.clean_text(
        given.comment, "意见", validation.NOTE_MAX, field="comment", multiline=True
    )
    paper_ref = validation.clean_text(
        given.paper_ref, "纸面审批单编号", Approval.paper_ref.max_length, field="paper_ref"
    )
    if not given.approve and not comment:
        raise ValidationError(no_comment, field="comment")
    with transaction():
        row = load()
        refused = refusal(approver, row)
        if refused:
            raise PermissionDenied(refused)
        now = actor.clock.now()
        kept = step(row)
        record(
            actor, entity=kept.entity, entity_id=kept.entity_id, step=kept.name,
            decision=kept.decision, approver=approver, method=given.method,
            paper_ref=paper_ref, comment=comment, signature_png=given.signature_png,
            signature_role=kept.signature_role, at=now,
        )  # fmt: skip
        return transition(row, approver, comment, now)
