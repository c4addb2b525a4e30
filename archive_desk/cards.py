"""Customer archive cards (客户档案卡): create, edit, rename, list and read.

The editable fields are declared once in :data:`CARD_FIELDS` (name, label, group, kind); the
editor, the history, the printed card and the Excel export all read that table. A card is written
from a :class:`CardDraft` (the editor's values as typed), which :func:`check_draft` normalises
and validates: errors block (a required field left empty: region, category and the room are chosen
by the clerk, never defaulted), warnings (a credit code whose check character fails, a location
without cabinet, shelf or box) need the clerk's confirmation; a refusal carries both, so the clerk
sees every problem at once.

What a user may see is decided in one place, :func:`visible`: list, search, export and print all
go through it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from typing import Any, cast

from peewee import JOIN, CharField, Expression, fn

from archive_desk import audit, classification, numbering, search, settings, validation
from archive_desk.db.connection import STALE_MESSAGE, transaction, update_versioned
from archive_desk.db.models import (
    BorrowingItem,
    Card,
    CardDocument,
    CardFormerName,
    CardHistory,
    Category,
    ContactPerson,
    Department,
    Person,
    Region,
    User,
    database,
)
from archive_desk.db.prepared import Prepared, Slot, insert_statement, prepared
from archive_desk.domain import (
    CARD_STATUS,
    GRADES,
    NATURES,
    RETENTION,
    RETENTION_YEARS,
    SECRECY_LABELS,
    STAGES,
    TRADE_STATUS,
    Secrecy,
)
from archive_desk.errors import (
    Cancelled,
    Conflict,
    NeedsConfirmation,
    NotFound,
    StaleRecord,
    ValidationError,
)
from archive_desk.permissions import Actor, Perm, require

GROUP_LABELS = {
    "identity": "基本信息",
    "contact": "联系方式",
    "classification": "分类",
    "business": "业务状况",
    "trade": "交易活动现状",
    "features": "客户特征",
    "storage": "保管",
}

RETENTION_EVENTS = {"trade_end": "交易终止之日", "created": "建档之日", "manual": "手工指定"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    group: str
    kind: str = "text"  # text, long, date, int, choice, ref, or a validation kind
    required: bool = False
    choices: dict[Any, str] | None = None


CARD_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "客户名称", "identity", required=True),
    FieldSpec("credit_code", "统一社会信用代码", "identity", "credit_code"),
    FieldSpec("legal_rep", "法定代表人", "identity"),
    FieldSpec("nature", "企业性质", "identity", "choice", True, NATURES),
    FieldSpec("industry", "行业", "identity"),
    FieldSpec("registered_capital", "注册资本", "identity"),
    FieldSpec("founded_on", "成立日期", "identity", "date"),
    FieldSpec("staff_count", "员工人数", "identity", "int"),
    FieldSpec("annual_sales", "年销售额", "identity"),
    FieldSpec("business_scope", "经营范围", "identity", "long"),
    FieldSpec("address", "地址", "contact"),
    FieldSpec("postcode", "邮编", "contact", "postcode"),
    FieldSpec("phone", "电话", "contact", "phone"),
    FieldSpec("fax", "传真", "contact", "phone"),
    FieldSpec("email", "邮箱", "contact", "email"),
    FieldSpec("website", "网址", "contact", "url"),
    FieldSpec("region_id", "区域", "classification", "ref", True),
    FieldSpec("category_id", "类别", "classification", "ref", True),
    FieldSpec("grade", "客户等级", "classification", "choice", True, GRADES),
    FieldSpec("stage", "客户阶段", "classification", "choice", True, STAGES),
    FieldSpec("trade_status", "交易状态", "classification", "choice", True, TRADE_STATUS),
    FieldSpec("salesperson_id", "负责业务员", "classification", "ref"),
    FieldSpec("department_id", "所属部门", "classification", "ref"),
    FieldSpec(
        "secrecy",
        "密级",
        "classification",
        "choice",
        True,
        {int(k): v for k, v in SECRECY_LABELS.items()},
    ),
    FieldSpec("sales_results", "销售业绩", "business", "long"),
    FieldSpec("cooperation", "合作态度", "business", "long"),
    FieldSpec("competitor_relations", "与竞争对手关系", "business", "long"),
    FieldSpec("management_quality", "经营管理水平", "business", "long"),
    FieldSpec("credit_status", "信用状况", "trade", "long"),
    FieldSpec("credit_rating", "信用等级", "trade"),
    FieldSpec("trade_terms", "交易条件", "trade", "long"),
    FieldSpec("credit_problems", "以往信用问题", "trade", "long"),
    FieldSpec("open_issues", "待解决问题", "trade", "long"),
    FieldSpec("strengths", "优势", "trade", "long"),
    FieldSpec("plans", "未来计划", "trade", "long"),
    FieldSpec("service_area", "服务区域", "features", "long"),
    FieldSpec("sales_capability", "销售能力", "features", "long"),
    FieldSpec("potential", "发展潜力", "features", "long"),
    FieldSpec("philosophy", "经营理念与方针", "features", "long"),
    FieldSpec("location_room", "库房", "storage", required=True),
    FieldSpec("location_cabinet", "柜", "storage"),
    FieldSpec("location_shelf", "层", "storage"),
    FieldSpec("location_box", "盒", "storage"),
    FieldSpec("retention", "保管期限", "storage", "choice", True, RETENTION),
    FieldSpec("retention_event", "保管期限起算", "storage", "choice", True, RETENTION_EVENTS),
    FieldSpec("retention_start", "起算日期", "storage", "date"),
    FieldSpec("note", "备注", "storage", "long"),
)
FIELD_BY_NAME = {f.name: f for f in CARD_FIELDS}
# 存放位置 (库房 › 柜 › 层 › 盒): the room is required — every folder is filed somewhere, and the
# clerk always knows which room; a missing cabinet, shelf or box is a warning (some rooms keep
# folders by room and box only), asked when the card is filed or its location changes
LOCATION_FIELDS = ("location_room", "location_cabinet", "location_shelf", "location_box")
_MODEL_NAME = {
    "region_id": "region",
    "category_id": "category",
    "salesperson_id": "salesperson",
    "department_id": "department",
}

DEFAULTS: dict[str, Any] = {
    "nature": "ordinary",
    "grade": "B",
    "stage": "new",
    "trade_status": "active",
    "secrecy": int(Secrecy.INTERNAL),
    "retention": "D30",
    "retention_event": "trade_end",
}


@dataclass
class ContactInput:
    name: str
    title: str = ""
    mobile: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""
    note: str = ""


@dataclass
class DocumentInput:
    title: str
    doc_type: str = ""
    is_original: bool = True
    pages: int | str = 1
    doc_date: dt.date | str | None = None
    note: str = ""
    id: int | None = None


@dataclass
class CardDraft:
    """What the editor collects: field values as typed, contact people and the contents list."""

    values: dict[str, Any] = field(default_factory=dict)
    contacts: list[ContactInput] = field(default_factory=list)
    documents: list[DocumentInput] = field(default_factory=list)


@dataclass
class CheckedCard:
    values: dict[str, Any]
    contacts: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    errors: dict[str, str]
    warnings: dict[str, str]


@dataclass(frozen=True)
class CardRow:
    """One line of the card list."""

    id: int
    archive_no: str
    name: str
    region: str
    category_code: str
    category: str
    category_color: str
    grade: str
    stage: str
    trade_status: str
    secrecy: int
    secrecy_label: str
    salesperson: str
    location: str
    retention: str
    retention_due: dt.date | None
    status: str
    on_loan: bool
    updated_at: dt.datetime


@dataclass(frozen=True)
class CardView:
    """A whole card as the editor and the printed card show it."""

    id: int
    archive_no: str
    version: int
    values: dict[str, Any]
    labels: dict[str, str]  # display text of choice/ref fields
    region_path: str
    category_code: str
    category_color: str
    status: str
    retention_due: dt.date | None
    trade_ended_on: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    former_names: list[tuple[str, dt.date | None]]
    contacts: list[ContactInput]
    documents: list[DocumentInput]
    on_loan_to: str | None
    on_loan_since: dt.datetime | None


@dataclass(frozen=True)
class HistoryRow:
    at: dt.datetime
    user: str
    action: str
    reported_by: str
    reason: str
    field: str
    old_value: str
    new_value: str


class DuplicateCards(Conflict):
    """Cards with the same credit code or name exist; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[CardRow]) -> None:
        super().__init__(message)
        self.candidates = candidates


