"""A card's holds: written by the procedure that holds the card, in the same transaction as its
own change, and released likewise; one exclusive hold of a kind per card, whatever the locking;
``archive-desk check`` names a hold that drifted from the loans and slips; migration 0009
backfills them."""

from __future__ import annotations

import importlib
from typing import Any

import peewee
import pytest

from archive_desk import accounts, cards, reporting
from archive_desk import borrowing as bw
from archive_desk import handover as ho
from archive_desk.db.models import CardHold, database
from archive_desk.domain import Role
from archive_desk.errors import Conflict
from archive_desk.procedures import holds
from archive_desk.procedures.changes import transaction
from tests.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


def _held(kind: str | None = None) -> set[tuple[int, str, int, str]]:
    query = CardHold.select()
    if kind is not None:
        query = query.where(CardHold.kind == kind)
    return {(h.card_id, h.kind, h.ref, h.note) for h in query}


@pytest.fixture
def desk(make_user, clerk) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    return {
        "clerk": clerk,
        "head": head,
        "dept": next(d.id for d in accounts.list_departments() if d.name == "销售一部"),
        "receiver": make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏"),
        "ho_head": make_user(Role.DEPT_HEAD, "head2", department="销售部", full_name="刘洋"),
    }


def _approved(desk: dict[str, Any], card_ids: list[int]) -> bw.BorrowingView:
    app = bw.apply(desk["clerk"], bw.BorrowerInput(name="张三", department_id=desk["dept"]),
                   card_ids, mode="read", purpose="核对")  # fmt: skip
    return bw.decide(desk["head"], app.id, app.version, approve=True)


