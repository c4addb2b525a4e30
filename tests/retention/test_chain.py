"""Retention, legal hold and destruction at service level: the due list, a freeze and its
report, the whole chain from the proposal to the feedback, and what a destroyed card leaves."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_desk import borrowing as bw
from archive_desk import cards, cli, inspection, reporting, retention
from archive_desk.db import connection
from archive_desk.db.models import (
    Approval,
    AuditEvent,
    Card,
    CardTombstone,
    DestructionItem,
    Signature,
)
from archive_desk.errors import Conflict, ValidationError
from tests import storekit
from tests.cardkit import category_id, make_card, region_id
from tests.retention.kit import (
    SIGNED,
    after_waiting,
    approved,
    due_card,
    execute,
    lend,
    propose,
    reviewed,
)


@pytest.fixture
def crew(destruction_staff):  # type: ignore[no-untyped-def]
    return destruction_staff


def test_the_due_list_by_region_and_category_and_the_months_ahead(crew, clock) -> None:
    clerk = crew["clerk"]
    a = due_card(clerk, "甲公司", region="上海", category="SY")
    b = due_card(clerk, "乙公司", ended="2012-05-01", region="北京", category="GY")
    soon = due_card(clerk, "丙公司", ended="2016-05-20", region="北京", category="GY")
    make_card(clerk, "永久公司", retention="Y", trade_status="past", trade_ended_on="2001-01-01")
    make_card(clerk, "交易中公司", retention="D10")  # trading: its clock has not started
    rows = retention.due_list(clerk)
    assert [r.name for r in rows] == ["乙公司", "甲公司"]  # 华北 › 北京 before 华东 › 上海
    assert (rows[0].region, rows[0].category_code, rows[0].retention) == (
        "华北 › 北京",
        "GY",
        "定期10年",
    )
    assert rows[0].retention_due == dt.date(2022, 5, 1) and rows[1].retention_due == dt.date(
        2024, 1, 10
    )
    ahead = retention.due_list(clerk, months=3)  # through the end of June 2026
    assert [r.card_id for r in ahead] == [b.id, soon.id, a.id]
    assert [r.card_id for r in retention.due_list(clerk, region_id=region_id("华北"))] == [b.id]
    only = retention.due_list(clerk, months=3, category_id=category_id("SY"))
    assert [r.card_id for r in only] == [a.id]
    with pytest.raises(ValidationError, match="月数"):
        retention.due_list(clerk, months=-1)


def test_a_back_dated_change_puts_a_card_on_the_due_list(crew, clock) -> None:
    clerk = crew["clerk"]
    card = make_card(clerk, "丁公司", retention="D10", trade_status="suspended")
    assert card.retention_due == dt.date(2036, 3, 2) and retention.due_list(clerk) == []
    changed = cards.update_card(
        clerk, card.id, card.version,
        cards.CardDraft(values={**card.values, "trade_ended_on": "2015-11-30"}),
        reason="补记：2015年底已停止合作",
    )  # fmt: skip
    assert changed.retention_due == dt.date(2025, 11, 30)
    assert [r.card_id for r in retention.due_list(clerk)] == [card.id]


def test_a_freeze_its_report_and_lifting_it(crew, clock) -> None:
    clerk, manager = crew["clerk"], crew["manager"]
    card = due_card(clerk, "甲公司")
    with pytest.raises(Exception, match="冻结档案卡"):
        retention.freeze(clerk, [card.id], kind="litigation", reason="（2026）京01民初123号")
    with pytest.raises(ValidationError, match="原因"):
        retention.freeze(manager, [card.id], kind="litigation", reason=" ")
    [row] = retention.freeze(manager, [card.id], kind="litigation", reason="（2026）京01民初123号")
    assert (row.archive_no, row.kind_label, row.frozen_by) == (card.archive_no, "诉讼", "陈静")
    assert "诉讼" in retention.due_list(clerk)[0].frozen
    with pytest.raises(Conflict, match="已冻结"):
        retention.freeze(manager, [card.id], kind="audit", reason="年度审计")
    with pytest.raises(Conflict, match="已冻结"):
        propose(crew, card.id)
    assert [r.card_id for r in retention.hold_report(clerk)] == [card.id]
    with pytest.raises(ValidationError, match="解除"):
        retention.lift(manager, row.hold_id, row.version, reason="")
    retention.lift(manager, row.hold_id, row.version, reason="案件已结")
    assert retention.hold_report(clerk) == []
    assert propose(crew, card.id).state == "draft"  # free to be proposed again
    assert reporting.hold_problems() == []


def test_the_whole_chain(crew, clock, tmp_path) -> None:
    clerk, manager, gm = crew["clerk"], crew["manager"], crew["gm"]
    a = due_card(clerk, "甲公司", contacts=[cards.ContactInput("张经理", mobile="13800138000")])
    b = due_card(clerk, "乙公司")
    c = make_card(clerk, "丙公司", retention="D30", trade_status="past")  # not due: by hand
    lst = retention.create_list(
        clerk, reason="2026年第一批到期档案",
        items=[retention.ItemInput(a.id), retention.ItemInput(b.id),
               retention.ItemInput(c.id, "no_renewed_trade", "客户已迁往外省")],
    )  # fmt: skip
    assert (lst.number, lst.state, lst.state_label) == ("XH2026-0001", "draft", "待主管审核")
    assert [i.reason for i in lst.items] == [
        "保管期满",
        "保管期满",
        "无恢复交易可能，客户已迁往外省",
    ]
    assert lst.items[0].pages == 0 and lst.items[0].kept_years == 12 and lst.items[0].year == 2026
    assert retention.due_list(clerk)[0].listed_on == "XH2026-0001"
    sent_back = retention.decide(manager, lst.id, lst.version, "review", approve=False,
                                 comment="丙公司请补充说明")  # fmt: skip
    assert sent_back.state == "returned" and sent_back.review_opinion == "丙公司请补充说明"
    with pytest.raises(Conflict, match="已退回"):
        reviewed(crew, sent_back)
    lst = retention.update_list(
        clerk, lst.id, sent_back.version, reason="2026年第一批到期档案",
        items=[retention.ItemInput(a.id), retention.ItemInput(b.id),
               retention.ItemInput(c.id, "no_renewed_trade", "客户已迁往外省，三年无往来")],
    )  # fmt: skip
    assert lst.state == "draft"
    b_item = next(i for i in lst.items if i.card_id == b.id)
    lst = reviewed(crew, lst, exempt={b_item.id: "客户来函要求续存"})
    assert lst.state == "reviewed" and lst.reviewer_name == "陈静"
    assert next(i for i in lst.items if i.card_id == b.id).state == "exempted"
    listed = {r.card_id: r.listed_on for r in retention.due_list(clerk)}
    assert listed == {a.id: "XH2026-0001", b.id: ""}  # 乙公司 returned to the archive
    lst = retention.decide(clerk, lst.id, lst.version, "approve", approve=True, method="paper",
                           approver_id=gm.user_id, paper_ref="总经办审批单 12")  # fmt: skip
    assert lst.state == "approved" and lst.wait_until == dt.date(2026, 4, 1)
    assert [s.step for s in lst.steps] == ["review", "review", "approve"]
    with pytest.raises(Conflict, match="等待期未满"):
        execute(crew, lst)
    after_waiting(clock, lst)
    assert [r.problem for r in retention.recheck(clerk, lst.id)] == ["", ""]
    done = execute(crew, lst, method="burn", place="市档案馆焚化点")
    assert (done.state, done.executed_on, done.method_label) == (
        "executed",
        dt.date(2026, 4, 1),
        "焚烧",
    )
    assert set(done.signed) == {"witness1", "witness2", "executor"}
    assert [i.state for i in done.items] == ["destroyed", "exempted", "destroyed"]
    assert {Card.get_by_id(x.id).status for x in (a, c)} == {"destroyed"}
    assert Card.get_by_id(b.id).status == "active"
    with pytest.raises(ValidationError, match="反馈"):
        retention.record_feedback(clerk, done.id, done.version, reported_to="总经理",
                                  reported_on=clock.today(), feedback="")  # fmt: skip
    closed = retention.record_feedback(
        clerk, done.id, done.version, reported_to="总经理 周强", reported_on=clock.today(),
        feedback="2026年4月1日在市档案馆焚化点焚烧销毁2卷，监销人到场。",
    )  # fmt: skip
    assert closed.state == "reported" and closed.state_label == "已反馈"
    assert retention.count_lists(clerk, "open") == 0
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.entity == "destruction")]
    assert actions == ["destruction.create", "destruction.return", "destruction.update",
                       "destruction.review", "destruction.approve", "destruction.execute",
                       "destruction.feedback"]  # fmt: skip
    destroyed = AuditEvent.select().where(AuditEvent.action == "card.destroy")
    assert sorted(int(e.entity_id) for e in destroyed) == sorted([a.id, c.id])
    assert reporting.hold_problems() == []


def test_a_destroyed_card_keeps_its_tombstone_and_loses_its_personal_data(
    crew, clock, db_path
) -> None:
    clerk = crew["clerk"]
    card = due_card(
        clerk, "王某个体经营部", nature="individual", legal_rep="王某", phone="010-62345678",
        email="wang@example.cn", address="北京市海淀区学院路1号", note="王某手机见联系人",
        contacts=[cards.ContactInput("王某", "业主", mobile="13912345678",
                                     id_number="11010519491231002X")],
    )  # fmt: skip
    old_loan = lend(crew, card.id)
    bw.return_items(
        crew["clerk"], old_loan.id, old_loan.version, [bw.ItemReturn(old_loan.items[0].id, [])],
        borrower_signature=bw.SignatureInput(png=b"\x89PNG-a"),
        clerk_signature=bw.SignatureInput(png=b"\x89PNG-b"),
    )  # fmt: skip
    edited = cards.get_card(clerk, card.id, log_view=False)
    cards.update_card(clerk, card.id, edited.version, cards.CardDraft(
        values={**edited.values, "phone": "010-62349999"}, contacts=edited.contacts))  # fmt: skip
    lst = approved(crew, reviewed(crew, propose(crew, card.id)))
    after_waiting(clock, lst)
    execute(crew, lst)
    connection.close_database()
    # the archive itself, as anyone could read it (the file, or the server's tables)
    row = storekit.rows(
        db_path,
        "SELECT status, archive_no, name, phone, email, address, legal_rep, note, "
        "substr(destroyed_on, 1, 10) FROM card WHERE id = ?", (card.id,),
    )[0]  # fmt: skip
    assert row == ("destroyed", card.archive_no, "王某个体经营部", "", "", "", "", "",
                   "2026-04-01")  # fmt: skip
    assert storekit.scalar(db_path, "SELECT COUNT(*) FROM contact_person WHERE card_id = ?",
                           (card.id,)) == 0  # fmt: skip
    # card_fts is SQLite's full-text table (a server searches card_search itself); audit_event's
    # snapshots of the card are redacted by the execution (tests/retention/test_redaction.py)
    tables = ["card", "contact_person", "card_history", "card_search", "card_tombstone",
              "destruction_item", "card_gram", "card_pinyin", "audit_event"]  # fmt: skip
    if not storekit.is_server(db_path):
        tables.append("card_fts")
    dump = "\n".join(
        str(r) for table in tables for r in storekit.rows(db_path, f"SELECT * FROM {table}")
    )
    for secret in ("13912345678", "11010519491231002X", "62345678", "62349999",
                   "wang@example.cn", "学院路"):  # fmt: skip
        assert secret not in dump, secret
    stone = storekit.rows(
        db_path,
        "SELECT archive_no, name, substr(created_on, 1, 10), substr(trade_ended_on, 1, 10), "
        "retention, substr(retention_due, 1, 10), list_no, substr(destroyed_on, 1, 10), method, "
        "place FROM card_tombstone WHERE card_id = ?", (card.id,),
    )[0]  # fmt: skip
    assert stone == (card.archive_no, "王某个体经营部", "2026-03-02", "2014-01-10", "D10",
                     "2024-01-10", "XH2026-0001", "2026-04-01", "粉碎", "档案室碎纸间")  # fmt: skip
    history = storekit.rows(
        db_path,
        "SELECT field, old_value, new_value FROM card_history WHERE card_id = ? ORDER BY id",
        (card.id,),
    )
    assert ("电话", "（已按个人信息保护要求删除）", "（已按个人信息保护要求删除）") in history
    assert history[-1] == ("状态", "在库", "已销毁")
    connection.open_database(db_path)
    # the old loan still names the card by what its tombstone keeps
    view = bw.get_borrowing(clerk, old_loan.id)
    assert (view.items[0].archive_no, view.items[0].card_name) == (
        card.archive_no,
        "王某个体经营部",
    )
    stone_view = cards.tombstone(clerk, card.id)
    assert stone_view is not None and stone_view.list_no == "XH2026-0001"
    # its number is never given again
    fresh = make_card(clerk, "新客户")
    assert fresh.archive_no != card.archive_no
    # left out of lists, search and statistics unless asked for
    assert card.id not in cards.card_ids(clerk, cards.CardFilter())
    assert cards.card_ids(clerk, cards.CardFilter(text="王某")) == []
    assert cards.card_ids(clerk, cards.CardFilter(text="王某", status="destroyed")) == [card.id]
    assert cards.card_ids(clerk, cards.CardFilter(text="13912345678", status=None)) == []
    assert cards.card_statistics(clerk).total == 1
    with pytest.raises(Conflict, match="已销毁"):
        cards.update_card(clerk, card.id, Card.get_by_id(card.id).version,
                          cards.CardDraft(values=cards.get_card(clerk, card.id).values))  # fmt: skip


def test_archive_desk_check_passes_after_a_destruction(crew, clock, db_path, capsys) -> None:
    card = due_card(crew["clerk"], "甲公司")
    lst = approved(crew, reviewed(crew, propose(crew, card.id)))
    after_waiting(clock, lst)
    execute(crew, lst)
    connection.close_database()
    assert cli.main(["--db", str(db_path), "check"]) == 0
    out = capsys.readouterr().out
    assert "占用检查：正常" in out and "未发现问题" in out


def test_the_check_names_a_destroyed_card_without_its_tombstone(
    crew, clock, db_path, capsys
) -> None:
    card = due_card(crew["clerk"], "甲公司")
    lst = approved(crew, reviewed(crew, propose(crew, card.id)))
    after_waiting(clock, lst)
    execute(crew, lst)
    connection.close_database()
    storekit.execute(db_path, "DELETE FROM card_tombstone")
    assert cli.main(["--db", str(db_path), "check"]) == 1
    assert f"已销毁的档案卡 {card.archive_no} 没有销毁记录" in capsys.readouterr().out


def test_the_overview_lists_every_step_waiting(crew, clock) -> None:
    clerk, manager, gm = crew["clerk"], crew["manager"], crew["gm"]
    cards_due = [due_card(clerk, f"公司{i}") for i in range(5)]

    def counts(actor) -> dict[str, int]:  # type: ignore[no-untyped-def]
        return {t.key: t.count for t in reporting.todos(actor) if t.tab == "retention"}

    assert counts(clerk)["retention_due"] == 5
    draft = propose(crew, cards_due[0].id)
    back = retention.decide(
        manager, draft.id, draft.version, "review", approve=False, comment="补充"
    )
    waiting = reviewed(crew, propose(crew, cards_due[1].id))
    due_now = approved(crew, reviewed(crew, propose(crew, cards_due[2].id)))
    propose(crew, cards_due[3].id)
    assert counts(clerk) == {"retention_due": 1, "destruction_due_now": 0,
                             "destruction_feedback": 0}  # fmt: skip
    assert counts(manager) == {"destruction_review": 1}
    assert counts(gm) == {"destruction_approve": 1}
    after_waiting(clock, due_now)
    assert counts(clerk)["destruction_due_now"] == 1
    execute(crew, due_now)
    assert counts(clerk)["destruction_feedback"] == 1
    assert back.state == "returned" and waiting.state == "reviewed"


def test_the_register_rows_and_signatures_are_kept(crew, clock) -> None:
    card = due_card(crew["clerk"], "甲公司")
    lst = approved(crew, reviewed(crew, propose(crew, card.id)))
    after_waiting(clock, lst)
    done = execute(crew, lst)
    roles = {s.role for s in Signature.select().where(Signature.entity == "destruction")}
    assert roles >= set(SIGNED)
    assert done.witness1 == "周监销" and done.executor == "李档案"
    item = DestructionItem.get(DestructionItem.proposal == lst.id)
    assert (item.state, item.kept_years) == ("destroyed", 12)
    assert CardTombstone.select().count() == 1
    assert Approval.select().where(Approval.entity == "destruction").count() == 2


def test_the_check_names_a_counter_behind_a_list_or_inventory_number(
    crew, clock, db_path, capsys
) -> None:
    """A copy or restore that lost the counters' last increments would hand out a destruction
    list's or an inventory's number again: ``check`` compares them with the numbers in use."""
    card = due_card(crew["clerk"], "甲公司")
    lst = propose(crew, card.id)
    where = inspection.Scope(
        inspection.ScopeKind.LOCATION, location=inspection.Location("一号库房", "01", "1", "001")
    )
    counted = inspection.start_inventory(crew["clerk"], where)
    connection.close_database()
    storekit.execute(db_path, "UPDATE sequence SET value = 0 WHERE name LIKE 'doc:%'")
    assert cli.main(["--db", str(db_path), "check"]) == 1
    out = capsys.readouterr().out
    assert f"编号计数器 doc:XH2026 为 0，但编号 {lst.number} 已在使用" in out
    assert f"编号计数器 doc:PD2026 为 0，但编号 {counted.number} 已在使用" in out
