"""The archive on a PostgreSQL server (issue 18): its search indexes, the regions 0002 wrote
without parents there, and a column SQLite never held to its length. Nothing on SQLite.

- ``pg_trgm`` and a trigram GIN index on each of ``card_search.text``, ``initials`` and ``full``:
  terms of three characters and more, and every ASCII term (pinyin, numbers, phones), are
  ``LIKE '%term%'`` on these (what FTS5's trigram table does on SQLite). pg_trgm is a trusted
  extension since PostgreSQL 13: the database's owner may create it without a superuser; where
  the program's role may not, IT creates it (README › Several clerks on one server) and this
  migration finds it there. One or two Chinese characters stay the ``card_gram`` range, as on
  SQLite (pg_trgm has no trigram to look up for them).
- ``card_pinyin (card_id, lattice)``, which 0007 made on SQLite only: the reading lattices of the
  few names with too many readings to list, tested in Python by the search (no SQL function
  there). An archive copied from SQLite brings its rows.
- Regions: 0002 inserted every province without its parent on PostgreSQL (no primary key named,
  so no id came back; fixed in 0002 for new databases). A province still at the top whose name
  0002 lists under a region gets that region as its parent again.
- ``audit_event.entity_id`` becomes ``varchar(400)``: a settings change names every key it
  changed there (``archive_no.pattern,labels.columns,…``), more than the 40 characters the
  column declared. SQLite does not enforce a declared length (the model says 400 now, which
  changes nothing in a file); PostgreSQL refused the save.
"""

from peewee import PostgresqlDatabase

REGIONS = {
    "HB": ["北京", "天津", "河北", "山西", "内蒙古"],
    "HD": ["上海", "江苏", "浙江", "安徽", "福建", "江西", "山东"],
    "HN": ["广东", "广西", "海南", "香港", "澳门"],
    "HZ": ["河南", "湖北", "湖南"],
    "XN": ["重庆", "四川", "贵州", "云南", "西藏"],
    "XB": ["陕西", "甘肃", "青海", "宁夏", "新疆"],
    "DB": ["辽宁", "吉林", "黑龙江"],
}

INDEXES = (
    ("card_search_text_trgm", "text"),
    ("card_search_initials_trgm", "initials"),
    ("card_search_full_trgm", '"full"'),
)


def up(migrator, db):
    if not isinstance(db, PostgresqlDatabase):
        return
    found = db.execute_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
    if not found:
        db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS card_pinyin (card_id INTEGER PRIMARY KEY, lattice TEXT NOT NULL)"
    )
    for name, column in INDEXES:
        db.execute_sql(
            f"CREATE INDEX IF NOT EXISTS {name} ON card_search USING gin ({column} gin_trgm_ops)"
        )
    db.execute_sql("ALTER TABLE audit_event ALTER COLUMN entity_id TYPE varchar(400)")
    for code, provinces in REGIONS.items():
        db.execute_sql(
            "UPDATE region SET parent_id = (SELECT id FROM region WHERE code = %s AND parent_id "
            "IS NULL ORDER BY id LIMIT 1) WHERE parent_id IS NULL AND code = '' AND name = ANY(%s) "
            "AND EXISTS (SELECT 1 FROM region WHERE code = %s AND parent_id IS NULL)",
            (code, provinces, code),
        )


def down(migrator, db):
    if isinstance(db, PostgresqlDatabase):
        for name, _column in INDEXES:
            db.execute_sql(f"DROP INDEX IF EXISTS {name}")
