"""The secrecy rule beyond the permission table in inspection (issue 17): a clerk of 秘密
clearance reading an inventory another clerk began sees the line of a 机密 folder by its number,
not its customer's name (the inventory stays whole: its counts and lines are the shelf's); a
round's count of findings counts only those of cards she may see."""

from __future__ import annotations

from typing import Any

from archive_desk import inspection as ins
from archive_desk.domain import Role, Secrecy
from tests.cardkit import make_card

SHELF = ins.Location("一号库房", "01", "1")


def _people(clerk: Any, make_user: Any) -> tuple[Any, Any, Any]:
    low = make_user(Role.CLERK, "lowclerk", clearance=int(Secrecy.SECRET))
    secret = make_card(clerk, "机密客户有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    plain = make_card(clerk, "普通客户有限公司")
    return low, secret, plain


def test_an_inventory_line_hides_the_name_above_the_clearance(clerk, make_user) -> None:  # type: ignore[no-untyped-def]
    low, secret, plain = _people(clerk, make_user)
    inv = ins.start_inventory(clerk, ins.Scope(ins.ScopeKind.LOCATION, location=SHELF))
    ins.scan(clerk, inv.id, secret.archive_no)
    for reader, shown in ((clerk, "机密客户有限公司"), (low, None)):
        lines = {i.code: i.name for i in ins.inventory_items(reader, inv.id)}
        scanned = {i.code: i.name for i in ins.last_scans(reader, inv.id)}
        reported = {
            i.code: i.name for i in ins.report(reader, inv.id).lines[ins.ScanResult.IN_PLACE]
        }
        for names in (lines, scanned, reported):
            assert names[secret.archive_no] == shown or (
                shown is None and "密级" in names[secret.archive_no]
            )
        assert lines[plain.archive_no] == "普通客户有限公司"


def test_a_rounds_findings_count_only_cards_the_reader_may_see(clerk, make_user) -> None:  # type: ignore[no-untyped-def]
    low, secret, plain = _people(clerk, make_user)
    r = ins.start_round(clerk, kind="adhoc")
    for card in (secret, plain):
        ins.new_finding(clerk, card.id, kind="damage", description="破损", round_id=r.id)
    assert ins.get_round(clerk, r.id).findings == 2
    assert ins.get_round(low, r.id).findings == 1
    assert [x.findings for x in ins.list_rounds(low) if x.id == r.id] == [1]
