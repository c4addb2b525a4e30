"""Regions and categories: defaults, editing, in use means retire (never delete)."""

from __future__ import annotations

import pytest

from archive_desk import cards
from archive_desk import cards as classification
from archive_desk.db.models import Category, Region
from archive_desk.domain import Role
from archive_desk.errors import Conflict, PermissionDenied, StaleRecord, ValidationError
from tests.cardkit import category_id, draft, make_card, region_id


def test_the_defaults(db) -> None:
    top = [r.name for r in classification.list_regions() if r.parent_id is None]
    assert top == ["华北", "华东", "华南", "华中", "西南", "西北", "东北"]
    beijing = next(r for r in classification.list_regions() if r.name == "北京")
    assert beijing.path == "华北 › 北京"
    codes = {c.code: c.name for c in classification.list_categories()}
    assert codes == {
        "GY": "工业客户",
        "SY": "商业客户",
        "ZF": "政府机构",
        "GR": "个人客户",
        "HZ": "合作伙伴",
    }


def test_regions_form_a_tree_and_unused_ones_can_be_deleted(admin) -> None:
    area = classification.create_region(admin, "海外", code="hw")
    child = classification.create_region(admin, "新加坡", parent_id=area.id)
    assert area.code == "HW" and child.path == "海外 › 新加坡"
    assert classification.region_code_of(child.id) == "HW"
    with pytest.raises(Conflict, match="下级区域"):
        classification.delete_region(admin, area.id)
    classification.delete_region(admin, child.id)
    classification.delete_region(admin, area.id)
    assert not Region.select().where(Region.name == "海外").exists()


def test_a_region_or_category_in_use_can_only_be_retired(admin, clerk) -> None:
    make_card(clerk, "甲公司", region="北京", category="GY")
    with pytest.raises(Conflict, match="只能停用"):
        classification.delete_region(admin, region_id("北京"))
    with pytest.raises(Conflict, match="只能停用"):
        classification.delete_category(admin, category_id("GY"))
    classification.set_category_retired(admin, category_id("GY"), True)
    assert Category.get(Category.code == "GY").retired
    assert "GY" not in {c.code for c in classification.list_categories(include_retired=False)}
    with pytest.raises(ValidationError, match="停用"):
        cards.create_card(clerk, draft("乙公司", category="GY"), confirm_warnings=True)
    classification.set_category_retired(admin, category_id("GY"), False)
    assert make_card(clerk, "乙公司", category="GY").archive_no == "GY2026002"


def test_category_code_stays_and_bad_values_are_refused(admin) -> None:
    gy = next(c for c in classification.list_categories() if c.code == "GY")
    renamed = classification.update_category(admin, gy.id, gy.version, name="工业", color="#112233")
    assert (renamed.code, renamed.name, renamed.color) == ("GY", "工业", "#112233")
    with pytest.raises(StaleRecord):
        classification.update_category(admin, gy.id, gy.version, name="旧副本", color="#112233")
    with pytest.raises(ValidationError, match="颜色"):
        classification.update_category(admin, gy.id, renamed.version, name="工业", color="red")
    with pytest.raises(ValidationError, match="已被使用"):
        classification.create_category(admin, "SY", "又一个商业")
    with pytest.raises(ValidationError, match="类别代码"):
        classification.create_category(admin, "工业", "中文代码")
    assert Category.select().count() == 5


def test_approvers_do_not_manage_classification(make_user) -> None:
    head = make_user(Role.DEPT_HEAD)  # the admin and the clerk do; approvers only read
    with pytest.raises(PermissionDenied):
        classification.create_region(head, "海外")
    with pytest.raises(PermissionDenied):
        classification.set_category_retired(head, category_id("GY"), True)
    assert not Category.get(Category.code == "GY").retired


def test_counts_roll_up_through_every_level_of_the_tree(admin) -> None:
    area = classification.create_region(admin, "海外")
    country = classification.create_region(admin, "新加坡", parent_id=area.id)
    city = classification.create_region(admin, "裕廊", parent_id=country.id)
    other = classification.create_region(admin, "马来西亚", parent_id=area.id)
    regions = classification.list_regions()
    totals = classification.roll_up(regions, {city.id: 2, country.id: 1, other.id: 4})
    assert (totals[city.id], totals[country.id], totals[other.id]) == (2, 3, 4)
    assert totals[area.id] == 7  # its own 0, 新加坡 with 裕廊, 马来西亚
    assert totals[region_id("北京")] == 0 and len(totals) == len(regions)
