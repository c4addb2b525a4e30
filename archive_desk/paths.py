"""Where the program's own files are (translations, the bundled font, icons): the
``archive_desk.resources`` package, which pyproject maps onto the top-level ``resources/``
folder of the repository.

Every lookup goes through :func:`resource_dir`, one rule for the three kinds of run:

- a frozen build (PyInstaller, ``packaging/archive-desk.spec``; ``sys.frozen`` is set): the
  spec puts ``resources/`` at ``archive_desk/resources`` inside the build's own folder
  (``sys._MEIPASS``), where the frozen ``archive_desk`` package itself sits;
- an installed wheel: the ``archive_desk.resources`` package, the ``resources`` folder inside
  the installed ``archive_desk``;
- a checkout, installed editable (``make run``) or not at all: the ``resources/`` folder next to
  ``archive_desk/`` (what the editable install maps ``archive_desk.resources`` onto);
- anything else (a zipped install): that package through ``importlib.resources``.

The first two are looked at on the disk: ``importlib.resources`` cost ~4.5 ms of every start
before the login dialog (the window icon and the translation are found here).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

PACKAGE = "archive_desk.resources"


def frozen_dir() -> Path | None:
    """The folder a frozen build unpacked itself into (its ``_internal`` folder), or None when
    the program runs from Python source."""
    if not getattr(sys, "frozen", False):
        return None
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if base else Path(sys.executable).resolve().parent


@cache
def resource_dir() -> Path:
    frozen = frozen_dir()
    if frozen is not None:
        return frozen / "archive_desk" / "resources"
    package = Path(__file__).resolve().parent
    for folder in (package / "resources", package.parent / "resources"):  # a wheel, a checkout
        if (folder / "i18n").is_dir():
            return folder
    from importlib import resources

    try:
        found = resources.files(PACKAGE)
    except ModuleNotFoundError:  # nothing found at all: where a checkout would have it
        return package.parent / "resources"
    return Path(str(found))


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
