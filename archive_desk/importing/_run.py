"""The import itself: all or nothing.

:func:`plan` turns the preview and the clerk's choices into one outcome per row (create,
update, skip, reject, each with its reason); :func:`run_import` carries it out in one
transaction: it checks again what another clerk may have changed since the preview
(:func:`~archive_desk.importing._checking.recheck`: duplicates, archive numbers) and plans with
that, then writes the regions, categories and salespeople the clerk chose to create, the new
cards (:func:`archive_desk.cards.create_imported`, from the values the preview checked: no row
is parsed or checked twice), the updated ones (:func:`archive_desk.cards.update_card`, a
savepoint inside the import's transaction), and one ``card.import`` event with the counts.
The transaction is the kernel's (:func:`archive_desk.procedures.changes.transaction`): once it
commits, open tabs hear of every card created or updated (the cards note them).
A cancel (``progress`` returning False) or any failure rolls the whole import back: the archive
is as it was. Each card's history says where it came from (“导入自 客户台账.xlsx 第 12 行”).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive_desk import audit, cards
from archive_desk.atomicfile import StagedFile
from archive_desk.errors import Cancelled, KnownError
from archive_desk.importing._checking import (
    CHOICE_FIELDS,
    Preview,
    RowCheck,
    column_label,
    recheck,
)
from archive_desk.importing._report import ImportReport, Outcome, build_rejected, write_rejected
from archive_desk.importing._resolve import Resolver, region_parts
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes

Progress = Callable[[int, int], bool]

SKIP, UPDATE, NEW = "skip", "update", "new"
DUPLICATE_CHOICES = {SKIP: "跳过", UPDATE: "更新已有档案", NEW: "仍作为新档案导入"}
CREATE = None  # a name the archive does not know: create it
BLANK = 0  # a salesperson the archive does not know: leave the card's salesperson empty


@dataclass
class Choices:
    """The clerk's decisions on the preview."""

    duplicates: str = SKIP  # for every repeated row without a choice of its own
    per_row: dict[int, str] = field(default_factory=dict)  # line → skip / update / new
    accept_warnings: bool = False  # every row's warnings accepted
    accepted: set[int] = field(default_factory=set)  # lines whose warnings were accepted
    # a name the archive does not know → an existing id, or CREATE (the default)
    regions: dict[str, int | None] = field(default_factory=dict)
    categories: dict[str, int | None] = field(default_factory=dict)
    salespeople: dict[str, int | None] = field(default_factory=dict)  # … or BLANK
    numbers_from_file: bool = True  # archive numbers from the ledger's column (else all new)

    def decision(self, line: int) -> str:
        return self.per_row.get(line, self.duplicates)


@dataclass(frozen=True)
class Planned:
    row: RowCheck
    action: str  # created, updated, skipped, rejected
    reason: str
    card: cards.CardRow | None = None  # the card an update changes


def _problems_text(preview: Preview, problems: list[Any]) -> str:
    parts = []
    for p in problems:
        where = column_label(preview.mapping, p.column)
        named = not where or where in p.message[: len(where) + 2]
        parts.append(p.message if named else f"{where}：{p.message}")
    return "；".join(dict.fromkeys(parts))


def _duplicate_text(row: RowCheck) -> str:
    if row.duplicates:
        shown = "、".join(f"{d.archive_no} {d.name}" for d in row.duplicates[:3])
        return f"与已有档案重复：{shown}"
    if row.hidden_duplicate:
        return "与一张您无权查看的档案卡重复（信用代码或名称相同）"
    return f"与本文件第 {row.same_as} 行重复"


