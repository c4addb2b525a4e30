"""What every tab and dialog receives: the store's location, the clock and the current user."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.permissions import Actor


@dataclass
class AppContext:
    db_path: Path
    actor: Actor
    clock: Clock = field(default=SYSTEM_CLOCK)

    def can(self, perm: str) -> bool:
        return self.actor.can(perm)
