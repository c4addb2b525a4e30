"""Every row checked before anything is written: the preview.

:func:`check` reads each data row through the mapping, normalises every cell as it will be
stored, and checks the card the row would make with :func:`archive_desk.cards.check_draft` —
the editor's own check, so the messages are the editor's (a failed credit-code check is a
warning the clerk may accept). It then finds rows that repeat an earlier row of the file (same
credit code or name), rows that repeat a card of the archive (through
:func:`archive_desk.cards.match_duplicates`: a card above the clerk's clearance is reported as
“一张您无权查看的档案卡”, nothing of it shown, and cannot be updated), archive numbers any card
holds or held, and the regions, categories and salespeople the archive does not know yet.

Nothing here writes. A row keeps its cells (the sheet's own list, for the workbook of the rows
not imported) and the values the card check gave the fields it fills — what the preview shows
and what the import writes: the import does not parse or check a row again (the clerk's choices
do not change a normalised value); it checks again only what another clerk may have changed
meanwhile (:func:`recheck`: duplicates and archive numbers, inside the import's transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from archive_desk import cards, validation
from archive_desk.errors import Cancelled
from archive_desk.importing import _normalise as normalise
from archive_desk.importing._cells import MAX_CELL_CHARS, Cell, Oversized, Source
from archive_desk.importing._mapping import EXTRA, IGNORE, TARGET_BY_KEY, Mapping
from archive_desk.importing._resolve import Resolver
from archive_desk.permissions import Actor, Perm, require

Progress = Callable[[int, int], bool]

CHOICE_FIELDS = {s.name: s for s in cards.CARD_FIELDS if s.kind == "choice"}
DATE_TARGETS = {s.name for s in cards.CARD_FIELDS if s.kind == "date"} | {"created_on"}
LONG_TARGETS = {s.name for s in cards.CARD_FIELDS if s.kind == "long"} | {"note", EXTRA}
LOCATION = ("location_room", "location_cabinet", "location_shelf", "location_box")
REFS = ("region", "category", "salesperson")
CONTACT_KEYS = ("name", "title", "mobile", "phone", "email", "id_number", "note")
_REF_FIELDS = {"region_id": "region", "category_id": "category", "salesperson_id": "salesperson"}
_NOTE_STARTS = ("注", "说明", "备注", "合计", "总计", "制表", "填表", "审核")


@dataclass(frozen=True, slots=True)
class Problem:
    """An error (the row is not imported) or a warning (imported once the clerk accepts it) of
    one column (``column`` None: of the row as a whole)."""

    column: int | None
    message: str
    warning: bool = False


@dataclass(slots=True)
class Parsed:
    """A row read through the mapping: the draft's values, its contact, the ledger's names of
    region, category and salesperson, its archive number and filing date."""

    values: dict[str, Any]
    contacts: list[cards.ContactInput]
    refs: dict[str, str]
    archive_no: str
    created_on: dt.date | None
    columns: dict[str, int]  # draft field → the column it came from
    problems: list[Problem]


@dataclass(slots=True)
class RowCheck:
    """One data row of the preview."""

    line: int  # the sheet's row number, as Excel shows it
    cells: list[Cell]
    # the fields the row fills, as :func:`archive_desk.cards.check_draft` stores them (codes,
    # dates, numbers); its contact person's as ``contact_<key>``; empty values left out
    values: dict[str, Any]
    problems: list[Problem]
    name: str = ""
    credit_code: str = ""
    archive_no: str = ""
    refs: dict[str, str] = field(default_factory=dict)
    same_as: int | None = None  # the earlier row of the file it repeats
    duplicates: list[cards.CardRow] = field(default_factory=list)
    hidden_duplicate: bool = False
    number_in_use: bool = False  # the ledger's number is a card's already (its own, when updated)
    created_on: dt.date | None = None  # the ledger's 建档日期

    @property
    def shown(self) -> dict[str, str]:
        """Target → the value as it will be stored, as the preview shows it."""
        out: dict[str, str] = {}
        for name, value in self.values.items():
            if name in CHOICE_FIELDS:
                out[name] = str((CHOICE_FIELDS[name].choices or {}).get(value, value))
            else:
                out[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
        out.update(self.refs)
        if self.archive_no:
            out["archive_no"] = self.archive_no
        if self.created_on:
            out["created_on"] = self.created_on.isoformat()
        return out

    def card_values(self) -> dict[str, Any]:
        """The card's fields the row fills (its contact person's left out)."""
        return {k: v for k, v in self.values.items() if not k.startswith("contact_")}

    def contact(self) -> dict[str, str] | None:
        """The row's contact person as a row of ``contact_person`` (None: the row has none)."""
        if "contact_name" not in self.values:
            return None
        return {key: str(self.values.get("contact_" + key, "")) for key in CONTACT_KEYS}

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def is_duplicate(self) -> bool:
        return bool(self.duplicates or self.hidden_duplicate or self.same_as)


