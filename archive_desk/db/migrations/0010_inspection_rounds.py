"""Inspection rounds, inventories and the findings' approval (issue 14).

- ``inspection`` (a round, or an inventory by scanning) gets its scope (all cards, a region, a
  category, or a location: room › cabinet › shelf › box, with the label it read when it began),
  its due date and who finished it; one periodic round a review period (a partial unique index).
- ``inspection_review``: the cards gone through in a round.
- ``inventory_item``: an inventory's list, frozen when it began, and what was scanned;
  ``inventory_tray``: a location added to an inventory later (a forgotten tray).
- ``inspection_finding``: the proposal's author, time and deadline; when the work was done and
  who helped.
- ``card``: when and where an inventory last saw the folder; an index on the archive number
  in capitals, so a scanned or typed number is found whatever its case without reading every
  card.

The twice-yearly review kept its history on the cards (``card_history`` lines ``review``, the
``last_reviewed_on`` date). Those lines become rounds here: one periodic round per review period
that has any (the period of the review months set in ``review.months``), numbered like the new
ones (``JC2025-0001``), holding the cards reviewed in it. The round of the period that contains
today stays open; the older ones are closed at their last review.
"""

import datetime as dt
import json

from peewee import *

# the periodic round's one-per-period index, and the archive number in capitals
PERIODIC_INDEX = (
    "CREATE UNIQUE INDEX inspection_period_periodic ON inspection (period) WHERE kind = 'periodic'"
)
UPPER_INDEX = "CREATE INDEX card_archive_no_upper ON card (UPPER(archive_no))"

def _text(length, default=""):
    """A NOT NULL text column with its default in the schema too: added in place (no rebuild
    of the table), and rows inserted without it (bulk inserts) get the default."""
    return CharField(max_length=length, default=default, constraints=[SQL(f"DEFAULT '{default}'")])


INSPECTION_COLUMNS = (
    ("scope_kind", lambda: _text(20, "all")),
    ("scope_region", lambda: IntegerField(null=True)),
    ("scope_category", lambda: IntegerField(null=True)),
    ("scope_room", lambda: _text(50)),
    ("scope_cabinet", lambda: _text(20)),
    ("scope_shelf", lambda: _text(20)),
    ("scope_box", lambda: _text(20)),
    ("scope_label", lambda: _text(200)),
    ("due_on", lambda: DateField(null=True)),
)
FINDING_COLUMNS = (
    ("proposed_at", lambda: DateTimeField(null=True)),
    ("due_on", lambda: DateField(null=True)),
    ("resolved_on", lambda: DateField(null=True)),
    ("helpers", lambda: _text(200)),
)
CARD_COLUMNS = (
    ("last_seen_on", lambda: DateField(null=True)),
    ("last_seen_place", lambda: _text(120)),
)


def today():
    """The day the migration runs (tests set it)."""
    return dt.date.today()


def up(migrator, db):
    models = _models(db)
    user = models["User"]
    operations = [
        migrator.add_column(table, name, make(), allow_not_null=True)
        for table, columns in (
            ("inspection", INSPECTION_COLUMNS),
            ("inspection_finding", FINDING_COLUMNS),
            ("card", CARD_COLUMNS),
        )
        for name, make in columns
    ]
    for table, name in (("inspection", "finished_by_id"), ("inspection_finding", "proposed_by_id")):
        operations.append(
            migrator.add_column(
                table, name, ForeignKeyField(user, null=True, field=user.id, on_delete="RESTRICT")
            )
        )
    migrator.migrate(*operations)
    db.create_tables([models["InspectionReview"], models["InventoryItem"], models["InventoryTray"]])
    db.execute_sql(PERIODIC_INDEX)
    db.execute_sql(UPPER_INDEX)
    _rounds_from_history(db, models)


def down(migrator, db):
    db.execute_sql("DROP INDEX IF EXISTS card_archive_no_upper")
    db.execute_sql("DROP INDEX IF EXISTS inspection_period_periodic")
    db.execute_sql("DROP TABLE IF EXISTS inventory_tray")
    db.execute_sql("DROP TABLE IF EXISTS inventory_item")
    db.execute_sql("DROP TABLE IF EXISTS inspection_review")
    db.execute_sql("DELETE FROM inspection")
    operations = [
        migrator.drop_column(table, name)
        for table, columns in (
            ("inspection", INSPECTION_COLUMNS),
            ("inspection_finding", FINDING_COLUMNS),
            ("card", CARD_COLUMNS),
        )
        for name, _make in columns
    ]
    operations.append(migrator.drop_column("inspection", "finished_by_id"))
    operations.append(migrator.drop_column("inspection_finding", "proposed_by_id"))
    migrator.migrate(*operations)


