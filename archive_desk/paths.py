"""Where the program's own files are (translations, bundled fonts): the ``archive_desk.resources``
package, which pyproject maps onto the top-level ``resources/`` folder of the repository.

Every lookup goes through :func:`resource_dir`, one way for every kind of run: an installed
wheel and the editable install of ``make run`` both import ``archive_desk.resources`` (the
latter from ``resources/`` itself); only a checkout run without any install, where that package
does not import, falls back to the folder next to ``archive_desk/``. A frozen build must put the
files where ``importlib.resources`` finds the package.
"""

from __future__ import annotations

from functools import cache
from importlib import resources as _resources
from pathlib import Path

PACKAGE = "archive_desk.resources"


@cache
def resource_dir() -> Path:
    try:
        found = _resources.files(PACKAGE)
    except ModuleNotFoundError:  # a source checkout that was never installed
        return Path(__file__).resolve().parent.parent / "resources"
    return Path(str(found))


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
