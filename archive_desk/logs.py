"""Logging: a rotating file in the user's log folder, and the console for commands.

``setup_logging`` is called once by the entry point (:mod:`archive_desk.cli`); modules use
``logging.getLogger(__name__)`` with lazy ``%s`` arguments.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from archive_desk import APP_NAME

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(*, verbose: bool = False, console: bool = False) -> Path | None:
    """Log to ``archive-desk.log`` (1 MB × 5 files). Returns its path, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for old in [h for h in root.handlers if getattr(h, "_archive_desk", False)]:
        root.removeHandler(old)  # called again (tests, a second command): replace, not add
        old.close()
    path: Path | None = log_dir() / "archive-desk.log"
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(FORMAT))
        handler._archive_desk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    except OSError:
        path = None  # a read-only profile must not stop the program
    if console:
        stream = logging.StreamHandler()
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        stream._archive_desk = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return path
