"""A draft checked: every field normalised and validated, errors and warnings together so the
clerk sees every problem at once; the retention due date a card's values give."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peewee import CharField

from archive_desk import validation
from archive_desk.cards._fields import (
    CARD_FIELDS,
    DEFAULTS,
    FIELD_BY_NAME,
    LOCATION_FIELDS,
    FieldSpec,
)
from archive_desk.cards.views import CardDraft, ContactInput, DocumentInput
from archive_desk.db.models import (
    Card,
    CardDocument,
    Category,
    ContactPerson,
    Department,
    Person,
    Region,
)
from archive_desk.db.prepared import Slot, prepared
from archive_desk.domain import (
    RETENTION_YEARS,
)
from archive_desk.errors import (
    NeedsConfirmation,
    ValidationError,
)


@dataclass
class CheckedCard:
    values: dict[str, Any]
    contacts: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    errors: dict[str, str]
    warnings: dict[str, str]


# --- validation -------------------------------------------------------------------------------


def _checker(kind: str) -> Any:
    return {
        "credit_code": validation.check_credit_code,
        "postcode": validation.check_postcode,
        "phone": validation.check_phone,
        "email": validation.check_email,
        "url": validation.check_url,
    }.get(kind)


def check_draft(draft: CardDraft, *, today: dt.date) -> CheckedCard:
    """Normalise and validate every field; nothing is written."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    raw = {**DEFAULTS, **draft.values}
    for spec in CARD_FIELDS:
        value = raw.get(spec.name)
        if isinstance(value, str):
            value = value.strip() if spec.kind == "long" else validation.normalize_text(value)
        empty = value is None or value == ""
        if spec.required and empty:
            verb = "选择" if spec.kind in ("choice", "ref") else "填写"
            errors[spec.name] = f"请{verb}“{spec.label}”。"
            continue
        if spec.kind == "date":
            if empty:
                value = None
            elif not isinstance(value, dt.date):
                check = validation.check_date(str(value), not_after=today)
                if check.error:
                    errors[spec.name] = f"{spec.label}：{check.error}"
                    continue
                value = check.date
            elif value > today:
                errors[spec.name] = f"{spec.label}不能晚于今天。"
                continue
        elif spec.kind == "int":
            if empty:
                value = None
            else:
                try:
                    value = int(str(value).replace(",", ""))
                    if value < 0:
                        raise ValueError
                except ValueError:
                    errors[spec.name] = f"“{spec.label}”应为不小于0的整数。"
                    continue
        elif spec.kind == "choice":
            assert spec.choices is not None
            if spec.name == "secrecy" and isinstance(value, str) and value.isdigit():
                value = int(value)
            if value not in spec.choices:
                errors[spec.name] = f"“{spec.label}”的取值无效。"
                continue
        elif spec.kind == "ref":
            value = None if empty else int(str(value))
        elif (checker := _checker(spec.kind)) is not None:
            check = checker(value or "")
            if check.error:
                errors[spec.name] = _about(spec, check.error)
                continue
            if check.warning:
                warnings[spec.name] = _about(spec, check.warning)
            value = check.value
        elif value is None:
            value = ""
        if (problem := _too_long(spec.label, value, _CARD_LIMITS.get(spec.name))) is not None:
            errors[spec.name] = problem
            continue
        values[spec.name] = value
    _check_refs(values, errors)
    _check_location(values, warnings)
    if values.get("retention_event") == "manual" and not values.get("retention_start"):
        errors.setdefault("retention_start", "保管期限按手工指定起算时，请填写起算日期。")
    contacts = _check_contacts(draft.contacts, errors, warnings)
    documents = _check_documents(draft.documents, errors, today)
    return CheckedCard(values, contacts, documents, errors, warnings)


def _limits(model: Any) -> dict[str, int]:
    """The longest text each character column of ``model`` holds (SQLite does not enforce a
    column's length: the check is ours)."""
    return {f.name: f.max_length for f in model._meta.sorted_fields if isinstance(f, CharField)}


