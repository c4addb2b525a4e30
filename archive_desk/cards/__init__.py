"""Customer archive cards (客户档案卡): the field table, the editor's checks, creating and editing,
reading, the list and its search, regions and categories, the editor's drafts, statistics.

This is the package's public surface: the UI, the CLI, the demo and the other procedure packages
use only what is imported here (and :mod:`.output` for printing and exporting, which loads
reportlab; :mod:`.views` for the printed forms). Everything in a ``_module`` is private to the
package. What a user may see is decided in one place, :func:`visible`.

Modules: ``_fields`` (the field table), ``_checks`` (a draft validated), ``_editing`` (create,
update, rename), ``_reading`` (visibility, the whole card, history), ``_listing`` (filter, ids,
rows, tree counts), ``_search`` (the search index), ``_duplicates``, ``_numbers`` (archive
numbers in use, the pattern's next free ones), ``_classification`` (regions and categories),
``_drafts`` (the editor's unsaved state), ``_statistics``, ``_keeping`` (what other procedures
change on a card: a review, the location, last seen, a history line; the scanner's look-up by
number), ``_todos``, ``_destroying`` (a destroyed card's tombstone, its personal data removed:
what the retention procedure's execution asks of the cards).

What :mod:`archive_desk.importing` uses: :func:`check_draft`, :func:`match_duplicates`,
:func:`archive_numbers_in_use`, :func:`add_salesperson`, :func:`create_imported` (the cards of
an import in bulk, inside the import's transaction) and :func:`update_card`.
"""

from typing import TYPE_CHECKING, Any

from archive_desk.cards._checks import check_draft, retention_due
from archive_desk.cards._classification import (
    CategoryView,
    RegionView,
    create_category,
    create_region,
    delete_category,
    delete_region,
    list_categories,
    list_regions,
    region_code_of,
    roll_up,
    set_category_retired,
    set_region_retired,
    update_category,
    update_region,
)
from archive_desk.cards._destroying import (
    PERSONAL_FIELDS,
    REMOVED,
    Destruction,
    TombstoneView,
    check_tombstones,
    destroy,
    tombstone,
)
from archive_desk.cards._duplicates import (
    DuplicateCards,
    DuplicateMatch,
    find_duplicates,
    match_duplicates,
)
from archive_desk.cards._editing import (
    ImportedCard,
    add_salesperson,
    create_card,
    create_imported,
    update_card,
)
from archive_desk.cards._fields import DEFAULTS, RETENTION_EVENTS
from archive_desk.cards._keeping import (
    add_history,
    clean_location,
    folder_by_number,
    hand_over,
    mark_seen,
    move_location,
    record_review,
)
from archive_desk.cards._listing import (
    CardFilter,
    card_ids,
    card_rows,
    count_cards,
    filter_condition,
    find_by_archive_no,
    find_one,
    number_key,
    salespeople,
    search_note,
    search_read_whole,
    tree_counts,
)
from archive_desk.cards._numbers import archive_numbers_in_use
from archive_desk.cards._reading import (
    HIDDEN_NAME,
    above_clearance,
    folder_pages,
    get_card,
    history,
    names_as_seen,
    numbers_in_use,
    visible,
    visible_slot,
)
from archive_desk.cards._search import reindex_all
from archive_desk.cards.views import (
    CARD_FIELDS,
    FIELD_BY_NAME,
    GROUP_LABELS,
    CardDraft,
    CardRow,
    CardView,
    ContactInput,
    DocumentInput,
    FieldSpec,
    Folder,
    HistoryRow,
    Location,
)

if TYPE_CHECKING:
    from archive_desk.cards._drafts import Draft
    from archive_desk.cards._drafts import discard as discard_draft
    from archive_desk.cards._drafts import pending as pending_drafts
    from archive_desk.cards._drafts import save as save_draft
    from archive_desk.cards._statistics import (
        CardStatistics,
        card_statistics,
        statistics_workbook,
    )

# Loaded when first used, not at start-up (the drafts' atomic files, the statistics): ~4 ms of
# every start otherwise (measured with python -X importtime)
_LATER = {
    "Draft": ("_drafts", "Draft"),
    "save_draft": ("_drafts", "save"),
    "discard_draft": ("_drafts", "discard"),
    "pending_drafts": ("_drafts", "pending"),
    "CardStatistics": ("_statistics", "CardStatistics"),
    "card_statistics": ("_statistics", "card_statistics"),
    "statistics_workbook": ("_statistics", "statistics_workbook"),
}


def __getattr__(name: str) -> Any:
    found = _LATER.get(name)
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{found[0]}"), found[1])
    globals()[name] = value
    return value


__all__ = [
    "CARD_FIELDS",
    "DEFAULTS",
    "FIELD_BY_NAME",
    "GROUP_LABELS",
    "HIDDEN_NAME",
    "PERSONAL_FIELDS",
    "REMOVED",
    "RETENTION_EVENTS",
    "CardDraft",
    "CardFilter",
    "CardRow",
    "CardStatistics",
    "CardView",
    "CategoryView",
    "ContactInput",
    "Destruction",
    "DocumentInput",
    "Draft",
    "DuplicateCards",
    "DuplicateMatch",
    "FieldSpec",
    "Folder",
    "HistoryRow",
    "ImportedCard",
    "Location",
    "RegionView",
    "TombstoneView",
    "above_clearance",
    "add_history",
    "add_salesperson",
    "archive_numbers_in_use",
    "card_ids",
    "card_rows",
    "card_statistics",
    "check_draft",
    "check_tombstones",
    "clean_location",
    "count_cards",
    "create_card",
    "create_category",
    "create_imported",
    "create_region",
    "delete_category",
    "delete_region",
    "destroy",
    "discard_draft",
    "filter_condition",
    "find_by_archive_no",
    "find_duplicates",
    "find_one",
    "folder_by_number",
    "folder_pages",
    "get_card",
    "hand_over",
    "history",
    "list_categories",
    "list_regions",
    "mark_seen",
    "match_duplicates",
    "move_location",
    "names_as_seen",
    "number_key",
    "numbers_in_use",
    "pending_drafts",
    "record_review",
    "region_code_of",
    "reindex_all",
    "retention_due",
    "roll_up",
    "salespeople",
    "save_draft",
    "search_note",
    "search_read_whole",
    "set_category_retired",
    "set_region_retired",
    "statistics_workbook",
    "tombstone",
    "tree_counts",
    "update_card",
    "update_category",
    "update_region",
    "visible",
    "visible_slot",
]
