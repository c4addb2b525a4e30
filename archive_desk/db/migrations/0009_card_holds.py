"""``card_hold``: a card held by a procedure (out on a loan, listed on an open handover slip), so
no procedure queries another's tables to ask "is this card free?" (issue 13).

One row per (card, kind, ref); the partial unique index ``card_hold_card_id_kind`` allows one
exclusive hold of a kind per card, so two clerks claiming the same card at once fail in the
database itself (SQLite serialises writers anyway; PostgreSQL would not).

Backfilled from the open loans (kind ``loan``, ref the borrowing, note the borrower, since the
loan began) and from the cards on open slips (kind ``handover``, ref the slip, note its number):
not removed by the receiver's check, not an extra row still unresolved. Should old data list a
card twice, the first loan or slip keeps the hold (``archive-desk check`` then names the rest).
"""

from peewee import *

OPEN_SLIPS = "('draft', 'dept_approved', 'checked', 'office_approved')"

LOANS = """
INSERT INTO card_hold (card_id, kind, ref, exclusive, note, since)
SELECT i.card_id, 'loan', MIN(i.borrowing_id), TRUE, '', MIN(i.lent_at)
FROM borrowing_item i
WHERE i.state = 'lent'
GROUP BY i.card_id
"""

LOAN_NOTES = """
UPDATE card_hold SET note = (SELECT b.borrower_name FROM borrowing b WHERE b.id = card_hold.ref)
WHERE kind = 'loan'
"""

SLIPS = f"""
INSERT INTO card_hold (card_id, kind, ref, exclusive, note, since)
SELECT i.card_id, 'handover', MIN(h.id), TRUE, '', MIN(h.created_at)
FROM handover_item i JOIN handover h ON h.id = i.handover_id
WHERE h.state IN {OPEN_SLIPS} AND i.card_id IS NOT NULL
  AND (i.resolution IS NULL OR i.resolution <> 'removed')
  AND NOT (COALESCE(i.difference, '') = 'extra' AND i.resolution IS NULL)
GROUP BY i.card_id
"""

SLIP_NOTES = """
UPDATE card_hold SET note = (SELECT h.number FROM handover h WHERE h.id = card_hold.ref)
WHERE kind = 'handover'
"""


def up(migrator, db):
    class Card(Model):
        class Meta:
            database = db
            table_name = "card"

    class CardHold(Model):
        card = ForeignKeyField(Card, on_delete="RESTRICT", index=False)
        kind = CharField(max_length=20)
        ref = IntegerField()
        exclusive = BooleanField(default=True)
        note = CharField(max_length=100, default="")
        since = DateTimeField()

        class Meta:
            database = db
            table_name = "card_hold"
            indexes = ((("card", "kind", "ref"), True),)

    db.create_tables([CardHold])
    db.execute_sql(
        "CREATE UNIQUE INDEX card_hold_card_id_kind ON card_hold (card_id, kind) WHERE exclusive"
    )
    for statement in (LOANS, LOAN_NOTES, SLIPS, SLIP_NOTES):
        db.execute_sql(statement)


def down(migrator, db):
    db.execute_sql("DROP TABLE card_hold")
