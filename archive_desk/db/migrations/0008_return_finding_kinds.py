"""Findings opened by returns get kinds the program knows (``domain.FINDING_KINDS``).

Until now a return opened one finding per card with the item's condition as its kind, ``damaged``
or ``incomplete``, which no list could name. They become:

- ``damaged`` → ``damage`` (破损). Such a finding may also describe missing pages; its text stays
  as written.
- ``incomplete`` → ``missing_folder`` (卷宗缺失) when no document of the folder was found on that
  return (every return check of its item says not present), else ``missing_pages`` (缺页).

Only rows with an unknown kind change; the number of this migration follows 0007 (pinyin).
"""

MISSING_FOLDER = (
    "source_item_id IS NOT NULL"
    " AND EXISTS (SELECT 1 FROM return_check c WHERE c.item_id = source_item_id)"
    " AND NOT EXISTS (SELECT 1 FROM return_check c WHERE c.item_id = source_item_id AND c.present)"
)


def up(migrator, db):
    db.execute_sql("UPDATE inspection_finding SET kind = 'damage' WHERE kind = 'damaged'")
    db.execute_sql(
        f"UPDATE inspection_finding SET kind = 'missing_folder' WHERE kind = 'incomplete' AND {MISSING_FOLDER}"
    )
    db.execute_sql("UPDATE inspection_finding SET kind = 'missing_pages' WHERE kind = 'incomplete'")


def down(migrator, db):
    db.execute_sql(
        "UPDATE inspection_finding SET kind = 'damaged' WHERE source = 'return' AND kind = 'damage'"
    )
    db.execute_sql(
        "UPDATE inspection_finding SET kind = 'incomplete' "
        "WHERE source = 'return' AND kind IN ('missing_pages', 'missing_folder')"
    )
