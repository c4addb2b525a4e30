"""Separation of duties: where a procedure names two people, one person cannot be both.

- a handover: the clerk who drafted the slip, or hands the files over, is not the receiving
  clerk who checks and receives them (drafter ≠ receiver);
- a loan: the borrower does not approve her own application (applicant ≠ approver, the
  borrowing approval's predicate), a handover slip's step is not approved by its drafter or its
  handing-over party (the handover steps' predicate);
- a destruction: the one who carries it out is not a witness, and the two witnesses are two
  people (executor ≠ witness; the retention procedure asks :func:`distinct`).

:func:`refusal` answers "why may this user not take this part?" (``None``: she may), so a
step's predicate (and the list :func:`archive_desk.procedures.approvals.step_approvers` builds
from it) and the service say the same; :func:`require_other` raises it for the acting user;
:func:`distinct` refuses a record whose named parties are one person.
"""

from __future__ import annotations

from collections.abc import Mapping

from archive_desk.errors import PermissionDenied, ValidationError
from archive_desk.permissions import Actor


def refusal(user_id: int | None, part: str, taken: Mapping[str, int | None]) -> str | None:
    """Why user ``user_id`` may not take ``part`` (e.g. ``核对``) of a record whose other parts
    ``taken`` names (the part's label → the user holding it, or None): she holds one of them."""
    if user_id is None:
        return None
    for label, holder in taken.items():
        if holder == user_id:
            return f"您是这份记录的{label}，不能再{part}：这一步须由另一人办理。"
    return None


def require_other(actor: Actor, part: str, taken: Mapping[str, int | None]) -> None:
    """Raise :class:`PermissionDenied` when the acting user holds a part ``taken`` names."""
    refused = refusal(actor.user_id, part, taken)
    if refused is not None:
        raise PermissionDenied(refused)


def distinct(parties: Mapping[str, tuple[int | None, str]], *, field: str | None = None) -> None:
    """Refuse (:class:`ValidationError`) a record whose named parties (label → (user id, name))
    are one person: the same user, or the same name where neither is a user of the program."""
    seen: list[tuple[str, int | None, str]] = []
    for label, (user_id, name) in parties.items():
        key = name.strip()
        for other_label, other_id, other_name in seen:
            same_user = user_id is not None and user_id == other_id
            same_name = user_id is None and other_id is None and key and key == other_name
            if same_user or same_name:
                raise ValidationError(f"{other_label}和{label}不能是同一人。", field=field)
        seen.append((label, user_id, key))
