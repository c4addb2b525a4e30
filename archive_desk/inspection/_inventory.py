"""Inventory by scanning (盘点): is every folder where its card says?

Starting an inventory of a location (or another scope) freezes the list of folders expected
there: the kept cards recorded there, those out on loan listed apart, destroyed ones left out.
The clerk then scans folder labels (a keyboard-wedge scanner types the number and Enter) or
types numbers; each scan is answered at once: in place; here but recorded elsewhere (with
where); on loan (a loan not returned?); an unknown number; a destroyed card; scanned twice.
Every card scanned gets a "last seen" date and place. The clerk may pause and resume, add a
forgotten tray (its folders join the list, what was scanned stays), and close it: listed folders
never scanned are then "not found" (or "out on loan" when a loan holds them then). A folder
found out of place has its recorded location moved here, or a finding opened, in one action.

Well-defined with the other procedures: a scan is answered from the frozen list and the card's
holds at that moment. A folder lent after the list was frozen and scanned anyway is "on loan";
one lent and never scanned is "out on loan" at closing, not "not found"; a folder on loan when
the inventory began that comes back and is scanned is "in place". A card on an open handover
slip is still in the room: it is answered like any other (a slip holds no folder away); a card
whose location changed while the inventory ran (a handover's receipt to another room, an edit)
and was not scanned is "not found", with its new location noted. Two inventories may not list
the same folder at once. Inventories take no hold of their own: a loan never waits for one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from peewee import Case, Value, fn

from archive_desk import audit, cards, validation
from archive_desk.db.models import Card, Inspection, InventoryItem, InventoryTray, database
from archive_desk.db.store import lock_rows, retrying
from archive_desk.errors import Conflict, NeedsConfirmation, NotFound, ValidationError
from archive_desk.inspection import _scope, _store
from archive_desk.inspection._findings import open_finding
from archive_desk.inspection._rounds import may_read, note_text, user_names
from archive_desk.inspection._states import (
    INVENTORY_ENTITY,
    OPEN_INVENTORIES,
    FindingKind,
    FindingSource,
    InventoryState,
    ItemAction,
    RoundKind,
    ScanResult,
    ScopeKind,
)
from archive_desk.inspection.views import (
    InventoryReport,
    InventoryView,
    ItemView,
    Location,
    ScanAnswer,
    Scope,
)
from archive_desk.numbering import ARCHIVE_NO_MAX, next_document_no
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, holds, records
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.filters import FilterTable, ListFilter

MISSING = "盘点不存在。"
CODE_MARKS = set("-_./·")  # besides letters and digits, what an archive number may hold
# what a keyboard-wedge or serial barcode scanner puts around a number (suffix CR/LF/TAB, the
# STX/ETX/EOT framing, GS/RS/US/FS separators of GS1 labels), and a typist's space
SCANNER_FRAMING = "\r\n\t\x02\x03\x04\x1c\x1d\x1e\x1f "
SCAN_MAX = ARCHIVE_NO_MAX + 20  # the longest number the pattern may make, and slack for spaces
# the finding a result opens unless the clerk names another kind
FINDING_FOR = {
    ScanResult.ELSEWHERE: FindingKind.WRONG_LOCATION,
    ScanResult.NOT_FOUND: FindingKind.MISSING_FOLDER,
    ScanResult.ON_LOAN: FindingKind.OTHER,
    ScanResult.OUT: FindingKind.OTHER,
}


# --- the code a scan gives ---------------------------------------------------------------------


def scan_code(text: str) -> str:
    """The archive number in a scan or typed entry (full-width made half-width, stray spaces
    dropped, capitals). What a barcode scanner sends around a number — a prefix or suffix of
    CR, LF, TAB, STX/ETX/EOT, the group separators (GS …) — is dropped, and between the
    characters of a number it counts as a stray space; any other control character (NUL, ESC,
    BEL), a lone surrogate, a text longer than a number and its framing may be, or one no
    archive number can be (a character that is neither a letter, a digit nor one of
    ``- _ . / ·``) is refused, as is an empty line: nothing is recorded."""
    raw = text if isinstance(text, str) else str(text)
    inner = "".join(" " if ch in SCANNER_FRAMING else ch for ch in raw.strip(SCANNER_FRAMING))
    check = validation.check_text(inner, "扫描内容", SCAN_MAX, fold=True)
    if check.error:  # the field's message, with what a scan asks for instead of an edit
        said = check.error.removesuffix("请删去后再保存。").removesuffix("请删去后重新输入。")
        raise ValidationError(f"{said.rstrip('，。')}：未记录，请重新扫描或输入。", field="code")
    code = cards.number_key(check.value)
    if not code:
        raise ValidationError("空行：没有扫描到编号，未记录。", field="code")
    shown = check.value[:ARCHIVE_NO_MAX]
    if len(code) > ARCHIVE_NO_MAX or not all(ch.isalnum() or ch in CODE_MARKS for ch in code):
        raise ValidationError(
            f"“{_printable(shown)}”不是档案编号，未记录：请重新扫描或输入。", field="code"
        )
    return code


def _printable(text: str) -> str:
    return "".join(ch if unicodedata.category(ch)[0] != "C" else "�" for ch in text)


# --- reading ---------------------------------------------------------------------------------


def _row(inventory_id: int) -> Inspection:
    row = Inspection.get_or_none(
        (Inspection.id == inventory_id) & (Inspection.kind == RoundKind.INVENTORY)
    )
    if row is None:
        raise NotFound(MISSING)
    return row


def _place(row: Inspection) -> str:
    """Where the folders an inventory scans were seen."""
    return _place_of(row.number, row.scope_kind, row.scope_label, _scope.of(row).location)


def _place_of(number: str, scope_kind: str, scope_label: str, location: Location) -> str:
    if scope_kind == ScopeKind.LOCATION:
        return location.text
    return f"盘点 {number}（{scope_label}）"


def _trays(inventory_id: int) -> list[Location]:
    rows = (
        InventoryTray.select()
        .where(InventoryTray.inventory == inventory_id)
        .order_by(InventoryTray.id)
    )
    return [Location(t.room, t.cabinet, t.shelf, t.box) for t in rows]


def inventory_view(row: Inspection) -> InventoryView:
    counts: dict[ScanResult, int] = {r: 0 for r in ScanResult if r != ScanResult.DUPLICATE}
    pending = expected = lent = repeats = 0
    grouped: Any = (
        InventoryItem.select(
            InventoryItem.result, InventoryItem.expected, InventoryItem.lent_at_start,
            fn.COUNT(InventoryItem.id), fn.SUM(InventoryItem.scans),
        )
        .where(InventoryItem.inventory == row.id)
        .group_by(InventoryItem.result, InventoryItem.expected, InventoryItem.lent_at_start)
        .tuples()
    )  # fmt: skip
    for result, is_expected, lent_at_start, n, scans in grouped:
        if result is None:
            pending += n
        else:
            counts[ScanResult(result)] += n
            repeats += (
                max(0, int(scans or 0) - n)
                if result not in (ScanResult.NOT_FOUND, ScanResult.OUT)
                else 0
            )
        if is_expected:
            expected += n
            lent += n if lent_at_start else 0
    state = InventoryState(row.state)
    names = user_names([row.inspector_id])
    return InventoryView(
        id=row.id, number=row.number, scope=_scope.of(row), scope_label=row.scope_label,
        place=_place(row), trays=[t.text for t in _trays(row.id)],
        inspector=names.get(row.inspector_id, ""), started_at=row.started_at,
        finished_at=row.finished_at, state=state, state_label=state.label, expected=expected,
        lent_at_start=lent, counts=counts, pending=pending, repeats=repeats, version=row.version,
    )  # fmt: skip


def get_inventory(actor: Actor, inventory_id: int) -> InventoryView:
    may_read(actor)
    return inventory_view(_row(inventory_id))


def find_inventory(actor: Actor, number: str) -> int | None:
    may_read(actor)
    row = Inspection.get_or_none(
        (Inspection.number == validation.search_text(number)[0].upper())
        & (Inspection.kind == RoundKind.INVENTORY)
    )
    return row.id if row else None


def open_inventory_at(actor: Actor, location: Location) -> int | None:
    """The inventory of exactly this location still open or paused, if any (the command line
    continues it)."""
    may_read(actor)
    where = _scope.check_scope(Scope(ScopeKind.LOCATION, location=location)).location
    row = Inspection.get_or_none(
        (Inspection.kind == RoundKind.INVENTORY)
        & Inspection.state.in_(OPEN_INVENTORIES)
        & (Inspection.scope_kind == ScopeKind.LOCATION)
        & (Inspection.scope_room == where.room)
        & (Inspection.scope_cabinet == where.cabinet)
        & (Inspection.scope_shelf == where.shelf)
        & (Inspection.scope_box == where.box)
    )
    return row.id if row else None


LIST = FilterTable(
    Inspection,
    (
        ListFilter("open", "进行中", lambda _a: (Inspection.kind == RoundKind.INVENTORY)
                   & Inspection.state.in_(OPEN_INVENTORIES)),
        ListFilter("closed", "已结束", lambda _a: (Inspection.kind == RoundKind.INVENTORY)
                   & (Inspection.state == InventoryState.CLOSED)),
        ListFilter("all", "全部", lambda _a: Inspection.kind == RoundKind.INVENTORY),
    ),
    may_read=may_read,
)  # fmt: skip
INVENTORY_FILTERS = LIST.labels


def count_inventories(actor: Actor, which: str = "all") -> int:
    return LIST.count(actor, which)


def list_inventories(
    actor: Actor, which: str = "all", offset: int = 0, limit: int = 200
) -> list[InventoryView]:
    return [inventory_view(row) for row in LIST.page(actor, which, offset, limit)]


def _item_views(reader: Actor, rows: Sequence[InventoryItem]) -> list[ItemView]:
    """The lines as ``reader`` may see them: a folder above her clearance by its number."""
    names = cards.names_as_seen(reader, [r.card_id for r in rows if r.card_id])
    out = []
    for r in rows:
        result = ScanResult(r.result) if r.result else None
        action = ItemAction(r.action) if r.action else None
        out.append(
            ItemView(
                id=r.id, card_id=r.card_id, code=r.code, name=names.get(r.card_id or 0, ""),
                expected=r.expected, lent_at_start=r.lent_at_start,
                recorded_location=r.recorded_location, result=result,
                result_label=result.label if result else ("借出（开始时）" if r.lent_at_start else "未扫描"),
                scans=r.scans, first_scan_at=r.first_scan_at, last_scan_at=r.last_scan_at,
                action=action, action_label=action.label if action else "",
                finding_id=r.finding_id, note=r.note,
            )
        )  # fmt: skip
    return out


def _items(actor: Actor, inventory_id: int, which: str | None) -> Any:
    may_read(actor)
    query = InventoryItem.select().where(InventoryItem.inventory == _row(inventory_id).id)
    if which == "pending":
        return query.where(InventoryItem.result.is_null())
    if which == "duplicate":
        return query.where(InventoryItem.scans > 1)
    if which is not None:
        if which not in ScanResult.labels():
            raise ValidationError("未知的筛选条件。", field="filter")
        return query.where(InventoryItem.result == ScanResult(which))
    return query


def count_items(actor: Actor, inventory_id: int, which: str | None = None) -> int:
    """How many lines :func:`inventory_items` lists for ``which``."""
    return int(_items(actor, inventory_id, which).count())


def inventory_items(
    actor: Actor, inventory_id: int, which: str | None = None, offset: int = 0, limit: int = 200
) -> list[ItemView]:
    """The lines of one result (``pending``: listed and not scanned; ``duplicate``: scanned
    more than once; None: every line), in archive number order."""
    query = _items(actor, inventory_id, which)
    return _item_views(actor, list(query.order_by(InventoryItem.code).offset(offset).limit(limit)))


def last_scans(actor: Actor, inventory_id: int, limit: int = 50) -> list[ItemView]:
    """The lines scanned last, the newest first (the scan screen, on resuming)."""
    may_read(actor)
    query = (
        InventoryItem.select()
        .where(
            (InventoryItem.inventory == _row(inventory_id).id)
            & InventoryItem.last_scan_at.is_null(False)
        )
        .order_by(InventoryItem.last_scan_at.desc(), InventoryItem.id.desc())
        .limit(limit)
    )
    return _item_views(actor, list(query))


def report(actor: Actor, inventory_id: int) -> InventoryReport:
    """Every line under its result (the 盘点报告 and its workbook)."""
    may_read(actor)
    row = _row(inventory_id)
    items = _item_views(
        actor,
        list(
            InventoryItem.select()
            .where(InventoryItem.inventory == row.id)
            .order_by(InventoryItem.code)
        ),
    )
    lines: dict[ScanResult, list[ItemView]] = {
        r: [] for r in ScanResult if r != ScanResult.DUPLICATE
    }
    for item in items:
        if item.result is not None:
            lines[item.result].append(item)
    return InventoryReport(
        inventory=inventory_view(row),
        lines=lines,
        pending=[i for i in items if i.result is None],
        duplicates=[i for i in items if i.scans > 1],
    )


# --- starting: the list frozen ----------------------------------------------------------------


def location_text() -> Any:
    """A card's location as :attr:`Location.text` writes it (the parts given, joined by ``-``),
    in portable SQL: the list is frozen by one ``INSERT … SELECT``."""
    parts = [Card.location_room, Card.location_cabinet, Card.location_shelf, Card.location_box]
    text: Any = parts[0]
    before: Any = parts[0] != ""  # a part given before this one: a "-" goes between
    for part in parts[1:]:
        given = part != ""
        text = text.concat(Case(None, ((given & before, "-"),), "")).concat(part)
        before = before | given
    return text


def _list(actor: Actor, inventory_id: int, scope: Scope, *, unlisted: bool = False) -> int:
    """List the kept, visible folders of ``scope`` (those on loan marked), in one statement;
    ``unlisted``: only those not on the inventory's list yet. How many were listed."""
    condition = cards.filter_condition(actor, _scope.card_filter(scope))
    if unlisted:
        condition &= Card.id.not_in(
            InventoryItem.select(InventoryItem.card).where(
                (InventoryItem.inventory == inventory_id) & InventoryItem.card.is_null(False)
            )
        )
    query = Card.select(
        Value(inventory_id), Card.id, Card.archive_no, Value(True),
        Card.id.in_(holds.held_ids("loan")), location_text(), Value(0), Value(""), Value(""),
    ).where(condition)  # fmt: skip
    fields = [
        InventoryItem.inventory, InventoryItem.card, InventoryItem.code, InventoryItem.expected,
        InventoryItem.lent_at_start, InventoryItem.recorded_location, InventoryItem.scans,
        InventoryItem.action, InventoryItem.note,
    ]  # fmt: skip
    cursor = database.execute(InventoryItem.insert_from(query, fields))
    return int(database.rows_affected(cursor))


