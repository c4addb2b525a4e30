"""Bringing in the ledger a clerk already keeps (客户一览表 / 客户档案台账).

This is the package's public surface: the UI, the CLI and the bench use only what is imported
here; everything in a ``_module`` is private to the package.

The steps, each a module: ``_readers`` opens an .xlsx, .xls, .ods or .csv file (one module per
format behind one list: ``_read_spreadsheet``, ``_read_csv``; the cells as read, ``_cells``);
``_mapping`` finds the header row and maps columns to card fields; ``_checking`` normalises
(``_normalise``) and checks every row, finds duplicates and unknown names (``_resolve``) — the
preview, nothing written; ``_run`` imports all or nothing in one transaction; ``_report`` tells
what happened and writes the rows not imported.

The package uses the cards only through :mod:`archive_desk.cards`' public functions (it never
queries their tables).
"""

from __future__ import annotations

from archive_desk.importing._cells import Source
from archive_desk.importing._checking import Preview, RowCheck, check
from archive_desk.importing._mapping import (
    EXTRA,
    TARGET_BY_KEY,
    TARGETS,
    Mapping,
    guess,
    load_mapping,
    mapping_for,
    save_mapping,
)
from archive_desk.importing._normalise import cell_text
from archive_desk.importing._readers import read_source
from archive_desk.importing._report import ACTION_LABELS, ImportReport, write_rejected
from archive_desk.importing._resolve import Option, candidates
from archive_desk.importing._run import (
    BLANK,
    CREATE,
    DUPLICATE_CHOICES,
    NEW,
    SKIP,
    UPDATE,
    Choices,
    import_file,
    plan,
    plan_row,
    run_import,
    update_changes,
)

__all__ = [
    "ACTION_LABELS",
    "BLANK",
    "CREATE",
    "DUPLICATE_CHOICES",
    "EXTRA",
    "NEW",
    "SKIP",
    "TARGETS",
    "TARGET_BY_KEY",
    "UPDATE",
    "Choices",
    "ImportReport",
    "Mapping",
    "Option",
    "Preview",
    "RowCheck",
    "Source",
    "candidates",
    "cell_text",
    "check",
    "guess",
    "import_file",
    "load_mapping",
    "mapping_for",
    "plan",
    "plan_row",
    "read_source",
    "run_import",
    "save_mapping",
    "update_changes",
    "write_rejected",
]
