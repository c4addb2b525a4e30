"""Every reading of a 多音字 finds a card (issue 12): the pinyin of every card's names again.

The pinyin initials and full pinyin of ``card_search`` (and ``card_fts``) held the readings that
pypinyin's segmentation of each name gave, and at most 16 combinations: 郑州长城 (read 郑·州长·城)
was ``zzzc`` only, never ``zzcc``. They now hold every combination of every reading a clerk may
say (:mod:`archive_desk.pinyin`), and the new ``card_pinyin (card_id, lattice)`` holds, for the
few cards whose names have more than 64 combinations, every reading per position, which search
tests with the SQL function ``pinyin_match`` (SQLite only, as ``card_fts``).

The keys come from the program's :func:`archive_desk.pinyin.index_keys`: derived data, as a
reindex would make it. Cards are read and written 2,000 at a time (names and former names by id
range), ``card_search`` updated in place; ``card_fts`` is then refilled from ``card_search`` in
one statement (dropped and made again as 0003 made it: emptying an FTS5 table deletes row by row,
reading each row's text). ~20 s at 100,000 cards on the development machine.
"""

from collections import defaultdict

from peewee import SqliteDatabase

BATCH = 2000


def _names(db, first, last):
    """Per card of the id range, its name and former names (in their order). (The database's
    own placeholder: "?" was SQLite's alone.)"""
    p = db.param
    names = defaultdict(list)
    for card_id, name in db.execute_sql(
        f"SELECT id, name FROM card WHERE id BETWEEN {p} AND {p}", (first, last)
    ):
        names[card_id].append(name)
    for card_id, name in db.execute_sql(
        f"SELECT card_id, name FROM card_former_name WHERE card_id BETWEEN {p} AND {p} ORDER BY id",
        (first, last),
    ):
        names[card_id].append(name)
    return names


def _rebuild_keys(db, sqlite):
    p = db.param
    last = 0
    while True:
        ids = [r[0] for r in db.execute_sql(
            f"SELECT card_id FROM card_search WHERE card_id > {p} ORDER BY card_id LIMIT {p}",
            (last, BATCH),
        )]  # fmt: skip
        if not ids:
            return
        from archive_desk.pinyin import index_keys  # not for a new, empty file: ~0.5 s

        names = _names(db, ids[0], ids[-1])
        keys = [(card_id, *index_keys(names.get(card_id, ()))) for card_id in ids]
        cursor = db.cursor()
        cursor.executemany(
            f'UPDATE card_search SET initials = {p}, "full" = {p} WHERE card_id = {p}',
            [(initials, full, card_id) for card_id, initials, full, _lattice in keys],
        )
        if sqlite:
            cursor.executemany(
                "INSERT OR REPLACE INTO card_pinyin (card_id, lattice) VALUES (?, ?)",
                [(card_id, lattice) for card_id, _i, _f, lattice in keys if lattice],
            )
        last = ids[-1]


def _refill_fts(db):
    if not db.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'card_fts'"
    ).fetchone():
        return  # an SQLite without FTS5/trigram (0003): the portable path only
    db.execute_sql("DROP TABLE card_fts")
    db.execute_sql(
        "CREATE VIRTUAL TABLE card_fts USING fts5(text, initials, full, tokenize='trigram')"
    )
    db.execute_sql(
        "INSERT INTO card_fts (rowid, text, initials, full) "
        "SELECT card_id, text, initials, full FROM card_search"
    )


def up(migrator, db):
    sqlite = isinstance(db, SqliteDatabase)
    if sqlite:
        db.execute_sql(
            "CREATE TABLE IF NOT EXISTS card_pinyin "
            "(card_id INTEGER PRIMARY KEY, lattice TEXT NOT NULL)"
        )
    _rebuild_keys(db, sqlite)
    if sqlite:
        _refill_fts(db)


def down(migrator, db):
    if isinstance(db, SqliteDatabase):
        db.execute_sql("DROP TABLE IF EXISTS card_pinyin")