def plan_row(preview: Preview, choices: Choices, row: RowCheck) -> Planned:
    """What the import does with one row, and why."""
    if row.errors:
        return Planned(row, "rejected", _problems_text(preview, row.errors))
    accepted = choices.accept_warnings or row.line in choices.accepted
    if row.warnings and not accepted:
        return Planned(row, "rejected", "提示未确认：" + _problems_text(preview, row.warnings))
    if row.is_duplicate:
        decision = choices.decision(row.line)
        if decision == SKIP:
            return Planned(row, "skipped", _duplicate_text(row))
        if decision == UPDATE:
            target = update_target(row)
            if isinstance(target, str):
                return Planned(row, "skipped", target)
            return Planned(row, "updated", _duplicate_text(row), target)
    if row.number_in_use and choices.numbers_from_file:
        return Planned(row, "rejected", f"档案编号“{row.archive_no}”已被使用")
    return Planned(row, "created", "")


def update_target(row: RowCheck) -> cards.CardRow | str:
    """The one card an update of ``row`` changes, or why there is none."""
    if row.hidden_duplicate and not row.duplicates:
        return "重复的档案卡您无权查看，不能更新，已跳过"
    live = [d for d in row.duplicates if d.status != "已销毁"]
    if not live:
        if row.same_as:
            return f"与本文件第 {row.same_as} 行重复，文件内重复的行不能更新已有档案，已跳过"
        return "重复的档案卡已销毁，不能更新，已跳过"
    if len(live) > 1 or row.hidden_duplicate:
        return "有多张档案卡与此行重复，无法确定更新哪一张，已跳过"
    return live[0]


def plan(preview: Preview, choices: Choices) -> list[Planned]:
    return [plan_row(preview, choices, row) for row in preview.rows]


# --- carrying it out ---------------------------------------------------------------------------


class _Names:
    """The ids of the names the ledger uses, creating those the clerk chose to create."""

    def __init__(self, actor: Actor, choices: Choices) -> None:
        self.actor, self.choices = actor, choices
        self.resolver = Resolver()
        self.made: dict[tuple[str, str], int | None] = {}

    def id_of(self, kind: str, text: str) -> int | None:
        key = (kind, text)
        if key not in self.made:
            self.made[key] = self._find_or_make(kind, text)
        return self.made[key]

    def _find_or_make(self, kind: str, text: str) -> int | None:
        finder = getattr(self.resolver, kind)
        found = finder(text).id
        if found is not None:
            return int(found)
        chosen: dict[str, int | None] = getattr(
            self.choices,
            {"region": "regions", "category": "categories", "salesperson": "salespeople"}[kind],
        )
        picked = chosen.get(text, CREATE)
        if picked == BLANK and kind == "salesperson":
            return None
        if picked is not CREATE:
            return picked
        if kind == "salesperson":
            return cards.add_salesperson(self.actor, text)
        if kind == "category":
            code, name = self.resolver.new_category(text)
            made = cards.create_category(self.actor, code, name)
            self.resolver = Resolver()
            return made.id
        return self._make_region(text)

    def _make_region(self, text: str) -> int:
        parent: int | None = None
        path: list[str] = []
        for part in region_parts(text):
            path.append(part)
            found = self.resolver.region(" › ".join(path)).id if len(path) > 1 else None
            if found is None:
                found = next(
                    (
                        r.id
                        for r in self.resolver.regions
                        if r.parent_id == parent and r.name == part
                    ),
                    None,
                )
            if found is None:
                found = cards.create_region(self.actor, part, parent_id=parent).id
                self.resolver = Resolver()
            parent = found
        assert parent is not None
        return parent


def refs_of(row: RowCheck, names: _Names) -> dict[str, int | None]:
    """The ids of the region, category and salesperson ``row`` names."""
    return {
        field_name: names.id_of(kind, row.refs[kind])
        for kind, field_name in _REF_FIELDS.items()
        if row.refs.get(kind)
    }


def draft_of(row: RowCheck, names: _Names) -> cards.CardDraft:
    """The row as a draft of the card editor's (for an update, checked again as a whole)."""
    contact = row.contact()
    contacts = [cards.ContactInput(**contact)] if contact else []
    return cards.CardDraft(values=row.card_values() | refs_of(row, names), contacts=contacts)


