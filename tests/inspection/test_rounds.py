"""Inspection rounds at service level: a whole round — the periodic review begun by the first
card reviewed (as the cards tab does it), its progress, its findings proposed, approved and
resolved, closed — an ad-hoc round of a scope, each refusal, the overview's to-do saying when
the round is due and how far it is, and migration 0010 turning the review history into rounds."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest

from archive_desk import cards
from archive_desk import inspection as ins
from archive_desk.db.models import AuditEvent, CardHistory, Inspection, InspectionReview
from archive_desk.domain import Role
from archive_desk.errors import Conflict, NeedsConfirmation, PermissionDenied, ValidationError
from tests.cardkit import make_card, region_id


@pytest.fixture
def archive(clerk, make_user, clock) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Five cards filed in 2025, one filed in February 2026 (after the period began)."""
    manager = make_user(Role.MANAGER, "chenjing", department="客服部", full_name="陈静")
    clock.set("2025-06-01T10:00:00")
    old = [make_card(clerk, f"老客户{i}", region="北京" if i < 3 else "上海") for i in range(5)]
    clock.set("2026-02-10T10:00:00")
    new = make_card(clerk, "新客户")
    clock.set("2026-03-02T09:00:00")
    return {"manager": manager, "old": old, "new": new}


def test_a_whole_round(clerk, archive, clock) -> None:  # type: ignore[no-untyped-def]
    old, manager = archive["old"], archive["manager"]
    assert ins.current_periodic(clerk) is None
    todo = {t.key: t for t in ins.todos(clerk)}["review_due"]
    assert todo.label == "例行检查未开始（2月28日前）" and todo.count == 5 and todo.urgent
    # the cards tab marks two cards reviewed: the period's round begins with it
    assert ins.mark_reviewed(clerk, [old[0].id, old[1].id], "二月例行检查") == 2
    review = ins.current_periodic(clerk)
    assert review is not None
    assert (review.kind, review.period, review.scope_label, review.inspector) == (
        "periodic",
        "2026-02",
        "全部档案",
        "李档案",
    )
    assert (review.due_on, review.total, review.reviewed, review.progress) == (
        dt.date(2026, 2, 28),
        5,
        2,
        "2 / 5（40%）",
    )  # the new card was filed in this period
    assert {r.card_id for r in InspectionReview.select()} == {old[0].id, old[1].id}
    todo = {t.key: t for t in ins.todos(clerk)}["review_due"]
    assert todo.label == "例行检查 2 / 5（40%）" and todo.count == 3
    assert "应于 2026-02-28 前完成" in todo.hint
    # the round's own list: what is left, and a finding on one of them
    left = ins.round_card_ids(clerk, review.id, reviewed=False)
    assert left == sorted(
        [c.id for c in old[2:]], key=lambda i: cards.get_card(clerk, i).archive_no
    )
    finding = ins.new_finding(clerk, old[2].id, kind="damage", description="卷皮破损",
                              round_id=review.id)  # fmt: skip
    assert (finding.source, finding.origin, finding.state) == ("inspection", review.number, "open")
    finding = ins.propose(clerk, finding.id, finding.version, proposal="换新卷皮",
                          due_on=dt.date(2026, 3, 20))  # fmt: skip
    finding = ins.decide(manager, finding.id, finding.version, approve=True, comment="同意")
    clock.set("2026-03-05T15:00:00")
    finding = ins.resolve(clerk, finding.id, finding.version, resolution="已换新卷皮",
                          resolved_on=dt.date(2026, 3, 5), helpers="行政部 刘师傅")  # fmt: skip
    assert finding.state == ins.FindingState.RESOLVED
    line = (
        CardHistory.select()
        .where((CardHistory.card == old[2].id) & (CardHistory.action == "rectify"))
        .get()
    )
    assert (line.field, line.old_value, line.new_value, line.reported_by) == (
        "检查问题：破损",
        "卷皮破损",
        "已换新卷皮",
        "行政部 刘师傅",
    )
    # the round ends: what is left is a warning the clerk confirms
    review = ins.get_round(clerk, review.id)
    assert review.findings == 1
    with pytest.raises(NeedsConfirmation, match="还有 3 张档案卡没有检查"):
        ins.close_round(clerk, review.id, review.version)
    ins.mark_reviewed(clerk, [c.id for c in old[2:]], round_id=review.id)
    closed = ins.close_round(clerk, review.id, ins.get_round(clerk, review.id).version)
    assert (closed.state, closed.progress, closed.finished_by) == (
        "closed",
        "5 / 5（100%）",
        "李档案",
    )
    todo = {t.key: t for t in ins.todos(clerk)}["review_due"]
    assert (todo.label, todo.count) == ("本期例行检查已完成", 0)
    assert "下次例行检查 2026年8月" in todo.hint
    actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id)]
    assert actions.count("inspection.start") == 1 and actions[-1] == "inspection.close"
    assert {"card.review", "finding.open", "finding.propose", "finding.approve",
            "finding.resolve"} <= set(actions)  # fmt: skip