# --- visibility -------------------------------------------------------------------------------


def visible(actor: Actor) -> Expression:
    """The one rule of what ``actor`` may see: cards up to the actor's clearance."""
    return Card.secrecy <= actor.clearance


def _get_visible(actor: Actor, card_id: int) -> Card:
    card = Card.get_or_none((Card.id == card_id) & visible(actor))
    if card is None:
        raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
    return card


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


def _apply_retention(
    values: dict[str, Any], *, created: dt.date, trade_ended: dt.date | None
) -> None:
    event = values.get("retention_event")
    if event == "created":
        values["retention_start"] = created
    elif event == "trade_end":
        values["retention_start"] = trade_ended
    values["retention_due"] = retention_due(values["retention"], values.get("retention_start"))


# --- duplicates -------------------------------------------------------------------------------


def find_duplicates(
    actor: Actor, *, name: str, credit_code: str = "", exclude_id: int | None = None
) -> list[CardRow]:
    """Cards with the same credit code, or the same normalised current or former name."""
    require(actor, Perm.CARD_VIEW)
    name_key = validation.normalize_name(name) if name else ""
    code = validation.check_credit_code(credit_code).value if credit_code else ""
    cond: Expression | None = None
    if code:
        cond = Card.credit_code == code
    if name_key:
        former = CardFormerName.select(CardFormerName.card).where(
            CardFormerName.name_norm == name_key
        )
        by_name = (Card.name_norm == name_key) | Card.id.in_(former)
        cond = by_name if cond is None else (cond | by_name)
    if cond is None:
        return []
    query = Card.select(Card.id).where(cond & visible(actor))
    if exclude_id is not None:
        query = query.where(Card.id != exclude_id)
    return card_rows(actor, [c.id for c in query.limit(20)])


# --- create, update, rename -------------------------------------------------------------------


def _documents_summary(docs: Iterable[dict[str, Any]]) -> str:
    return "；".join(f"{d['title']}（{d['pages']}页）" for d in docs)


def _contacts_summary(contacts: Iterable[dict[str, Any]]) -> str:
    return "；".join(
        f"{c['name']} {c.get('mobile') or c.get('phone') or ''}".strip() for c in contacts
    )


def _write_children(card_id: int, checked: CheckedCard) -> None:
    ContactPerson.delete().where(ContactPerson.card == card_id).execute()
    for seq, c in enumerate(checked.contacts, start=1):
        ContactPerson.create(card=card_id, seq=seq, **c)
    keep_ids = {d["id"] for d in checked.documents if d.get("id")}
    # Documents are never deleted (returns and history refer to them): absent ones are removed.
    CardDocument.update(removed=True).where(
        (CardDocument.card == card_id) & CardDocument.id.not_in(keep_ids or {0})
    ).execute()
    for seq, d in enumerate(checked.documents, start=1):
        data = {k: v for k, v in d.items() if k != "id"}
        if (
            d.get("id")
            and CardDocument.update(seq=seq, removed=False, **data)
            .where((CardDocument.id == d["id"]) & (CardDocument.card == card_id))
            .execute()
        ):
            continue
        CardDocument.create(card=card_id, seq=seq, **data)