def _refuse_overlap(actor: Actor, scope: Scope, exclude: int | None = None) -> None:
    """Two inventories may not list one folder at once. Only the lines of the inventories
    open now are looked at, each with its card (none open: one indexed read)."""
    running = (Inspection.kind == RoundKind.INVENTORY) & Inspection.state.in_(OPEN_INVENTORIES)
    if exclude is not None:
        running &= Inspection.id != exclude
    found: Any = Inspection.select(Inspection.id, Inspection.number).where(running).tuples()
    numbers: dict[int, str] = dict(found)
    if not numbers:
        return
    condition = cards.filter_condition(actor, _scope.card_filter(scope))
    rows: Any = (
        InventoryItem.select(InventoryItem.inventory, fn.COUNT(InventoryItem.id))
        .join(Card, on=(InventoryItem.card == Card.id))
        .where(
            InventoryItem.inventory.in_(list(numbers))
            & (InventoryItem.expected == True)  # noqa: E712
            & condition
        )
        .group_by(InventoryItem.inventory)
        .tuples()
    )
    for inventory_id, n in rows:
        raise Conflict(
            f"盘点 {numbers[inventory_id]} 正在进行，其中已有这里的 {n} 份档案：同一处不能同时进行两次盘点。"
            "请先结束或继续那次盘点。"
        )


