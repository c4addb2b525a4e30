"""The preview of every row and the all-or-nothing import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from archive_desk import audit, cards, importing
from archive_desk.db.models import AuditEvent, Card, CardHistory, Person, Region
from archive_desk.domain import Role
from archive_desk.errors import Cancelled, PermissionDenied, ValidationError
from archive_desk.importing import Choices
from archive_desk.importing._checking import Preview
from archive_desk.permissions import Actor
from tests.cardkit import make_card
from tests.importing.ledgers import FIRST_DATA_LINE, HEADER, write_xlsx

BEIJING, SHANGHAI, FORMULA, NANJING, HANGZHOU, LONG, CHENGDU = 4, 5, 6, 8, 9, 10, 11


def preview_of(actor: Actor, path: Path) -> Preview:
    source = importing.read_source(path)
    return importing.check(actor, source, importing.guess(source.sheet.rows))


def row(preview: Preview, line: int) -> importing.RowCheck:
    return next(r for r in preview.rows if r.line == line)


def messages(preview: Preview, line: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in row(preview, line).problems:
        header = preview.mapping.headers[p.column] if p.column is not None else ""
        out.setdefault(header, []).append(("提示：" if p.warning else "") + p.message)
    return out


def snapshot() -> tuple[int, int, int, int, int]:
    return (
        Card.select().count(),
        CardHistory.select().count(),
        AuditEvent.select().count(),
        Region.select().count(),
        Person.select().count(),
    )


def test_every_row_checked_in_every_format(clerk: Actor, ledger: Path) -> None:
    preview = preview_of(clerk, ledger)
    assert [r.line for r in preview.rows] == [4, 5, 6, 8, 9, 10, 11]  # 7 blank, 12 the note
    assert preview.passed_over == [(12, "说明行，不是客户：注：以上客户由销售部核对")]
    first = row(preview, BEIJING).shown
    assert first["credit_code"] == "91110000600037341L"  # spaces gone, upper case
    assert first["contact_mobile"] == "13812345678"  # full-width digits and spaces
    assert first["created_on"] == "2023-05-06" and first["grade"] == "A 主力客户"
    assert first["location_room"] == "一号库房" and first["location_box"] == "001"
    assert first["note"] == "开票信息：开户行：工行"  # an unknown column kept into the note
    second = row(preview, SHANGHAI).shown
    assert second["created_on"] == "2023-05-06"  # Excel serial 45052
    assert second["contact_phone"] == "021-55556666-123"  # 转 → extension
    assert second["grade"] == "B 一般客户"
    assert row(preview, FORMULA).shown["name"] == "=1+2 广州公式公司"
    assert row(preview, FORMULA).shown["created_on"] == "2023-05-06"  # 2023.5.6
    assert row(preview, NANJING).shown["created_on"] == "2023-05-06"  # 2023/5/6
    assert row(preview, HANGZHOU).shown["created_on"] == "2023-05-06"  # 2023年5月6日
    assert messages(preview, NANJING) == {
        "统一社会信用代码": [
            "提示：统一社会信用代码的校验位应为“3”，请核对；早期发放的代码可能如此，确认无误可保存。"
        ]
    }
    assert messages(preview, LONG) == {"客户名称": ["“客户名称”最多 200 个字，现在有 250 个。"]}
    assert row(preview, HANGZHOU).same_as == BEIJING  # the same credit code as row 4
    assert preview.unknown == {
        "region": {"西南/天府新区": 1},
        "category": {"新类别": 1},
        "salesperson": {"王五": 1},
    }


def test_import_all_rows_that_pass(clerk: Actor, ledger: Path) -> None:
    preview = preview_of(clerk, ledger)
    choices = Choices(accepted={NANJING})
    report = importing.run_import(clerk, preview, choices)
    outcome = {o.line: (o.action, o.reason) for o in report.outcomes}
    assert report.counts == {"created": 5, "updated": 0, "skipped": 1, "rejected": 1}
    assert outcome[HANGZHOU] == ("skipped", "与本文件第 4 行重复")
    assert outcome[LONG][0] == "rejected" and "最多 200 个字" in outcome[LONG][1]
    ids = cards.card_ids(clerk, cards.CardFilter())
    by_name = {r.name: r for r in cards.card_rows(clerk, ids)}
    beijing = cards.get_card(clerk, by_name["北京海淀科技有限公司"].id)
    assert beijing.created_at == dt.datetime(2023, 5, 6)  # the ledger's 建档日期
    assert beijing.values["credit_code"] == "91110000600037341L"
    assert [(c.name, c.mobile) for c in beijing.contacts] == [("张三", "13812345678")]
    assert beijing.labels["salesperson_id"] == "王五"  # created as a salesperson
    assert beijing.values["note"] == "开票信息：开户行：工行"
    history = cards.history(clerk, beijing.id)
    assert history[0].reason == f"导入自 {preview.source.label} 第 4 行"
    chengdu = cards.get_card(clerk, by_name["成都新区客户"].id)
    assert chengdu.region_path == "西南 › 天府新区"  # created under the existing 西南
    assert chengdu.category_code == "XLB" and chengdu.values["grade"] == "C"
    assert by_name["=1+2 广州公式公司"].archive_no.startswith("GY")
    event = AuditEvent.select().where(AuditEvent.action == "card.import").get()
    assert '"created": 5' in event.after and '"rejected": 1' in event.after
    assert audit.action_label("card.import") == "导入档案卡"


def test_the_audit_trail_of_an_import_reads_in_chinese(clerk: Actor, tmp_path: Path) -> None:
    """The import's own events (the import, the salesperson it made, its rows not imported):
    each action, record and detail by its Chinese name, no key or code of the program."""
    import re

    from archive_desk import reporting

    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    first = AuditEvent.select().count()
    report = importing.run_import(clerk, preview, Choices())
    importing.write_rejected(clerk, report, preview, tmp_path / "未导入.xlsx")
    seen = set()
    for r in AuditEvent.select().where(AuditEvent.id > first).order_by(AuditEvent.id):
        if r.action == "card.create":
            continue  # the editor's own event, read elsewhere
        event = reporting.EventView(
            r.id, r.at, r.username, r.action, r.entity, r.entity_id, r.before, r.after
        )
        seen.add(r.action)
        assert event.action_label != r.action
        assert not re.search(r"[A-Za-z]", event.record_label), event.record_label  # 档案卡 导入
        for part in filter(None, event.after_text.split("；")):
            key = part.partition("：")[0]
            assert not re.fullmatch(r"[A-Za-z_.]+", key), (r.action, part)
    assert {"card.import", "person.create", "card.import_rejected"} <= seen


def test_warnings_not_accepted_keep_the_row_out(clerk: Actor, tmp_path: Path) -> None:
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    report = importing.run_import(clerk, preview, Choices())
    nanjing = next(o for o in report.outcomes if o.line == NANJING)
    assert nanjing.action == "rejected" and nanjing.reason.startswith("提示未确认：")
    everything = importing.run_import(
        clerk, preview_of(clerk, tmp_path / "a.xlsx"), Choices(accept_warnings=True)
    )
    assert [o.action for o in everything.outcomes if o.line == NANJING] == ["created"]


@pytest.fixture
def archived(clerk: Actor) -> cards.CardView:
    """A card the ledger's first row repeats (same name), with its own phone and note."""
    return make_card(clerk, "北京海淀科技有限公司", phone="010-66668888", note="老客户")


