"""Cards: create, number, validate, duplicates, history, rename, retention, secrecy, list."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_desk import audit, cards, settings
from archive_desk.db.models import AuditEvent, Card, CardHistory
from archive_desk.domain import Role, Secrecy
from archive_desk.errors import (
    NeedsConfirmation,
    PermissionDenied,
    StaleRecord,
    ValidationError,
)
from tests.cardkit import LOCATION, category_id, draft, find, make_card, region_id

VALID_CODE = "91350100M000100Y43"


def test_create_numbers_the_card_from_the_pattern(clerk, clock) -> None:
    first = make_card(clerk, "北京海淀科技有限公司", category="GY")
    second = make_card(clerk, "北京朝阳商贸有限公司", category="GY")
    other = make_card(clerk, "上海浦东商贸有限公司", region="上海", category="SY")
    assert (first.archive_no, second.archive_no) == ("GY2026001", "GY2026002")
    assert other.archive_no == "SY2026001"
    history = cards.history(clerk, first.id)
    assert history[0].action == "create" and history[0].new_value == "GY2026001"
    assert AuditEvent.select().where(AuditEvent.action == "card.create").count() == 3
    assert audit.verify_chain().ok


def test_a_custom_pattern_with_region_and_year(clerk, admin) -> None:
    settings.set_values(admin, {"archive_no.pattern": "{region}-{category}-{year}-{seq:4}"})
    card = make_card(clerk, "济南重工有限公司", region="山东", category="GY")
    assert card.archive_no == "HD-GY-2026-0001"


def test_numbers_are_never_reused_even_after_a_destruction(clerk) -> None:
    first = make_card(clerk, "甲公司")
    Card.update(status="destroyed").where(Card.id == first.id).execute()
    second = make_card(clerk, "乙公司")
    assert second.archive_no == "GY2026002"


def test_the_archive_number_never_changes_on_edit(clerk) -> None:
    card = make_card(clerk, "甲公司")
    values = {**card.values, "category_id": category_id("SY"), "name": "甲乙公司"}
    edited = cards.update_card(clerk, card.id, card.version, cards.CardDraft(values=values))
    assert edited.archive_no == card.archive_no


def test_required_fields_and_bad_values_are_refused_and_nothing_is_written(clerk) -> None:
    bad = draft("", postcode="12345", email="not-an-email", phone="123")
    with pytest.raises(ValidationError) as err:
        cards.create_card(clerk, bad)
    assert {"name", "postcode", "email"} <= set(err.value.errors)
    assert "客户名称" in err.value.errors["name"]
    assert Card.select().count() == 0
    assert AuditEvent.select().where(AuditEvent.action == "card.create").count() == 0


def test_a_wrong_credit_code_check_character_is_a_warning_the_clerk_can_confirm(clerk) -> None:
    wrong = VALID_CODE[:-1] + ("3" if VALID_CODE[-1] != "3" else "4")
    with pytest.raises(NeedsConfirmation) as err:
        cards.create_card(clerk, draft("甲公司", credit_code=wrong))
    assert "credit_code" in err.value.warnings
    assert Card.select().count() == 0
    card = cards.create_card(clerk, draft("甲公司", credit_code=wrong), confirm_warnings=True)
    assert card.values["credit_code"] == wrong


def test_region_and_category_are_chosen_by_the_clerk_never_defaulted(clerk) -> None:
    unchosen = cards.CardDraft(values={"name": "甲公司", **LOCATION})
    with pytest.raises(ValidationError) as err:
        cards.create_card(clerk, unchosen)
    assert err.value.errors["region_id"] == "请选择“区域”。"
    assert err.value.errors["category_id"] == "请选择“类别”。"
    assert Card.select().count() == 0


def test_a_card_without_a_room_is_refused(clerk) -> None:
    nowhere = draft("甲公司", **dict.fromkeys(LOCATION, ""))
    with pytest.raises(ValidationError) as err:
        cards.create_card(clerk, nowhere, confirm_warnings=True)
    assert err.value.errors["location_room"] == "请填写“库房”。"
    assert Card.select().count() == 0


def test_a_location_without_cabinet_shelf_or_box_is_a_warning(clerk) -> None:
    room_only = draft("甲公司", location_cabinet="", location_shelf="", location_box="")
    with pytest.raises(NeedsConfirmation) as err:
        cards.create_card(clerk, room_only)
    assert list(err.value.warnings) == ["location_cabinet"]
    assert "柜、层、盒" in err.value.warnings["location_cabinet"]
    assert Card.select().count() == 0
    card = cards.create_card(clerk, room_only, confirm_warnings=True)
    # an edit that leaves the location as it was does not ask again ...
    graded = cards.update_card(
        clerk, card.id, card.version, cards.CardDraft(values={**card.values, "grade": "A"})
    )
    # ... one that changes it to something still incomplete does
    moved = cards.CardDraft(values={**graded.values, "location_room": "二号库房"})
    with pytest.raises(NeedsConfirmation):
        cards.update_card(clerk, card.id, graded.version, moved)
    shelved = cards.CardDraft(values={**graded.values, **LOCATION, "location_box": ""})
    with pytest.raises(NeedsConfirmation) as err:
        cards.update_card(clerk, card.id, graded.version, shelved)
    assert list(err.value.warnings) == ["location_box"]
    assert "盒" in err.value.warnings["location_box"]


def test_errors_and_warnings_are_reported_together(clerk) -> None:
    wrong = VALID_CODE[:-1] + "4"
    with pytest.raises(ValidationError) as err:
        cards.create_card(clerk, draft("甲公司", postcode="12345", credit_code=wrong))
    assert set(err.value.errors) == {"postcode"}
    assert set(err.value.warnings) == {"credit_code"}
    assert "校验位" in err.value.warnings["credit_code"]
    assert "1 条提示" in err.value.message
    assert Card.select().count() == 0


def test_the_confirmation_lists_each_warning_once(clerk) -> None:
    wrong = VALID_CODE[:-1] + "4"
    with pytest.raises(NeedsConfirmation) as err:
        cards.create_card(clerk, draft("甲公司", credit_code=wrong, location_box=""))
    assert set(err.value.warnings) == {"credit_code", "location_box"}
    for text in err.value.warnings.values():
        assert err.value.message.count(text) == 1


def test_input_is_normalised(clerk) -> None:
    card = make_card(
        clerk, "  北京　海淀科技有限公司 ", credit_code="９１３５０１００ｍ０００１００ｙ４３"
    )
    assert card.values["name"] == "北京 海淀科技有限公司"
    assert card.values["credit_code"] == VALID_CODE


def test_duplicates_by_credit_code_and_by_name_including_former_names(clerk) -> None:
    first = make_card(clerk, "北京海淀科技有限公司", credit_code=VALID_CODE)
    with pytest.raises(cards.DuplicateCards) as err:
        cards.create_card(clerk, draft("另一个名字", credit_code=VALID_CODE))
    assert [c.id for c in err.value.candidates] == [first.id]
    with pytest.raises(cards.DuplicateCards):
        cards.create_card(clerk, draft("北京海淀科技（有限）公司"))  # same normalised name
    renamed = cards.update_card(
        clerk,
        first.id,
        first.version,
        cards.CardDraft(values={**first.values, "name": "海淀智能科技有限公司"}),
        reason="更名",
    )
    with pytest.raises(cards.DuplicateCards) as err:
        cards.create_card(clerk, draft("北京海淀科技有限公司"))  # now a former name
    assert err.value.candidates[0].id == renamed.id
    assert Card.select().count() == 1
    third = cards.create_card(clerk, draft("北京海淀科技有限公司"), allow_duplicate=True)
    assert third.id != first.id


def test_every_edit_lands_in_history_with_reporter_and_reason(clerk) -> None:
    card = make_card(clerk, "甲公司", phone="010-62345678")
    values = {**card.values, "phone": "010-87654321", "grade": "A"}
    cards.update_card(
        clerk,
        card.id,
        card.version,
        cards.CardDraft(values=values),
        reported_by="王销售",
        reason="客户来电",
    )
    rows = [h for h in cards.history(clerk, card.id) if h.action == "edit"]
    assert {h.field for h in rows} == {"电话", "客户等级"}
    phone = next(h for h in rows if h.field == "电话")
    assert (phone.old_value, phone.new_value) == ("010-62345678", "010-87654321")
    assert {(h.reported_by, h.reason) for h in rows} == {("王销售", "客户来电")}


def test_a_rename_keeps_the_former_name_and_it_stays_searchable(clerk) -> None:
    card = make_card(clerk, "北京海淀科技有限公司")
    cards.update_card(
        clerk, card.id, card.version,
        cards.CardDraft(values={**card.values, "name": "北京中关村智能有限公司"}), reason="工商变更",
    )  # fmt: skip
    view = cards.get_card(clerk, card.id)
    assert [n for n, _ in view.former_names] == ["北京海淀科技有限公司"]
    assert find(clerk, "海淀") == ["北京中关村智能有限公司"]
    assert CardHistory.select().where(CardHistory.action == "rename").count() == 1


def test_a_stale_save_is_refused(clerk) -> None:
    card = make_card(clerk, "甲公司")
    cards.update_card(
        clerk, card.id, card.version, cards.CardDraft(values={**card.values, "grade": "A"})
    )
    with pytest.raises(StaleRecord):
        cards.update_card(
            clerk, card.id, card.version, cards.CardDraft(values={**card.values, "grade": "C"})
        )
    assert Card.get_by_id(card.id).grade == "A"


def test_ending_the_trade_starts_the_retention_clock(clerk, clock) -> None:
    card = make_card(clerk, "甲公司", retention="D10", retention_event="trade_end")
    assert card.retention_due is None  # still trading: the clock has not started
    clock.set("2026-06-15T10:00:00")
    ended = cards.update_card(
        clerk, card.id, card.version,
        cards.CardDraft(values={**card.values, "trade_status": "suspended"}), reason="停止合作",
    )  # fmt: skip
    assert ended.trade_ended_on == dt.date(2026, 6, 15)
    assert ended.retention_due == dt.date(2036, 6, 15)
    ids = cards.card_ids(clerk, cards.CardFilter(trade_status="suspended"))
    assert ids == [card.id]


def test_contacts_and_contents_list_are_validated_and_kept(clerk) -> None:
    bad = draft(
        "甲公司",
        contacts=[cards.ContactInput("张三", mobile="12345")],
        documents=[cards.DocumentInput("购销合同", "合同", pages="x")],
    )
    with pytest.raises(ValidationError) as err:
        cards.create_card(clerk, bad)
    assert any(k.startswith("contact1") for k in err.value.errors)
    assert any(k.startswith("document1") for k in err.value.errors)
    good = make_card(
        clerk,
        "甲公司",
        contacts=[cards.ContactInput("张三", "采购经理", mobile="138 0013 8000")],
        documents=[cards.DocumentInput("购销合同", "合同", True, 12, "2026-01-05")],
    )
    assert good.contacts[0].mobile == "13800138000"
    assert (good.documents[0].pages, good.documents[0].doc_date) == (12, dt.date(2026, 1, 5))


def test_secrecy_hides_cards_from_list_search_and_opening(clerk, make_user) -> None:
    make_card(clerk, "公开贸易有限公司", secrecy=int(Secrecy.PUBLIC))
    secret = make_card(clerk, "机密贸易有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    reader = make_user(Role.DEPT_HEAD, clearance=int(Secrecy.INTERNAL))
    assert find(reader, "贸易") == ["公开贸易有限公司"]
    assert cards.count_cards(reader, cards.CardFilter()) == 1
    assert cards.card_rows(reader, [secret.id]) == []
    assert cards.find_by_archive_no(reader, secret.archive_no) is None
    with pytest.raises(Exception, match="无权"):
        cards.get_card(reader, secret.id)
    assert sorted(find(clerk, "贸易")) == ["公开贸易有限公司", "机密贸易有限公司"]


def test_opening_a_confidential_card_is_logged(clerk) -> None:
    secret = make_card(clerk, "机密公司", secrecy=int(Secrecy.CONFIDENTIAL))
    plain = make_card(clerk, "普通公司", secrecy=int(Secrecy.INTERNAL))
    cards.get_card(clerk, plain.id)
    cards.get_card(clerk, secret.id)
    views = AuditEvent.select().where(AuditEvent.action == "card.view_classified")
    assert [e.entity_id for e in views] == [str(secret.id)]


def test_a_clerk_cannot_create_a_card_above_her_clearance(make_user) -> None:
    low = make_user(Role.CLERK, clearance=int(Secrecy.INTERNAL))
    with pytest.raises(ValidationError, match="密级"):
        cards.create_card(low, draft("甲公司", secrecy=int(Secrecy.CONFIDENTIAL)))


def test_a_role_without_the_permission_gets_permission_denied(make_user) -> None:
    head = make_user(Role.DEPT_HEAD)
    with pytest.raises(PermissionDenied):
        cards.create_card(head, draft("甲公司"))
    assert Card.select().count() == 0


def test_list_filters_tree_counts_and_sorting(clerk) -> None:
    make_card(clerk, "甲公司", region="北京", category="GY", grade="A")
    make_card(clerk, "乙公司", region="北京", category="SY", grade="B")
    make_card(clerk, "丙公司", region="上海", category="GY", grade="A")
    everything = cards.CardFilter()
    counts = cards.tree_counts(clerk, everything)
    assert counts[(region_id("北京"), category_id("GY"))] == 1
    assert sum(counts.values()) == 3
    # with search text (one character, from the gram index; and a longer term) and a filter
    assert cards.tree_counts(clerk, cards.CardFilter(text="甲")) == {
        (region_id("北京"), category_id("GY")): 1
    }
    assert cards.tree_counts(clerk, cards.CardFilter(text="公司", grade="A")) == {
        (region_id("北京"), category_id("GY")): 1,
        (region_id("上海"), category_id("GY")): 1,
    }
    huabei = next(r for r in cards.list_regions() if r.name == "华北")
    assert cards.count_cards(clerk, cards.CardFilter(region_id=huabei.id)) == 2
    assert cards.count_cards(clerk, cards.CardFilter(grade="A")) == 2
    ids = cards.card_ids(clerk, everything, sort="archive_no", descending=True)
    numbers = [r.archive_no for r in cards.card_rows(clerk, ids)]
    assert numbers == sorted(numbers, reverse=True)


def test_find_one_by_number_or_a_single_search_match(clerk) -> None:
    first = make_card(clerk, "甲公司")
    make_card(clerk, "乙公司")
    assert cards.find_one(clerk, first.archive_no.lower()) == (first.id, 1)
    assert cards.find_one(clerk, "甲公") == (first.id, 1)
    assert cards.find_one(clerk, "公司") == (None, 2)
    assert cards.find_one(clerk, "没有这家") == (None, 0)


def test_the_salesperson_filter_offers_active_salespeople_by_name(clerk) -> None:  # type: ignore[no-untyped-def]
    from archive_desk.db.models import Person

    zhou = Person.create(name="周杰", is_salesperson=True)
    Person.create(name="艾米", is_salesperson=True)
    Person.create(name="王五", is_salesperson=True, active=False)  # left the company
    Person.create(name="赵六")  # a borrower, not a salesperson
    offered = cards.salespeople()
    assert [name for _id, name in offered] == sorted(["周杰", "艾米"])
    assert (zhou.id, "周杰") in offered


def test_a_back_dated_trade_end_recomputes_the_due_date(clerk, clock) -> None:
    """The clerk learns today that the trade ended years ago: the date she enters starts the
    clock (the due date falls back with it, and the card is due now); a changed period or a
    corrected date recompute it again, every change in the history."""
    card = make_card(clerk, "甲公司", retention="D10", retention_event="trade_end")
    ended = cards.update_card(
        clerk, card.id, card.version,
        cards.CardDraft(values={**card.values, "trade_status": "past", "trade_ended_on": "2014-03-01"}),
    )  # fmt: skip
    assert ended.trade_ended_on == dt.date(2014, 3, 1)
    assert ended.values["retention_start"] == dt.date(2014, 3, 1)
    assert ended.retention_due == dt.date(2024, 3, 1)
    assert cards.card_ids(clerk, cards.CardFilter(retention_due_by=clock.today())) == [card.id]
    longer = cards.update_card(
        clerk, card.id, ended.version, cards.CardDraft(values={**ended.values, "retention": "D30"})
    )
    assert longer.retention_due == dt.date(2044, 3, 1)
    corrected = cards.update_card(
        clerk, card.id, longer.version,
        cards.CardDraft(values={**longer.values, "retention": "D10", "trade_ended_on": "2019-05-20"}),
    )  # fmt: skip
    assert corrected.retention_due == dt.date(2029, 5, 20)
    fields = {h.field for h in cards.history(clerk, card.id)}
    assert {"交易终止日期", "保管期限"} <= fields
    with pytest.raises(ValidationError, match="交易终止日期"):
        cards.update_card(
            clerk, card.id, corrected.version,
            cards.CardDraft(values={**corrected.values, "trade_ended_on": "2027-01-01"}),
        )  # fmt: skip
    resumed = cards.update_card(
        clerk, card.id, corrected.version,
        cards.CardDraft(values={**corrected.values, "trade_status": "active"}),
    )  # fmt: skip
    assert (resumed.trade_ended_on, resumed.retention_due) == (None, None)


def test_a_new_card_may_carry_an_old_trade_end(clerk) -> None:
    card = make_card(clerk, "乙公司", retention="D10", trade_status="suspended",
                     trade_ended_on="2012-07-01")  # fmt: skip
    assert (card.trade_ended_on, card.retention_due) == (dt.date(2012, 7, 1), dt.date(2022, 7, 1))


def test_text_longer_than_its_column_is_refused(clerk) -> None:
    """SQLite keeps any length in a column: the check is the service's (the editor saved a
    201-character name, and an import would have brought in a ledger's 10,000)."""
    long = draft("长" * 201, address="路" * 301)
    long.contacts = [cards.ContactInput("张" * 51, mobile="13812345678")]
    with pytest.raises(ValidationError) as refused:
        cards.create_card(clerk, long, confirm_warnings=True)
    assert refused.value.errors == {
        "name": "“客户名称”最多 200 个字，现在有 201 个。",
        "address": "“地址”最多 300 个字，现在有 301 个。",
        "contact1.name": "第 1 位联系人：“姓名”最多 50 个字，现在有 51 个。",
    }
    assert make_card(clerk, "长" * 200).values["name"] == "长" * 200


def test_the_patterns_next_number_skips_one_a_card_holds(clerk) -> None:
    """A number brought in from a ledger can be ahead of the pattern's counter."""
    first = make_card(clerk, "甲公司")
    Card.update(archive_no="GY2026002").where(Card.id == first.id).execute()
    assert make_card(clerk, "乙公司").archive_no == "GY2026003"