_CARD_LIMITS = _limits(Card)
_CONTACT_LIMITS = _limits(ContactPerson)
_DOCUMENT_LIMITS = _limits(CardDocument)


def _too_long(label: str, value: Any, limit: int | None) -> str | None:
    """The message for a text longer than its column's ``limit``, None when it fits."""
    if limit is not None and isinstance(value, str) and len(value) > limit:
        return f"“{label}”最多 {limit} 个字，现在有 {len(value)} 个。"
    return None


def _about(spec: FieldSpec, text: str) -> str:
    """A checker's message, led by the field's name unless it names the field itself
    (“邮编应为6位数字。”, not “邮编：邮编应为6位数字。”)."""
    return text if text.startswith(spec.label) else f"{spec.label}：{text}"


def _check_refs(values: dict[str, Any], errors: dict[str, str]) -> None:
    refs = {
        "region_id": (Region, "所选区域不存在。"),
        "category_id": (Category, "所选类别不存在。"),
        "salesperson_id": (Person, "所选业务员不存在。"),
        "department_id": (Department, "所选部门不存在。"),
    }
    for name, (model, message) in refs.items():
        ref = values.get(name)
        if ref is None:
            continue
        # a statement built once: peewee's get_or_none built its SQL at every check (~1 ms,
        # most of an import's time per card)
        key = model._meta.primary_key
        exists = prepared(("cards.ref", name), functools.partial(_ref_query, key))
        if exists.one(id=ref) is None:
            errors[name] = message


def _ref_query(key: Any) -> Any:
    return key.model.select(key).where(key == Slot("id", key))


def _check_location(values: dict[str, Any], warnings: dict[str, str]) -> None:
    """A location below the room that is left incomplete is a warning (the room's own absence
    is an error of its required field)."""
    if not values.get("location_room"):
        return
    missing = [name for name in LOCATION_FIELDS[1:] if not values.get(name)]
    if missing:
        labels = "、".join(FIELD_BY_NAME[name].label for name in missing)
        warnings[missing[0]] = (
            f"存放位置未填{labels}：借阅、归还和盘点都凭存放位置找到案卷。"
            "如案卷确实只按已填的位置存放，可确认保存。"
        )


def _check_contacts(
    contacts: Sequence[ContactInput], errors: dict[str, str], warnings: dict[str, str]
) -> list[dict[str, Any]]:
    out = []
    for i, c in enumerate(contacts, start=1):
        name = validation.normalize_text(c.name)
        if not name and not (c.mobile or c.phone or c.email):
            continue  # an empty row the editor left behind
        row: dict[str, Any] = {
            "name": name,
            "title": validation.normalize_text(c.title),
            "note": validation.normalize_text(c.note),
        }
        if not name:
            errors[f"contact{i}.name"] = f"第 {i} 位联系人：请填写姓名。"
        for key, checker in (
            ("mobile", validation.check_mobile),
            ("phone", validation.check_phone),
            ("email", validation.check_email),
            ("id_number", validation.check_id_number),
        ):
            check = checker(getattr(c, key) or "")
            if check.error:
                errors[f"contact{i}.{key}"] = f"第 {i} 位联系人：{check.error}"
            elif check.warning:
                warnings[f"contact{i}.{key}"] = f"第 {i} 位联系人：{check.warning}"
            row[key] = check.value
        for key, label in _CONTACT_LABELS.items():
            problem = _too_long(label, row.get(key), _CONTACT_LIMITS.get(key))
            if problem is not None:
                errors[f"contact{i}.{key}"] = f"第 {i} 位联系人：{problem}"
        out.append(row)
    return out


