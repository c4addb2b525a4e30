"""Printing inspection's forms and exporting an inventory: the permission, the rows through the
package's own services (so secrecy applies), built by :mod:`archive_desk.forms.inspection_forms`
under a hidden name and put in place only after the audit event is committed
(:class:`archive_desk.atomicfile.StagedFile`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from archive_desk import audit, settings
from archive_desk.atomicfile import StagedFile
from archive_desk.forms import inspection_forms
from archive_desk.inspection._findings import findings_of
from archive_desk.inspection._inventory import find_inventory, report
from archive_desk.inspection._rounds import find_round, get_round
from archive_desk.inspection._states import INVENTORY_ENTITY, ROUND_ENTITY
from archive_desk.permissions import Actor, Perm, require_any
from archive_desk.procedures.changes import transaction

# the command line finds a round or an inventory by number: both from here
__all__ = ["export_inventory", "find_inventory", "find_round", "print_inventory", "print_round"]


def _may_print(actor: Actor) -> None:
    require_any(actor, Perm.INSPECTION_RECORD, Perm.INSPECTION_APPROVE)


def _staged(
    actor: Actor,
    out: Path,
    build: Callable[[Path], int],
    action: str,
    entity: str,
    ref: int,
    number: str,
) -> int:
    """``build`` the file at a hidden name, audit it, then put it at ``out``."""
    with StagedFile(out) as staged:
        result = build(staged)
        with transaction():
            audit.record(actor, action, entity, ref, after={"number": number, "file": str(out)})
    return result


def print_round(actor: Actor, round_id: int, out: Path) -> int:
    """检查整改记录 of a round: its findings with their proposal, approval and resolution.
    The number of pages."""
    _may_print(actor)
    view = get_round(actor, round_id)
    findings = findings_of(actor, round_id)
    org = settings.get("org.name")
    return _staged(
        actor, Path(out),
        lambda path: inspection_forms.round_pdf(path, view, findings, org_name=org, clock=actor.clock),
        "inspection.print", ROUND_ENTITY, round_id, view.number,
    )  # fmt: skip


def print_inventory(actor: Actor, inventory_id: int, out: Path) -> int:
    """盘点报告: the counts per result, then each list. The number of pages."""
    _may_print(actor)
    data = report(actor, inventory_id)
    org = settings.get("org.name")
    return _staged(
        actor, Path(out),
        lambda path: inspection_forms.inventory_pdf(path, data, org_name=org, clock=actor.clock),
        "inventory.print", INVENTORY_ENTITY, inventory_id, data.inventory.number,
    )  # fmt: skip


def export_inventory(actor: Actor, inventory_id: int, out: Path) -> int:
    """The inventory's result as an Excel workbook (汇总, 明细). The number of lines."""
    _may_print(actor)
    data = report(actor, inventory_id)
    return _staged(
        actor, Path(out), lambda path: inspection_forms.inventory_workbook(path, data),
        "inventory.export", INVENTORY_ENTITY, inventory_id, data.inventory.number,
    )  # fmt: skip
