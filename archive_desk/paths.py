"""Where the program's own files are (translations, the bundled font, icons): the
``archive_desk.resources`` package, which pyproject maps onto the top-level ``resources/``
folder of the repository.

Every lookup goes through :func:`resource_dir`, one rule for the three kinds of run:

- a frozen build (PyInstaller, ``packaging/archive-desk.spec``; ``sys.frozen`` is set): the
  spec puts ``resources/`` at ``archive_desk/resources`` inside the build's own folder
  (``sys._MEIPASS``), where the frozen ``archive_desk`` package itself sits;
- an installed wheel and the editable install of ``make run``: the ``archive_desk.resources``
  package through ``importlib.resources`` (the latter finds ``resources/`` itself);
- a checkout run without any install, where that package does not import: the folder next to
  ``archive_desk/``.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources as _resources
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
    try:
        found = _resources.files(PACKAGE)
    except ModuleNotFoundError:  # a source checkout that was never installed
        return Path(__file__).resolve().parent.parent / "resources"
    return Path(str(found))


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