def _model_values(values: dict[str, Any]) -> dict[str, Any]:
    return {_MODEL_NAME.get(k, k): v for k, v in values.items()}


def create_card(
    actor: Actor,
    draft: CardDraft,
    *,
    confirm_warnings: bool = False,
    allow_duplicate: bool = False,
    reported_by: str = "",
    reason: str = "",
) -> CardView:
    """Create a card and give it its archive number."""
    require(actor, Perm.CARD_EDIT)
    now = actor.clock.now()
    checked = check_draft(draft, today=now.date())
    _raise_problems(checked, confirm_warnings)
    values = checked.values
    if int(values["secrecy"]) > actor.clearance:
        raise ValidationError("不能创建高于您本人密级权限的档案卡。", field="secrecy")
    if not allow_duplicate:
        dupes = find_duplicates(actor, name=values["name"], credit_code=values["credit_code"])
        if dupes:
            raise DuplicateCards(
                f"已有 {len(dupes)} 张档案卡的信用代码或名称（含曾用名）与此相同："
                + "、".join(f"{d.archive_no} {d.name}" for d in dupes[:3]),
                dupes,
            )
    trade_ended = now.date() if values["trade_status"] != "active" else None
    _apply_retention(values, created=now.date(), trade_ended=trade_ended)
    category = Category.get_by_id(values["category_id"])
    with transaction():
        if category.retired or Region.get_by_id(values["region_id"]).retired:
            raise ValidationError("所选区域或类别已停用，请另选。", field="category_id")
        archive_no = _free_archive_no(
            settings.get("archive_no.pattern"),
            category=category.code,
            region=classification.region_code_of(values["region_id"]),
            year=now.year,
        )
        card = Card.create(
            archive_no=archive_no,
            name_norm=validation.normalize_name(values["name"]),
            keeper=actor.user_id,
            trade_ended_on=trade_ended,
            created_at=now,
            created_by=actor.user_id,
            updated_at=now,
            **_model_values(values),
        )
        _write_children(card.id, checked)
        CardHistory.create(
            card=card.id,
            at=now,
            user=actor.user_id,
            action="create",
            reported_by=reported_by,
            reason=reason or "建档",
            field="档案编号",
            new_value=archive_no,
        )
        search.index_card(card.id)
        audit.record(
            actor,
            "card.create",
            "card",
            card.id,
            after={
                "archive_no": archive_no,
                **values,
                "contacts": checked.contacts,
                "documents": checked.documents,
            },
        )
    return get_card(actor, card.id, log_view=False)


def _free_archive_no(pattern: str, *, category: str, region: str, year: int) -> str:
    """The pattern's next number that no card holds: a number brought in by an import may sit
    ahead of the pattern's counter (the counter then moves past it)."""
    return _free_archive_nos(
        pattern, category=category, region=region, year=year, count=1, reserved=set()
    )[0]


def _display(spec: FieldSpec, value: Any) -> str:
    if value is None or value == "":
        return ""
    if spec.choices is not None:
        return str(spec.choices.get(value, value))
    if spec.name == "region_id":
        return next((r.path for r in classification.list_regions() if r.id == value), str(value))
    if spec.name == "category_id":
        cat = Category.get_or_none(Category.id == value)
        return f"{cat.code} {cat.name}" if cat else str(value)
    if spec.name == "salesperson_id":
        person = Person.get_or_none(Person.id == value)
        return person.name if person else str(value)
    if spec.name == "department_id":
        dept = Department.get_or_none(Department.id == value)
        return dept.name if dept else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _current_values(card: Card) -> dict[str, Any]:
    return {spec.name: getattr(card, spec.name) for spec in CARD_FIELDS}


def update_card(
    actor: Actor,
    card_id: int,
    version: int,
    draft: CardDraft,
    *,
    reported_by: str = "",
    reason: str = "",
    confirm_warnings: bool = False,
    allow_duplicate: bool = False,
) -> CardView:
    """Save an edited card. Every changed field lands in the history; a new name keeps the old
    one as a former name; leaving 交易中 starts the retention clock where the rule says so."""
    require(actor, Perm.CARD_EDIT)
    card = _get_visible(actor, card_id)
    if card.status == "destroyed":
        raise Conflict("已销毁的档案卡不能修改。")
    if card.version != version:
        raise StaleRecord(STALE_MESSAGE)
    now = actor.clock.now()
    checked = check_draft(draft, today=now.date())
    before = _current_values(card)
    if all(before[name] == checked.values.get(name) for name in LOCATION_FIELDS):
        for name in LOCATION_FIELDS:  # asked when it was filed or last moved, not at every edit
            checked.warnings.pop(name, None)
    _raise_problems(checked, confirm_warnings)
    values = checked.values
    if int(values["secrecy"]) > actor.clearance:
        raise ValidationError("不能把档案卡设为高于您本人密级权限的密级。", field="secrecy")
    if not allow_duplicate and (
        values["name"] != before["name"] or values["credit_code"] != before["credit_code"]
    ):
        dupes = find_duplicates(
            actor, name=values["name"], credit_code=values["credit_code"], exclude_id=card_id
        )
        if dupes:
            raise DuplicateCards(
                "已有档案卡的信用代码或名称与此相同："
                + "、".join(f"{d.archive_no} {d.name}" for d in dupes[:3]),
                dupes,
            )
    trade_ended = card.trade_ended_on
    if values["trade_status"] == "active":
        trade_ended = None
    elif before["trade_status"] == "active" or trade_ended is None:
        trade_ended = now.date()
    _apply_retention(values, created=card.created_at.date(), trade_ended=trade_ended)
    old_docs = [
        {"title": d.title, "pages": d.pages}
        for d in card.documents.where(CardDocument.removed == False).order_by(CardDocument.seq)  # noqa: E712
    ]
    old_contacts = [
        {"name": c.name, "mobile": c.mobile, "phone": c.phone}
        for c in card.contacts.order_by(ContactPerson.seq)
    ]
    with transaction():
        update_versioned(
            Card,
            card_id,
            version,
            name_norm=validation.normalize_name(values["name"]),
            trade_ended_on=trade_ended,
            updated_at=now,
            **_model_values(values),
        )
        changes: list[tuple[str, str, str]] = []
        for spec in CARD_FIELDS:
            if before[spec.name] != values[spec.name]:
                changes.append(
                    (
                        spec.label,
                        _display(spec, before[spec.name]),
                        _display(spec, values[spec.name]),
                    )
                )
        if before["name"] != values["name"]:
            CardFormerName.create(
                card=card_id,
                name=before["name"],
                name_norm=validation.normalize_name(before["name"]),
                until=now.date(),
                note=reason,
            )
        _write_children(card_id, checked)
        new_docs = _documents_summary(checked.documents)
        if _documents_summary(old_docs) != new_docs:
            changes.append(("卷内文件目录", _documents_summary(old_docs), new_docs))
        new_contacts = _contacts_summary(checked.contacts)
        if _contacts_summary(old_contacts) != new_contacts:
            changes.append(("联系人", _contacts_summary(old_contacts), new_contacts))
        action = "rename" if before["name"] != values["name"] else "edit"
        for label_text, old, new in changes:
            CardHistory.create(
                card=card_id,
                at=now,
                user=actor.user_id,
                action=action,
                reported_by=reported_by,
                reason=reason,
                field=label_text,
                old_value=old,
                new_value=new,
            )
        search.index_card(card_id)
        audit.record(
            actor,
            f"card.{action}",
            "card",
            card_id,
            before={k: before[k] for k in before if before[k] != values[k]},
            after={k: values[k] for k in before if before[k] != values[k]},
        )
    return get_card(actor, card_id, log_view=False)