@dataclass
class Preview:
    """The checked sheet: its data rows, the rows passed over (blank lines are not listed;
    notes and titles are, with their reason), and the names the archive does not know."""

    source: Source
    mapping: Mapping
    rows: list[RowCheck]
    passed_over: list[tuple[int, str]]
    unknown: dict[str, dict[str, int]]  # "region"/"category"/"salesperson" → text → rows
    today: dt.date

    @property
    def header_labels(self) -> list[str]:
        return self.mapping.headers


def column_label(mapping: Mapping, column: int | None) -> str:
    if column is None or column >= len(mapping.headers):
        return ""
    return mapping.headers[column]


# --- one row ----------------------------------------------------------------------------------


def _add(problems: list[Problem], column: int | None, message: str, warning: bool = False) -> None:
    problems.append(Problem(column, message, warning))


def parse_row(cells: list[Cell], mapping: Mapping, resolver_today: dt.date) -> Parsed:
    """The card a row describes, before the card's own check."""
    values: dict[str, Any] = {}
    contact: dict[str, str] = {}
    refs: dict[str, list[str]] = {}
    notes: list[str] = []
    extra_phones: list[str] = []
    # each field's column: the first one mapped to it (messages of empty cells name it too)
    columns: dict[str, int] = {t: c for c, t in sorted(mapping.columns.items(), reverse=True)}
    for name in LOCATION:
        columns.setdefault(name, columns.get("location", columns.get("location_room", -1)))
    columns = {k: v for k, v in columns.items() if v >= 0}
    problems: list[Problem] = []
    archive_no = ""
    created_on: dt.date | None = None
    location_parts: list[str] | None = None
    for col, target in mapping.columns.items():
        if target == IGNORE or (target == EXTRA and not mapping.keep_extra):
            continue
        cell = cells[col] if col < len(cells) else None
        if cell is None:
            continue
        if isinstance(cell, Oversized):
            _add(
                problems,
                col,
                f"单元格有 {cell.length:,} 个字，超过一个单元格可有的 {MAX_CELL_CHARS:,} 字，没有读取。",
            )
            continue
        if target in DATE_TARGETS:
            date, message = normalise.to_date(cell)
            if message:
                _add(problems, col, f"{TARGET_BY_KEY[target].label}：{message}")
            elif target == "created_on":
                created_on = date
                if date is not None and date > resolver_today:
                    _add(problems, col, "建档日期不能晚于今天。")
            elif date is not None:
                values[target] = date
                columns[target] = col
            continue
        text, removed = normalise.clean(normalise.cell_text(cell), multiline=target in LONG_TARGETS)
        if removed:
            _add(problems, col, f"去掉了 {removed} 个看不见的控制字符，请核对。", warning=True)
        if not text:
            continue
        if target == EXTRA:
            notes.append(f"{mapping.headers[col]}：{text}")
        elif target == "note":
            notes.insert(0, text)
        elif target in REFS:
            refs.setdefault(target, []).append(text)
            columns.setdefault(target, col)
        elif target == "location":
            location_parts = [p for p in text.replace("›", "-").split("-") if p.strip()]
            columns.update(dict.fromkeys(LOCATION, col))
        elif target.startswith("contact_"):
            contact[target.removeprefix("contact_")] = text
            columns[target] = col
        elif target == "archive_no":
            archive_no = text.upper()
            columns["archive_no"] = col
        elif target in ("phone", "fax"):
            phones = normalise.split_phones(text)
            values[target] = phones[0] if phones else ""
            extra_phones += phones[1:]
            columns[target] = col
        elif target in CHOICE_FIELDS:
            spec = CHOICE_FIELDS[target]
            code = normalise.choice(spec.choices or {}, text)
            if code is None:
                allowed = "、".join((spec.choices or {}).values())
                _add(problems, col, f"“{spec.label}”应为：{allowed}；这里是“{text}”。")
            else:
                values[target] = code
            columns[target] = col
        elif target == "staff_count":
            values[target] = normalise.integer(text)
            columns[target] = col
        else:
            values[target] = text
            columns[target] = col
    if location_parts is not None:
        for name, part in zip(LOCATION, location_parts, strict=False):
            values.setdefault(name, part.strip())
        if len(location_parts) > len(LOCATION):
            _add(problems, columns.get("location"), "存放位置应为“库房-柜-层-盒”，最多四段。")
    _apply_defaults(mapping, values, refs, problems)
    contacts = _contacts(contact, values, extra_phones)
    if extra_phones:
        notes.append("其他电话：" + "、".join(extra_phones))
        _add(
            problems, columns.get("phone"), "一格里有几个电话：第一个存为电话，其余记入备注。", True
        )
    if notes:
        values["note"] = "\n".join(notes)
    return Parsed(
        values,
        contacts,
        {k: " ".join(v) if k != "region" else " › ".join(v) for k, v in refs.items()},
        archive_no,
        created_on,
        columns,
        problems,
    )


