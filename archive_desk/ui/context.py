"""What every tab and dialog receives: where the archive is, the clock and the current user."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.db.location import Location
from archive_desk.permissions import Actor


@dataclass
class AppContext:
    location: Location | Path | str  # a file or a server (a Location once made)
    actor: Actor
    clock: Clock = field(default=SYSTEM_CLOCK)

    def __post_init__(self) -> None:
        self.location = Location.of(self.location)

    @property
    def store(self) -> Location:
        """Where the archive is (:attr:`location` as a :class:`Location`)."""
        assert isinstance(self.location, Location)
        return self.location

    @property
    def local_folder(self) -> Path:
        """This workstation's folder for the archive's drafts (and a file's backups)."""
        return self.store.local_folder

    def can(self, perm: str) -> bool:
        return self.actor.can(perm)