# --- reading ----------------------------------------------------------------------------------


def _on_loan(card_id: int) -> tuple[str | None, dt.datetime | None]:
    item = (
        BorrowingItem.select(BorrowingItem, BorrowingItem.borrowing)
        .where((BorrowingItem.card == card_id) & (BorrowingItem.state == "lent"))
        .order_by(BorrowingItem.lent_at.desc())
        .first()
    )
    if item is None:
        return None, None
    return item.borrowing.borrower_name, item.lent_at


def get_card(actor: Actor, card_id: int, *, log_view: bool = True) -> CardView:
    """The whole card. Opening a 秘密 or 机密 card is logged in the audit trail."""
    require(actor, Perm.CARD_VIEW)
    card = _get_visible(actor, card_id)
    if log_view and card.secrecy >= Secrecy.SECRET:
        with transaction():
            audit.record(
                actor,
                "card.view_classified",
                "card",
                card_id,
                after={"archive_no": card.archive_no, "secrecy": card.secrecy},
            )
    values = _current_values(card)
    labels = {
        spec.name: _display(spec, values[spec.name])
        for spec in CARD_FIELDS
        if spec.kind in ("choice", "ref")
    }
    lent_to, lent_since = _on_loan(card_id)
    region_path = labels.get("region_id", "")
    return CardView(
        id=card.id,
        archive_no=card.archive_no,
        version=card.version,
        values=values,
        labels=labels,
        region_path=region_path,
        category_code=card.category.code,
        category_color=card.category.color,
        status=card.status,
        retention_due=card.retention_due,
        trade_ended_on=card.trade_ended_on,
        created_at=card.created_at,
        updated_at=card.updated_at,
        former_names=[(f.name, f.until) for f in card.former_names.order_by(CardFormerName.id)],
        contacts=[
            ContactInput(c.name, c.title, c.mobile, c.phone, c.email, c.id_number, c.note)
            for c in card.contacts.order_by(ContactPerson.seq)
        ],
        documents=[
            DocumentInput(d.title, d.doc_type, d.is_original, d.pages, d.doc_date, d.note, d.id)
            for d in card.documents.where(CardDocument.removed == False).order_by(CardDocument.seq)  # noqa: E712
        ],
        on_loan_to=lent_to,
        on_loan_since=lent_since,
    )


def history(actor: Actor, card_id: int) -> list[HistoryRow]:
    require(actor, Perm.CARD_VIEW)
    _get_visible(actor, card_id)
    rows = (
        CardHistory.select(CardHistory, User.full_name)
        .join(User, JOIN.LEFT_OUTER, on=(CardHistory.user == User.id))
        .where(CardHistory.card == card_id)
        .order_by(CardHistory.at.desc(), CardHistory.id.desc())
    )
    return [
        HistoryRow(
            h.at,
            h.user.full_name if h.user else "",
            h.action,
            h.reported_by,
            h.reason,
            h.field,
            h.old_value,
            h.new_value,
        )
        for h in rows
    ]


# --- the list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardFilter:
    """What the card list shows. ``None`` means "any"."""

    text: str = ""
    region_id: int | None = None  # includes its sub-regions
    category_id: int | None = None
    grade: str | None = None
    stage: str | None = None
    trade_status: str | None = None
    secrecy: int | None = None
    salesperson_id: int | None = None
    on_loan: bool | None = None
    retention_due_by: dt.date | None = None
    review_due_since: dt.date | None = None  # filed before and not reviewed since that day
    status: str | None = "active"


SORT_KEYS = {
    "archive_no": Card.archive_no,
    "name": Card.name_norm,
    "grade": Card.grade,
    "trade_status": Card.trade_status,
    "secrecy": Card.secrecy,
    "retention_due": Card.retention_due,
    "updated_at": Card.updated_at,
    "created_at": Card.created_at,
    "region": Card.region,
    "category": Card.category,
}


