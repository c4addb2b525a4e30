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
from archive_desk.domain import MAX_PAGES, RETENTION_YEARS
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


# Longest text each character column holds (SQLite does not enforce a column's length: the
# check is ours); a text column holds a card's long text (validation.LONG_MAX).
def _limits(model: Any) -> dict[str, int]:
    return {f.name: f.max_length for f in model._meta.sorted_fields if isinstance(f, CharField)}


_CARD_LIMITS = _limits(Card)
_CONTACT_LIMITS = _limits(ContactPerson)
_DOCUMENT_LIMITS = _limits(CardDocument)
# the largest whole numbers a card takes: staff (the largest employers have a few million), pages
# of one folder's document
_INT_MAX = {"staff_count": 10_000_000}
_REF_MAX = 2**63 - 1  # an id: any larger is no row (and no SQLite integer)


def check_draft(draft: CardDraft, *, today: dt.date) -> CheckedCard:
    """Normalise and validate every field; nothing is written."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    raw = {**DEFAULTS, **draft.values}
    for spec in CARD_FIELDS:
        value, error, warning = _check_field(spec, raw.get(spec.name), today)
        if error:
            errors[spec.name] = error
            continue
        if warning:
            warnings[spec.name] = warning
        values[spec.name] = value
    _check_refs(values, errors)
    _check_location(values, warnings)
    if values.get("retention_event") == "manual" and not values.get("retention_start"):
        errors.setdefault("retention_start", "保管期限按手工指定起算时，请填写起算日期。")
    contacts = _check_contacts(draft.contacts, errors, warnings)
    documents = _check_documents(draft.documents, errors, today)
    return CheckedCard(values, contacts, documents, errors, warnings)


def _check_field(spec: FieldSpec, value: Any, today: dt.date) -> tuple[Any, str, str]:
    """One field's stored value, its error and its warning."""
    if spec.kind in ("text", "long") or _checker(spec.kind) is not None:
        long, checker = spec.kind == "long", _checker(spec.kind)
        limit = _CARD_LIMITS.get(spec.name, validation.LONG_MAX)
        text = validation.check_text(
            # a code or number is measured as its checker stores it (spaces and hyphens go)
            value, spec.label, limit if checker is None else validation.NOTE_MAX,
            multiline=long, required=spec.required, fold=not long,
        )  # fmt: skip
        if text.error:
            return None, text.error, ""
        if checker is None:
            return text.value, "", ""
        check = checker(text.value)
        if check.error:
            return None, _about(spec, check.error), ""
        if len(check.value) > limit:
            return None, f"“{spec.label}”最多 {limit} 个字，现在有 {len(check.value)} 个。", ""
        return check.value, "", _about(spec, check.warning) if check.warning else ""
    empty = value is None or (isinstance(value, str) and not value.strip())
    if spec.required and empty:
        verb = "选择" if spec.kind in ("choice", "ref") else "填写"
        return None, f"请{verb}“{spec.label}”。", ""
    if empty:
        return None, "", ""
    if spec.kind == "date":
        if isinstance(value, dt.date):
            if value > today:
                return None, f"{spec.label}不能晚于今天。", ""
            return value, "", ""
        check = validation.check_date(str(value), not_after=today)
        return (None, f"{spec.label}：{check.error}", "") if check.error else (check.date, "", "")
    if spec.kind == "int":
        number = validation.check_int(
            value, spec.label, maximum=_INT_MAX.get(spec.name, validation.INT_MAX)
        )
        return (None, number.error, "") if number.error else (number.number, "", "")
    if spec.kind == "choice":
        assert spec.choices is not None
        if spec.name == "secrecy" and not isinstance(value, int):
            value = validation.check_int(value, spec.label).number
        if isinstance(value, bool) or not isinstance(value, str | int) or value not in spec.choices:
            return None, f"“{spec.label}”的取值无效。", ""
        return value, "", ""
    # a reference: the id of a row (its existence is checked with the others)
    ref = validation.check_int(value, spec.label, minimum=1, maximum=_REF_MAX)
    if ref.error:
        return None, f"所选{spec.label}不存在。", ""
    return ref.number, "", ""


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


_CONTACT_TEXT = {"name": "姓名", "title": "职务", "note": "备注"}
_CONTACT_CHECKS = (
    ("mobile", "手机", validation.check_mobile),
    ("phone", "电话", validation.check_phone),
    ("email", "邮箱", validation.check_email),
    ("id_number", "身份证号", validation.check_id_number),
)


def _check_contacts(
    contacts: Sequence[ContactInput], errors: dict[str, str], warnings: dict[str, str]
) -> list[dict[str, Any]]:
    out = []
    for i, c in enumerate(contacts, start=1):
        row: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for key, label in _CONTACT_TEXT.items():
            text = validation.check_text(getattr(c, key), label, _CONTACT_LIMITS[key], fold=True)
            row[key] = text.value
            if text.error:
                problems[key] = text.error
        for key, label, checker in _CONTACT_CHECKS:
            text = validation.check_text(getattr(c, key), label, validation.NOTE_MAX, fold=True)
            check = checker(text.value) if not text.error else text
            row[key] = check.value
            limit = _CONTACT_LIMITS[key]
            if check.error or len(check.value) > limit:
                problems[key] = (
                    check.error or f"“{label}”最多 {limit} 个字，现在有 {len(check.value)} 个。"
                )
            elif check.warning:
                warnings[f"contact{i}.{key}"] = f"第 {i} 位联系人：{check.warning}"
        if not (row["name"] or row["mobile"] or row["phone"] or row["email"] or problems):
            continue  # an empty row the editor left behind
        if not row["name"] and "name" not in problems:
            problems["name"] = "请填写姓名。"
        for key, problem in problems.items():
            errors[f"contact{i}.{key}"] = f"第 {i} 位联系人：{problem}"
        out.append(row)
    return out


_DOCUMENT_TEXT = {"title": "文件名称", "doc_type": "类型", "note": "备注"}


def _check_documents(
    documents: Sequence[DocumentInput], errors: dict[str, str], today: dt.date
) -> list[dict[str, Any]]:
    out = []
    for i, d in enumerate(documents, start=1):
        row: dict[str, Any] = {"id": d.id, "is_original": bool(d.is_original)}
        problem = ""
        for key, label in _DOCUMENT_TEXT.items():
            text = validation.check_text(getattr(d, key), label, _DOCUMENT_LIMITS[key], fold=True)
            row[key] = text.value
            problem = problem or text.error
        if problem:
            errors[f"document{i}.title"] = f"卷内文件第 {i} 行：{problem}"
            continue
        if not row["title"]:
            if str(d.pages).strip() in ("", "0", "1") and not row["note"]:
                continue  # empty row
            errors[f"document{i}.title"] = f"卷内文件第 {i} 行：请填写文件名称。"
            continue
        pages = validation.check_int(d.pages, "页数", minimum=1, maximum=MAX_PAGES)
        if pages.error or pages.number is None:
            errors[f"document{i}.pages"] = (
                f"卷内文件第 {i} 行：页数应为 1 到 {MAX_PAGES:,} 之间的整数。"
            )
            continue
        row["pages"] = pages.number
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
        elif doc_date is not None and not isinstance(doc_date, dt.date):
            errors[f"document{i}.date"] = f"卷内文件第 {i} 行：{validation.DATE_FORMAT_MESSAGE}"
            continue
        row["doc_date"] = doc_date
        out.append(
            {
                k: row[k]
                for k in ("id", "title", "doc_type", "is_original", "pages", "doc_date", "note")
            }
        )
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