@retrying
def start_inventory(actor: Actor, scope: Scope, *, note: str = "") -> InventoryView:
    """Begin an inventory of ``scope`` (usually a location): the folders expected there are
    listed now, those on loan apart. A place holding no kept folder, or one another inventory
    lists already, is refused."""
    require(actor, Perm.INSPECTION_RECORD)
    chosen = _scope.check_scope(scope)
    note = note_text(note)
    with transaction():
        now = actor.clock.now()
        # the number first: its counter's row stays locked till the commit, so on a server a
        # second clerk starting an inventory waits here and then sees this one's lines
        number = next_document_no("PD", now.year)
        _refuse_overlap(actor, chosen)
        row = Inspection.create(
            number=number, kind=RoundKind.INVENTORY,
            period=f"{now:%Y-%m}", inspector=actor.user_id, started_at=now,
            state=InventoryState.OPEN, note=note, **_scope.columns(chosen),
        )  # fmt: skip
        if not _list(actor, row.id, chosen):  # the transaction is undone: nothing half-saved
            label = _scope.scope_label(chosen)
            raise ValidationError(f"{label} 没有在库的档案，无需盘点。", field="scope")
        view = inventory_view(row)
        audit.record(actor, "inventory.start", INVENTORY_ENTITY, row.id,
                     after={"number": row.number, "scope": row.scope_label,
                            "expected": view.expected, "on_loan": view.lent_at_start})  # fmt: skip
        changes.note(changes.INSPECTION, [row.id])
    return view


