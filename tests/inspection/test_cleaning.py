"""Every text inspection takes is cleaned at the service boundary (issue 17): a finding's
description, proposal, resolution and helpers, an inventory line's finding, the notes of a
round and of an inventory, the places of a scope, a tray and a move; numbers and a card looked
up as typed; and the scan, where a barcode scanner's framing (CR, LF, TAB, GS, STX/ETX) is
dropped and any other control character refuses the scan. A NUL, a lone surrogate or 100,000
characters are refused in Chinese with nothing written; only invisible characters count as
empty; a formula-looking text is kept as text."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from archive_desk import inspection as ins
from archive_desk.db.models import Card, Inspection, InspectionFinding, InventoryItem
from archive_desk.domain import Role
from archive_desk.errors import ValidationError
from tests.cardkit import make_card
from tests.textkit import FORMULA, HUGE, INVISIBLE, Make, state, try_kinds

DUE = dt.date(2026, 3, 31)
SHELF = ins.Location("一号库房", "01", "1")


class Desk:
    """Fresh records for each value tried."""

    def __init__(self, clerk: Any, manager: Any) -> None:
        self.clerk, self.manager, self.made = clerk, manager, 0
        self.inventory: int | None = None  # the one open on the shelf

    def card(self) -> Any:
        self.made += 1
        return make_card(self.clerk, f"检查测试{self.made}有限公司", location_shelf="9")

    def finding(self) -> ins.FindingView:
        return ins.new_finding(self.clerk, self.card().id, kind="damage", description="封皮破损")

    def approved(self) -> ins.FindingView:
        f = self.finding()
        f = ins.propose(self.clerk, f.id, f.version, proposal="重新装订", due_on=DUE)
        return ins.decide(self.manager, f.id, f.version, approve=True, comment="同意")


@pytest.fixture
def desk(clerk, make_user) -> Desk:  # type: ignore[no-untyped-def]
    manager = make_user(Role.MANAGER, "chenjing", department="客服部", full_name="陈静")
    return Desk(clerk, manager)


def _description(desk: Desk) -> Make:
    def make(v: str) -> Any:
        card = desk.card()
        return (
            lambda: ins.new_finding(desk.clerk, card.id, kind="damage", description=v),
            lambda f: InspectionFinding.get_by_id(f.id).description,
        )

    return make


def _first_proposal(desk: Desk) -> Make:
    def make(v: str) -> Any:
        card = desk.card()
        return (
            lambda: ins.new_finding(
                desk.clerk, card.id, kind="damage", description="破损", proposal=v, due_on=DUE
            ),
            lambda f: InspectionFinding.get_by_id(f.id).proposal,
        )

    return make


def _proposal(desk: Desk) -> Make:
    def make(v: str) -> Any:
        f = desk.finding()
        return (
            lambda: ins.propose(desk.clerk, f.id, f.version, proposal=v, due_on=DUE),
            lambda g: InspectionFinding.get_by_id(g.id).proposal,
        )

    return make


def _resolution(part: str) -> Any:
    def field(desk: Desk) -> Make:
        def make(v: str) -> Any:
            f = desk.approved()
            texts = {"resolution": "已重新装订", "helpers": "", part: v}
            return (
                lambda: ins.resolve(
                    desk.clerk, f.id, f.version, resolved_on=desk.clerk.clock.today(), **texts
                ),
                lambda g: getattr(InspectionFinding.get_by_id(g.id), part),
            )

        return make

    return field


def _shelf(desk: Desk) -> tuple[ins.InventoryView, ins.ScanAnswer, Any]:
    """An inventory of a shelf holding a new card, with a folder from elsewhere scanned; and
    the card on the shelf."""
    desk.made += 1
    here = make_card(desk.clerk, f"架上{desk.made}公司")  # 一号库房-01-1-001
    inv = ins.start_inventory(desk.clerk, ins.Scope(ins.ScopeKind.LOCATION, location=SHELF))
    return inv, ins.scan(desk.clerk, inv.id, desk.card().archive_no), here


def _inventory_note(desk: Desk) -> Make:
    def make(v: str) -> Any:
        desk.made += 1
        make_card(desk.clerk, f"盘点{desk.made}公司", location_room=f"库房{desk.made}")
        place = ins.Location(f"库房{desk.made}")
        return (
            lambda: ins.start_inventory(
                desk.clerk, ins.Scope(ins.ScopeKind.LOCATION, location=place), note=v
            ),
            lambda inv: Inspection.get_by_id(inv.id).note,
        )

    return make


def _item_finding(desk: Desk) -> Make:
    def make(v: str) -> Any:
        if desk.inventory is not None:  # one inventory a place: the last value's is closed
            last = ins.get_inventory(desk.clerk, desk.inventory)
            ins.close_inventory(desk.clerk, last.id, last.version, confirm_warnings=True)
        inv, scanned, _here = _shelf(desk)
        desk.inventory = inv.id
        generated = f"盘点 {inv.number}"

        def read(item: ins.ItemView) -> str:
            text = str(InspectionFinding.get_by_id(item.finding_id).description)
            return "" if text.startswith(generated) else text  # empty: the generated words

        return (
            lambda: ins.item_finding(desk.clerk, inv.id, scanned.item_id, description=v),
            read,
        )

    return make


def _round_note(desk: Desk) -> Make:
    def make(v: str) -> Any:
        return (
            lambda: ins.start_round(desk.clerk, kind="adhoc", note=v),
            lambda r: Inspection.get_by_id(r.id).note,
        )

    return make


def _closing_note(desk: Desk) -> Make:
    def make(v: str) -> Any:
        r = ins.start_round(desk.clerk, kind="adhoc")
        return (
            lambda: ins.close_round(desk.clerk, r.id, r.version, note=v, confirm_warnings=True),
            lambda got: Inspection.get_by_id(got.id).note,
        )

    return make


# field → (its calls, whether a text of nothing visible is refused)
FIELDS = {
    "new_finding[description]": (_description, True),
    "new_finding[proposal]": (_first_proposal, True),
    "propose[proposal]": (_proposal, True),
    "resolve[resolution]": (_resolution("resolution"), True),
    "resolve[helpers]": (_resolution("helpers"), False),
    "item_finding[description]": (_item_finding, False),
    "start_inventory[note]": (_inventory_note, False),
    "start_round[note]": (_round_note, False),
    "close_round[note]": (_closing_note, False),
}


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_each_text_is_cleaned_or_refused(desk: Desk, name: str) -> None:
    fields, required = FIELDS[name]
    try_kinds(fields(desk), required=required)


@pytest.mark.parametrize(
    ("room", "message"),
    [("一号\x00库房", "控制字符"), ("一号\ud800", "残缺字符"), (HUGE, "最多"),
     (INVISIBLE, "库房"), ("库" * 51, "最多 50 个字")],
)  # fmt: skip
def test_a_place_is_cleaned_like_the_cards_own(desk: Desk, room: str, message: str) -> None:
    """The scope of an inventory or a round, a forgotten tray, a folder's new place: each part
    is checked as the card editor checks the card's location (its column's length)."""
    inv, scanned, _here = _shelf(desk)
    before = state()
    place = ins.Location(room, "01")
    with pytest.raises(ValidationError, match=message):
        ins.start_inventory(desk.clerk, ins.Scope(ins.ScopeKind.LOCATION, location=place))
    with pytest.raises(ValidationError, match=message):
        ins.start_round(desk.clerk, scope=ins.Scope(ins.ScopeKind.LOCATION, location=place))
    with pytest.raises(ValidationError, match=message):
        ins.add_tray(desk.clerk, inv.id, inv.version, place)
    with pytest.raises(ValidationError, match=message):
        ins.move_here(desk.clerk, inv.id, scanned.item_id, place)
    with pytest.raises(ValidationError, match=message):
        ins.parse_location(f"{room}-01")
    assert state() == before


def test_a_folder_moved_to_a_place_typed_with_stray_characters(desk: Desk) -> None:
    inv, scanned, _here = _shelf(desk)
    place = ins.Location(" 二号库房\u200b ", "０２", "1\t")
    ins.move_here(desk.clerk, inv.id, scanned.item_id, place)
    card = Card.get_by_id(scanned.card_id)
    assert (card.location_room, card.location_cabinet, card.location_shelf) == (
        "二号库房",
        "02",
        "1",
    )


@pytest.mark.parametrize(
    "framing", ["{}\r", "{}\r\n", "{}\t", "\x02{}\x03", "{}\x1d", "\x1e{}\x04"]
)
def test_a_scanners_framing_is_dropped(desk: Desk, framing: str) -> None:
    inv, _scanned, here = _shelf(desk)
    number = here.archive_no
    answer = ins.scan(desk.clerk, inv.id, framing.format(number))
    assert (answer.code, answer.result) == (number, ins.ScanResult.IN_PLACE)


@pytest.mark.parametrize(
    ("text", "message"),
    [("GY20\x0026", "控制字符"), ("GY2026\x07", "控制字符"), ("\ud800", "残缺字符"),
     ("GY\ud80026", "残缺字符"), (HUGE, "最多"), (INVISIBLE, "空行"), ("\x00", "控制字符"),
     (FORMULA, "不是档案编号")],
)  # fmt: skip
def test_a_scan_of_other_characters_is_refused_and_nothing_recorded(
    desk: Desk, text: str, message: str
) -> None:
    inv, _scanned, _here = _shelf(desk)
    before = state()
    with pytest.raises(ValidationError, match=message):
        ins.scan(desk.clerk, inv.id, text)
    assert state() == before
    assert InventoryItem.select().where(InventoryItem.scans > 1).count() == 0


@pytest.mark.parametrize("typed", ["\ud800", "PD\x00", HUGE, INVISIBLE, "", FORMULA])
def test_numbers_and_cards_looked_up_as_typed(desk: Desk, typed: str) -> None:
    assert ins.find_inventory(desk.clerk, typed) is None
    assert ins.find_round(desk.clerk, typed) is None
    desk.finding()
    found = ins.list_findings(desk.clerk, ins.FindingFilter("all", card=typed))
    assert ins.count_findings(desk.clerk, ins.FindingFilter("all", card=typed)) == len(found)
    # a term of nothing a card holds is no term: every finding
    assert len(found) == (1 if typed in (INVISIBLE, "", "\ud800") else 0)


def test_a_number_with_a_scanners_return_is_found(desk: Desk) -> None:
    inv, _scanned, _here = _shelf(desk)
    r = ins.start_round(desk.clerk, kind="adhoc")
    assert ins.find_inventory(desk.clerk, f" {inv.number.lower()}\r\n") == inv.id
    assert ins.find_round(desk.clerk, f"{r.number}\t") == r.id