def test_duplicate_skipped_by_default(
    clerk: Actor, archived: cards.CardView, tmp_path: Path
) -> None:
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    assert [d.id for d in row(preview, BEIJING).duplicates] == [archived.id]
    report = importing.run_import(clerk, preview, Choices(accept_warnings=True))
    first = next(o for o in report.outcomes if o.line == BEIJING)
    assert first.action == "skipped"
    assert first.reason == f"与已有档案重复：{archived.archive_no} 北京海淀科技有限公司"
    assert cards.get_card(clerk, archived.id).version == archived.version


def test_duplicate_updates_the_card_showing_what_changes(
    clerk: Actor, archived: cards.CardView, tmp_path: Path
) -> None:
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    changes = importing.update_changes(clerk, preview, row(preview, BEIJING))
    assert ("统一社会信用代码", "", "91110000600037341L") in changes
    assert ("备注", "老客户", "老客户\n开票信息：开户行：工行") in changes
    assert ("联系人", "", "张三 13812345678") in changes
    choices = Choices(per_row={BEIJING: importing.UPDATE}, accept_warnings=True)
    report = importing.run_import(clerk, preview, choices)
    first = next(o for o in report.outcomes if o.line == BEIJING)
    assert (first.action, first.archive_no) == ("updated", archived.archive_no)
    after = cards.get_card(clerk, archived.id)
    assert after.values["credit_code"] == "91110000600037341L"
    assert after.values["phone"] == "010-66668888"  # not in the ledger: kept
    assert [c.name for c in after.contacts] == ["张三"]
    reasons = {h.reason for h in cards.history(clerk, archived.id) if h.action == "edit"}
    assert reasons == {f"导入自 {preview.source.label} 第 4 行"}
    assert Card.select().where(Card.name == "北京海淀科技有限公司").count() == 1