# --- scanning ---------------------------------------------------------------------------------


def _answer(
    code: str, folder: cards.Folder | None, item: _store.Line | None, on_loan: holds.Hold | None
) -> tuple[ScanResult, str]:
    """The result of a scan and its words."""
    if item is not None and item.scans > 0:
        first = f"{item.first_scan_at:%H:%M}" if item.first_scan_at else ""
        was = ScanResult(item.result).label if item.result else ""
        return ScanResult.DUPLICATE, f"重复扫描：{code} 已于 {first} 扫描过（{was}），不再计数。"
    if folder is None:
        return (
            ScanResult.UNKNOWN,
            f"未知编号：{code}——档案中没有这个编号（或您无权查看），请核对标签。",
        )
    name = f"{folder.archive_no} {folder.name}"
    if folder.status != "active":
        when = f"于 {folder.destroyed_on.isoformat()} " if folder.destroyed_on else ""
        return ScanResult.DESTROYED, f"已销毁：{name} 已{when}销毁，不应在架上。"
    if on_loan is not None:
        return ScanResult.ON_LOAN, (
            f"借出中：{name} 借给 {on_loan.note or '—'}，不应在此——是否未办理归还？"
        )
    if item is not None and item.expected:
        return ScanResult.IN_PLACE, f"在位：{name}"
    return (
        ScanResult.ELSEWHERE,
        f"位置不符：{name} 记录在 {folder.location.text or '（未填位置）'}。",
    )


