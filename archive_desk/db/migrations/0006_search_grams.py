"""One- and two-character Chinese search from an index, and the card list in number order.

- ``card_gram (gram, card_id)``: every one- and two-character piece of a card's search text that
  holds a non-ASCII character (kept by :mod:`archive_desk.search`). A one- or two-character
  Chinese term, which the FTS5 trigram index cannot answer, is then an index range instead of an
  ``instr`` scan of every card's search text (「海」 85 → ~20 ms by hand at 100,000 cards).
  ``WITHOUT ROWID`` on SQLite: the primary key is the table. Filled here from ``card_search``:
  the pieces are counted in Python (substr over long texts is quadratic in SQL: 22 s) and written
  gram by gram in key order, the card ids of a gram as one JSON array (~5 s at 100,000 cards and
  3 million pieces).
- ``card (status, archive_no, secrecy)``: the whole list in number order is a walk of this index
  instead of a sort of the wide card rows.
"""

import json
from collections import defaultdict

from peewee import SqliteDatabase

INDEXES = (("card_status_archive_no", "card", "status, archive_no, secrecy"),)


def _grams(text):
    """A frozen copy of ``archive_desk.search.grams``."""
    out = set()
    for word in text.split():
        if not word.isascii():
            out.update(word)
            out.update(map(str.__add__, word, word[1:]))
    return {g for g in out if not g.isascii()}


def up(migrator, db):
    sqlite = isinstance(db, SqliteDatabase)
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS card_gram (gram VARCHAR(2) NOT NULL, card_id INTEGER NOT NULL, "
        "PRIMARY KEY (gram, card_id))" + (" WITHOUT ROWID" if sqlite else "")
    )
    for name, table, columns in INDEXES:
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
    postings = defaultdict(list)
    for card_id, text in db.execute_sql("SELECT card_id, text FROM card_search ORDER BY card_id"):
        for gram in _grams(text or ""):
            postings[gram].append(card_id)
    cursor = db.cursor()
    if sqlite:
        cursor.executemany(
            "INSERT OR IGNORE INTO card_gram (gram, card_id) SELECT ?, value FROM json_each(?)",
            ((g, json.dumps(postings[g])) for g in sorted(postings)),
        )
    else:
        p = db.param
        cursor.executemany(
            f"INSERT INTO card_gram (gram, card_id) VALUES ({p}, {p})",
            ((g, card_id) for g in sorted(postings) for card_id in postings[g]),
        )


def down(migrator, db):
    for name, _table, _columns in INDEXES:
        db.execute_sql(f"DROP INDEX IF EXISTS {name}")
    db.execute_sql("DROP TABLE IF EXISTS card_gram")