def test_an_adhoc_round_of_a_region(clerk, archive) -> None:  # type: ignore[no-untyped-def]
    beijing = ins.Scope(ins.ScopeKind.REGION, region_id=region_id("北京"))
    review = ins.start_round(clerk, kind="adhoc", scope=beijing, due_on=dt.date(2026, 3, 31))
    assert review.scope_label.startswith("区域：") and review.scope_label.endswith("北京")
    # the cards of 北京 filed before it began: three old ones and the new one
    assert (review.total, review.reviewed, review.period) == (4, 0, "2026-03")
    with pytest.raises(ValidationError, match="不在检查轮次"):  # 上海 is not in its scope
        ins.mark_reviewed(clerk, [archive["old"][3].id], round_id=review.id)
    assert ins.mark_reviewed(clerk, [archive["old"][0].id], round_id=review.id) == 1
    assert ins.get_round(clerk, review.id).progress == "1 / 4（25%）"
    # an ad-hoc round has its own line beside the review's
    work = {t.key: t for t in ins.todos(clerk)}["inspection_work"]
    assert work.count == 1 and work.tab == "inspection"


def test_round_refusals_change_nothing(clerk, archive, make_user) -> None:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部")
    with pytest.raises(PermissionDenied):
        ins.start_round(head, kind="adhoc")
    with pytest.raises(ValidationError, match="例行检查的范围是全部档案"):
        ins.start_round(clerk, kind="periodic",
                        scope=ins.Scope(ins.ScopeKind.LOCATION, location=ins.Location("一号库房")))  # fmt: skip
    with pytest.raises(ValidationError, match="完成期限不能早于今天"):
        ins.start_round(clerk, kind="adhoc", due_on=dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="请填写库房"):
        ins.start_round(clerk, kind="adhoc", scope=ins.Scope(ins.ScopeKind.LOCATION))
    with pytest.raises(ValidationError, match="检查类型无效"):
        ins.start_round(clerk, kind="inventory")
    assert Inspection.select().count() == 0
    first = ins.start_round(clerk, kind="periodic")
    with pytest.raises(Conflict, match=f"已经开始：{first.number}"):
        ins.start_round(clerk, kind="periodic")
    with pytest.raises(ValidationError, match="请先选择"):
        ins.mark_reviewed(clerk, [])
    closed = ins.close_round(clerk, first.id, first.version, confirm_warnings=True)
    with pytest.raises(Conflict, match="已结束"):
        ins.close_round(clerk, closed.id, closed.version)
    with pytest.raises(Conflict, match="已结束"):  # the cards tab's review after the round ended
        ins.mark_reviewed(clerk, [archive["old"][0].id])
    with pytest.raises(Conflict, match="已结束"):
        ins.new_finding(
            clerk, archive["old"][0].id, kind="damage", description="x", round_id=first.id
        )
    assert CardHistory.select().where(CardHistory.action == "review").count() == 0


def test_migration_0010_turns_the_review_history_into_rounds(
    clerk, archive, db, clock, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Reviews recorded before rounds existed (history lines ``review``) become one periodic
    round per review period, the current one open, the older ones closed."""
    old = archive["old"]
    for day, card in (("2025-08-12", old[0]), ("2025-08-20", old[1]), ("2026-02-03", old[2]),
                      ("2026-02-04", old[0])):  # fmt: skip
        CardHistory.create(card=card.id, at=dt.datetime.fromisoformat(f"{day}T10:00:00"),
                           user=clerk.user_id, action="review", field="最近检查", reason="例行检查",
                           new_value=day)  # fmt: skip
    migration = importlib.import_module("archive_desk.db.migrations.0010_inspection_rounds")
    monkeypatch.setattr(migration, "today", lambda: dt.date(2026, 3, 2))
    # as before 0010: no rounds, no reviews (the tables the history becomes)
    InspectionReview.delete().execute()
    Inspection.delete().execute()
    migration._rounds_from_history(db, migration._models(db))
    rounds = list(Inspection.select().order_by(Inspection.id))
    assert [(r.number, r.period, r.state) for r in rounds] == [
        ("JC2025-0001", "2025-08", "closed"),
        ("JC2026-0001", "2026-02", "open"),
    ]
    reviewed = {
        r.number: sorted(x.card_id for x in InspectionReview.select().where(InspectionReview.inspection == r.id))
        for r in rounds
    }  # fmt: skip
    assert reviewed == {
        "JC2025-0001": [old[0].id, old[1].id],
        "JC2026-0001": [old[0].id, old[2].id],
    }
    current = ins.current_periodic(clerk)
    assert current is not None and current.number == "JC2026-0001" and current.reviewed == 2
    assert current.started_at == dt.datetime(2026, 2, 3, 10, 0)
    # new rounds number on from there
    assert ins.start_round(clerk, kind="adhoc").number == "JC2026-0002"