@retrying
def scan(actor: Actor, inventory_id: int, text: str) -> ScanAnswer:
    """One scanned or typed label, answered at once (and kept: a paused or interrupted
    inventory loses nothing). The hot path: its statements are prepared (``_store``)."""
    require(actor, Perm.INSPECTION_RECORD)
    code = scan_code(text)
    with transaction():
        # a server: scans of one inventory (and its pause or close) take turns on its row
        lock_rows(Inspection, [inventory_id])
        head = _store.inventory(inventory_id)
        if head is None:
            raise NotFound(MISSING)
        number, state, scope_kind, scope_label, room, cabinet, shelf, box = head
        if state == InventoryState.PAUSED:
            raise Conflict(f"盘点 {number} 已暂停：请先继续盘点，再扫描。")
        if state != InventoryState.OPEN:
            raise Conflict(f"盘点 {number} 已结束，不能再扫描。")
        folder = cards.folder_by_number(actor, code)
        key = folder.archive_no if folder is not None else code
        item = _store.line(inventory_id, key)
        kept = folder is not None and folder.status == "active"
        on_loan = holds.on(folder.id, "loan") if folder is not None and kept else None
        result, message = _answer(key, folder, item, on_loan)
        now = actor.clock.now()
        first = item is None or item.scans == 0
        recorded = folder.location.text[:120] if folder is not None else ""
        if item is None:
            item_id = _store.add_line(
                inventory=inventory_id, card=folder.id if folder else None, code=key,
                recorded_location=recorded, result=result, first_scan_at=now, last_scan_at=now,
            )  # fmt: skip
        elif first:
            item_id = item.id
            _store.first_scan(item_id, result, now)
        else:
            item_id = item.id
            _store.scanned_again(item_id, now)
        if folder is not None and kept:
            place = _place_of(number, scope_kind, scope_label, Location(room, cabinet, shelf, box))
            seen = (
                item.recorded_location
                if item is not None and result == ScanResult.IN_PLACE
                else place
            )
            cards.mark_seen(folder.id, on=now.date(), place=seen)
        audit.record(actor, "inventory.scan", INVENTORY_ENTITY, inventory_id,
                     after={"code": key, "result": result})  # fmt: skip
    return ScanAnswer(
        code=key, result=result, message=message, item_id=item_id,
        card_id=folder.id if folder else None, archive_no=folder.archive_no if folder else "",
        name=folder.name if folder else "", recorded=recorded,
        expected=bool(item.expected) if item else False, first=first,
        lent_at_start=bool(item.lent_at_start) if item else False, at=now,
    )  # fmt: skip


