"""The Qt user interface: the only package that imports PySide6.

Importing PySide6 replaces Python's ``__import__`` with its ``__feature__`` hook, which then reads
the whole source of every module imported later (``inspect.getsource``) to see whether it
mentions PySide6. The program imports most of its modules after PySide6 (the services while the
login dialog waits, the tabs and reportlab later), which cost ~60 ms for the services alone here
(``-X importtime``). :func:`_skip_the_source_scan` answers that question by the module's name.
"""

from __future__ import annotations

import logging
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - installs the hook patched below

log = logging.getLogger(__name__)

# The modules that use PySide6: this package (the layering rule) and PySide6's own.
QT_USERS = ("archive_desk.ui", "PySide6", "shiboken6")


def _uses_pyside(module: ModuleType) -> bool:
    return getattr(module, "__name__", "").startswith(QT_USERS)


def _skip_the_source_scan() -> bool:
    """WORKAROUND (PySide6 6.11; napari/napari#8584): PySide keeps, per module, whether it uses
    PySide (``0``: switch to the default of "no feature") or not (``-1``: leave the selection as
    it is). It decides by reading the module's source. The program selects no ``__feature__``
    (no ``snake_case``, no ``true_property``), so the selection is the default everywhere and
    either answer gives the same behaviour; the name answers without reading a file. Where a
    PySide release moves this function, nothing changes but the speed."""
    try:
        from PySide6.support import feature  # type: ignore[attr-defined]
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        log.debug("PySide6's __feature__ hook has no _mod_uses_pyside: left as it is")
        return False
    feature._mod_uses_pyside = _uses_pyside
    return True


_skip_the_source_scan()
