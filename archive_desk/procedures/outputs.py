"""An audited print or export: the file appears under its name only once its event is committed.

Every print and export of the procedures goes through :func:`audited_file`: the file is built
under a hidden name (:class:`archive_desk.atomicfile.StagedFile`), the audit event (and any
change the print stands for, e.g. the month-end list's mark) is recorded in one transaction,
and only then is the file renamed into place. A print the database refuses (busy, full,
read-only) leaves no file, and no file exists that the audit trail lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from archive_desk import audit
from archive_desk.atomicfile import StagedFile
from archive_desk.permissions import Actor
from archive_desk.procedures.changes import transaction

T = TypeVar("T")


def audited_file(
    actor: Actor,
    out: str | Path,
    build: Callable[[Path], T],
    action: str,
    entity: str,
    entity_id: object,
    after: dict[str, Any] | None = None,
    *,
    also: Callable[[], None] | None = None,
) -> T:
    """``build(path)`` the file at a hidden name beside ``out``; record the event ``action`` of
    ``entity`` ``entity_id`` with ``after`` (the file's name added), and run ``also`` (a change the
    output stands for) in the same transaction; then put the file at ``out``. Returns what
    ``build`` returned (pages or rows)."""
    with StagedFile(out) as staged:
        result = build(staged)
        with transaction():
            if also is not None:
                also()
            audit.record(
                actor, action, entity, entity_id, after={"file": str(out), **(after or {})}
            )
    return result