def imported(
    row: RowCheck, defaults: dict[str, Any], names: _Names, source: str, with_number: bool
) -> cards.ImportedCard:
    """The new card of ``row``: the values the preview checked over the card's ``defaults``."""
    contact = row.contact()
    return cards.ImportedCard(
        defaults | row.card_values() | refs_of(row, names),
        [contact] if contact else [],
        archive_no=row.archive_no if with_number else "",
        reason=f"导入自 {source} 第 {row.line} 行",
        created_on=row.created_on,
    )


_REF_FIELDS = {"region": "region_id", "category": "category_id", "salesperson": "salesperson_id"}


def merged_draft(view: cards.CardView, draft: cards.CardDraft) -> cards.CardDraft:
    """The card as an update leaves it: the ledger's filled cells over the card's values, its
    note lines added, its contact added when the card lacks one of that name."""
    values = dict(view.values)
    for key, value in draft.values.items():
        if value is None or value == "":
            continue
        if key == "note" and values.get("note"):
            old = str(values["note"])
            new_lines = [line for line in str(value).split("\n") if line not in old.split("\n")]
            values["note"] = "\n".join([old, *new_lines]) if new_lines else old
        else:
            values[key] = value
    names = {c.name for c in view.contacts}
    contacts = list(view.contacts) + [c for c in draft.contacts if c.name not in names]
    return cards.CardDraft(values=values, contacts=contacts, documents=list(view.documents))


def update_changes(actor: Actor, preview: Preview, row: RowCheck) -> list[tuple[str, str, str]]:
    """What updating the card ``row`` repeats would change: (field, now, after)."""
    require(actor, Perm.CARD_EDIT)  # a card's values, as the import's other services
    target = update_target(row)
    if isinstance(target, str):
        return []
    view = cards.get_card(actor, target.id, log_view=False)
    given = row.card_values()
    contact = row.contact()
    draft = cards.CardDraft(
        values=given, contacts=[cards.ContactInput(**contact)] if contact else []
    )
    merged = merged_draft(view, draft)
    out = []
    for spec in cards.CARD_FIELDS:
        if spec.name not in given or spec.kind == "ref":
            continue
        old, new = view.values.get(spec.name), merged.values.get(spec.name)
        if old == new:
            continue
        out.append((spec.label, _display(spec, old, view), _display(spec, new, None)))
    for kind, label in (("region", "区域"), ("category", "类别"), ("salesperson", "负责业务员")):
        text = row.refs.get(kind)
        key = _REF_FIELDS[kind]
        if text and text not in (
            view.labels.get(key, ""),
            view.labels.get(key, "").split(" › ")[-1],
        ):
            out.append((label, view.labels.get(key, ""), text))
    old_names = {c.name for c in view.contacts}
    for c in merged.contacts:
        if c.name not in old_names:
            out.append(("联系人", "", f"{c.name} {c.mobile or c.phone}".strip()))
    return out


