"""The records of inspection and retention the role × service matrix acts on, built through the
real services on first use: a round, inventories (open, paused, with a folder found out of
place, with a forgotten tray), findings at each state, destruction lists at each step, a freeze,
cards past their retention. A call that changes a record gets its own (``key``): the permitted
role's call then goes through whatever the matrix called before it; the calls that only read
share one. The waiting period after approval is set to nothing (``destruction.wait_days`` 0),
so an approved list is carried out on the day."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any, TypeVar

from archive_desk import inspection as ins
from archive_desk import retention
from archive_desk import settings as app_settings
from archive_desk.cards import CardView
from archive_desk.permissions import Actor
from tests.cardkit import make_card
from tests.retention.kit import EXECUTOR, SIGNED, WITNESSES

T = TypeVar("T")
ROOM = "盘点库房"  # the inventories' folders: a shelf each, apart from every other card


def key_of(view: Any) -> tuple[int, int]:
    """A record's id and version, as the services that change it take them."""
    return view.id, view.version


class Desk:
    """The clerk's, the manager's and the general manager's records, each made once a key."""

    def __init__(self, admin: Actor, clerk: Actor, manager: Actor, gm: Actor) -> None:
        self.clerk, self.manager, self.gm = clerk, manager, gm
        self._made: dict[tuple[str, str], Any] = {}
        self._numbers = itertools.count(1)
        app_settings.set_values(admin, {"destruction.wait_days": 0})

    def _once(self, what: str, key: str, build: Callable[[], T]) -> T:
        if (what, key) not in self._made:
            self._made[(what, key)] = build()
        return self._made[(what, key)]

    def _card(self, **values: Any) -> CardView:
        return make_card(self.clerk, f"保管{next(self._numbers)}有限公司", **values)

    @property
    def today(self) -> dt.date:
        return self.clerk.clock.today()

    # --- inspection ------------------------------------------------------------------------------

    def card(self, key: str) -> CardView:
        """A kept card of its own (a finding on it, a freeze)."""
        return self._once("card", key, self._card)

    def round(self, key: str) -> ins.RoundView:
        """An ad-hoc round of every card, open."""
        return self._once("round", key, lambda: ins.start_round(self.clerk, note=key))

    def place(self, key: str) -> ins.Scope:
        """A shelf of its own holding two folders, no inventory begun there."""

        def build() -> ins.Scope:
            shelf = str(next(self._numbers))
            for box in ("001", "002"):
                self._card(location_room=ROOM, location_shelf=shelf, location_box=box)
            return ins.Scope(ins.ScopeKind.LOCATION, location=ins.Location(ROOM, "01", shelf))

        return self._once("place", key, build)

    def inventory(self, key: str) -> ins.InventoryView:
        """An open inventory of a shelf of its own."""
        return self._once(
            "inventory", key, lambda: ins.start_inventory(self.clerk, self.place(key))
        )

    def paused(self, key: str) -> ins.InventoryView:
        return self._once(
            "paused", key,
            lambda: ins.pause_inventory(self.clerk, *key_of(self.inventory(key))),
        )  # fmt: skip

    def misplaced(self, key: str) -> tuple[int, int]:
        """An inventory and its line of a folder scanned there but recorded elsewhere."""

        def build() -> tuple[int, int]:
            inventory = self.inventory(key)
            answer = ins.scan(self.clerk, inventory.id, self._card().archive_no)
            assert answer.result == ins.ScanResult.ELSEWHERE
            return inventory.id, answer.item_id

        return self._once("misplaced", key, build)

    def tray(self, key: str) -> tuple[ins.InventoryView, ins.Location]:
        """An open inventory, and a forgotten tray holding a folder it does not list."""
        return self._once(
            "tray", key, lambda: (self.inventory(key), self.place(f"{key} tray").location)
        )

    def finding(self, key: str, state: ins.FindingState, **values: Any) -> ins.FindingView:
        """A finding (damage) on a card of its own (with ``values``), open, proposed or
        approved."""

        def build() -> ins.FindingView:
            proposed = state != ins.FindingState.OPEN
            f = ins.new_finding(
                self.clerk, self._card(**values).id, kind="damage", description="封面破损",
                proposal="修补封面" if proposed else "",
                due_on=self.today + dt.timedelta(days=30) if proposed else None,
            )  # fmt: skip
            if state == ins.FindingState.APPROVED:
                f = ins.decide(self.manager, f.id, f.version, approve=True)
            assert f.state == state
            return f

        return self._once(f"finding {state}", key, build)

    # --- retention -------------------------------------------------------------------------------

    def due(self, key: str) -> CardView:
        """A card whose retention ran out (trade ended in January 2014, D10), on no list."""
        return self._once(
            "due", key,
            lambda: self._card(retention="D10", trade_status="past", trade_ended_on="2014-01-10"),
        )  # fmt: skip

    def draft(self, key: str) -> retention.DestructionView:
        """A list of one due card, proposed by the clerk, awaiting the manager's review."""
        return self._once(
            "draft", key,
            lambda: retention.create_list(self.clerk, reason="保管期满，经鉴定无继续保存价值",
                                          items=[retention.ItemInput(self.due(key).id)]),
        )  # fmt: skip

    def reviewed(self, key: str) -> retention.DestructionView:
        return self._once(
            "reviewed", key,
            lambda: retention.decide(self.manager, *key_of(self.draft(key)), "review",
                                     approve=True, comment="同意"),
        )  # fmt: skip

    def approved(self, key: str) -> retention.DestructionView:
        """Approved by the general manager; its waiting period (none) over."""
        return self._once(
            "approved", key,
            lambda: retention.decide(self.gm, *key_of(self.reviewed(key)), "approve",
                                     approve=True, comment="同意"),
        )  # fmt: skip

    def execute(
        self, actor: Actor, lst: retention.DestructionView, **people: Any
    ) -> retention.DestructionView:
        """Carry out ``lst`` today (``executor``, ``witnesses``: other people than the kit's)."""
        return retention.execute(
            actor, *key_of(lst), executed_on=self.today, place="档案室碎纸间", method="shred",
            **{"executor": EXECUTOR, "witnesses": WITNESSES, **people}, signed=SIGNED,
        )  # fmt: skip

    def executed(self, key: str) -> retention.DestructionView:
        """Carried out: its card destroyed, the feedback not yet given."""
        return self._once("executed", key, lambda: self.execute(self.clerk, self.approved(key)))

    def frozen(self, key: str) -> retention.HoldRow:
        """A card the manager froze."""
        return self._once(
            "frozen", key,
            lambda: retention.freeze(self.manager, [self.card(key).id], kind="dispute",
                                     reason="货款纠纷")[0],
        )  # fmt: skip