def region_and_descendants(region_id: int) -> list[int]:
    ids, frontier = [region_id], [region_id]
    while frontier:
        frontier = [r.id for r in Region.select(Region.id).where(Region.parent.in_(frontier))]
        ids.extend(frontier)
    return ids


def _conditions(
    actor: Actor, flt: CardFilter, *, with_tree: bool = True, with_text: bool = True
) -> Expression:
    cond: Expression = visible(actor)
    if flt.status:
        cond &= Card.status == flt.status
    if with_tree and flt.region_id is not None:
        cond &= Card.region.in_(region_and_descendants(flt.region_id))
    if with_tree and flt.category_id is not None:
        cond &= Card.category == flt.category_id
    for name in ("grade", "stage", "trade_status", "secrecy"):
        value = getattr(flt, name)
        if value is not None:
            cond &= getattr(Card, name) == value
    if flt.salesperson_id is not None:
        cond &= Card.salesperson == flt.salesperson_id
    if flt.on_loan is not None:
        lent = BorrowingItem.select(BorrowingItem.card).where(BorrowingItem.state == "lent")
        cond &= Card.id.in_(lent) if flt.on_loan else Card.id.not_in(lent)
    if flt.retention_due_by is not None:
        cond &= Card.retention_due.is_null(False) & (Card.retention_due <= flt.retention_due_by)
    if flt.review_due_since is not None:
        since = flt.review_due_since
        cond &= (Card.created_at < dt.datetime.combine(since, dt.time())) & (
            Card.last_reviewed_on.is_null() | (Card.last_reviewed_on < since)
        )
    if with_text and flt.text.strip():
        cond &= Card.id.in_(search.matching_ids(flt.text))
    return cond


_PLAIN = CardFilter(status=None)


def card_ids(
    actor: Actor,
    flt: CardFilter,
    *,
    sort: str = "archive_no",
    descending: bool = False,
    limit: int | None = None,
) -> list[int]:
    """Every matching card id in display order (the lazy list model fetches rows by id), or
    the first ``limit`` of them."""
    require(actor, Perm.CARD_VIEW)
    key: Any = SORT_KEYS.get(sort, Card.archive_no)
    order = [key.desc() if descending else key.asc()]
    if key is not Card.archive_no:  # unique: no tie to break, and the index gives the order
        order.append(Card.id)
    kinds = search.shape(flt.text)
    if kinds is not None and replace(flt, text="", status=None) == _PLAIN:
        # the search box alone (the clerk typing): a statement peewee builds once per sort and
        # kinds of terms, ~0.5 ms less a keystroke than building it each time
        def build() -> Any:
            query = Card.select(Card.id).where(visible(cast(Actor, _ClearanceSlot)))
            if flt.status:
                query = query.where(Card.status == Slot("status", Card.status))
            return search.restrict_slots(query, kinds).order_by(*order)

        statement = prepared(("cards.ids", sort, descending, bool(flt.status), kinds), build)
        values = search.slot_values(flt.text)
        cursor = statement.run(clearance=actor.clearance, status=flt.status, **values)
    else:
        query = Card.select(Card.id).where(_conditions(actor, flt, with_text=False))
        cursor = database.execute(search.restrict(query, flt.text).order_by(*order))
    # the raw cursor: peewee's row wrappers cost three times the query itself at 100,000 ids
    try:
        rows = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
    finally:
        cursor.close()  # a statement left half-read would keep its snapshot of the file
    return [row[0] for row in rows]


def count_cards(actor: Actor, flt: CardFilter) -> int:
    require(actor, Perm.CARD_VIEW)
    query = Card.select(Card.id).where(_conditions(actor, flt, with_text=False))
    return int(search.restrict(query, flt.text).count())


def tree_counts(actor: Actor, flt: CardFilter) -> dict[tuple[int, int], int]:
    """Cards per (region, category) under every filter but the tree's own selection."""
    require(actor, Perm.CARD_VIEW)
    query = Card.select(Card.region, Card.category, fn.COUNT(Card.id)).where(
        _conditions(actor, flt, with_tree=False, with_text=False)
    )
    # starting from the search's matches, as the list does (41–57 → 3–25 ms a keystroke)
    rows: Any = search.restrict(query, flt.text).group_by(Card.region, Card.category).tuples()
    return {(r, c): n for r, c, n in rows}


class _ClearanceSlot:
    """An actor whose clearance is a placeholder: :func:`visible` itself writes the condition of
    the prepared page statements (an attribute it does not have fails loudly)."""

    clearance = Slot("clearance", Card.secrecy)


# statements per number of ids, the ids padded up to the next size
_BUCKETS = (1, 2, 4, 8, 16, 32, 48, 64, 96, 128, 160, 200, 256)


_ID_NAMES = [f"id{k}" for k in range(_BUCKETS[-1])]


def _id_slots(count: int) -> list[Slot]:
    return [Slot(name, Card.id) for name in _ID_NAMES[:count]]


def _page_statements(count: int) -> tuple[Prepared, Prepared]:
    """The region and row statements of :func:`card_rows` for ``count`` ids, built by peewee
    once (building the row select costs ~0.7 ms, more than running it for 100 rows). Whether a
    card is out is a column: SQLite reads the few items out once per statement."""
    regions = prepared(
        "cards.region_paths", lambda: Region.select(Region.id, Region.parent, Region.name)
    )
    rows = prepared(
        ("cards.rows", count),
        lambda: Card.select(
            Card.id, Card.archive_no, Card.name, Card.region, Category.code, Category.name,
            Category.color, Card.grade, Card.stage, Card.trade_status, Card.secrecy, Person.name,
            Card.location_room, Card.location_cabinet, Card.location_shelf, Card.location_box,
            Card.retention, Card.retention_due, Card.status, Card.updated_at,
            Card.id.in_(
                BorrowingItem.select(BorrowingItem.card).where(BorrowingItem.state == "lent")
            ),
        )
        .join(Category, on=(Card.category == Category.id))
        .switch(Card)
        .join(Person, JOIN.LEFT_OUTER, on=(Card.salesperson == Person.id))
        .where(visible(cast(Actor, _ClearanceSlot)) & Card.id.in_(_id_slots(count))),
    )  # fmt: skip
    return regions, rows


