"""A round's or an inventory's scope: checked, named, stored, and turned into the cards it
covers (through :func:`archive_desk.cards.filter_condition`, so visibility applies)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from archive_desk import cards, validation
from archive_desk.db.models import Inspection
from archive_desk.errors import ValidationError
from archive_desk.inspection._states import ScopeKind
from archive_desk.inspection.views import Location, Scope

# a place as typed on one line: its four parts and the separators between them
PLACE_MAX = sum(Inspection._meta.fields[f"scope_{p}"].max_length
                for p in ("room", "cabinet", "shelf", "box")) + 3 * 3  # fmt: skip
# 一号库房-01-1-001, 一号库房/01/1, 一号库房 › 01 › 1, 一号库房>01
_SEPARATORS = re.compile(r"\s*(?:›|>|/|\\|-|—|－)\s*")


def parse_location(text: str) -> Location:
    """A location as typed: room, cabinet, shelf and box separated by ``-``, ``/``, ``›`` or
    ``>`` (spaces around them ignored). More than four parts is refused."""
    cleaned = validation.clean_text(text, "存放位置", PLACE_MAX, field="location", fold=True)
    if not cleaned:
        raise ValidationError("请填写存放位置，例如 一号库房-01-1。", field="location")
    parts = [p for p in _SEPARATORS.split(cleaned)]
    if len(parts) > 4 or any(not p for p in parts):
        raise ValidationError(
            f"存放位置“{cleaned}”无法识别：应写成 库房-柜-层-盒，例如 一号库房-01-1。",
            field="location",
        )
    return cards.clean_location(Location(*parts))


def check_scope(scope: Scope) -> Scope:
    """The scope as stored: its kind known, the region or category existing, a location with a
    room and no gaps. Refuses with a Chinese message otherwise."""
    kind = scope.kind
    if kind not in ScopeKind.labels():
        raise ValidationError("检查范围无效。", field="scope")
    kind = ScopeKind(kind)
    if kind == ScopeKind.REGION:
        if scope.region_id not in {r.id for r in cards.list_regions()}:
            raise ValidationError("请选择区域。", field="scope")
        return Scope(kind, region_id=scope.region_id)
    if kind == ScopeKind.CATEGORY:
        if scope.category_id not in {c.id for c in cards.list_categories()}:
            raise ValidationError("请选择类别。", field="scope")
        return Scope(kind, category_id=scope.category_id)
    if kind == ScopeKind.LOCATION:
        location = cards.clean_location(scope.location)
        if not location.room:
            raise ValidationError("请填写库房。", field="location")
        if "" in location.parts:
            raise ValidationError("存放位置中间不能留空：请写全库房、柜、层。", field="location")
        return Scope(kind, location=location)
    return Scope(ScopeKind.ALL)


def scope_label(scope: Scope) -> str:
    """``全部档案``, ``区域：华东区 › 上海``, ``类别：GY 工业客户``, ``位置：一号库房-01-1``."""
    if scope.kind == ScopeKind.REGION:
        path = next((r.path for r in cards.list_regions() if r.id == scope.region_id), "")
        return f"区域：{path}"
    if scope.kind == ScopeKind.CATEGORY:
        found = next((c for c in cards.list_categories() if c.id == scope.category_id), None)
        return f"类别：{found.code} {found.name}" if found else "类别"
    if scope.kind == ScopeKind.LOCATION:
        return f"位置：{scope.location.text}"
    return ScopeKind.ALL.label


def card_filter(scope: Scope, created_before: dt.datetime | None = None) -> cards.CardFilter:
    """The kept cards of ``scope`` (filed before ``created_before``, when given)."""
    return cards.CardFilter(
        region_id=scope.region_id if scope.kind == ScopeKind.REGION else None,
        category_id=scope.category_id if scope.kind == ScopeKind.CATEGORY else None,
        location=scope.location.parts if scope.kind == ScopeKind.LOCATION else (),
        created_before=created_before,
    )


def columns(scope: Scope) -> dict[str, Any]:
    """The scope as the row's columns (with its label as it reads now)."""
    loc = scope.location
    return {
        "scope_kind": scope.kind, "scope_region": scope.region_id,
        "scope_category": scope.category_id, "scope_room": loc.room, "scope_cabinet": loc.cabinet,
        "scope_shelf": loc.shelf, "scope_box": loc.box, "scope_label": scope_label(scope),
    }  # fmt: skip


def of(row: Inspection) -> Scope:
    """The scope a round or an inventory was stored with."""
    return Scope(
        ScopeKind(row.scope_kind),
        region_id=row.scope_region,
        category_id=row.scope_category,
        location=Location(row.scope_room, row.scope_cabinet, row.scope_shelf, row.scope_box),
    )
