"""Printing the handover forms: the slip in two copies, the register of a date range, the clerk
change application — permission, rows through the package's own services, built by
:mod:`archive_desk.forms.handover_forms`, the audit event. Each file is built under a hidden name
and put in place only after its event is committed
(:func:`archive_desk.procedures.outputs.audited_file`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from archive_desk import settings
from archive_desk.errors import ValidationError
from archive_desk.forms import handover_forms
from archive_desk.handover._listing import find_by_number, in_range
from archive_desk.handover._reading import get_handover
from archive_desk.handover._states import (
    ENTITY,
)
from archive_desk.permissions import Actor
from archive_desk.procedures.outputs import audited_file

# the CLI prints a slip it finds by number: both from here
__all__ = ["find_by_number", "print_clerk_application", "print_handover", "print_register"]


def print_handover(actor: Actor, handover_id: int, out: Any) -> int:
    """The slip in two copies (移交方联 / 接收方联) in one PDF; the print is audited."""
    view = get_handover(actor, handover_id)
    org = settings.get("org.name")
    return audited_file(
        actor,
        out,
        lambda path: handover_forms.handover_pdf(path, view, org_name=org, clock=actor.clock),
        "handover.print",
        ENTITY,
        handover_id,
    )


def print_register(actor: Actor, start: dt.date, end: dt.date, out: Any) -> int:
    views = in_range(actor, start, end)
    org = settings.get("org.name")
    return audited_file(
        actor,
        out,
        lambda path: handover_forms.register_pdf(
            path, views, start=start, end=end, org_name=org, clock=actor.clock
        ),
        "handover.print_register",
        ENTITY,
        f"{start}..{end}",
    )


def print_clerk_application(actor: Actor, handover_id: int, out: Any) -> int:
    """档案管理员申请单 for a clerk-change handover."""
    view = get_handover(actor, handover_id)
    if view.kind != "clerk_change":
        raise ValidationError("档案管理员申请单只用于“档案管理员变更”的交接。")
    org = settings.get("org.name")
    return audited_file(
        actor,
        out,
        lambda path: handover_forms.clerk_application_pdf(
            path, view, org_name=org, clock=actor.clock
        ),
        "handover.print_clerk_application",
        ENTITY,
        handover_id,
    )