_paths_of: tuple[list[Any], dict[int, str]] = ([], {})  # the last region rows and their paths


def _region_paths(rows: list[Any]) -> dict[int, str]:
    """Every region's path as :func:`classification.list_regions` writes it."""
    global _paths_of
    if rows == _paths_of[0]:
        return _paths_of[1]
    parents = {rid: (parent, name) for rid, parent, name in rows}
    paths: dict[int, str] = {}

    def path(rid: int) -> str:
        found = paths.get(rid)
        if found is None:
            parent, name = parents[rid]
            found = f"{path(parent)} › {name}" if parent in parents else name
            paths[rid] = found
        return found

    for rid in parents:
        path(rid)
    _paths_of = (rows, paths)
    return paths


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _datetime(value: Any) -> Any:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


_ROW_FIELDS = tuple(f.name for f in dataclass_fields(CardRow))


def _card_row(values: tuple[Any, ...]) -> CardRow:
    """``CardRow(*values)`` made as pickle makes it: the frozen ``__init__`` sets each of the 19
    fields through ``object.__setattr__`` (4 µs a row, as much as reading the row)."""
    row = object.__new__(CardRow)
    row.__dict__.update(zip(_ROW_FIELDS, values, strict=True))
    return row


def card_rows(actor: Actor, ids: Sequence[int]) -> list[CardRow]:
    """The list rows of ``ids`` in that order (invisible ids are left out)."""
    require(actor, Perm.CARD_VIEW)
    if not ids:
        return []
    wanted = list(ids)
    found: list[Any] = []
    paths: dict[int, str] = {}
    step = _BUCKETS[-1]
    for start in range(0, len(wanted), step):
        chunk = wanted[start : start + step]
        count = next(b for b in _BUCKETS if b >= len(chunk))
        values = dict(zip(_ID_NAMES, chunk + chunk[-1:] * (count - len(chunk)), strict=False))
        regions, rows_query = _page_statements(count)
        if not paths:
            paths = _region_paths(regions.run().fetchall())
        # the list's columns straight from the cursor: whole Card/Category/Person models cost
        # ~0.2 ms a row, peewee's conversion of every value another ~25 µs
        found += rows_query.run(clearance=actor.clearance, **values).fetchall()
    # ~2 µs a row in all: labels by plain look-ups (the codes are never NULL), no generators
    stages, trades, retentions, statuses = STAGES, TRADE_STATUS, RETENTION, CARD_STATUS
    by_id: dict[int, CardRow] = {}
    for (
        cid, archive_no, name, region_id, cat_code, cat_name, cat_color, grade, stage,
        trade_status, secrecy, salesperson, room, cabinet, shelf, box, retention, retention_due,
        status, updated_at, on_loan,
    ) in found:  # fmt: skip
        by_id[cid] = _card_row(
            (
                cid,
                archive_no,
                name,
                paths.get(region_id, ""),
                cat_code,
                cat_name,
                cat_color,
                grade,
                stages.get(stage, stage),
                trades.get(trade_status, trade_status),
                secrecy,
                SECRECY_LABELS[secrecy],
                salesperson or "",
                "-".join(filter(None, (room, cabinet, shelf, box))),
                retentions.get(retention, retention),
                _date(retention_due),
                statuses.get(status, status),
                bool(on_loan),
                _datetime(updated_at),
            )
        )
    return [by_id[i] for i in wanted if i in by_id]


def find_by_archive_no(actor: Actor, archive_no: str) -> int | None:
    """The id of the visible card with exactly this number (a scanner's input), or None."""
    require(actor, Perm.CARD_VIEW)
    code = validation.normalize_text(archive_no).upper()
    card = Card.get_or_none((fn.UPPER(Card.archive_no) == code) & visible(actor))
    return card.id if card else None


def find_one(actor: Actor, text: str) -> tuple[int | None, int]:
    """The card the clerk typed or scanned into an application or a slip: the one with exactly
    this number, else the only card the search finds. Returns its id (None when there is no
    single one) and how many cards the search found."""
    card_id = find_by_archive_no(actor, text)
    if card_id is not None:
        return card_id, 1
    ids = card_ids(actor, CardFilter(text=text))
    return (ids[0] if len(ids) == 1 else None), len(ids)


def salespeople() -> list[tuple[int, str]]:
    """(id, name) of the active salespeople by name, for the list's filter (plain tuples: a
    model object per person cost ~10 ms of the card tab's start at 500 people)."""
    query = Person.select(Person.id, Person.name).where(
        (Person.is_salesperson == True) & (Person.active == True)  # noqa: E712
    )
    rows: Any = query.order_by(Person.name).tuples()
    return [(pid, name) for pid, name in rows]


# --- import (archive_desk.importing) ----------------------------------------------------------

_CHUNK = 500  # values per IN (…) list


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


@dataclass(frozen=True)
class DuplicateMatch:
    """The archive's cards one imported row repeats (same credit code, or the same normalised
    current or former name): ``cards``, those the actor may see; ``hidden``, that a card above
    the actor's clearance matches too — nothing else of it is told."""

    cards: list[CardRow]
    hidden: bool


