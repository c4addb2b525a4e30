"""One approval step of any procedure (borrowing, handover …), given in one of three ways:
the approver logs in at the desk (``login``), signs on the pad while the clerk records it
(``pad``), or approved on a paper slip whose number the clerk records (``paper``).

The procedures decide *who* may approve and what the decision does; this module resolves the
approver from the method and keeps the step (and its pad signature) the same way everywhere.
"""

from __future__ import annotations

import datetime as dt

from archive_desk import signatures
from archive_desk.db.models import Approval, User
from archive_desk.db.prepared import Slot, insert_statement, loaded, prepared
from archive_desk.errors import ValidationError
from archive_desk.permissions import Actor, require

METHODS = ("login", "pad", "paper")


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
    if method not in METHODS:
        raise ValidationError("审批方式无效。", field="method")
    if method == "login":
        require(actor, approve_perm)
        return _user(actor.user_id) or User.get_by_id(actor.user_id)  # (raises when gone)
    require(actor, record_perm)
    found = _user(approver_id) if approver_id else None
    if found is None:
        raise ValidationError("请选择审批人。", field="approver")
    if method == "paper" and not paper_ref.strip():
        raise ValidationError("请填写纸面审批单的编号。", field="paper_ref")
    return found


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