def test_a_loan_holds_its_cards_from_lending_to_return(desk) -> None:  # type: ignore[no-untyped-def]
    a, b = make_card(desk["clerk"], "甲公司"), make_card(desk["clerk"], "乙公司")
    app = _approved(desk, [a.id, b.id])
    assert _held() == set()  # an application holds nothing
    app = bw.lend(desk["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    assert _held() == {(a.id, "loan", app.id, "张三"), (b.id, "loan", app.id, "张三")}
    rows = cards.card_rows(desk["clerk"], [a.id, b.id])
    assert [r.on_loan for r in rows] == [True, True]
    assert cards.get_card(desk["clerk"], a.id).on_loan_to == "张三"
    assert cards.count_cards(desk["clerk"], cards.CardFilter(on_loan=True)) == 2
    first = next(i for i in app.items if i.card_id == a.id)
    app = bw.return_items(desk["clerk"], app.id, app.version, [bw.ItemReturn(first.id)],
                          borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    assert _held() == {(b.id, "loan", app.id, "张三")}
    second = next(i for i in app.items if i.card_id == b.id)
    bw.return_items(desk["clerk"], app.id, app.version, [bw.ItemReturn(second.id)],
                    borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    assert _held() == set()
    assert cards.get_card(desk["clerk"], a.id).on_loan_to is None


def test_a_loan_on_paper_holds_from_the_confirmation(desk) -> None:  # type: ignore[no-untyped-def]
    a = make_card(desk["clerk"], "甲公司")
    app = _approved(desk, [a.id])
    paper = bw.SignatureInput(on_paper=True)
    app = bw.lend(desk["clerk"], app.id, app.version, borrower_signature=paper,
                  clerk_signature=paper)  # fmt: skip
    assert _held() == set()
    app = bw.confirm_paper_signatures(desk["clerk"], app.id, app.version)
    assert _held() == {(a.id, "loan", app.id, "张三")}


def _slip(desk: dict[str, Any], card_ids: list[int]) -> ho.HandoverView:
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售部")
    return ho.create_handover(
        desk["clerk"], kind="filing", reason="年度归档",
        from_party=ho.PartyInput(user_id=desk["clerk"].user_id, department_id=dept),
        to_party=ho.PartyInput(user_id=desk["receiver"].user_id),
        witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=c) for c in card_ids],
    )  # fmt: skip


def test_a_slip_holds_what_it_lists_until_received_or_withdrawn(desk) -> None:  # type: ignore[no-untyped-def]
    a, b, c = (make_card(desk["clerk"], n) for n in ("甲公司", "乙公司", "丙公司"))
    h = _slip(desk, [a.id, b.id])
    assert _held("handover") == {
        (a.id, "handover", h.id, h.number),
        (b.id, "handover", h.id, h.number),
    }
    h = ho.replace_items(desk["clerk"], h.id, h.version, [ho.ItemInput(card_id=c.id)])
    assert _held("handover") == {(c.id, "handover", h.id, h.number)}
    h = ho.decide(desk["ho_head"], h.id, h.version, "dept", approve=True)
    # the receiver finds c missing and scans a, which is not on the list
    h = ho.record_check(desk["receiver"], h.id, h.version, scanned_card_ids=[a.id])
    assert _held("handover") == {(c.id, "handover", h.id, h.number)}  # an extra holds nothing yet
    extra = next(i for i in h.items if i.card_id == a.id)
    missing = next(i for i in h.items if i.card_id == c.id)
    h = ho.resolve_difference(
        desk["receiver"], h.id, h.version, extra.id, accept=True, note="一并接收"
    )
    h = ho.resolve_difference(
        desk["receiver"], h.id, h.version, missing.id, accept=False, note="未找到"
    )
    assert _held("handover") == {(a.id, "handover", h.id, h.number)}
    ho.cancel_handover(desk["clerk"], h.id, h.version, "改期")
    assert _held("handover") == set()


def test_a_hold_blocks_another_procedure_with_the_reason(desk) -> None:  # type: ignore[no-untyped-def]
    a, b = make_card(desk["clerk"], "甲公司"), make_card(desk["clerk"], "乙公司")
    app = _approved(desk, [a.id])
    bw.lend(desk["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    h = _slip(desk, [b.id])
    found = holds.blocking([a.id, b.id], "handover")
    assert [x.reason for x in found] == [
        f"{a.archive_no} 正在借出",
        f"{b.archive_no} 已在交接单 {h.number} 中",
    ]
    assert holds.blocking([b.id], "handover", exclude_ref=h.id) == []
    with pytest.raises(Conflict, match="正在借出"):
        _slip(desk, [a.id])


def test_two_exclusive_holds_of_a_kind_on_one_card_fail_in_the_database(desk) -> None:  # type: ignore[no-untyped-def]
    a = make_card(desk["clerk"], "甲公司")
    now = desk["clerk"].clock.now()
    with transaction():
        holds.place("loan", 1, [a.id], note="张三", since=now)
    # a second clerk's loan of the same card, past every check of the service (a race)
    with pytest.raises(Conflict, match="档案卡正在借出"), transaction():
        holds.place("loan", 2, [a.id], note="李四", since=now)
    assert _held() == {(a.id, "loan", 1, "张三")}
    # the index itself, not the service, refuses it
    with pytest.raises(peewee.IntegrityError):
        CardHold.insert(card=a.id, kind="loan", ref=3, exclusive=True, note="", since=now).execute()
    with transaction():  # a hold of another kind is not stopped by the loan's
        holds.place("handover", 9, [a.id], note="JJ2026-0009", since=now)


def test_check_names_a_hold_that_drifted(desk, db_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from archive_desk import cli

    a, b = make_card(desk["clerk"], "甲公司"), make_card(desk["clerk"], "乙公司")
    app = _approved(desk, [a.id])
    app = bw.lend(desk["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    assert reporting.hold_problems() == []
    CardHold.delete().where(CardHold.card == a.id).execute()  # lost
    CardHold.create(card=b.id, kind="loan", ref=app.id, since=app.lent_at)  # never lent
    problems = reporting.hold_problems()
    assert problems == [
        f"档案卡 {a.archive_no} 缺少借出占用记录（记录 {app.id}）",
        f"档案卡 {b.archive_no} 的借出占用记录（记录 {app.id}）没有对应的办理",
    ]
    assert cli.main(["--db", str(db_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "占用检查：发现 2 处问题" in out and a.archive_no in out


def test_migration_0009_backfills_the_holds_of_open_loans_and_slips(desk) -> None:  # type: ignore[no-untyped-def]
    a, b, c = (make_card(desk["clerk"], n) for n in ("甲公司", "乙公司", "丙公司"))
    app = _approved(desk, [a.id])
    app = bw.lend(desk["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    h = _slip(desk, [b.id, c.id])
    before = _held()
    database.execute_sql("DROP TABLE card_hold")
    migration = importlib.import_module("archive_desk.db.migrations.0009_card_holds")
    migration.up(None, database.obj)
    assert _held() == before
    assert reporting.hold_problems() == []
    assert {x.kind for x in holds.blocking([a.id, b.id], "handover")} == {"loan", "handover"}
    assert h.number in {x.note for x in holds.of([b.id])[b.id]}


def test_the_demo_archives_holds_agree_with_its_loans_and_slips(db, clock) -> None:  # type: ignore[no-untyped-def]
    from archive_desk import demo

    demo.populate(clock=clock, cards_count=30, loans=12)
    assert CardHold.select().count() > 0
    assert reporting.hold_problems() == []
