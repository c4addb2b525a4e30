"""Indexes the overview and the reports lean on at a million loans: when each item was lent
(loans per month) and when it came back (returns of a month)."""

INDEXES = (
    ("borrowing_item_lent_at", "borrowing_item", "lent_at"),
    ("borrowing_item_returned_at", "borrowing_item", "returned_at"),
    ("card_last_reviewed_on", "card", "last_reviewed_on"),
)


def up(migrator, db):
    for name, table, column in INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")


def down(migrator, db):
    for name, _table, _column in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