def _apply_defaults(
    mapping: Mapping, values: dict[str, Any], refs: dict[str, list[str]], problems: list[Problem]
) -> None:
    """The clerk's values for cells left empty (a ledger without a category column …)."""
    for target, text in mapping.defaults.items():
        text = validation.normalize_text(text)
        if not text:
            continue
        if target in REFS:
            refs.setdefault(target, [text])
        elif target in CHOICE_FIELDS and target not in values:
            code = normalise.choice(CHOICE_FIELDS[target].choices or {}, text)
            if code is not None:
                values[target] = code
        elif target in TARGET_BY_KEY and not values.get(target):
            values[target] = text


def _contacts(
    contact: dict[str, str], values: dict[str, Any], extra_phones: list[str]
) -> list[cards.ContactInput]:
    """The row's contact person; a number without a name goes to the card's phone (or the
    note, when the card has one)."""
    if not contact:
        return []
    phone = contact.get("phone", "")
    if phone and not contact.get("mobile"):
        check = validation.check_mobile(phone)
        if not check.error:
            contact["mobile"], phone = check.value, ""
    if not contact.get("name"):
        for number in (contact.get("mobile", ""), phone):
            if not number:
                continue
            if not values.get("phone"):
                values["phone"] = number
            else:
                extra_phones.append(number)
        return []
    return [
        cards.ContactInput(
            name=contact["name"],
            title=contact.get("title", ""),
            mobile=contact.get("mobile", ""),
            phone=phone,
            email=contact.get("email", ""),
        )
    ]


def _field_column(name: str, parsed: Parsed) -> int | None:
    if name.startswith("contact"):
        key = "contact_" + name.split(".", 1)[-1]
        return parsed.columns.get(key, parsed.columns.get("contact_name"))
    return parsed.columns.get(_REF_FIELDS.get(name, name))