_CONTACT_LABELS = {"name": "姓名", "title": "职务", "mobile": "手机", "phone": "电话"}
_CONTACT_LABELS |= {"email": "邮箱", "note": "备注"}
_DOCUMENT_LABELS = {"title": "文件名称", "doc_type": "类型", "note": "备注"}


def _check_documents(
    documents: Sequence[DocumentInput], errors: dict[str, str], today: dt.date
) -> list[dict[str, Any]]:
    out = []
    for i, d in enumerate(documents, start=1):
        title = validation.normalize_text(d.title)
        if not title:
            if str(d.pages).strip() in ("", "0", "1") and not d.note:
                continue  # empty row
            errors[f"document{i}.title"] = f"卷内文件第 {i} 行：请填写文件名称。"
            continue
        try:
            pages = int(str(d.pages).strip() or "0")
            if pages < 1:
                raise ValueError
        except ValueError:
            errors[f"document{i}.pages"] = f"卷内文件第 {i} 行：页数应为正整数。"
            continue
        doc_date = d.doc_date
        if isinstance(doc_date, str):
            if doc_date.strip():
                check = validation.check_date(doc_date, not_after=today)
                if check.error:
                    errors[f"document{i}.date"] = f"卷内文件第 {i} 行：{check.error}"
                    continue
                doc_date = check.date
            else:
                doc_date = None
        row = {
            "id": d.id,
            "title": title,
            "doc_type": validation.normalize_text(d.doc_type),
            "is_original": bool(d.is_original),
            "pages": pages,
            "doc_date": doc_date,
            "note": validation.normalize_text(d.note),
        }
        long = [
            problem
            for key, label in _DOCUMENT_LABELS.items()
            if (problem := _too_long(label, row[key], _DOCUMENT_LIMITS.get(key))) is not None
        ]
        if long:
            errors[f"document{i}.title"] = f"卷内文件第 {i} 行：{long[0]}"
            continue
        out.append(row)
    return out


def _raise_problems(checked: CheckedCard, confirm_warnings: bool) -> None:
    """Errors refuse the save and carry the warnings along, so the clerk sees every problem at
    once; warnings alone need the clerk's confirmation. The confirmation's message lists each
    warning once (``warnings`` has them per field for the form)."""
    if checked.errors:
        first = next(iter(checked.errors.values()))
        more = []
        if len(checked.errors) > 1:
            more.append(f"另有 {len(checked.errors) - 1} 处问题")
        if checked.warnings:
            more.append(f"另有 {len(checked.warnings)} 条提示保存前需确认")
        raise ValidationError(
            first + (f"（{'，'.join(more)}）" if more else ""),
            errors=checked.errors,
            warnings=checked.warnings,
        )
    if checked.warnings and not confirm_warnings:
        raise NeedsConfirmation(
            "请确认以下提示后再保存：\n" + "\n".join(checked.warnings.values()), checked.warnings
        )


# --- retention --------------------------------------------------------------------------------


def retention_due(retention: str, start: dt.date | None) -> dt.date | None:
    """The due date of a retention period; permanent (Y) or not yet started → None."""
    years = RETENTION_YEARS.get(retention)
    if years is None or start is None:
        return None
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def trade_end(
    values: dict[str, Any], *, before_status: str | None, stored: dt.date | None, today: dt.date
) -> dt.date | None:
    """The day the trade ended as the card will keep it: none while trading; the day the clerk
    gives (back-dated too); else the day kept, or today when the trade ends now."""
    if values["trade_status"] == "active":
        return None
    given = values.get("trade_ended_on")
    if given:
        return given
    if before_status in (None, "active") or stored is None:
        return today
    return stored


def _apply_retention(
    values: dict[str, Any], *, created: dt.date, trade_ended: dt.date | None
) -> None:
    event = values.get("retention_event")
    if event == "created":
        values["retention_start"] = created
    elif event == "trade_end":
        values["retention_start"] = trade_ended
    values["retention_due"] = retention_due(values["retention"], values.get("retention_start"))