def test_duplicate_imported_as_new(clerk: Actor, archived: cards.CardView, tmp_path: Path) -> None:
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    choices = Choices(duplicates=importing.NEW, accept_warnings=True)
    report = importing.run_import(clerk, preview, choices)
    assert [o.action for o in report.outcomes if o.line in (BEIJING, HANGZHOU)] == ["created"] * 2
    assert Card.select().where(Card.name == "北京海淀科技有限公司").count() == 2


def test_a_duplicate_above_the_clerks_clearance_is_not_shown(
    clerk: Actor, make_user: Callable[..., Actor], tmp_path: Path
) -> None:
    make_card(clerk, "北京海淀科技有限公司", secrecy=3)  # 机密
    junior = make_user(Role.CLERK, "junior", clearance=1)
    preview = preview_of(junior, write_xlsx(tmp_path / "a.xlsx"))
    first = row(preview, BEIJING)
    assert first.duplicates == [] and first.hidden_duplicate
    choices = Choices(per_row={BEIJING: importing.UPDATE}, accept_warnings=True)
    report = importing.run_import(junior, preview, choices)
    outcome = next(o for o in report.outcomes if o.line == BEIJING)
    assert outcome.action == "skipped" and "无权查看" in outcome.reason
    assert "GY" not in outcome.reason  # neither its number nor anything else of it


def test_cancel_leaves_the_archive_as_it_was(clerk: Actor, tmp_path: Path) -> None:
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    before = snapshot()
    calls: list[tuple[int, int]] = []

    def cancel_at_the_end(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < total  # cancelled as the last step reports: everything was written

    with pytest.raises(Cancelled, match="档案没有任何改动"):
        importing.run_import(
            clerk, preview, Choices(accept_warnings=True), progress=cancel_at_the_end
        )
    assert calls and snapshot() == before
    assert cards.list_categories()[-1].code != "XLB"


def test_the_rows_not_imported_are_written_only_when_the_import_commits(
    clerk: Actor, tmp_path: Path
) -> None:
    """The rows not imported, asked for with the import (the command line's --rejected), are
    built beside their name and put in place after the import's commit: a cancelled import
    leaves no file, not even a hidden one."""
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "未导入.xlsx"
    before = snapshot()
    with pytest.raises(Cancelled):
        importing.run_import(
            clerk, preview, Choices(), rejected_out=out, progress=lambda d, t: d < t
        )
    assert snapshot() == before and list(folder.iterdir()) == []
    report = importing.run_import(clerk, preview, Choices(), rejected_out=out)
    assert [p.name for p in folder.iterdir()] == [out.name]
    import openpyxl

    assert openpyxl.load_workbook(out).active.max_row == 1 + len(report.not_imported)
    actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id.desc()).limit(2)]
    assert actions == ["card.import_rejected", "card.import"]  # in the import's transaction


