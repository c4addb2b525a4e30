"""Card statistics on a dated data set: every figure recounted with plain SQL on the file, the
workbook reopened, secrecy respected, a cancelled export leaving no file."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from archive_desk import cards as card_stats
from archive_desk.db.models import AuditEvent, Card
from archive_desk.domain import Role
from archive_desk.errors import Cancelled, PermissionDenied
from tests import storekit
from tests.cardkit import make_card


@pytest.fixture
def dataset(clerk, clock, db_path):  # type: ignore[no-untyped-def]
    """Cards created from October 2025 to March 2026 in several regions and categories; some
    confidential, some no longer trading, some with retention falling due; one destroyed."""
    specs = [
        ("2025-10-15", "甲公司", dict(region="北京", category="GY", grade="A", secrecy=1)),
        ("2025-12-01", "乙公司", dict(region="上海", category="SY", grade="B", secrecy=0)),
        ("2025-12-31", "丙公司", dict(region="上海", category="GY", grade="C", secrecy=3)),
        ("2026-01-10", "丁公司", dict(region="广东", category="ZF", grade="B", secrecy=2,
                                     trade_status="suspended", retention="D10",
                                     retention_event="manual", retention_start="2016-04-20")),
        ("2026-02-27", "戊公司", dict(region="北京", category="GY", grade="B", secrecy=1,
                                     retention="D10", retention_event="manual",
                                     retention_start="2016-02-01")),
        ("2026-03-01", "己公司", dict(region="北京", category="HZ", grade="A", secrecy=1,
                                     trade_status="past", retention="D10",
                                     retention_event="manual", retention_start="2016-09-30")),
        ("2026-03-02", "庚公司", dict(region="天津", category="GY", grade="B", secrecy=1)),
    ]  # fmt: skip
    made = {}
    for day, name, values in specs:
        clock.set(f"{day}T10:00:00")
        made[name] = make_card(clerk, name, **values)
    # a destroyed card counts as new in its month but not in the room
    Card.update(status="destroyed").where(Card.id == made["庚公司"].id).execute()
    clock.set("2026-03-20T09:00:00")
    return made


def _sql(db_path, query: str, *args: object) -> list[tuple]:  # type: ignore[no-untyped-def]
    return storekit.rows(db_path, query, args)


def test_every_figure_equals_an_independent_count(clerk, dataset, db_path) -> None:  # type: ignore[no-untyped-def]
    stats = card_stats.card_statistics(clerk, months=7, ahead=12)
    assert stats.as_of == dt.date(2026, 3, 20)
    in_room = "status = 'active'"
    assert stats.total == _sql(db_path, f"SELECT COUNT(*) FROM card WHERE {in_room}")[0][0] == 6

    months = [m for m, _ in stats.new_per_month]
    assert months == ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    for month, n in stats.new_per_month:
        start = dt.datetime.strptime(month, "%Y-%m")
        end = (start + dt.timedelta(days=32)).replace(day=1)
        expected = _sql(
            db_path,
            "SELECT COUNT(*) FROM card WHERE created_at >= ? AND created_at < ?",
            start,
            end,
        )[0][0]
        assert n == expected, month
    assert dict(stats.new_per_month)["2025-12"] == 2
    assert dict(stats.new_per_month)["2026-03"] == 2  # the destroyed one too

    def grouped(column: str) -> dict[object, int]:
        return dict(
            _sql(db_path, f"SELECT {column}, COUNT(*) FROM card WHERE {in_room} GROUP BY {column}")
        )

    assert dict(stats.by_grade) == {
        {"A": "A 主力客户", "B": "B 一般客户", "C": "C 零散客户"}[k]: v
        for k, v in grouped("grade").items()
    }
    assert dict(stats.by_secrecy) == {
        ["公开", "内部", "秘密", "机密"][k]: v for k, v in grouped("secrecy").items()
    }
    assert dict(stats.by_trade_status) == {
        {"active": "交易中", "suspended": "交易中止", "past": "交易过去"}[k]: v
        for k, v in grouped("trade_status").items()
    }
    codes = dict(_sql(db_path, "SELECT id, code || ' ' || name FROM category"))
    assert dict(stats.by_category) == {codes[k]: v for k, v in grouped("category_id").items()}

    regions = {r.path: r for r in stats.by_region}
    own = grouped("region_id")
    names = dict(_sql(db_path, "SELECT id, name FROM region"))
    for region_id, n in own.items():
        leaf = next(r for r in stats.by_region if r.path.endswith(names[region_id]))
        assert leaf.own == n
    north = next(r for p, r in regions.items() if p == "华北")
    assert (
        north.total
        == _sql(
            db_path,
            f"SELECT COUNT(*) FROM card WHERE {in_room} AND region_id IN "
            "(SELECT id FROM region WHERE parent_id = (SELECT id FROM region WHERE name = '华北'))",
        )[0][0]
    )
    assert north.total == 3 and north.depth == 0  # 天津's card is destroyed
    assert sum(r.total for r in stats.by_region if r.depth == 0) == stats.total

    today = "2026-03-20"
    assert (
        stats.retention_overdue
        == _sql(
            db_path, f"SELECT COUNT(*) FROM card WHERE {in_room} AND retention_due <= ?", today
        )[0][0]
    )
    assert stats.retention_overdue == 1  # 戊公司, due 2026-02-01
    for month, n in stats.retention_per_month:
        expected = _sql(
            db_path,
            f"SELECT COUNT(*) FROM card WHERE {in_room} AND retention_due > ? "
            "AND substr(retention_due, 1, 7) = ?",
            today,
            month,
        )[0][0]
        assert n == expected, month
    assert dict(stats.retention_per_month)["2026-04"] == 1
    assert dict(stats.retention_per_month)["2026-09"] == 1
    assert len(stats.retention_per_month) == 12


def test_figures_count_only_what_the_actor_may_see(make_user, dataset) -> None:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", clearance=1)
    stats = card_stats.card_statistics(head)
    assert stats.total == 4  # no 秘密 or 机密 card
    assert "机密" not in dict(stats.by_secrecy)


def test_the_workbook_reopens_with_types_frozen_filter_and_chart(clerk, dataset, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "统计.xlsx"
    stats = card_stats.statistics_workbook(clerk, out, months=7)
    wb = load_workbook(out)
    assert wb.sheetnames == ["每月新增", "分类统计", "保管到期"]
    new = wb["每月新增"]
    assert new.freeze_panes == "A2" and new.auto_filter.ref
    assert [(r[0].value, r[1].value) for r in new.iter_rows(min_row=2)] == [
        (m, n) for m, n in stats.new_per_month
    ]
    assert len(new._charts) == 1
    table = wb["分类统计"]
    rows = [[c.value for c in r] for r in table.iter_rows(min_row=2)]
    assert rows[0] == ["合计", "在库档案", 6, None]
    assert all(isinstance(r[2], int) for r in rows)
    grades = {r[1]: r[2] for r in rows if r[0] == "客户等级"}
    assert grades == dict(stats.by_grade)
    assert sum(r[2] for r in rows if r[0] == "区域" and not r[1].startswith("　")) == 6
    due = wb["保管到期"]
    assert due["A2"].value == "已到期" and due["B2"].value == 1
    assert AuditEvent.select().where(AuditEvent.action == "report.card_statistics").count() == 1


def test_cancelled_export_leaves_no_file(clerk, dataset, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        card_stats.statistics_workbook(
            clerk, folder / "统计.xlsx", progress=lambda done, total: done < 4
        )
    assert list(folder.iterdir()) == []


def test_statistics_need_the_report_permissions(make_user, dataset, tmp_path) -> None:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head")
    with pytest.raises(PermissionDenied, match="权限"):
        card_stats.statistics_workbook(head, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_report_cards_command(dataset, db_path, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from archive_desk import cli
    from archive_desk.db import connection

    connection.close_database()
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", "Secret-123")
    base = ["--db", str(db_path), "--user", "clerk", "report", "cards"]
    out = tmp_path / "out" / "统计.xlsx"
    out.parent.mkdir()
    assert cli.main([*base, "--out", str(out)]) == 0
    assert "在库档案" in capsys.readouterr().out
    assert load_workbook(out).sheetnames == ["每月新增", "分类统计", "保管到期"]
    assert cli.main(base) == 1
    assert "--out" in capsys.readouterr().err
    assert cli.main(["--db", str(db_path), "--user", "clerk", "report", "monthly"]) == 1
    assert "--month" in capsys.readouterr().err