def check_parsed(parsed: Parsed, today: dt.date) -> tuple[list[Problem], dict[str, Any]]:
    """The card's own check of a parsed row (errors and warnings on their columns) and the
    values as they would be stored."""
    draft = cards.CardDraft(values=dict(parsed.values), contacts=parsed.contacts)
    checked = cards.check_draft(draft, today=today)
    problems = list(parsed.problems)
    for level, found in ((False, checked.errors), (True, checked.warnings)):
        for name, message in found.items():
            if name in _REF_FIELDS:
                continue  # the ledger names them: checked by name below
            _add(problems, _field_column(name, parsed), message, level)
    for target, label in (("region", "区域"), ("category", "类别")):
        if not parsed.refs.get(target):
            _add(
                problems,
                None,
                f"请填写“{label}”（没有这一列时，可在对应关系中为空单元格指定{label}）。",
            )
    return problems, checked.values | {"contacts": checked.contacts}


def _stored(parsed: Parsed, checked: dict[str, Any]) -> dict[str, Any]:
    """The values ``checked`` gives the fields the row fills, empty ones left out (the card's
    defaults fill them), and the first contact person's under ``contact_<key>``."""
    out = {
        name: value
        for name, value in checked.items()
        if name in parsed.values and value is not None and value != ""
    }
    for contact in checked.get("contacts", [])[:1]:
        for key in CONTACT_KEYS:
            if contact.get(key):
                out["contact_" + key] = contact[key]
    return out


# --- the sheet --------------------------------------------------------------------------------


def _is_note(cells: list[Cell], mapping: Mapping) -> bool:
    """A notes or totals line at the end, a sub-title in the middle: at most one cell filled
    and no customer's name, or a first cell such as “注：”, “合计”."""
    filled = [c for c in cells if c is not None and normalise.cell_text(c).strip()]
    names = mapping.columns_of("name")
    has_name = any(n < len(cells) and cells[n] is not None for n in names)
    if len(filled) <= 1 and not has_name:
        return True
    first = normalise.cell_text(filled[0]).strip() if filled else ""
    return first.startswith(_NOTE_STARTS) and len(filled) <= 2


def check(
    actor: Actor,
    source: Source,
    mapping: Mapping,
    *,
    progress: Progress | None = None,
) -> Preview:
    """Check every data row of ``source`` with ``mapping``; nothing is written."""
    require(actor, Perm.CARD_EDIT)
    today = actor.clock.today()
    resolver = Resolver()
    rows: list[RowCheck] = []
    passed_over: list[tuple[int, str]] = []
    sheet_rows = source.sheet.rows
    start = mapping.header_row + 1
    total = max(0, len(sheet_rows) - start)
    for n, cells in enumerate(sheet_rows[start:]):
        if progress is not None and n % 500 == 0 and not progress(n, total):
            raise Cancelled("已取消检查，档案没有任何改动。")
        line = start + n + 1
        if not cells or all(c is None for c in cells):
            continue
        if _is_note(cells, mapping):
            text = normalise.cell_text(next(c for c in cells if c is not None))
            passed_over.append((line, f"说明行，不是客户：{text[:30]}"))
            continue
        parsed = parse_row(cells, mapping, today)
        problems, stored = check_parsed(parsed, today)
        rows.append(
            RowCheck(
                line,
                cells,
                _stored(parsed, stored),
                problems,
                name=str(stored.get("name") or parsed.values.get("name") or "")[:60],
                credit_code=str(stored.get("credit_code") or ""),
                archive_no=parsed.archive_no,
                refs=parsed.refs,
                created_on=parsed.created_on,
            )
        )
    unknown = _resolve(rows, resolver, mapping)
    _same_in_file(rows)
    _duplicates(actor, rows)
    _numbers(actor, rows, mapping)
    if progress is not None:
        progress(total, total)
    return Preview(source, mapping, rows, passed_over, unknown, today)


