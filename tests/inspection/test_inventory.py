"""The inventory by scanning (盘点): the list frozen at the start (on loan apart, destroyed left
out), every scan's answer, each bad entry refused with nothing recorded, pause and resume, a
forgotten tray, closing (not found, out on loan), a card lent or moved during the inventory,
the misplaced folder moved with its history line or given a finding, last seen, and two
inventories of one place refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from archive_desk import accounts, cards
from archive_desk import borrowing as bw
from archive_desk import inspection as ins
from archive_desk.db.models import AuditEvent, Card, CardHistory, InventoryItem
from archive_desk.domain import Role
from archive_desk.errors import Conflict, NeedsConfirmation, PermissionDenied, ValidationError
from tests import storekit
from tests.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-sig")
SHELF = ins.Location("一号库房", "01", "1")
R = ins.ScanResult


def _at(shelf: ins.Location = SHELF) -> ins.Scope:
    return ins.Scope(ins.ScopeKind.LOCATION, location=shelf)


def _lend(clerk: Any, head: Any, card_id: int) -> bw.BorrowingView:
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [card_id],
                   mode="read", purpose="核对")  # fmt: skip
    app = bw.decide(head, app.id, app.version, approve=True)
    return bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)


@pytest.fixture
def shelf(clerk, make_user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """一号库房-01-1: four folders (one lent, one destroyed), and one kept on the next shelf."""
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    here = [make_card(clerk, f"甲{i}公司", location_box=f"00{i}") for i in range(1, 5)]
    lent = here[3]
    loan = _lend(clerk, head, lent.id)
    gone = make_card(clerk, "已销毁公司")
    Card.update(status="destroyed", destroyed_on=dt.date(2025, 12, 1)).where(
        Card.id == gone.id
    ).execute()  # the retention procedure's work (not built yet): a destroyed card
    next_shelf = make_card(clerk, "乙公司", location_shelf="2", location_box="007")
    return {
        "head": head,
        "here": here,
        "lent": lent,
        "loan": loan,
        "gone": gone,
        "next": next_shelf,
    }


def test_the_list_is_frozen_at_the_start(clerk, shelf) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    assert view.number.startswith("PD2026-") and view.state == ins.InventoryState.OPEN
    assert (view.expected, view.lent_at_start, view.pending) == (4, 1, 4)
    listed = {i.code: i for i in ins.inventory_items(clerk, view.id, "pending")}
    assert set(listed) == {c.archive_no for c in shelf["here"]}  # the destroyed one left out
    assert [c for c, i in listed.items() if i.lent_at_start] == [shelf["lent"].archive_no]
    assert listed[shelf["here"][0].archive_no].recorded_location == "一号库房-01-1-001"
    # a card filed there after the start is not on the list
    make_card(clerk, "后来公司")
    assert ins.get_inventory(clerk, view.id).expected == 4


def test_each_scan_is_answered_at_once(clerk, shelf) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    first, lent, gone, elsewhere = shelf["here"][0], shelf["lent"], shelf["gone"], shelf["next"]
    answers = {
        "in_place": ins.scan(clerk, view.id, first.archive_no),
        "elsewhere": ins.scan(clerk, view.id, elsewhere.archive_no),
        "on_loan": ins.scan(clerk, view.id, lent.archive_no),
        "unknown": ins.scan(clerk, view.id, "GY1999999"),
        "destroyed": ins.scan(clerk, view.id, gone.archive_no),
        "duplicate": ins.scan(clerk, view.id, first.archive_no),
    }
    assert {k: a.result for k, a in answers.items()} == {k: R(k) for k in answers}
    assert answers["in_place"].message == f"在位：{first.archive_no} 甲1公司"
    assert "记录在 一号库房-01-2-007" in answers["elsewhere"].message  # with where
    assert "借给 张三" in answers["on_loan"].message and "未办理归还" in answers["on_loan"].message
    assert answers["unknown"].message.startswith("未知编号：GY1999999")
    assert "2025-12-01" in answers["destroyed"].message
    assert "重复扫描" in answers["duplicate"].message and "不再计数" in answers["duplicate"].message
    assert answers["in_place"].first and answers["in_place"].expected
    assert not answers["duplicate"].first
    now = ins.get_inventory(clerk, view.id)
    assert {r: n for r, n in now.counts.items() if n} == {
        R.IN_PLACE: 1, R.ELSEWHERE: 1, R.ON_LOAN: 1, R.UNKNOWN: 1, R.DESTROYED: 1
    }  # fmt: skip
    assert (now.pending, now.repeats) == (2, 1)
    assert AuditEvent.select().where(AuditEvent.action == "inventory.scan").count() == 6


def test_a_number_typed_oddly_is_still_found(clerk, shelf) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    number = shelf["here"][1].archive_no  # e.g. GY2026002
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in number)  # ＧＹ２０２６００２
    spaced = f"  {number[:2].lower()} {number[2:6]}  {number[6:]} "
    assert ins.scan(clerk, view.id, full_width).result == R.IN_PLACE
    again = ins.scan(clerk, view.id, spaced)
    assert (again.result, again.code) == (R.DUPLICATE, number)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "空行"), ("   ", "空行"), ("%%$#@!", "不是档案编号"), ("GY\x1b[2026", "控制字符"),
     ("A" * 41, "不是档案编号")],
)  # fmt: skip
def test_garbage_and_empty_lines_are_refused_and_nothing_recorded(
    clerk, shelf, text: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    events = AuditEvent.select().count()
    with pytest.raises(ValidationError, match=message):
        ins.scan(clerk, view.id, text)
    assert InventoryItem.select().where(InventoryItem.result.is_null(False)).count() == 0
    assert AuditEvent.select().count() == events


def test_pause_resume_and_what_was_scanned_stays(clerk, shelf) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    ins.scan(clerk, view.id, shelf["here"][0].archive_no)
    paused = ins.pause_inventory(clerk, view.id, view.version)
    assert paused.state == ins.InventoryState.PAUSED
    with pytest.raises(Conflict, match="已暂停"):
        ins.scan(clerk, view.id, shelf["here"][1].archive_no)
    with pytest.raises(Conflict):  # a stale copy: the state changed since it was read
        ins.pause_inventory(clerk, view.id, view.version)
    resumed = ins.resume_inventory(clerk, paused.id, paused.version)
    assert resumed.counts[R.IN_PLACE] == 1 and resumed.pending == 3
    assert [i.code for i in ins.last_scans(clerk, view.id)] == [shelf["here"][0].archive_no]
    assert ins.scan(clerk, view.id, shelf["here"][1].archive_no).result == R.IN_PLACE


def test_a_forgotten_tray_joins_without_rescanning(clerk, shelf) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    for card in shelf["here"][:3]:
        ins.scan(clerk, view.id, card.archive_no)
    before = ins.scan(clerk, view.id, shelf["next"].archive_no)  # its tray was forgotten
    assert before.result == R.ELSEWHERE
    tray = ins.Location("一号库房", "01", "2", "007")
    with pytest.raises(ValidationError, match="已在这次盘点的范围内"):
        ins.add_tray(clerk, view.id, view.version, ins.Location("一号库房", "01", "1", "002"))
    with pytest.raises(ValidationError, match="没有在库的档案"):
        ins.add_tray(clerk, view.id, view.version, ins.Location("二号库房"))
    added = ins.add_tray(clerk, view.id, view.version, tray)
    assert added.trays == ["一号库房-01-2-007"] and added.expected == 5
    assert added.counts[R.IN_PLACE] == 4 and added.counts[R.ELSEWHERE] == 0  # now in place
    assert added.pending == 1  # the lent one, only: nothing scanned again


def test_closing_marks_not_found_and_out_on_loan(clerk, shelf) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    ins.scan(clerk, view.id, shelf["here"][0].archive_no)
    with pytest.raises(NeedsConfirmation, match="还有 3 份档案没有扫描"):
        ins.close_inventory(clerk, view.id, view.version)
    assert ins.get_inventory(clerk, view.id).state == ins.InventoryState.OPEN
    closed = ins.close_inventory(clerk, view.id, view.version, confirm_warnings=True)
    assert closed.state == ins.InventoryState.CLOSED and closed.pending == 0
    assert (closed.counts[R.NOT_FOUND], closed.counts[R.OUT]) == (2, 1)
    assert [i.code for i in ins.inventory_items(clerk, view.id, "out")] == [
        shelf["lent"].archive_no
    ]
    with pytest.raises(Conflict, match="已结束"):
        ins.scan(clerk, view.id, shelf["here"][1].archive_no)


def test_a_card_lent_or_moved_during_the_inventory(clerk, shelf) -> None:  # type: ignore[no-untyped-def]
    """Well-defined: the scan answers from the frozen list and the holds at that moment."""
    view = ins.start_inventory(clerk, _at())
    lent_now, moved, returned = shelf["here"][0], shelf["here"][1], shelf["lent"]
    _lend(clerk, shelf["head"], lent_now.id)  # lent after the list was frozen
    assert ins.scan(clerk, view.id, lent_now.archive_no).result == R.ON_LOAN
    back = shelf["loan"]
    bw.return_items(clerk, back.id, back.version, [bw.ItemReturn(back.items[0].id)],
                    borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    assert ins.scan(clerk, view.id, returned.archive_no).result == R.IN_PLACE  # came back
    # moved to another room while the inventory runs (an edit, a handover's receipt)
    card = cards.get_card(clerk, moved.id)
    draft = cards.CardDraft(values={**card.values, "location_room": "二号库房"},
                            contacts=card.contacts, documents=card.documents)  # fmt: skip
    cards.update_card(clerk, moved.id, card.version, draft, confirm_warnings=True)
    closed = ins.close_inventory(clerk, view.id, view.version, confirm_warnings=True)
    lost = {i.code: i for i in ins.inventory_items(clerk, closed.id, "not_found")}
    assert set(lost) == {moved.archive_no, shelf["here"][2].archive_no}
    assert lost[moved.archive_no].note == "盘点期间位置已改为 二号库房-01-1-002"
    assert lost[shelf["here"][2].archive_no].note == ""


def test_a_card_handed_over_during_the_inventory(clerk, shelf, make_user) -> None:  # type: ignore[no-untyped-def]
    """A folder on an open handover slip is still on the shelf: scanned, it is in place. A slip
    received into another room while the inventory runs moves its cards: the one scanned before
    stays in place, the one never scanned is not found, with its new place noted."""
    from archive_desk import handover as ho

    receiver = make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏")
    office = make_user(Role.OFFICE_HEAD, "office", department="总经办", full_name="孙丽")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    view = ins.start_inventory(clerk, _at())
    scanned, unscanned = shelf["here"][0], shelf["here"][1]
    h = ho.create_handover(
        clerk, kind="filing", reason="年度归档",
        from_party=ho.PartyInput(user_id=clerk.user_id, department_id=dept),
        to_party=ho.PartyInput(user_id=receiver.user_id), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=c.id) for c in (scanned, unscanned)],
    )  # fmt: skip
    assert ins.scan(clerk, view.id, scanned.archive_no).result == R.IN_PLACE  # slip open
    h = ho.decide(shelf["head"], h.id, h.version, "dept", approve=True, comment="同意")
    h = ho.record_check(receiver, h.id, h.version, ticked_item_ids=[],
                        scanned_card_ids=[scanned.id, unscanned.id])  # fmt: skip
    h = ho.finish_check(receiver, h.id, h.version, accept=True)
    h = ho.decide(office, h.id, h.version, "office", approve=True, comment="同意")
    ho.receive(receiver, h.id, h.version, signed={"from": PAD, "to": PAD, "witness": PAD},
               new_room="二号库房")  # fmt: skip
    closed = ins.close_inventory(clerk, view.id, view.version, confirm_warnings=True)
    lines = {i.code: i for i in ins.inventory_items(clerk, closed.id)}
    assert lines[scanned.archive_no].result == R.IN_PLACE
    assert lines[unscanned.archive_no].result == R.NOT_FOUND
    assert lines[unscanned.archive_no].note == "盘点期间位置已改为 二号库房-01-1-002"
    assert Card.get_by_id(scanned.id).last_seen_place == "一号库房-01-1-001"


def test_the_misplaced_folder_is_moved_with_its_history(clerk, shelf) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    misplaced = shelf["next"]
    answer = ins.scan(clerk, view.id, misplaced.archive_no)
    moved = ins.move_here(clerk, view.id, answer.item_id)
    assert moved.action == ins.ItemAction.MOVED and moved.note == "原记录位置 一号库房-01-2-007"
    card = cards.get_card(clerk, misplaced.id)
    assert [card.values[f] for f in ("location_room", "location_cabinet", "location_shelf",
                                     "location_box")] == ["一号库房", "01", "1", ""]  # fmt: skip
    line = (
        CardHistory.select()
        .where(CardHistory.card == misplaced.id)
        .order_by(CardHistory.id.desc())
        .get()
    )
    assert (line.action, line.field, line.old_value, line.new_value) == (
        "move",
        "存放位置",
        "一号库房-01-2-007",
        "一号库房-01-1",
    )
    assert view.number in line.reason
    with pytest.raises(Conflict, match="已处理"):
        ins.move_here(clerk, view.id, answer.item_id)
    in_place = ins.scan(clerk, view.id, shelf["here"][0].archive_no)
    with pytest.raises(ValidationError, match="位置不符"):
        ins.move_here(clerk, view.id, in_place.item_id)


def test_a_finding_for_a_misplaced_or_unknown_folder(clerk, shelf) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    misplaced = ins.scan(clerk, view.id, shelf["next"].archive_no)
    done = ins.item_finding(clerk, view.id, misplaced.item_id)
    assert done.action == ins.ItemAction.FINDING and done.finding_id
    finding = ins.get_finding(clerk, done.finding_id)
    assert (finding.kind, finding.source, finding.origin) == (
        "wrong_location",
        "inventory",
        view.number,
    )
    assert finding.kind_label == "位置错误" and "一号库房-01-2-007" in finding.description
    unknown = ins.scan(clerk, view.id, "XY0001")
    with pytest.raises(ValidationError, match="未知编号"):
        ins.item_finding(clerk, view.id, unknown.item_id)


def test_every_scanned_card_is_seen(clerk, shelf, clock) -> None:  # type: ignore[no-untyped-def]
    view = ins.start_inventory(clerk, _at())
    clock.set("2026-03-02T10:30:00")
    ins.scan(clerk, view.id, shelf["here"][0].archive_no)
    ins.scan(clerk, view.id, shelf["next"].archive_no)
    here, there = (
        cards.get_card(clerk, shelf["here"][0].id),
        cards.get_card(clerk, shelf["next"].id),
    )
    assert (here.last_seen_on, here.last_seen_place) == (dt.date(2026, 3, 2), "一号库房-01-1-001")
    assert (there.last_seen_on, there.last_seen_place) == (dt.date(2026, 3, 2), "一号库房-01-1")
    assert here.version == shelf["here"][0].version  # an observation: no new version


def test_bad_places_and_two_inventories_of_one_place(clerk, shelf, make_user) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="没有在库的档案"):
        ins.start_inventory(clerk, _at(ins.Location("三号库房")))
    first = ins.start_inventory(clerk, _at())
    with pytest.raises(Conflict, match=f"盘点 {first.number} 正在进行"):
        ins.start_inventory(clerk, _at(ins.Location("一号库房", "01")))  # the cabinet holds it
    with pytest.raises(Conflict, match="正在进行"):
        ins.start_inventory(clerk, _at(ins.Location("一号库房", "01", "1", "002")))
    assert ins.count_inventories(clerk, "all") == 1  # nothing half-saved
    other = ins.start_inventory(clerk, _at(ins.Location("一号库房", "01", "2")))  # its own shelf
    assert other.expected == 1
    with pytest.raises(ValidationError, match="无法识别"):
        ins.parse_location("一号库房-01-1-2-3")
    with pytest.raises(PermissionDenied):
        ins.start_inventory(shelf["head"], _at(ins.Location("二号库房")))


def test_the_frozen_location_reads_as_the_card_list_writes_it(clerk) -> None:  # type: ignore[no-untyped-def]
    """The list is frozen in SQL; its location text must be the one Python writes (a gap left
    in the middle included), or closing would call every folder moved."""
    made = [
        make_card(clerk, "空柜公司", location_cabinet="", location_shelf="3", location_box=""),
        make_card(clerk, "整齐公司", location_box="009"),
    ]
    view = ins.start_inventory(clerk, _at(ins.Location("一号库房")))
    listed = {i.card_id: i.recorded_location for i in ins.inventory_items(clerk, view.id)}
    assert listed == {c.id: cards.get_card(clerk, c.id).values["location_room"] + (
        "-3" if c.id == made[0].id else "-01-1-009") for c in made}  # fmt: skip
    closed = ins.close_inventory(clerk, view.id, view.version, confirm_warnings=True)
    assert all(i.note == "" for i in ins.inventory_items(clerk, closed.id))


def test_scans_survive_a_new_connection(clerk, shelf, db_path) -> None:  # type: ignore[no-untyped-def]
    """Each scan is committed: another program reading the archive sees it at once."""
    view = ins.start_inventory(clerk, _at())
    ins.scan(clerk, view.id, shelf["here"][0].archive_no)
    rows = storekit.rows(
        db_path, "SELECT code, result, scans FROM inventory_item WHERE result IS NOT NULL"
    )
    assert rows == [(shelf["here"][0].archive_no, "in_place", 1)]