def _models(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "user"

    class Card(Base):
        class Meta:
            table_name = "card"

    class Inspection(Base):
        number = CharField(unique=True, max_length=30)
        kind = CharField(max_length=20, default="periodic")
        period = CharField(max_length=20)
        inspector = ForeignKeyField(User, on_delete="RESTRICT")
        started_at = DateTimeField()
        finished_at = DateTimeField(null=True)
        state = CharField(max_length=20, default="open")
        note = TextField(default="")
        version = IntegerField(default=1)
        scope_kind = CharField(max_length=20, default="all")
        scope_label = CharField(max_length=200, default="")
        due_on = DateField(null=True)
        finished_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

        class Meta:
            table_name = "inspection"

    class InspectionFinding(Base):
        class Meta:
            table_name = "inspection_finding"

    class InspectionReview(Base):
        inspection = ForeignKeyField(Inspection, on_delete="CASCADE")
        card = ForeignKeyField(Card, on_delete="RESTRICT", index=True)
        at = DateTimeField()
        by = ForeignKeyField(User, on_delete="RESTRICT")
        note = CharField(max_length=300, default="")

        class Meta:
            table_name = "inspection_review"
            indexes = ((("inspection", "card"), True),)

    class InventoryItem(Base):
        inventory = ForeignKeyField(Inspection, on_delete="CASCADE")
        card = ForeignKeyField(Card, null=True, on_delete="RESTRICT", index=True)
        code = CharField(max_length=60)
        expected = BooleanField(default=False)
        lent_at_start = BooleanField(default=False)
        recorded_location = CharField(max_length=120, default="")
        result = CharField(max_length=20, null=True)
        scans = IntegerField(default=0)
        first_scan_at = DateTimeField(null=True)
        last_scan_at = DateTimeField(null=True)
        action = CharField(max_length=20, default="")
        finding = ForeignKeyField(InspectionFinding, null=True, on_delete="SET NULL")
        note = CharField(max_length=300, default="")

        class Meta:
            table_name = "inventory_item"
            indexes = ((("inventory", "code"), True), (("inventory", "last_scan_at"), False))

    class InventoryTray(Base):
        inventory = ForeignKeyField(Inspection, on_delete="CASCADE")
        room = CharField(max_length=50)
        cabinet = CharField(max_length=20, default="")
        shelf = CharField(max_length=20, default="")
        box = CharField(max_length=20, default="")
        added_at = DateTimeField()
        added_by = ForeignKeyField(User, on_delete="RESTRICT")

        class Meta:
            table_name = "inventory_tray"

    return {m.__name__: m for m in (User, Card, Inspection, InspectionReview, InventoryItem, InventoryTray)}


# --- the review history as rounds ------------------------------------------------------------


def _review_months(db):
    """``review.months`` as the program reads it (a malformed value: February and August)."""
    row = db.execute_sql("SELECT value FROM setting WHERE key = 'review.months'").fetchone()
    try:
        raw = str(json.loads(row[0])) if row else "2,8"
        months = sorted({int(p) for p in raw.replace("，", ",").split(",") if p.strip()})
    except ValueError:
        return [2, 8]
    return [m for m in months if 1 <= m <= 12] or [2, 8]


def _period(day, months):
    """The first day of the latest review month on or before ``day``."""
    this_year = [m for m in months if m <= day.month]
    if this_year:
        return dt.date(day.year, this_year[-1], 1)
    return dt.date(day.year - 1, months[-1], 1)


def _month_end(first):
    following = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _as_datetime(value):
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _rounds_from_history(db, models):
    months = _review_months(db)
    lines = db.execute_sql(
        "SELECT card_id, at, user_id, reason FROM card_history WHERE action = 'review' "
        "ORDER BY at, id"
    ).fetchall()
    if not lines:
        return
    fallback = db.execute_sql('SELECT MIN(id) FROM "user"').fetchone()[0]
    periods: dict = {}
    for card_id, at, user_id, reason in lines:
        at = _as_datetime(at)
        periods.setdefault(_period(at.date(), months), []).append((card_id, at, user_id, reason))
    current = _period(today(), months)
    Inspection, Review = models["Inspection"], models["InspectionReview"]
    numbers: dict = {}
    for start in sorted(periods):
        rows = periods[start]
        users = [u for _c, _a, u, _r in rows if u is not None]
        inspector = users[0] if users else fallback
        year = rows[0][1].year
        numbers[year] = numbers.get(year, _sequence(db, year)) + 1
        is_open = start == current
        round_id = Inspection.insert(
            number=f"JC{year}-{numbers[year]:04d}", kind="periodic", period=f"{start:%Y-%m}",
            inspector=inspector, started_at=rows[0][1], finished_at=None if is_open else rows[-1][1],
            state="open" if is_open else "closed", note="由以往的例行检查记录生成",
            scope_kind="all", scope_label="全部档案", due_on=_month_end(start),
            finished_by=None if is_open else (users[-1] if users else fallback),
        ).execute()  # fmt: skip
        latest = {}
        for card_id, at, user_id, reason in rows:
            latest[card_id] = (at, user_id if user_id is not None else inspector, reason or "")
        Review.insert_many(
            [
                {"inspection": round_id, "card": c, "at": at, "by": by, "note": note[:300]}
                for c, (at, by, note) in latest.items()
            ]
        ).execute()
    for year, value in numbers.items():
        _set_sequence(db, year, value)


def _sequence(db, year):
    row = db.execute_sql(
        "SELECT value FROM sequence WHERE name = %s" % db.param, (f"doc:JC{year}",)
    ).fetchone()
    return int(row[0]) if row else 0


def _set_sequence(db, year, value):
    name = f"doc:JC{year}"
    if db.execute_sql("SELECT 1 FROM sequence WHERE name = %s" % db.param, (name,)).fetchone():
        db.execute_sql(
            "UPDATE sequence SET value = %s WHERE name = %s" % (db.param, db.param), (value, name)
        )
    else:
        db.execute_sql(
            "INSERT INTO sequence (name, value) VALUES (%s, %s)" % (db.param, db.param),
            (name, value),
        )
