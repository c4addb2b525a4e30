"""Program settings shared by every workstation on one database (the ``setting`` table).

Each setting is declared once here with its key, type, default and Chinese label; reading an
undeclared key is a bug. Per-user window state lives in Qt's QSettings, not here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from archive_desk import audit, validation
from archive_desk.db.connection import transaction
from archive_desk.db.models import Setting
from archive_desk.errors import ValidationError
from archive_desk.permissions import Actor, Perm, require


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    label: str
    minimum: int | None = None
    maximum: int | None = None


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("org.name", str, "本公司", "单位名称（打印在表格上）"),
        Option("archive_no.pattern", str, "{category}{year}{seq:3}", "档案编号规则"),
        Option("backup.keep", int, 10, "自动备份保留份数", 1, 365),
        Option("labels.rows", int, 7, "标签纸行数", 1, 20),
        Option("labels.columns", int, 2, "标签纸列数", 1, 6),
        Option("labels.margin_top_mm", int, 15, "标签纸上边距（毫米）", 0, 60),
        Option("labels.margin_left_mm", int, 10, "标签纸左边距（毫米）", 0, 60),
        Option("labels.gap_mm", int, 3, "标签间距（毫米）", 0, 20),
        Option("review.months", str, "2,8", "例行检查月份"),
        Option("borrow.day_close", bool, True, "每日闭馆清点在馆借阅"),
        Option("destruction.wait_days", int, 30, "批准销毁后的等待期（天）", 0, 365),
    )
}


def get(key: str) -> Any:
    option = OPTIONS[key]
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return option.default
    try:
        return option.type(json.loads(row.value))
    except (ValueError, TypeError):
        return option.default


def all_values() -> dict[str, Any]:
    return {key: get(key) for key in OPTIONS}


TEXT_MAX = 200  # a text setting: a name, a pattern, a list of months


def _coerce(option: Option, value: Any) -> Any:
    if option.type is str:
        return validation.clean_text(value, option.label, TEXT_MAX, field=option.key)
    try:
        coerced = option.type(value)
    except (ValueError, TypeError):
        raise ValidationError(f"“{option.label}”的值无效。", field=option.key) from None
    if option.type is int:
        if option.minimum is not None and coerced < option.minimum:
            raise ValidationError(f"“{option.label}”不能小于 {option.minimum}。", field=option.key)
        if option.maximum is not None and coerced > option.maximum:
            raise ValidationError(f"“{option.label}”不能大于 {option.maximum}。", field=option.key)
    return coerced


def set_values(actor: Actor, values: dict[str, Any]) -> None:
    """Change several settings at once (all or nothing)."""
    require(actor, Perm.SETTINGS_MANAGE)
    unknown = set(values) - set(OPTIONS)
    if unknown:
        raise ValidationError(f"未知的设置项：{', '.join(sorted(unknown))}")
    coerced = {k: _coerce(OPTIONS[k], v) for k, v in values.items()}
    if "archive_no.pattern" in coerced:
        from archive_desk.numbering import validate_pattern

        validate_pattern(coerced["archive_no.pattern"])
    if "review.months" in coerced:
        parts = coerced["review.months"].replace("，", ",").split(",")
        if not all(re.fullmatch(r"\s*\d{1,2}\s*", p) and 1 <= int(p) <= 12 for p in parts):
            raise ValidationError(
                "例行检查月份应写成 1 到 12 的月份，用逗号分隔，例如 2,8。", field="review.months"
            )
    with transaction():
        before = {k: get(k) for k in coerced}
        for key, value in coerced.items():
            Setting.insert(key=key, value=json.dumps(value, ensure_ascii=False)).on_conflict(
                conflict_target=[Setting.key],
                update={Setting.value: json.dumps(value, ensure_ascii=False)},
            ).execute()
        audit.record(
            actor,
            "settings.update",
            "setting",
            ",".join(sorted(coerced)),
            before=before,
            after=coerced,
        )