def test_the_rows_not_imported_need_the_import_permission(
    make_user: Callable[..., Actor], clerk: Actor, tmp_path: Path
) -> None:
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    report = importing.run_import(clerk, preview, Choices(), dry_run=True)
    out = tmp_path / "out.xlsx"
    with pytest.raises(PermissionDenied):
        importing.write_rejected(make_user(Role.MANAGER), report, preview, out)
    assert not out.exists()


def test_a_failure_half_way_leaves_nothing(clerk: Actor, admin: Actor, tmp_path: Path) -> None:
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    guangdong = next(r for r in cards.list_regions() if r.name == "广东")
    cards.set_region_retired(admin, guangdong.id, True)  # after the preview
    before = snapshot()
    with pytest.raises(ValidationError, match="第 6 行：所选区域或类别已停用"):
        importing.run_import(clerk, preview, Choices(accept_warnings=True))
    assert snapshot() == before


def test_import_needs_card_editing(
    make_user: Callable[..., Actor], clerk: Actor, tmp_path: Path
) -> None:
    manager = make_user(Role.MANAGER)
    source = importing.read_source(write_xlsx(tmp_path / "a.xlsx"))
    with pytest.raises(PermissionDenied, match="编辑档案卡"):
        importing.check(manager, source, importing.guess(source.sheet.rows))
    preview = preview_of(clerk, tmp_path / "a.xlsx")
    with pytest.raises(PermissionDenied):
        importing.run_import(manager, preview, Choices())


def test_unknown_names_mapped_to_existing_ones(clerk: Actor, tmp_path: Path) -> None:
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    sichuan = next(r.id for r in cards.list_regions() if r.name == "四川")
    industry = next(c.id for c in cards.list_categories() if c.code == "GY")
    choices = Choices(
        accept_warnings=True,
        regions={"西南/天府新区": sichuan},
        categories={"新类别": industry},
        salespeople={"王五": importing.BLANK},
    )
    before_regions, before_people = Region.select().count(), Person.select().count()
    importing.run_import(clerk, preview, choices)
    assert (Region.select().count(), Person.select().count()) == (before_regions, before_people)
    chengdu = cards.find_one(clerk, "成都新区客户")[0]
    assert chengdu is not None
    view = cards.get_card(clerk, chengdu)
    assert view.region_path == "西南 › 四川" and view.category_code == "GY"


def test_archive_numbers_from_the_ledger(clerk: Actor, tmp_path: Path) -> None:
    taken = make_card(clerk, "已有客户")  # GY2026001
    rows: list[list[object]] = [
        ["档案编号", "客户名称", "地区", "类别", "存放位置"],
        ["GY2026002", "甲公司", "北京", "GY", "一号库房-1-1-1"],
        [taken.archive_no.lower(), "乙公司", "北京", "GY", "一号库房-1-1-2"],
        ["GY2026002", "丙公司", "北京", "GY", "一号库房-1-1-3"],
        ["", "丁公司", "北京", "GY", "一号库房-1-1-4"],
        ["GY 2026/9", "戊公司", "北京", "GY", "一号库房-1-1-5"],
    ]
    preview = preview_of(clerk, write_xlsx(tmp_path / "n.xlsx", rows))
    assert messages(preview, 3) == {
        "档案编号": [
            f"档案编号“{taken.archive_no}”已被使用（编号不能重复，已销毁档案的编号也不再使用）。"
        ]
    }
    assert messages(preview, 4) == {"档案编号": ["档案编号“GY2026002”与第 2 行重复。"]}
    assert "只能有字母、数字" in messages(preview, 6)["档案编号"][0]
    report = importing.run_import(clerk, preview, Choices(accept_warnings=True))
    numbers = {o.name: o.archive_no for o in report.outcomes if o.action == "created"}
    # the ledger's number kept; the pattern's next one skips it
    assert numbers == {"甲公司": "GY2026002", "丁公司": "GY2026003"}
    assert make_card(clerk, "后来的客户").archive_no == "GY2026004"