def match_duplicates(actor: Actor, keys: Sequence[tuple[str, str]]) -> list[DuplicateMatch]:
    """:func:`find_duplicates` for many ``(name, credit code)`` pairs at once (an import's
    rows), in a few queries; one :class:`DuplicateMatch` per pair."""
    require(actor, Perm.CARD_VIEW)
    names = [validation.normalize_name(n) if n else "" for n, _ in keys]
    codes = [validation.check_credit_code(c).value if c else "" for _, c in keys]
    found: dict[str, set[int]] = {}
    seen: dict[int, bool] = {}
    shown = visible(actor).alias("seen")
    queries = (
        (sorted({c for c in codes if c}), Card.credit_code, "c:", Card.select(Card.id)),
        (sorted({n for n in names if n}), Card.name_norm, "n:", Card.select(Card.id)),
        (
            sorted({n for n in names if n}),
            CardFormerName.name_norm,
            "n:",
            CardFormerName.select(CardFormerName.card).join(Card),
        ),
    )
    for wanted, column, prefix, base in queries:
        for chunk in _chunks(wanted):
            rows: Any = base.select_extend(column, shown).where(column.in_(list(chunk))).tuples()
            for card_id, key, may_see in rows:
                found.setdefault(prefix + key, set()).add(card_id)
                seen[card_id] = bool(may_see)
    matched = [
        found.get("c:" + c, set()) | found.get("n:" + n, set()) if (c or n) else set()
        for n, c in zip(names, codes, strict=True)
    ]
    wanted_ids = sorted({i for ids in matched for i in ids if seen[i]})
    rows_by_id = {r.id: r for r in card_rows(actor, wanted_ids)} if wanted_ids else {}
    return [
        DuplicateMatch(
            [rows_by_id[i] for i in sorted(ids) if i in rows_by_id],
            any(not seen[i] for i in ids),
        )
        for ids in matched
    ]


def archive_numbers_in_use(actor: Actor, numbers: Iterable[str]) -> set[str]:
    """Those of ``numbers`` (normalised, upper case) that a card holds — classified and destroyed
    cards included, since a number is never given twice. Nothing else of those cards is told."""
    require(actor, Perm.CARD_EDIT)
    return _numbers_held(numbers)


def _numbers_held(numbers: Iterable[str]) -> set[str]:
    wanted: set[str] = set()
    for number in numbers:
        text = validation.normalize_text(number)
        if text:
            wanted |= {text, text.upper()}
    used: set[str] = set()
    for chunk in _chunks(sorted(wanted)):
        rows: Any = Card.select(Card.archive_no).where(Card.archive_no.in_(list(chunk))).tuples()
        used.update(str(number).upper() for (number,) in rows)
    return used


def _free_archive_nos(
    pattern: str, *, category: str, region: str, year: int, count: int, reserved: set[str]
) -> list[str]:
    """The pattern's next ``count`` numbers past the highest one that a card holds or that is
    ``reserved`` (upper case: the numbers an import brings in itself) in their sequence: a gap
    may be a number given on paper, before the program, to a card destroyed since."""
    _, template = numbering.render_archive_no(pattern, category=category, region=region, year=year)
    highest = _highest_in_sequence(template, reserved)
    out: list[str] = []
    while len(out) < count:
        batch = numbering.next_archive_nos(
            pattern, category=category, region=region, year=year, count=count - len(out),
            after=highest,
        )  # fmt: skip
        held = _numbers_held(batch) | reserved
        out += [n for n in batch if n.upper() not in held]
    return out


def _highest_in_sequence(template: str, reserved: set[str]) -> int:
    """The highest sequence value of the numbers of ``template`` (a rendered pattern) that a
    card holds or that are ``reserved``; 0 for none."""
    query = Card.select(Card.archive_no)
    prefix = template.partition("\0")[0]
    if prefix:  # a range of the number's unique index
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        query = query.where((Card.archive_no >= prefix) & (Card.archive_no < after))
    rows: Any = query.tuples()
    values = (numbering.sequence_of(n, template) for n in [*(n for (n,) in rows), *reserved])
    return max((v for v in values if v is not None), default=0)


def add_salesperson(actor: Actor, name: str) -> int:
    """A salesperson (业务员) the archive does not know yet, by name (as an import names one).
    Returns the new person's id."""
    require(actor, Perm.CARD_EDIT)
    name = validation.normalize_text(name)
    if not name:
        raise ValidationError("请填写业务员姓名。", field="salesperson_id")
    problem = _too_long("业务员姓名", name, _limits(Person)["name"])
    if problem is not None:
        raise ValidationError(problem, field="salesperson_id")
    with transaction():
        person = Person.create(name=name, is_salesperson=True)
        audit.record(actor, "person.create", "person", person.id, after={"name": name})
    return int(person.id)


@dataclass(frozen=True)
class ImportedCard:
    """One card of an import, as the import's preview checked it with :func:`check_draft`:
    ``values``, every field as it is stored (references by id); ``contacts``, the contact
    people's rows; the ledger's archive number ("" for the pattern's next one); the reason its
    history line gives (“导入自 客户台账.xlsx 第 12 行”); the ledger's 建档日期."""

    values: dict[str, Any]
    contacts: list[dict[str, Any]] = field(default_factory=list)
    archive_no: str = ""
    reason: str = "导入"
    created_on: dt.date | None = None  # the card's creation (today if None)


_IMPORT_COLUMNS = (
    "archive_no", "name_norm", "keeper", "trade_ended_on", "created_at", "created_by",
    "updated_at", "status", "version",
    *(_MODEL_NAME.get(spec.name, spec.name) for spec in CARD_FIELDS), "retention_due",
)  # fmt: skip
_HISTORY_COLUMNS = (
    "card", "at", "user", "action", "reported_by", "reason", "field", "old_value", "new_value",
)  # fmt: skip
_CONTACT_COLUMNS = ("card", "seq", "name", "title", "mobile", "phone", "email", "id_number", "note")


