"""Schema migrations, one numbered module each with ``up(migrator, db)``."""
