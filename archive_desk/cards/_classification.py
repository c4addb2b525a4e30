"""Regions (a tree) and category labels.

A region or category that a card uses cannot be deleted, only retired: retired entries stay on
their cards and in reports but are not offered for new cards.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from archive_desk import audit, validation
from archive_desk.db.models import Card, Category, Region
from archive_desk.errors import Conflict, NotFound, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import records
from archive_desk.procedures.changes import transaction

COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
CODE = re.compile(r"[A-Z0-9]{1,10}")


def _text(value: str, label: str, limit: int, field: str, *, code: bool = False) -> str:
    """A name as typed (trimmed, cleaned); a code or colour also made half-width."""
    return validation.clean_text(value, label, limit, field=field, fold=code)


def _region_texts(name: str, code: str) -> tuple[str, str]:
    return (
        _text(name, "区域名称", Region.name.max_length, "name"),
        _text(code, "区域代码", Region.code.max_length, "code", code=True).upper(),
    )


@dataclass(frozen=True)
class RegionView:
    id: int
    parent_id: int | None
    code: str
    name: str
    path: str  # 华东 › 上海
    sort: int
    retired: bool
    version: int


@dataclass(frozen=True)
class CategoryView:
    id: int
    code: str
    name: str
    color: str
    sort: int
    retired: bool
    version: int


def _category_view(c: Category) -> CategoryView:
    return CategoryView(c.id, c.code, c.name, c.color, c.sort, c.retired, c.version)


def list_regions(*, include_retired: bool = True) -> list[RegionView]:
    """All regions in tree order (parents before their children), each with its full path."""
    rows = list(Region.select().order_by(Region.sort, Region.id))
    by_parent: dict[int | None, list[Region]] = {}
    for r in rows:
        by_parent.setdefault(r.parent_id, []).append(r)
    out: list[RegionView] = []

    def walk(parent: int | None, prefix: str) -> None:
        for r in by_parent.get(parent, []):
            if r.retired and not include_retired:
                continue
            path = f"{prefix} › {r.name}" if prefix else r.name
            out.append(
                RegionView(r.id, r.parent_id, r.code, r.name, path, r.sort, r.retired, r.version)
            )
            walk(r.id, path)

    walk(None, "")
    return out


def roll_up(regions: Sequence[RegionView], counts: Mapping[int, int]) -> dict[int, int]:
    """Each region's count together with its sub-regions' (``regions`` in the tree order of
    :func:`list_regions`; ``counts`` per region id, cards filed directly under it)."""
    totals = {r.id: counts.get(r.id, 0) for r in regions}
    for r in reversed(regions):  # a sub-region comes after its parent: it is done first
        if r.parent_id in totals:
            totals[r.parent_id] += totals[r.id]
    return totals


def region_code_of(region_id: int) -> str:
    """The nearest code up the tree (a province often has none; its large region has)."""
    region: Region | None = Region.get_or_none(Region.id == region_id)
    while region is not None:
        if region.code:
            return str(region.code)
        region = region.parent
    return ""


def list_categories(*, include_retired: bool = True) -> list[CategoryView]:
    query = Category.select().order_by(Category.sort, Category.code)
    if not include_retired:
        query = query.where(Category.retired == False)  # noqa: E712
    return [_category_view(c) for c in query]


def _check_region(name: str, code: str, parent_id: int | None, exclude: int | None) -> None:
    if not name:
        raise ValidationError("请输入区域名称。", field="name")
    if code and not CODE.fullmatch(code):
        raise ValidationError("区域代码只能是1–10位大写字母或数字。", field="code")
    if parent_id is not None and Region.get_or_none(Region.id == parent_id) is None:
        raise ValidationError("上级区域不存在。", field="parent")
    same = Region.select().where((Region.name == name) & (Region.parent == parent_id))
    if exclude is not None:
        same = same.where(Region.id != exclude)
    if same.exists():
        raise ValidationError(f"同一上级下已有区域“{name}”。", field="name")


def create_region(
    actor: Actor, name: str, *, parent_id: int | None = None, code: str = ""
) -> RegionView:
    require(actor, Perm.CLASSIFICATION_MANAGE)
    name, code = _region_texts(name, code)
    _check_region(name, code, parent_id, None)
    with transaction():
        sort = Region.select().where(Region.parent == parent_id).count()
        region = Region.create(name=name, code=code, parent=parent_id, sort=sort)
        audit.record(
            actor,
            "region.create",
            "region",
            region.id,
            after={"name": name, "code": code, "parent_id": parent_id},
        )
    return next(r for r in list_regions() if r.id == region.id)


def update_region(
    actor: Actor,
    region_id: int,
    version: int,
    *,
    name: str,
    code: str = "",
    parent_id: int | None = None,
) -> RegionView:
    require(actor, Perm.CLASSIFICATION_MANAGE)
    region = Region.get_or_none(Region.id == region_id)
    if region is None:
        raise NotFound("区域不存在。")
    name, code = _region_texts(name, code)
    _check_region(name, code, parent_id, region_id)
    ancestor = parent_id
    while ancestor is not None:  # a region cannot move below itself
        if ancestor == region_id:
            raise ValidationError("不能把区域移到它自己的下级。", field="parent")
        ancestor = Region.get_by_id(ancestor).parent_id
    with transaction():
        before = {"name": region.name, "code": region.code, "parent_id": region.parent_id}
        records.update(Region, region_id, version, name=name, code=code, parent=parent_id)
        audit.record(
            actor,
            "region.update",
            "region",
            region_id,
            before=before,
            after={"name": name, "code": code, "parent_id": parent_id},
        )
    return next(r for r in list_regions() if r.id == region_id)


def _set_retired(
    actor: Actor, model: Any, entity: str, pk: int, retired: bool, missing: str
) -> None:
    """Retire or reinstate a region or category (in use means retire, never delete)."""
    require(actor, Perm.CLASSIFICATION_MANAGE)
    with transaction():
        changed = (
            model.update(retired=retired, version=model.version + 1).where(model.id == pk).execute()
        )
        if changed != 1:
            raise NotFound(missing)
        audit.record(actor, f"{entity}.{'retire' if retired else 'reinstate'}", entity, pk)


def set_region_retired(actor: Actor, region_id: int, retired: bool) -> None:
    _set_retired(actor, Region, "region", region_id, retired, "区域不存在。")


def delete_region(actor: Actor, region_id: int) -> None:
    """Only an unused region without sub-regions can be deleted; otherwise retire it."""
    require(actor, Perm.CLASSIFICATION_MANAGE)
    with transaction():
        region = Region.get_or_none(Region.id == region_id)
        if region is None:
            raise NotFound("区域不存在。")
        if Region.select().where(Region.parent == region_id).exists():
            raise Conflict(f"区域“{region.name}”下还有下级区域，不能删除。")
        used = Card.select().where(Card.region == region_id).count()
        if used:
            raise Conflict(f"区域“{region.name}”已有 {used} 张档案卡使用，不能删除，只能停用。")
        region.delete_instance()
        audit.record(actor, "region.delete", "region", region_id, before={"name": region.name})


def _category_texts(name: str, color: str) -> tuple[str, str]:
    return (
        _text(name, "类别名称", Category.name.max_length, "name"),
        _text(color, "标签颜色", Category.color.max_length, "color", code=True).upper(),
    )


def _check_category(code: str, name: str, color: str, exclude: int | None) -> None:
    errors: dict[str, str] = {}
    if not CODE.fullmatch(code):
        errors["code"] = "类别代码只能是1–10位大写字母或数字，例如 GY。"
    if not name:
        errors["name"] = "请输入类别名称。"
    if not COLOR.fullmatch(color):
        errors["color"] = "标签颜色应为 #RRGGBB 形式，例如 #1F77B4。"
    same = Category.select().where(Category.code == code)
    if exclude is not None:
        same = same.where(Category.id != exclude)
    if "code" not in errors and same.exists():
        errors["code"] = f"类别代码“{code}”已被使用。"
    if errors:
        raise ValidationError(next(iter(errors.values())), errors=errors)


def create_category(actor: Actor, code: str, name: str, color: str = "#808080") -> CategoryView:
    require(actor, Perm.CLASSIFICATION_MANAGE)
    code = _text(code, "类别代码", Category.code.max_length, "code", code=True).upper()
    name, color = _category_texts(name, color)
    _check_category(code, name, color, None)
    with transaction():
        cat = Category.create(code=code, name=name, color=color, sort=Category.select().count())
        audit.record(
            actor,
            "category.create",
            "category",
            cat.id,
            after={"code": code, "name": name, "color": color},
        )
    return _category_view(cat)


def update_category(
    actor: Actor, category_id: int, version: int, *, name: str, color: str
) -> CategoryView:
    """Name and colour can change; the code cannot (it is part of archive numbers)."""
    require(actor, Perm.CLASSIFICATION_MANAGE)
    cat = Category.get_or_none(Category.id == category_id)
    if cat is None:
        raise NotFound("类别不存在。")
    name, color = _category_texts(name, color)
    _check_category(cat.code, name, color, category_id)
    with transaction():
        before = {"name": cat.name, "color": cat.color}
        records.update(Category, category_id, version, name=name, color=color)
        audit.record(
            actor,
            "category.update",
            "category",
            category_id,
            before=before,
            after={"name": name, "color": color},
        )
    return _category_view(Category.get_by_id(category_id))


def set_category_retired(actor: Actor, category_id: int, retired: bool) -> None:
    _set_retired(actor, Category, "category", category_id, retired, "类别不存在。")


def delete_category(actor: Actor, category_id: int) -> None:
    require(actor, Perm.CLASSIFICATION_MANAGE)
    with transaction():
        cat = Category.get_or_none(Category.id == category_id)
        if cat is None:
            raise NotFound("类别不存在。")
        used = Card.select().where(Card.category == category_id).count()
        if used:
            raise Conflict(f"类别“{cat.name}”已有 {used} 张档案卡使用，不能删除，只能停用。")
        cat.delete_instance()
        audit.record(
            actor,
            "category.delete",
            "category",
            category_id,
            before={"code": cat.code, "name": cat.name},
        )
