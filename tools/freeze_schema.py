"""Regenerate ``archive_desk/db/migrations/0001_initial.py`` from the models.

Only while no database of a released version exists: from 0.1.0 on, every schema change is a new
numbered migration (``python -m playhouse.migrations generate``), and 0001 stays frozen.
``tests/db/test_migrations.py`` fails when the models and the migrations disagree.
"""

from __future__ import annotations

from pathlib import Path

from peewee import sort_models
from playhouse.migrations import template
from playhouse.schema_diff import SchemaDiff

from archive_desk.db.models import ALL_MODELS

TARGET = Path(__file__).resolve().parents[1] / "archive_desk/db/migrations/0001_initial.py"
HEADER = '"""Version 1 of the schema: the whole domain, as frozen copies of the models."""\n\n'

if __name__ == "__main__":
    body = template(SchemaDiff(sort_models(ALL_MODELS), [], [], [], []))
    TARGET.write_text(HEADER + body, encoding="utf-8")
    print(TARGET)