def _display(spec: cards.FieldSpec, value: Any, view: cards.CardView | None) -> str:
    if value is None or value == "":
        return ""
    if view is not None and spec.name in view.labels:
        return view.labels[spec.name]
    if spec.name in CHOICE_FIELDS:
        return str((spec.choices or {}).get(value, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def run_import(
    actor: Actor,
    preview: Preview,
    choices: Choices,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    rejected_out: str | Path | None = None,
) -> ImportReport:
    """Import the rows of ``preview`` as ``choices`` say, in one transaction (all or nothing).
    ``dry_run`` reports what would happen and writes nothing. ``rejected_out``: the workbook
    of the rows not imported, written when there are any — and, for an import, only once the
    import is committed (its event in the import's transaction)."""
    require(actor, Perm.CARD_EDIT)
    if dry_run:
        report = _report(preview, plan(preview, choices), {}, dry_run=True)
        if rejected_out is not None and report.not_imported:
            write_rejected(actor, report, preview, rejected_out)
        return report
    staged = StagedFile(rejected_out) if rejected_out is not None else None
    with staged or contextlib.nullcontext(), changes.transaction():
        planned = [plan_row(preview, choices, row) for row in recheck(actor, preview)]
        report = _write(actor, preview, choices, planned, progress)
        audit.record(
            actor,
            "card.import",
            "card",
            "import",
            after={
                "file": str(preview.source.path),
                "sheet": preview.source.sheet.name,
                "rows": len(planned),
                **report.counts,
            },
        )
        if staged is not None and report.not_imported:
            build_rejected(actor, report, preview, staged.path, staged.target)
        total = report.counts["created"] + report.counts["updated"]
        if progress is not None and not progress(total, total):
            # the last moment a cancel still leaves the archive as it was
            raise Cancelled("已取消导入，档案没有任何改动。")
    return report


def _write(
    actor: Actor,
    preview: Preview,
    choices: Choices,
    planned: list[Planned],
    progress: Progress | None,
) -> ImportReport:
    source = preview.source.label
    creates = [p for p in planned if p.action == "created"]
    updates = [p for p in planned if p.action == "updated"]
    total = len(creates) + len(updates)

    def step(done: int) -> bool:
        return progress is None or progress(done, total)

    names = _Names(actor, choices)
    defaults = cards.check_draft(cards.CardDraft(), today=preview.today).values
    items = [imported(p.row, defaults, names, source, choices.numbers_from_file) for p in creates]
    numbers = {
        p.row.line: number
        for p, (_, number) in zip(
            creates, cards.create_imported(actor, items, progress=step), strict=True
        )
    }
    for k, p in enumerate(updates):
        if not step(len(creates) + k):
            raise Cancelled("已取消导入，档案没有任何改动。")
        assert p.card is not None
        view = cards.get_card(actor, p.card.id, log_view=False)
        cards.update_card(
            actor,
            view.id,
            view.version,
            merged_draft(view, draft_of(p.row, names)),
            reason=f"导入自 {source} 第 {p.row.line} 行",
            confirm_warnings=True,
            allow_duplicate=True,
        )
        numbers[p.row.line] = view.archive_no
    return _report(preview, planned, numbers, dry_run=False)


def _report(
    preview: Preview, planned: list[Planned], numbers: dict[int, str], *, dry_run: bool
) -> ImportReport:
    outcomes = [
        Outcome(p.row.line, p.row.name, p.action, p.reason, numbers.get(p.row.line, ""))
        for p in planned
    ]
    return ImportReport(
        file=preview.source.path.name,
        sheet=preview.source.sheet.name,
        outcomes=outcomes,
        passed_over=list(preview.passed_over),
        dry_run=dry_run,
    )


def import_file(
    actor: Actor,
    path: str | Path,
    *,
    sheet: str | None = None,
    mapping_file: str | Path | None = None,
    choices: Choices | None = None,
    dry_run: bool = False,
    rejected_out: str | Path | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Read, map (a saved mapping, else by the headers), check and import ``path`` as the
    command line does; the rows not imported go to ``rejected_out`` when given."""
    from archive_desk.importing._checking import check
    from archive_desk.importing._mapping import guess, load_mapping
    from archive_desk.importing._readers import read_source

    require(actor, Perm.CARD_EDIT)
    source = read_source(path, sheet)
    rows = source.sheet.rows
    mapping = load_mapping(mapping_file, rows) if mapping_file else guess(rows)
    problems = mapping.problems()
    if problems:
        raise KnownError("列的对应关系有问题：" + "；".join(problems))
    preview = check(actor, source, mapping)
    return run_import(
        actor,
        preview,
        choices or Choices(),
        dry_run=dry_run,
        progress=progress,
        rejected_out=rejected_out,
    )