def test_a_destroyed_cards_number_is_never_given_again(clerk: Actor, tmp_path: Path) -> None:
    old = make_card(clerk, "已销毁客户")
    Card.update(status="destroyed").where(Card.id == old.id).execute()
    rows: list[list[object]] = [["档案编号", "客户名称", "地区", "类别", "库房"],
                                [old.archive_no, "新客户", "北京", "GY", "一号库房"]]  # fmt: skip
    preview = preview_of(clerk, write_xlsx(tmp_path / "d.xlsx", rows))
    assert "已被使用" in messages(preview, 2)["档案编号"][0]


def test_oversized_cell_and_control_characters(clerk: Actor, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "客户名称,地区,类别,库房,地址,备注\n"
        f"甲\x07公司,北京,GY,一号库房,海淀\x1b路,{'长' * 40000}\n",
        encoding="utf-8",
    )
    preview = preview_of(clerk, path)
    found = messages(preview, 2)
    assert found["客户名称"] == ["提示：去掉了 1 个看不见的控制字符，请核对。"]
    assert found["备注"] == ["单元格有 40,000 个字，超过一个单元格可有的 32,767 字，没有读取。"]
    assert (
        row(preview, 2).shown["name"] == "甲公司" and row(preview, 2).shown["address"] == "海淀路"
    )


def test_rejected_rows_workbook_fixed_and_imported_again(clerk: Actor, tmp_path: Path) -> None:
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx"))
    report = importing.run_import(clerk, preview, Choices())
    out = tmp_path / "未导入.xlsx"
    assert importing.write_rejected(clerk, report, preview, out) == 3  # 南京 (warning), 杭州, 长…
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (event.action, event.username) == ("card.import_rejected", "clerk")
    assert '"rows": 3' in event.after and "未导入.xlsx" in event.after
    import openpyxl

    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert [c.value for c in ws[1]] == [*HEADER, "未导入原因"]
    assert [ws.cell(r, 2).value for r in range(2, 5)] == [
        "南京校验位公司",
        "杭州重复代码公司",
        "长" * 250,
    ]
    assert ws.cell(2, 8).value == dt.datetime(2023, 5, 6, 0, 0) or ws.cell(2, 8).value == "2023/5/6"
    ws.cell(4, 2).value = "长沙改短名称公司"  # the clerk fixes the long name
    ws.cell(3, 3).value = None  # and drops the repeated code
    wb.save(out)
    again = preview_of(clerk, out)
    assert again.mapping.columns[len(HEADER)] == "ignore"  # the reason column
    second = importing.run_import(clerk, again, Choices(accept_warnings=True))
    assert second.counts == {"created": 3, "updated": 0, "skipped": 0, "rejected": 0}
    assert FIRST_DATA_LINE == 4


def test_round_trip_of_the_programs_own_export(
    clerk: Actor, tmp_path: Path, db_path: Path, clock: object
) -> None:
    from archive_desk import demo
    from archive_desk.cards import output as card_output
    from archive_desk.db import connection
    from tests.conftest import PASSWORD

    demo_actor = clerk
    for n in range(12):
        make_card(
            demo_actor,
            f"往返客户{n}",
            region=("北京", "上海", "广东")[n % 3],
            category=("GY", "SY")[n % 2],
            grade="ABC"[n % 3],
            secrecy=n % 3,
            trade_status=("active", "suspended")[n % 2],
            retention=("Y", "D30", "D10")[n % 3],
        )
    out = tmp_path / "导出.xlsx"
    card_output.export_cards(clerk, cards.CardFilter(), out)
    before = cards.card_rows(clerk, cards.card_ids(clerk, cards.CardFilter()))
    connection.close_database()
    from archive_desk import accounts

    connection.open_database(tmp_path / "empty.db")
    admin = accounts.create_first_admin("admin", "管理员", PASSWORD, clock=clock)  # type: ignore[arg-type]
    dept = accounts.create_department(admin, "销售部")
    accounts.create_user(admin, username="clerk2", full_name="王", role=Role.CLERK, password=PASSWORD,
                         department_id=dept.id, must_change_password=False)  # fmt: skip
    other = accounts.login("clerk2", PASSWORD, clock=clock)  # type: ignore[arg-type]
    report = importing.import_file(other, out, choices=Choices(accept_warnings=True))
    assert report.counts["created"] == 12, report.text()
    after = cards.card_rows(other, cards.card_ids(other, cards.CardFilter()))
    keep = ("archive_no", "name", "region", "category_code", "grade", "stage", "trade_status",
            "secrecy", "location", "retention")  # fmt: skip
    assert [[getattr(r, k) for k in keep] for r in after] == [
        [getattr(r, k) for k in keep] for r in before
    ]
    assert demo is not None


