"""Bringing in the ledger a clerk already keeps (客户一览表 / 客户档案台账).

The steps, each a module: :mod:`.readers` opens an .xlsx, .xls, .ods or .csv file (one module
per format behind one list); :mod:`.mapping` finds the header row and maps columns to card
fields; :mod:`.checking` normalises (:mod:`.normalise`) and checks every row, finds duplicates
and unknown names — the preview, nothing written; :mod:`.run` imports all or nothing in one
transaction; :mod:`.report` tells what happened and writes the rows not imported.

The package uses the cards only through :mod:`archive_desk.cards`' public functions (it never
queries their tables).
"""

from __future__ import annotations

from archive_desk.importing.cells import Source
from archive_desk.importing.checking import Preview, RowCheck, check
from archive_desk.importing.mapping import (
    TARGETS,
    Mapping,
    guess,
    load_mapping,
    mapping_for,
    save_mapping,
)
from archive_desk.importing.readers import read_source
from archive_desk.importing.report import ImportReport, write_rejected
from archive_desk.importing.resolve import Option, candidates
from archive_desk.importing.run import (
    BLANK,
    CREATE,
    DUPLICATE_CHOICES,
    NEW,
    SKIP,
    UPDATE,
    Choices,
    import_file,
    plan,
    run_import,
    update_changes,
)

__all__ = [
    "BLANK",
    "CREATE",
    "DUPLICATE_CHOICES",
    "NEW",
    "SKIP",
    "TARGETS",
    "UPDATE",
    "Choices",
    "ImportReport",
    "Mapping",
    "Option",
    "Preview",
    "RowCheck",
    "Source",
    "candidates",
    "check",
    "guess",
    "import_file",
    "load_mapping",
    "mapping_for",
    "plan",
    "read_source",
    "run_import",
    "save_mapping",
    "update_changes",
    "write_rejected",
]
