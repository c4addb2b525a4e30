"""Retention, legal hold and destruction (issue 15).

- ``destruction_proposal`` gets what the procedure records beyond 0001's columns: the first day
  an approved list may be carried out (``wait_until``), the executor and who recorded the
  execution and when, to whom the feedback went and on which day, and why a list was withdrawn.
- ``destruction_item`` gets the reason's code (``basis``), the due date frozen at the proposal,
  the row's state (listed, exempted, withheld, destroyed) and why it was exempted or withheld;
  a card appears once on a list.
- ``legal_hold``: a card frozen by the manager (冻结) and, once lifted, by whom and why.
- ``card_tombstone``: what stays of a destroyed card (number, name, dates, retention, the list,
  when and how).

Portable DDL only (peewee's migrator and ``create_tables``): it runs on SQLite and PostgreSQL.
0010 is inspection's; the numbers may skip one until both are merged.
"""

from peewee import *


def up(migrator, db):
    class User(Model):
        id = AutoField()

        class Meta:
            database = db
            table_name = "user"

    class Card(Model):
        class Meta:
            database = db
            table_name = "card"

    add = migrator.add_column
    migrator.migrate(
        add("destruction_proposal", "wait_until", DateField(null=True)),
        add("destruction_proposal", "executor", CharField(max_length=50, default="")),
        add("destruction_proposal", "executed_at", DateTimeField(null=True)),
        add(
            "destruction_proposal",
            "executed_by_id",
            ForeignKeyField(User, null=True, on_delete="RESTRICT", field=User.id),
        ),
        add("destruction_proposal", "reported_to", CharField(max_length=100, default="")),
        add("destruction_proposal", "reported_on", DateField(null=True)),
        add("destruction_proposal", "note", TextField(default="")),
        add("destruction_item", "basis", CharField(max_length=20, default="")),
        add("destruction_item", "retention_due", DateField(null=True)),
        add("destruction_item", "state", CharField(max_length=20, default="listed")),
        add("destruction_item", "note", CharField(max_length=300, default="")),
        migrator.add_index("destruction_item", ("proposal_id", "card_id"), True),
    )

    class LegalHold(Model):
        card = ForeignKeyField(Card, on_delete="RESTRICT", index=True)
        kind = CharField(max_length=20)
        reason = TextField()
        frozen_by = ForeignKeyField(User, on_delete="RESTRICT")
        frozen_at = DateTimeField()
        lifted_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")
        lifted_at = DateTimeField(null=True, index=True)
        lift_reason = TextField(default="")
        version = IntegerField(default=1)

        class Meta:
            database = db
            table_name = "legal_hold"

    class CardTombstone(Model):
        card = ForeignKeyField(Card, primary_key=True, on_delete="RESTRICT")
        archive_no = CharField(max_length=40)
        name = CharField(max_length=200)
        created_on = DateField()
        trade_ended_on = DateField(null=True)
        retention = CharField(max_length=4)
        retention_start = DateField(null=True)
        retention_due = DateField(null=True)
        list_no = CharField(max_length=30)
        destroyed_on = DateField()
        method = CharField(max_length=50)
        place = CharField(max_length=100)
        recorded_at = DateTimeField()
        recorded_by = ForeignKeyField(User, null=True, on_delete="RESTRICT")

        class Meta:
            database = db
            table_name = "card_tombstone"

    db.create_tables([LegalHold, CardTombstone])


def down(migrator, db):
    db.execute_sql("DROP TABLE card_tombstone")
    db.execute_sql("DROP TABLE legal_hold")
    migrator.migrate(
        migrator.drop_index("destruction_item", "destruction_item_proposal_id_card_id"),
        *(
            migrator.drop_column("destruction_item", column)
            for column in ("basis", "retention_due", "state", "note")
        ),
        *(
            migrator.drop_column("destruction_proposal", column)
            for column in (
                "wait_until", "executor", "executed_at", "executed_by_id", "reported_to",
                "reported_on", "note",
            )
        ),
    )
