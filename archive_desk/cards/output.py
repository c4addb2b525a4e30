"""Printing and exporting cards: permission, the secrecy rule, the audit event, progress.

Each function is one user action. Rows come from :mod:`archive_desk.cards`, which applies the
secrecy rule, so a user never prints or exports a card above her clearance. Long work reports
progress through ``progress(done, total) -> bool``; returning False cancels and nothing is
written (files are written atomically by the form toolkit and the Excel helpers).

Every file is built under a hidden name and renamed into place only after its audit event is
committed (:func:`archive_desk.procedures.outputs.audited_file`): a print or export the database
refuses (busy, full, read-only) leaves no file, and no file exists that the audit trail lacks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from archive_desk import cards, settings, validation
from archive_desk.errors import Cancelled, NotFound, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures.outputs import audited_file

Progress = Callable[[int, int], bool]
BATCH = 500


def _no_progress(_done: int, _total: int) -> bool:
    return True


def rows_in_batches(
    actor: Actor, ids: Sequence[int], progress: Progress = _no_progress
) -> Iterator[cards.CardRow]:
    total = len(ids)
    for start in range(0, total, BATCH):
        if not progress(start, total):
            raise Cancelled()
        yield from cards.card_rows(actor, ids[start : start + BATCH])
    progress(total, total)


def _filtered_rows(
    actor: Actor, perm: str, flt: cards.CardFilter, progress: Progress
) -> list[cards.CardRow]:
    """The visible rows of ``flt`` in list order, for a print or an export needing ``perm``."""
    require(actor, perm)
    return list(rows_in_batches(actor, cards.card_ids(actor, flt), progress))


def _output(
    actor: Actor,
    out: Path,
    build: Callable[[Path], int],
    action: str,
    what: str,
    count: int,
    extra: dict[str, Any] | None = None,
) -> int:
    """``build(path)`` the file at a hidden name, audit it, then put it at ``out``.
    Returns what ``build`` returned (pages or rows)."""
    return audited_file(actor, out, build, action, "card", what, {"count": count, **(extra or {})})


def _describe(flt: cards.CardFilter) -> str:
    """The filter as the audit event keeps it: the search as it was looked for (cleaned, cut)."""
    values = {**vars(flt), "text": validation.search_text(flt.text)[0]}
    parts = [f"{k}={v}" for k, v in values.items() if v not in (None, "", "active")]
    return "；".join(parts)


def print_cards(actor: Actor, card_ids: Sequence[int], out: Path) -> int:
    """客户档案卡 of the selected cards, one card a page (or more). Returns the page count."""
    from archive_desk.forms import card_forms

    require(actor, Perm.CARD_PRINT)
    if not card_ids:
        raise ValidationError("请先选择要打印的档案卡。")
    views = [cards.get_card(actor, cid, log_view=False) for cid in card_ids]
    org = settings.get("org.name")
    numbers = ",".join(v.archive_no for v in views)[:500]
    return _output(
        actor,
        out,
        lambda path: card_forms.card_pdf(path, views, org_name=org, clock=actor.clock),
        "card.print",
        numbers,
        len(views),
    )


def print_card_by_number(actor: Actor, archive_no: str, out: Path) -> int:
    card_id = cards.find_by_archive_no(actor, archive_no)
    if card_id is None:
        raise NotFound(f"没有档案编号为“{archive_no}”的档案卡，或您无权查看。")
    return print_cards(actor, [card_id], out)


def print_list(
    actor: Actor, flt: cards.CardFilter, out: Path, progress: Progress = _no_progress
) -> int:
    """客户一览表 of the current filter, grouped by region and category."""
    from archive_desk.forms import card_forms

    rows = _filtered_rows(actor, Perm.CARD_PRINT, flt, progress)
    org, subtitle = settings.get("org.name"), _describe(flt)
    return _output(
        actor,
        out,
        lambda path: card_forms.list_pdf(
            path, rows, org_name=org, clock=actor.clock, subtitle=subtitle
        ),
        "card.print_list",
        "list",
        len(rows),
        {"filter": subtitle},
    )


def print_catalogue(
    actor: Actor, flt: cards.CardFilter, out: Path, progress: Progress = _no_progress
) -> int:
    """档案目录 grouped by region and category."""
    from archive_desk.forms import card_forms

    rows = _filtered_rows(actor, Perm.CARD_PRINT, flt, progress)
    org = settings.get("org.name")
    return _output(
        actor,
        out,
        lambda path: card_forms.catalogue_pdf(path, rows, org_name=org, clock=actor.clock),
        "card.print_catalogue",
        "catalogue",
        len(rows),
    )


def label_grid_from_settings():
    from archive_desk.forms import card_forms

    v = settings.all_values()
    return card_forms.label_grid(
        v["labels.rows"],
        v["labels.columns"],
        v["labels.margin_top_mm"],
        v["labels.margin_left_mm"],
        v["labels.gap_mm"],
    )


def print_labels(
    actor: Actor,
    out: Path,
    *,
    card_ids: Sequence[int] | None = None,
    flt: cards.CardFilter | None = None,
    skip: int = 0,
    progress: Progress = _no_progress,
) -> int:
    """类别标签 of the chosen cards (or of a filter) on A4 label sheets set up in settings."""
    from archive_desk.forms import card_forms

    require(actor, Perm.CARD_PRINT)
    ids = (
        list(card_ids) if card_ids is not None else cards.card_ids(actor, flt or cards.CardFilter())
    )
    if not ids:
        raise ValidationError("没有要打印标签的档案卡。")
    rows = list(rows_in_batches(actor, ids, progress))
    labels = [
        card_forms.LabelData(
            r.archive_no, r.name, r.region, r.category_code, r.category, r.category_color
        )
        for r in rows
    ]
    try:
        grid = label_grid_from_settings()
        grid.rects()
    except ValueError:
        raise ValidationError("标签纸设置有误：标签排不下，请检查行数、列数和边距。") from None
    return _output(
        actor,
        out,
        lambda path: card_forms.labels_pdf(path, labels, grid, skip=skip),
        "card.print_labels",
        "labels",
        len(labels),
    )


EXPORT_HEADERS = [
    "档案编号", "客户名称", "区域", "类别代码", "类别", "等级", "阶段", "交易状态", "密级",
    "业务员", "存放位置", "保管期限", "保管期满", "状态", "在借", "最后修改",
]  # fmt: skip


def export_cards(
    actor: Actor, flt: cards.CardFilter, out: Path, progress: Progress = _no_progress
) -> int:
    """The current filtered list as an Excel workbook. Returns the number of rows."""
    from archive_desk.forms import excel

    rows: list[list[object]] = []
    for r in _filtered_rows(actor, Perm.CARD_EXPORT, flt, progress):
        rows.append(
            [
                r.archive_no, r.name, r.region, r.category_code, r.category, r.grade, r.stage,
                r.trade_status, r.secrecy_label, r.salesperson, r.location, r.retention,
                r.retention_due, r.status, "是" if r.on_loan else "", r.updated_at,
            ]
        )  # fmt: skip
    wb = excel.make_workbook()
    ws = wb.create_sheet("客户档案")
    excel.write_sheet(ws, "客户档案", EXPORT_HEADERS, rows)

    def save(path: Path) -> int:
        excel.save_workbook(wb, path)
        return len(rows)

    return _output(actor, out, save, "card.export", "export", len(rows), {"filter": _describe(flt)})


__all__ = [
    "export_cards",
    "print_card_by_number",
    "print_cards",
    "print_catalogue",
    "print_labels",
    "print_list",
]
