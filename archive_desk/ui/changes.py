"""The change notice on the GUI thread: every service call that commits a change (in this
window, in a worker thread, in a dialog) reaches the tabs as one signal, so each refreshes what
it shows of the records named — the cards tab repaints the rows of the cards a loan took out,
the lists of applications and slips read their page again, the overview its counts.

The services tell :mod:`archive_desk.procedures.changes` (Qt-free) after their commit, on the
thread that ran them; :class:`ChangeNotice` turns that into :attr:`~ChangeNotice.changed`,
which Qt queues to the GUI thread whenever the service ran in another.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal

from archive_desk import permissions
from archive_desk.procedures import changes


class SessionEnd(QObject):
    """Emits :attr:`ended` (the service's Chinese message) when a service ends the session of
    the user ``user_id`` (deactivated, or her role, clearance or department changed:
    :func:`archive_desk.permissions.check_session`), from whatever thread ran it."""

    ended = Signal(str)

    def __init__(self, user_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.user_id = user_id
        self._stop = permissions.on_session_ended(self._heard)
        self.destroyed.connect(self._stop)

    def stop(self) -> None:
        self._stop()

    def _heard(self, actor: permissions.Actor, message: str) -> None:
        if actor.user_id == self.user_id:
            self.ended.emit(message)


class ChangeNotice(QObject):
    """Emits :attr:`changed` (a dict kind → frozenset of ids) after each commit that noted
    a change, until :meth:`stop` (or the object's deletion)."""

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = changes.listen(self._heard)
        self.destroyed.connect(self._stop)

    def stop(self) -> None:
        self._stop()

    def _heard(self, batch: Mapping[str, frozenset[int]]) -> None:
        self.changed.emit(dict(batch))
