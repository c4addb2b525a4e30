"""Where the archive file is unless told otherwise: ``$ARCHIVE_DESK_DB``, else the user's data
folder. Apart from :mod:`archive_desk.db.connection` (which imports peewee and the models) so
that the GUI's start can name the file before it loads them."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "ARCHIVE_DESK_DB"


def user_data_folder() -> Path:
    """The user's own data folder, where the archive lives unless told otherwise."""
    import platformdirs

    from archive_desk import APP_NAME

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``--db`` is handled by the caller; then ``$ARCHIVE_DESK_DB``; then the user's data folder."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return user_data_folder() / "archive-desk.db"