def create_imported(
    actor: Actor,
    items: Sequence[ImportedCard],
    *,
    progress: Any = None,
) -> list[tuple[int, str]]:
    """Create the cards of an import inside the caller's transaction (an import is one
    transaction: all or nothing).

    ``items`` were checked in the preview (:func:`check_draft`; their warnings accepted); what
    may have changed since is checked again before anything is written: the region, category
    and salesperson exist and are not retired, the secrecy is within the actor's clearance, the
    filing date is not after today, no card holds a ledger's number. Each card gets its number
    (the ledger's, or the pattern's next free one of the year of its filing), its history line,
    its ``card.create`` event, its contact people and its search row, each kind written in bulk;
    duplicates were the clerk's choice already. ``progress(done)`` returning False cancels
    (:class:`Cancelled`: the caller's transaction rolls back). Returns the new cards'
    ``(id, archive number)`` in the order of ``items``."""
    require(actor, Perm.CARD_EDIT)
    now = actor.clock.now()
    regions = {r.id: r for r in classification.list_regions()}
    categories = {c.id: c for c in classification.list_categories()}
    found: Any = Person.select(Person.id).tuples()
    people = {pid for (pid,) in found}
    for item in items:
        _refuse_imported(actor, item, regions, categories, people, now.date())
    numbers = _imported_numbers(items, categories, now.year)
    insert = prepared("cards.import.insert", lambda: insert_statement(Card, _IMPORT_COLUMNS))
    written: list[tuple[int, str]] = []
    history: list[dict[str, Any]] = []
    events: list[audit.Event] = []
    contacts: list[dict[str, Any]] = []
    for n, (item, number) in enumerate(zip(items, numbers, strict=True)):
        if progress is not None and n % 100 == 0 and not progress(n):
            raise Cancelled("已取消导入，档案没有任何改动。")
        values = dict(item.values)
        trade_ended = now.date() if values["trade_status"] != "active" else None
        created = item.created_on or now.date()
        _apply_retention(values, created=created, trade_ended=trade_ended)
        card_id = insert.insert(
            archive_no=number,
            name_norm=validation.normalize_name(values["name"]),
            keeper=actor.user_id,
            trade_ended_on=trade_ended,
            created_at=now if item.created_on is None else dt.datetime.combine(created, dt.time()),
            created_by=actor.user_id,
            updated_at=now,
            status="active",
            version=1,
            **_model_values(values),
        )
        written.append((card_id, number))
        after = {"archive_no": number, **values, "contacts": item.contacts, "documents": []}
        events.append(("card.create", "card", card_id, None, after))
        history.append(
            {"card": card_id, "at": now, "user": actor.user_id, "action": "create",
             "reported_by": "", "reason": item.reason[:300], "field": "档案编号",
             "old_value": "", "new_value": number}
        )  # fmt: skip
        contacts += [
            {"card": card_id, "seq": seq, **c} for seq, c in enumerate(item.contacts, start=1)
        ]
    prepared(
        "cards.import.history", lambda: insert_statement(CardHistory, _HISTORY_COLUMNS)
    ).run_many(history)
    prepared(
        "cards.import.contact", lambda: insert_statement(ContactPerson, _CONTACT_COLUMNS)
    ).run_many(contacts)
    audit.record_many(actor, events, at=now)
    search.index_cards([card_id for card_id, _ in written])
    return written


def _refuse_imported(
    actor: Actor,
    item: ImportedCard,
    regions: dict[int, Any],
    categories: dict[int, Any],
    people: set[int],
    today: dt.date,
) -> None:
    """What may have changed since the preview checked ``item``, refused with its row."""
    values = item.values
    region, category = regions.get(values["region_id"]), categories.get(values["category_id"])
    problem = ""
    if region is None or category is None:
        problem = "所选区域不存在。" if region is None else "所选类别不存在。"
    elif values.get("salesperson_id") is not None and values["salesperson_id"] not in people:
        problem = "所选业务员不存在。"
    elif category.retired or region.retired:
        problem = "所选区域或类别已停用，请另选。"
    elif int(values["secrecy"]) > actor.clearance:
        problem = "不能创建高于您本人密级权限的档案卡。"
    elif item.created_on is not None and item.created_on > today:
        problem = "建档日期不能晚于今天。"
    if problem:
        raise ValidationError(f"{item.reason}：{problem}")


def _imported_numbers(
    items: Sequence[ImportedCard], categories: dict[int, Any], year: int
) -> list[str]:
    """The number of each card of an import: the ledger's (refused when a card holds it or
    another row brings it too), else the pattern's next free one of the year of the card's
    filing (``year`` without a 建档日期), past the numbers the import brings in itself."""
    given = [validation.normalize_text(item.archive_no) for item in items]
    held = _numbers_held(given)
    reserved: set[str] = set()
    for item, number in zip(items, given, strict=True):
        if number and (number.upper() in held or number.upper() in reserved):
            raise Conflict(f"{item.reason}：档案编号“{number}”已被使用。")
        if number:
            reserved.add(number.upper())
    codes: dict[int, str] = {}
    keys: list[tuple[str, str, int] | None] = []
    for item, number in zip(items, given, strict=True):
        if number:
            keys.append(None)
            continue
        region_id = item.values["region_id"]
        if region_id not in codes:
            codes[region_id] = classification.region_code_of(region_id)
        filed = item.created_on.year if item.created_on else year
        keys.append((categories[item.values["category_id"]].code, codes[region_id], filed))
    pattern = settings.get("archive_no.pattern")
    free = {
        key: iter(
            _free_archive_nos(
                pattern, category=key[0], region=key[1], year=key[2], count=count,
                reserved=reserved,
            )
        )
        for key, count in Counter(k for k in keys if k is not None).items()
    }  # fmt: skip
    return [
        number if key is None else next(free[key]) for number, key in zip(given, keys, strict=True)
    ]
