"""The audit trail's redaction (a destroyed card's personal data removed from its events).

- ``audit_event.redacted_by``: the id of the ``audit.redact`` event that replaced the personal
  values of this event's snapshots with a marker (``None``: the event is as written);
  :func:`archive_desk.audit.verify_chain` checks such an event against that redaction's record.
- an index on ``audit_event (entity, entity_id)``: a record's events found without reading the
  whole trail (the destruction asks for every event of its cards).

Portable DDL only (peewee's migrator): it runs on SQLite and PostgreSQL. 0012–0015 may be
taken by branches merged after this one: the numbers may skip.
"""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("audit_event", "redacted_by", IntegerField(null=True)),
        migrator.add_index("audit_event", ("entity", "entity_id"), False),
    )
