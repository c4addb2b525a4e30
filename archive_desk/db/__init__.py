"""Storage: peewee models, connection, migrations and backup."""