def _resolve(
    rows: list[RowCheck], resolver: Resolver, mapping: Mapping
) -> dict[str, dict[str, int]]:
    """The names the archive does not know, with how many rows name each; a retired one is an
    error of its rows."""
    unknown: dict[str, dict[str, int]] = {k: {} for k in REFS}
    finders = {"region": resolver.region, "category": resolver.category}
    finders["salesperson"] = resolver.salesperson
    for row in rows:
        for kind, text in row.refs.items():
            found = finders[kind](text)
            if found.id is None:
                unknown[kind][text] = unknown[kind].get(text, 0) + 1
            elif found.retired:
                label = {"region": "区域", "category": "类别"}.get(kind, kind)
                column = mapping.columns_of(kind)[0] if mapping.columns_of(kind) else None
                _add(row.problems, column, f"{label}“{text}”已停用，请另选。")
    return unknown


def _same_in_file(rows: list[RowCheck]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        keys = []
        if row.credit_code:
            keys.append("c:" + row.credit_code)
        if row.name:
            keys.append("n:" + validation.normalize_name(row.name))
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            row.same_as = first
        for key in keys:
            seen.setdefault(key, row.line)


def _numbers(actor: Actor, rows: list[RowCheck], mapping: Mapping) -> None:
    """Archive numbers from the ledger: well formed, once in the file, held by no card (a
    destroyed card's number is never given again)."""
    columns = mapping.columns_of("archive_no")
    if not columns:
        return
    column = columns[0]
    first: dict[str, int] = {}
    for row in rows:
        number = row.archive_no
        if not number:
            continue
        if len(number) > 40 or not all(ch.isalnum() or ch in "-_.·/" for ch in number):
            _add(row.problems, column, "档案编号只能有字母、数字和 - _ . / ·，最多40个字符。")
        elif number in first:
            _add(row.problems, column, f"档案编号“{number}”与第 {first[number]} 行重复。")
        else:
            first[number] = row.line
    _numbers_in_use(actor, [r for r in rows if first.get(r.archive_no) == r.line], column)


def _numbers_in_use(actor: Actor, rows: list[RowCheck], column: int) -> None:
    """Mark those of ``rows`` (each the first row of its number) whose number a card holds."""
    used = cards.archive_numbers_in_use(actor, [r.archive_no for r in rows])
    for row in rows:
        if row.archive_no not in used:
            continue
        row.number_in_use = True
        if not any(d.archive_no.upper() == row.archive_no for d in row.duplicates):
            _add(
                row.problems,
                column,
                f"档案编号“{row.archive_no}”已被使用（编号不能重复，已销毁档案的编号也不再使用）。",
            )


def recheck(actor: Actor, preview: Preview) -> list[RowCheck]:
    """The preview's rows as they stand now (call inside the import's transaction): another
    clerk may have created or renamed a card the rows repeat, or taken an archive number of the
    ledger, since the preview. Changed rows are new objects; the preview stays as it was."""
    rows = [
        replace(r, duplicates=[], hidden_duplicate=False)
        for r in preview.rows
        if r.name or r.credit_code
    ]
    _duplicates(actor, rows)
    fresh = {r.line: r for r in rows}
    out = []
    for row in preview.rows:
        new = fresh.get(row.line, row)
        if new.duplicates == row.duplicates and new.hidden_duplicate == row.hidden_duplicate:
            new = row
        out.append(new)
    columns = preview.mapping.columns_of("archive_no")
    unmarked = [
        (k, r) for k, r in enumerate(out) if r.archive_no and not r.number_in_use and not r.errors
    ]
    if columns and unmarked:
        copies = [replace(r, problems=list(r.problems)) for _, r in unmarked]
        _numbers_in_use(actor, copies, columns[0])
        for (k, _), copy in zip(unmarked, copies, strict=True):
            if copy.number_in_use:
                out[k] = copy
    return out


def _duplicates(actor: Actor, rows: list[RowCheck]) -> None:
    keyed = [r for r in rows if r.name or r.credit_code]
    matches = cards.match_duplicates(actor, [(r.name, r.credit_code) for r in keyed])
    for row, match in zip(keyed, matches, strict=True):
        row.duplicates = match.cards
        row.hidden_duplicate = match.hidden
