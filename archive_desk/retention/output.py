"""Printing a destruction list's forms: the 销毁建议书, the 销毁清册 (once executed) and the
销毁处理反馈单 (once executed) — permission, the list through the package's own services, built
by :mod:`archive_desk.forms.destruction_forms` under a hidden name, the audit event, then the
file put in place (:class:`archive_desk.atomicfile.StagedFile`): a refused print leaves no
file, and no file exists that the audit trail lacks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from archive_desk import audit, settings
from archive_desk.atomicfile import StagedFile
from archive_desk.errors import ValidationError
from archive_desk.forms import destruction_forms
from archive_desk.permissions import Actor
from archive_desk.procedures.changes import transaction
from archive_desk.retention._listing import find_by_number
from archive_desk.retention._reading import get_list
from archive_desk.retention._states import ENTITY, DestructionState
from archive_desk.retention.views import DestructionView

# the CLI prints a list it finds by number: both from here
__all__ = ["FORMS", "find_by_number", "form_for", "print_form"]

FORMS = {"proposal": "销毁建议书", "register": "销毁清册", "feedback": "销毁处理反馈单"}
_EXECUTED = (DestructionState.EXECUTED, DestructionState.REPORTED)
_BUILDERS: dict[str, Callable[..., int]] = {
    "proposal": destruction_forms.proposal_pdf,
    "register": destruction_forms.register_pdf,
    "feedback": destruction_forms.feedback_pdf,
}


def form_for(view: DestructionView) -> str:
    """The form a list's state calls for: the proposal until it is executed, then the register,
    and once fed back the feedback."""
    if view.state == DestructionState.REPORTED:
        return "feedback"
    return "register" if view.state in _EXECUTED else "proposal"


def print_form(actor: Actor, list_id: int, form: str, out: Any) -> int:
    """Print ``form`` (``proposal``, ``register``, ``feedback``) of a list; the pages."""
    if form not in FORMS:
        raise ValidationError(f"没有“{form}”这种表格。可选：{'、'.join(FORMS.values())}")
    view = get_list(actor, list_id)
    if form != "proposal" and view.state not in _EXECUTED:
        raise ValidationError(f"清册 {view.number} 尚未执行销毁，还没有{FORMS[form]}。")
    org = settings.get("org.name")
    with StagedFile(Path(out)) as staged:
        pages = _BUILDERS[form](staged, view, org_name=org, clock=actor.clock)
        with transaction():
            audit.record(actor, f"destruction.print_{form}", ENTITY, list_id,
                         after={"number": view.number, "file": str(out)})  # fmt: skip
    return pages