def ledger_rows(*rows: tuple[str, str, str]) -> list[list[object]]:
    """A small ledger: (档案编号, 客户名称, 建档日期) per row, all in 北京, GY, 一号库房."""
    head: list[object] = ["档案编号", "客户名称", "建档日期", "地区", "类别", "存放位置"]
    return [head] + [[no, name, on, "北京", "GY", "一号库房-1-1-1"] for no, name, on in rows]


def test_what_another_clerk_did_since_the_preview_is_checked_again(
    clerk: Actor, make_user: Callable[..., Actor], tmp_path: Path
) -> None:
    rows = ledger_rows(("GY2026050", "甲公司", ""), ("", "乙公司", ""), ("", "丙公司", ""))
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx", rows))
    assert not any(r.problems or r.is_duplicate for r in preview.rows)
    other = make_user(Role.CLERK, "other")  # meanwhile, at another desk:
    make_card(other, "乙公司")
    theirs = write_xlsx(tmp_path / "b.xlsx", ledger_rows(("GY2026050", "丁公司", "")))
    assert importing.import_file(other, theirs).counts["created"] == 1
    report = importing.run_import(clerk, preview, Choices())
    outcome = {o.line: (o.action, o.reason) for o in report.outcomes}
    assert outcome[2] == (
        "rejected",
        "档案编号“GY2026050”已被使用（编号不能重复，已销毁档案的编号也不再使用）。",
    )
    assert outcome[3][0] == "skipped" and outcome[3][1].startswith("与已有档案重复：GY2026")
    assert outcome[4][0] == "created"
    assert Card.select().where(Card.name == "乙公司").count() == 1
    assert Card.select().where(Card.archive_no == "GY2026050").get().name == "丁公司"


def test_the_patterns_numbers_skip_the_ledgers_own_in_any_order(
    clerk: Actor, tmp_path: Path
) -> None:
    rows = ledger_rows(("", "甲公司", ""), ("GY2026001", "乙公司", ""), ("", "丙公司", ""))
    preview = preview_of(clerk, write_xlsx(tmp_path / "a.xlsx", rows))
    report = importing.run_import(clerk, preview, Choices())
    numbers = {o.name: o.archive_no for o in report.outcomes}
    assert numbers == {"甲公司": "GY2026002", "乙公司": "GY2026001", "丙公司": "GY2026003"}


def test_a_new_number_takes_the_year_of_filing(clerk: Actor, tmp_path: Path) -> None:
    """A ledger of 2019 customers gets 2019 numbers: that year's sequence goes on after the
    numbers any card holds (here one the first import brought in); without a 建档日期, this
    year's."""
    first = ledger_rows(("GY2019001", "老客户", "2019-03-01"))
    importing.run_import(
        clerk, preview_of(clerk, write_xlsx(tmp_path / "a.xlsx", first)), Choices()
    )
    rows = ledger_rows(
        ("", "甲公司", "2019-04-01"), ("", "乙公司", ""), ("", "丙公司", "2019-12-31")
    )
    report = importing.run_import(
        clerk, preview_of(clerk, write_xlsx(tmp_path / "b.xlsx", rows)), Choices()
    )
    numbers = {o.name: o.archive_no for o in report.outcomes}
    assert numbers == {"甲公司": "GY2019002", "乙公司": "GY2026001", "丙公司": "GY2019003"}
    assert make_card(clerk, "今天的客户").archive_no == "GY2026002"