# --- pausing, resuming, a forgotten tray, closing ----------------------------------------------


def _load(inventory_id: int, version: int) -> Inspection:
    return records.load(
        Inspection, inventory_id, version, missing=MISSING, reader=lambda k: _row(k)
    )


def _set_state(
    actor: Actor, inventory_id: int, version: int, before: str, after: str, action: str
) -> InventoryView:
    require(actor, Perm.INSPECTION_RECORD)
    with transaction():
        row = _load(inventory_id, version)
        if row.state != before:
            state = InventoryState(row.state).label
            raise Conflict(f"盘点 {row.number} 现在是“{state}”。")
        row = records.apply(row, state=after)
        audit.record(actor, action, INVENTORY_ENTITY, row.id, before={"state": before},
                     after={"state": after})  # fmt: skip
        changes.note(changes.INSPECTION, [row.id])
    return inventory_view(row)


@retrying
def pause_inventory(actor: Actor, inventory_id: int, version: int) -> InventoryView:
    """Stop scanning for now; what was scanned is kept."""
    return _set_state(actor, inventory_id, version, InventoryState.OPEN, InventoryState.PAUSED,
                      "inventory.pause")  # fmt: skip


@retrying
def resume_inventory(actor: Actor, inventory_id: int, version: int) -> InventoryView:
    """Scan on where the inventory stopped."""
    return _set_state(actor, inventory_id, version, InventoryState.PAUSED, InventoryState.OPEN,
                      "inventory.resume")  # fmt: skip


