"""The schema's migrations (``db/migrations/``, peewee's migrator: they run on both stores): which
are known, which a database has, and applying the missing ones. Apart from
:mod:`archive_desk.db.connection` and :mod:`archive_desk.db.postgres`, which both migrate the
archive they open."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from peewee import Database

from archive_desk.errors import DatabaseTooNew

if TYPE_CHECKING:
    from playhouse.migrations import Runner

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATION_TABLE = "schema_migration"


def migration_runner(db: Database) -> Runner:
    # imported only when there is something to migrate: ~20 ms of every start otherwise
    from playhouse.migrations import Runner

    return Runner(db, directory=str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE)


def known_migrations() -> list[str]:
    return sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))


def applied_migrations(db: Database) -> list[str]:
    """The migrations recorded in the file (none for a new file)."""
    if MIGRATION_TABLE not in db.get_tables():
        return []
    return [r[0] for r in db.execute_sql(f'SELECT name FROM "{MIGRATION_TABLE}"')]


def schema_version(db: Database) -> int:
    """The number of the newest applied migration (0 for an empty file)."""
    names = applied_migrations(db)
    return max((int(n.split("_", 1)[0]) for n in names), default=0)


def migrate_database(db: Database) -> list[str]:
    """Apply pending migrations; refuse a database that a newer program has migrated."""
    applied = set(applied_migrations(db))
    known = set(known_migrations())
    unknown = sorted(applied - known)
    if unknown:
        raise DatabaseTooNew(
            "这个数据库由更新版本的档案台创建（架构 "
            f"{', '.join(unknown)}），本程序无法安全使用它。请升级档案台后再打开。"
        )
    if not known - applied:
        return []
    done: list[str] = migration_runner(db).up()
    if done:
        log.info("migrations applied: %s", ", ".join(done))
    return done