def test_every_new_card_has_its_audit_event_in_one_unbroken_chain(
    clerk: Actor, tmp_path: Path
) -> None:
    rows = ledger_rows(*(("", f"客户{n}", "") for n in range(5)))
    before = AuditEvent.select().count()
    report = importing.run_import(
        clerk, preview_of(clerk, write_xlsx(tmp_path / "a.xlsx", rows)), Choices()
    )
    events = list(AuditEvent.select().where(AuditEvent.id > before).order_by(AuditEvent.id))
    assert [e.action for e in events] == ["card.create"] * 5 + ["card.import"]
    by_number = {c.archive_no: c.id for c in Card.select()}
    assert [e.entity_id for e in events[:5]] == [
        str(by_number[o.archive_no]) for o in report.outcomes
    ]
    assert '"name": "客户3"' in events[3].after
    assert audit.verify_chain().ok
    make_card(clerk, "之后的客户")  # the chain goes on from the import's last event
    assert audit.verify_chain().ok


def test_existing_names_offered_for_an_unknown_one_most_similar_first(
    clerk: Actor, admin: Actor
) -> None:
    for name in ("李四", "王伍", "张三丰"):
        cards.add_salesperson(clerk, name)
    assert [o.label for o in importing.candidates("salesperson", "王五")][:1] == ["王伍"]
    regions = [o.label for o in importing.candidates("region", "西南/天府新区")]
    assert regions[0] == "西南" and regions[1].startswith("西南 › ")
    assert len(regions) == len([r for r in cards.list_regions() if not r.retired])
    retired = cards.create_category(admin, "JL", "旧类别")
    cards.set_category_retired(admin, retired.id, True)
    found = importing.candidates("category", "新类别")
    assert "JL 旧类别" not in [o.label for o in found]  # a retired one cannot be chosen
    assert {o.id for o in found} == {c.id for c in cards.list_categories() if not c.retired}
    gy = next(c for c in cards.list_categories() if c.code == "GY")
    assert importing.candidates("category", "gy 工业")[0].id == gy.id


def test_a_sequence_goes_on_after_the_highest_number_a_card_holds(
    clerk: Actor, tmp_path: Path
) -> None:
    """A gap in a ledger's numbers may be a card destroyed on paper before the program came:
    the pattern's numbers never fill one, in the import or in the editor."""
    rows = ledger_rows(
        ("", "甲公司", "2019-06-01"),
        ("GY2019005", "乙公司", "2019-03-01"),
        ("GY2019009", "丙公司", "2019-05-01"),
        ("GY2026040", "丁公司", ""),
    )
    report = importing.run_import(
        clerk, preview_of(clerk, write_xlsx(tmp_path / "a.xlsx", rows)), Choices()
    )
    assert {o.name: o.archive_no for o in report.outcomes}["甲公司"] == "GY2019010"
    assert make_card(clerk, "今天的客户").archive_no == "GY2026041"


def test_a_ledgers_trade_end_starts_the_retention_clock(clerk: Actor, tmp_path: Path) -> None:
    """A customer the ledger says stopped trading in 2012 is due in 2022, as a card the clerk
    enters with that date (cards.create_card) is; one without the date starts today."""
    rows: list[list[object]] = [
        ["客户名称", "地区", "类别", "存放位置", "交易状态", "交易终止日期", "保管期限"],
        ["老客户公司", "北京", "GY", "一号库房-01-1-001", "交易过去", "2012-07-01", "定期10年"],
        ["新近停止公司", "北京", "GY", "一号库房-01-1-002", "交易中止", "", "定期10年"],
    ]  # fmt: skip
    preview = preview_of(clerk, write_xlsx(tmp_path / "e.xlsx", rows))
    assert [r.problems for r in preview.rows if r.problems] == []
    report = importing.run_import(clerk, preview, Choices())
    due = {o.name: Card.get(Card.archive_no == o.archive_no) for o in report.outcomes}
    old, recent = due["老客户公司"], due["新近停止公司"]
    assert (old.trade_ended_on, old.retention_due) == (dt.date(2012, 7, 1), dt.date(2022, 7, 1))
    assert (recent.trade_ended_on, recent.retention_due) == (
        dt.date(2026, 3, 2),
        dt.date(2036, 3, 2),
    )
