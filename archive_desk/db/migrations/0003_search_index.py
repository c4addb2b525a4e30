"""The SQLite full-text index of cards (FTS5, trigram tokenizer), kept by archive_desk.search.

Only on SQLite, and only where FTS5 with the trigram tokenizer exists (SQLite 3.34+); elsewhere
search uses the portable ``card_search`` table alone.
"""

from peewee import SqliteDatabase


def up(migrator, db):
    if not isinstance(db, SqliteDatabase):
        return
    try:
        db.execute_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS card_fts "
            "USING fts5(text, initials, full, tokenize='trigram')"
        )
    except Exception:  # noqa: BLE001 - an SQLite without FTS5/trigram: portable path only
        return
    db.execute_sql(
        "INSERT INTO card_fts (rowid, text, initials, full) "
        "SELECT card_id, text, initials, full FROM card_search"
    )


def down(migrator, db):
    if isinstance(db, SqliteDatabase):
        db.execute_sql("DROP TABLE IF EXISTS card_fts")
