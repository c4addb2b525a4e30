"""The overview's to-do counts and chart figures against independent counts, the list behind each
item holding exactly what the count says, and the twice-yearly review."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_desk import borrowing as bw
from archive_desk import cards, settings
from archive_desk import handover as ho
from archive_desk import inspection as review
from archive_desk import reporting as overview
from archive_desk.db.models import AuditEvent, CardHistory, Setting
from archive_desk.errors import PermissionDenied, ValidationError
from tests import storekit
from tests.deskkit import PAD, build_desk


@pytest.fixture
def desk(make_user, clerk, clock, db_path):  # type: ignore[no-untyped-def]
    return {**build_desk(clerk, make_user, clock), "db_path": db_path}


def _sql(db_path, query: str, *args: object) -> int:  # type: ignore[no-untyped-def]
    return int(storekit.scalar(db_path, query, args))


def test_todo_counts_equal_independent_counts(clerk, desk) -> None:  # type: ignore[no-untyped-def]
    db = desk["db_path"]
    todo = {t.key: t for t in overview.todos(clerk)}
    assert list(todo) == ["pending_approvals", "due_today", "overdue", "day_close", "month_end",
                          "handovers", "review_due", "inspection_work", "findings_open",
                          "findings_proposed", "findings_approved", "findings_overdue",
                          "retention_due", "destruction_due_now", "destruction_feedback"]  # fmt: skip
    assert (
        todo["pending_approvals"].count
        == _sql(db, "SELECT COUNT(*) FROM borrowing WHERE state = 'pending'")
        == 1
    )
    assert (
        todo["due_today"].count
        == _sql(
            db,
            "SELECT COUNT(*) FROM borrowing_item WHERE state = 'lent' AND due_date = '2026-03-02'",
        )
        == 1
    )
    assert todo["overdue"].count == _sql(
        db, "SELECT COUNT(DISTINCT borrowing_id) FROM borrowing_item "
        "WHERE state = 'lent' AND due_date < '2026-03-02'",
    ) == 2  # fmt: skip
    assert (
        todo["day_close"].count
        == _sql(db, "SELECT COUNT(*) FROM borrowing_item WHERE state = 'lent'")
        == 3
    )
    assert todo["month_end"].count == 1 and not todo["month_end"].urgent
    assert todo["handovers"].count == 0
    # filed before 2026-02-01 and never reviewed: the three old ones and the expired one
    assert todo["review_due"].value == dt.date(2026, 2, 1)
    assert (
        todo["review_due"].count
        == _sql(
            db,
            "SELECT COUNT(*) FROM card WHERE created_at < '2026-02-01' AND last_reviewed_on IS NULL",
        )
        == 4
    )
    assert (
        todo["retention_due"].count
        == _sql(
            db,
            "SELECT COUNT(*) FROM card WHERE status = 'active' AND retention_due <= '2026-03-02' "
            "AND id NOT IN (SELECT card_id FROM card_hold WHERE kind IN ('destruction', 'legal_hold'))",
        )
        == 1
    )
    assert todo["destruction_due_now"].count == 0 and todo["destruction_feedback"].count == 0


def test_the_list_behind_each_item_holds_what_it_counts(clerk, desk) -> None:  # type: ignore[no-untyped-def]
    for t in overview.todos(clerk):
        if t.tab == "borrowing" and t.target in bw.LIST_FILTERS:
            rows = bw.list_borrowings(clerk, t.target)
            if t.key == "due_today":
                assert [r.number for r in rows] == [desk["today_loan"].number]
            else:
                assert len(rows) == t.count, t.key
        elif t.target == "show_day_close":  # the borrowing tab's day-close view
            assert len(bw.in_room_not_back(clerk)) == t.count
        elif t.tab == "cards":
            flt = cards.CardFilter(**{t.target: t.value})
            assert len(cards.card_ids(clerk, flt)) == t.count, t.key
        elif t.tab == "handover":
            assert ho.count_handovers(clerk, t.target) == t.count
        elif t.tab == "inspection" and t.target in review.FINDING_FILTERS:
            assert len(review.list_findings(clerk, review.FindingFilter(t.target))) == t.count
        elif t.tab == "inspection":  # the rounds and inventories in progress
            assert t.target == "rounds"
            running = review.count_rounds(clerk, "open") + review.count_inventories(clerk, "open")
            assert running == t.count == 0


def test_the_counts_move_with_the_work(clerk, desk, clock) -> None:  # type: ignore[no-untyped-def]
    late = desk["late"]
    bw.return_items(clerk, late.id, late.version, [bw.ItemReturn(late.items[0].id)],
                    borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    today_loan = desk["today_loan"]
    bw.return_items(clerk, today_loan.id, today_loan.version,
                    [bw.ItemReturn(today_loan.items[0].id)], borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    review.mark_reviewed(clerk, [desk["old"][0].id, desk["old"][1].id], "二月例行检查")
    todo = {t.key: t.count for t in overview.todos(clerk)}
    assert todo["overdue"] == 1 and todo["due_today"] == 0 and todo["review_due"] == 2
    # the day close asks about the originals still out, not about those back already
    assert todo["day_close"] == len(bw.in_room_not_back(clerk)) == 1
    bw.close_day(clerk, {i.id: "借阅人明日归还" for i in bw.in_room_not_back(clerk)})
    assert "day_close" not in {t.key for t in overview.todos(clerk)}
    settings_off = {t.key for t in overview.todos(clerk)}
    assert "month_end" in settings_off
    clock.set("2026-03-06T09:00:00")
    month_end = {t.key: t for t in overview.todos(clerk)}["month_end"]
    assert month_end.urgent and "已逾期" in month_end.hint
    bw.record_month_end(clerk, bw.month_end_data(clerk, "2026-02"))
    assert {t.key: t.count for t in overview.todos(clerk)}["month_end"] == 0


def test_an_approver_sees_what_waits_for_her(desk) -> None:  # type: ignore[no-untyped-def]
    todo = overview.todos(desk["head"])
    assert [(t.key, t.count) for t in todo] == [("pending_approvals", 1), ("handovers", 0)]


def test_loans_per_month_equal_an_independent_count(clerk, desk) -> None:  # type: ignore[no-untyped-def]
    per_month = overview.loans_per_month(clerk, months=4)
    assert [m for m, _ in per_month] == ["2025-12", "2026-01", "2026-02", "2026-03"]
    for month, n in per_month:
        assert n == _sql(
            desk["db_path"],
            "SELECT COUNT(*) FROM borrowing_item WHERE substr(lent_at, 1, 7) = ?",
            month,
        )
    assert dict(per_month) == {"2025-12": 0, "2026-01": 1, "2026-02": 1, "2026-03": 1}


def test_the_day_close_item_follows_the_setting(clerk, desk, admin) -> None:  # type: ignore[no-untyped-def]
    settings.set_values(admin, {"borrow.day_close": False})
    assert "day_close" not in {t.key for t in overview.todos(clerk)}


def test_review_period_and_marking(clerk, desk, clock) -> None:  # type: ignore[no-untyped-def]
    assert review.period_start(dt.date(2026, 1, 15), [2, 8]) == dt.date(2025, 8, 1)
    assert review.period_start(dt.date(2026, 2, 1), [2, 8]) == dt.date(2026, 2, 1)
    assert review.period_start(dt.date(2026, 12, 31), [2, 8]) == dt.date(2026, 8, 1)
    card = desk["old"][2]
    assert review.mark_reviewed(clerk, [card.id], "") == 1
    row = (
        CardHistory.select()
        .where(CardHistory.card == card.id)
        .order_by(CardHistory.id.desc())
        .get()
    )
    # recorded in this period's periodic round, begun by the first review
    begun = review.current_periodic(clerk)
    assert begun is not None and begun.kind == "periodic" and begun.period == "2026-02"
    assert (row.action, row.field, row.new_value, row.reason) == (
        "review",
        "最近检查",
        "2026-03-02",
        f"例行检查 {begun.number}",
    )
    assert cards.get_card(clerk, card.id).version == card.version + 1
    assert AuditEvent.select().where(AuditEvent.action == "card.review").count() == 1
    both = [desk["old"][0], desk["old"][1]]
    assert review.mark_reviewed(clerk, [c.id for c in both], "二月") == 2
    for c in both:  # every card marked gets its own line and a new version
        lines = CardHistory.select().where(
            (CardHistory.card == c.id) & (CardHistory.action == "review")
        )
        assert [(h.reason, h.new_value) for h in lines] == [("二月", "2026-03-02")]
        assert cards.get_card(clerk, c.id).version == c.version + 1


def test_review_refusals_change_nothing(clerk, desk, make_user) -> None:  # type: ignore[no-untyped-def]
    before = CardHistory.select().count()
    with pytest.raises(ValidationError, match="请先选择"):
        review.mark_reviewed(clerk, [])
    with pytest.raises(ValidationError, match="未做任何标记"):
        review.mark_reviewed(clerk, [desk["old"][0].id, 99999])
    with pytest.raises(PermissionDenied):
        review.mark_reviewed(desk["head"], [desk["old"][0].id])
    assert CardHistory.select().count() == before
    assert {t.key: t.count for t in overview.todos(clerk)}["review_due"] == 4


def test_a_malformed_review_setting_falls_back(admin, clerk) -> None:  # type: ignore[no-untyped-def]
    settings.set_values(admin, {"review.months": "3, 9"})
    assert review.review_months() == [3, 9]
    with pytest.raises(ValidationError, match="例行检查月份"):
        settings.set_values(admin, {"review.months": "二月"})
    assert review.review_months() == [3, 9]
    # a value written by something else than the settings service still gives a usable answer
    Setting.update(value='"二月"').where(Setting.key == "review.months").execute()
    assert review.review_months() == [2, 8]


def test_card_shares_equal_an_independent_count(clerk, desk, make_user, clock) -> None:  # type: ignore[no-untyped-def]
    from tests.cardkit import make_card

    make_card(clerk, "沪公司", region="上海", category="SY")
    make_card(clerk, "粤公司", region="广东", category="SY", secrecy=3)
    shares = overview.card_shares(clerk)
    db = desk["db_path"]
    for name, n in shares.by_region:
        assert n == _sql(
            db,
            "SELECT COUNT(*) FROM card c JOIN region r ON r.id = c.region_id "
            "JOIN region top ON top.id = r.parent_id WHERE top.name = ? AND c.status = 'active'",
            name,
        )
    assert shares.by_region == [("华北", 5), ("华东", 1), ("华南", 1)]
    assert [(label, n) for label, n, _c in shares.by_category] == [
        ("GY 工业客户", 5),
        ("SY 商业客户", 2),
    ]
    assert shares.by_category[0][2].startswith("#")
    head_view = overview.card_shares(desk["head"])  # no 机密 card for a department head
    assert ("华南", 1) not in head_view.by_region