@retrying
def add_tray(actor: Actor, inventory_id: int, version: int, location: Location) -> InventoryView:
    """A forgotten tray (or box, or shelf): the folders recorded there join the list as they
    are now, without scanning again what was scanned; those already scanned from it count as in
    place."""
    require(actor, Perm.INSPECTION_RECORD)
    tray = _scope.check_scope(Scope(ScopeKind.LOCATION, location=location))
    with transaction():
        row = _load(inventory_id, version)
        if row.state not in OPEN_INVENTORIES:
            raise Conflict(f"盘点 {row.number} 已结束，不能再补充位置。")
        covered = [_scope.of(row).location] if row.scope_kind == ScopeKind.LOCATION else []
        if any(place.holds(tray.location) for place in covered + _trays(row.id)):
            raise ValidationError(f"{tray.location.text} 已在这次盘点的范围内。", field="location")
        there = cards.filter_condition(actor, _scope.card_filter(tray))
        if not Card.select(Card.id).where(there).exists():
            raise ValidationError(f"位置：{tray.location.text} 没有在库的档案。", field="location")
        _refuse_overlap(actor, tray, exclude=row.id)
        # scanned there before the tray was added: on the list now, and in place
        scanned_there = (InventoryItem.inventory == row.id) & InventoryItem.card.in_(
            Card.select(Card.id).where(there)
        )
        InventoryItem.update(result=ScanResult.IN_PLACE).where(
            scanned_there & (InventoryItem.expected == False)  # noqa: E712
            & (InventoryItem.result == ScanResult.ELSEWHERE)
        ).execute()  # fmt: skip
        InventoryItem.update(expected=True).where(scanned_there).execute()
        added = _list(actor, row.id, tray, unlisted=True)
        loc = tray.location
        InventoryTray.create(inventory=row.id, room=loc.room, cabinet=loc.cabinet, shelf=loc.shelf,
                             box=loc.box, added_at=actor.clock.now(), added_by=actor.user_id)  # fmt: skip
        row = records.apply(row)
        audit.record(actor, "inventory.add_tray", INVENTORY_ENTITY, row.id,
                     after={"location": loc.text, "expected": added})  # fmt: skip
        changes.note(changes.INSPECTION, [row.id])
    return inventory_view(row)


@retrying
def close_inventory(
    actor: Actor, inventory_id: int, version: int, *, confirm_warnings: bool = False
) -> InventoryView:
    """End the inventory: listed folders never scanned are "not found" — or "out on loan" when
    a loan holds them now. Folders still unscanned are a warning the clerk confirms."""
    require(actor, Perm.INSPECTION_RECORD)
    with transaction():
        row = _load(inventory_id, version)
        if row.state not in OPEN_INVENTORIES:
            raise Conflict(f"盘点 {row.number} 已结束。")
        pending = InventoryItem.select().where(
            (InventoryItem.inventory == row.id) & InventoryItem.result.is_null()
        )
        left = pending.count()
        if left and not confirm_warnings:
            text = f"还有 {left} 份档案没有扫描，结束后记为“未找到”（借出中的记为“借出未还”）。"
            raise NeedsConfirmation(text, {"items": text})
        unscanned = (InventoryItem.inventory == row.id) & InventoryItem.result.is_null()
        InventoryItem.update(result=ScanResult.OUT).where(
            unscanned & InventoryItem.card.in_(holds.held_ids("loan"))
        ).execute()
        _note_moved(row.id)
        InventoryItem.update(result=ScanResult.NOT_FOUND).where(unscanned).execute()
        now = actor.clock.now()
        row = records.apply(
            row, state=InventoryState.CLOSED, finished_at=now, finished_by=actor.user_id
        )
        view = inventory_view(row)
        audit.record(actor, "inventory.close", INVENTORY_ENTITY, row.id,
                     after={"number": row.number, "state": InventoryState.CLOSED,
                            "counts": {r.label: n for r, n in view.counts.items() if n}})  # fmt: skip
        changes.note(changes.INSPECTION, [row.id])
    return view


def _note_moved(inventory_id: int) -> None:
    """Unscanned folders whose card was moved elsewhere while the inventory ran say where."""
    now = location_text()
    rows: Any = (
        InventoryItem.select(InventoryItem.id, now)
        .join(Card, on=(InventoryItem.card == Card.id))
        .where(
            (InventoryItem.inventory == inventory_id) & InventoryItem.result.is_null()
            & (InventoryItem.recorded_location != now)
        )
        .tuples()
    )  # fmt: skip
    for item_id, where in rows:
        InventoryItem.update(note=f"盘点期间位置已改为 {where or '（空）'}"[:300]).where(
            InventoryItem.id == item_id
        ).execute()


# --- acting on a line ----------------------------------------------------------------------------


def _item(inventory_id: int, item_id: int) -> tuple[Inspection, InventoryItem]:
    row = _row(inventory_id)
    item = InventoryItem.get_or_none(
        (InventoryItem.id == item_id) & (InventoryItem.inventory == row.id)
    )
    if item is None:
        raise NotFound("盘点中没有这一行。")
    if item.action:
        raise Conflict(f"{item.code} 已处理：{ItemAction(item.action).label}。")
    return row, item


