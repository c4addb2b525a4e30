"""Indexes for what the overview and the tree count at 100,000 cards and a million loans.

- ``borrowing_item (state, due_date)``: loans out by due date (overdue, due today) as a short
  range; without it SQLite may walk the ``due_date`` index over every loan ever made (420 ms).
- ``card (status, region_id, category_id, secrecy, grade, trade_status)``: covers the tree's
  (region, category) counts and the statistics' distributions: 320 → 16 ms at 100,000 cards.
- ``card (status, last_reviewed_on, created_at, secrecy)``: covers the twice-yearly review count:
  110 → 17 ms.
- ``card (status, retention_due, secrecy)``: retention due now and per coming month. Needed because
  with the first card index SQLite takes ``status = 'active'`` (nearly every card) over the
  ``retention_due`` range: 220 ms a count until this one exists.
"""

INDEXES = (
    ("borrowing_item_state_due", "borrowing_item", "state, due_date"),
    (
        "card_status_classification",
        "card",
        "status, region_id, category_id, secrecy, grade, trade_status",
    ),
    ("card_status_review", "card", "status, last_reviewed_on, created_at, secrecy"),
    ("card_status_retention", "card", "status, retention_due, secrecy"),
)


def up(migrator, db):
    for name, table, columns in INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def down(migrator, db):
    for name, _table, _columns in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