@retrying
def move_here(
    actor: Actor, inventory_id: int, item_id: int, location: Location | None = None
) -> ItemView:
    """A folder found here but recorded elsewhere: its card's location becomes ``location``
    (by default the inventory's own), with a line in its history."""
    require(actor, Perm.INSPECTION_RECORD)
    with transaction():
        row, item = _item(inventory_id, item_id)
        if item.result != ScanResult.ELSEWHERE or item.card_id is None:
            raise ValidationError("只有“位置不符”的档案才能按实际位置更正。", field="item")
        target = location
        if target is None:
            if row.scope_kind != ScopeKind.LOCATION:
                raise ValidationError(
                    "这次盘点不是按位置进行的：请填写档案的实际位置。", field="location"
                )
            target = _scope.of(row).location
        old = cards.move_location(
            actor, item.card_id, target,
            reason=f"盘点 {row.number} 在 {_place(row)} 发现，按实际位置更正",
        )  # fmt: skip
        InventoryItem.update(action=ItemAction.MOVED, note=f"原记录位置 {old.text}"[:300]).where(
            InventoryItem.id == item.id
        ).execute()
        audit.record(actor, "inventory.move", INVENTORY_ENTITY, row.id,
                     after={"code": item.code, "old_location": old.text, "new_location": target.text})  # fmt: skip
        changes.note(changes.INSPECTION, [row.id])
    return _item_views(actor, [InventoryItem.get_by_id(item_id)])[0]


@retrying
def item_finding(
    actor: Actor, inventory_id: int, item_id: int, *, kind: str | None = None, description: str = ""
) -> ItemView:
    """Open a finding for a line: a folder here but recorded elsewhere (位置错误), not found
    (卷宗缺失), on loan yet on the shelf (其他) — or of the kind the clerk names."""
    require(actor, Perm.INSPECTION_RECORD)
    description = validation.clean_text(
        description, "问题描述", validation.NOTE_MAX, field="description", multiline=True
    )
    with transaction():
        row, item = _item(inventory_id, item_id)
        if item.card_id is None:
            raise ValidationError(
                "未知编号没有对应的档案卡，不能登记问题：请核对标签。", field="item"
            )
        if cards.above_clearance(actor, [item.card_id]):  # as new_finding: a card she may see
            raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
        result = ScanResult(item.result) if item.result else None
        chosen = kind or (FINDING_FOR.get(result) if result else None)
        if chosen is None or chosen not in FindingKind.labels():
            raise ValidationError("请选择问题类型。", field="kind")
        text = description or _finding_text(row, item, result)
        finding_id = open_finding(actor, card_id=item.card_id, kind=FindingKind(chosen),
                                  description=text, source=FindingSource.INVENTORY,
                                  inspection_id=row.id)  # fmt: skip
        InventoryItem.update(action=ItemAction.FINDING, finding=finding_id).where(
            InventoryItem.id == item.id
        ).execute()
        audit.record(actor, "finding.open", "finding", finding_id,
                     after={"card": item.code, "kind": chosen, "description": text,
                            "inventory": row.number})  # fmt: skip
        changes.note(changes.INSPECTION, [row.id])
    return _item_views(actor, [InventoryItem.get_by_id(item_id)])[0]


def _finding_text(row: Inspection, item: InventoryItem, result: ScanResult | None) -> str:
    where = _place(row)
    if result == ScanResult.ELSEWHERE:
        return f"盘点 {row.number} 在 {where} 发现此卷，档案卡记录的位置是 {item.recorded_location or '（未填）'}。"
    if result == ScanResult.NOT_FOUND:
        return f"盘点 {row.number} 在 {where} 未找到此卷（应在 {item.recorded_location or '（未填）'}）。"
    if result in (ScanResult.ON_LOAN, ScanResult.OUT):
        return f"盘点 {row.number}：此卷登记为借出，{'却在架上' if result == ScanResult.ON_LOAN else '未归还'}。"
    return f"盘点 {row.number} 在 {where} 发现问题。"
