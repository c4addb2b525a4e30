"""Printed forms of the card archive: 客户档案卡, 客户一览表, 档案目录 and 类别标签.

Layouts only: every function takes plain data (:class:`archive_desk.cards.CardView` /
:class:`~archive_desk.cards.CardRow`) and a target; :mod:`archive_desk.cards.output` decides what
may be printed and logs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from archive_desk.cards.views import CARD_FIELDS, GROUP_LABELS, CardRow, CardView
from archive_desk.clock import Clock
from archive_desk.forms.toolkit import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    Column,
    Field,
    FormDocument,
    LabelGrid,
    Rect,
    Target,
    draw_colour_band,
    draw_paragraph,
    draw_qr,
    draw_text,
    field_grid,
    heading,
    page_break,
    para,
    spacer,
    table,
    title,
)

WIDE_KINDS = {"long", "email", "url"}  # a whole row: long text, and addresses that cannot break
LABEL_MM = 30.0  # one label column for every group: the longest label is 统一社会信用代码


def _value(view: CardView, name: str) -> str:
    if name in view.labels:
        return view.labels[name]
    value = view.values.get(name)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def card_story(view: CardView) -> list[Flowable]:
    """One card: every field group, contact people, the contents list, former names."""
    story: list[Flowable] = [
        title("客户档案卡"),
        field_grid(
            [
                ("档案编号", view.archive_no),
                ("区域", view.region_path),
                ("类别", view.labels.get("category_id", view.category_code)),
                ("建档日期", f"{view.created_at:%Y-%m-%d}"),
            ],
            columns=2,
            label_width_mm=LABEL_MM,
        ),
    ]
    for group, group_label in GROUP_LABELS.items():
        pairs: list[Field] = []
        for spec in (s for s in CARD_FIELDS if s.group == group):
            if spec.name in ("region_id", "category_id"):
                continue
            pairs.append(
                Field(spec.label, _value(view, spec.name), 2 if spec.kind in WIDE_KINDS else 1)
            )
        if group == "storage":
            pairs.append(
                Field("保管期满", view.retention_due.isoformat() if view.retention_due else "—")
            )
        story += [
            spacer(2),
            heading(group_label),
            field_grid(pairs, columns=2, label_width_mm=LABEL_MM),
        ]
    if view.former_names:
        story += [
            spacer(2),
            heading("曾用名"),
            table(
                ["曾用名", Column("使用至", nowrap=True)],
                [(n, until.isoformat() if until else "") for n, until in view.former_names],
            ),
        ]
    story += [
        spacer(2),
        heading("联系人"),
        table(
            [
                "姓名",
                "职务",
                Column("手机", nowrap=True),
                Column("电话", nowrap=True),
                Column("邮箱", nowrap=True),
                "备注",
            ],
            [(c.name, c.title, c.mobile, c.phone, c.email, c.note) for c in view.contacts],
        ),
        spacer(2),
        heading("卷内文件目录"),
        table(
            [
                Column("序号", nowrap=True, align="center"),
                "文件名称",
                "类型",
                Column("原件/复印件", nowrap=True, align="center"),
                Column("页数", nowrap=True, align="right"),
                Column("日期", nowrap=True, align="center"),
                "备注",
            ],
            [
                (
                    i,
                    d.title,
                    d.doc_type,
                    "原件" if d.is_original else "复印件",
                    d.pages,
                    d.doc_date.isoformat()
                    if isinstance(d.doc_date, dt.date)
                    else (d.doc_date or ""),
                    d.note,
                )
                for i, d in enumerate(view.documents, 1)
            ],
        ),
    ]
    if view.documents:
        total = sum(int(d.pages or 0) for d in view.documents)
        story.append(para(f"共 {len(view.documents)} 件，{total} 页。", "small"))
    return story


def card_pdf(target: Target, views: Sequence[CardView], *, org_name: str, clock: Clock) -> int:
    story: list[Flowable] = []
    for i, view in enumerate(views):
        if i:
            story.append(page_break())
        story += card_story(view)
    doc = FormDocument(target, "客户档案卡", A4_PORTRAIT, org_name, "DA-01", clock=clock)
    return doc.build(story)


LIST_COLUMNS: list[str | Column] = [
    Column("序号", nowrap=True, align="center"),
    Column("档案编号", nowrap=True),
    "客户名称",
    "区域",
    "类别",
    Column("等级", nowrap=True, align="center"),
    Column("交易状态", nowrap=True),
    Column("密级", nowrap=True),
    "业务员",
    "存放位置",
]


def _list_row(i: int, r: CardRow) -> tuple[object, ...]:
    return (i, r.archive_no, r.name, r.region, f"{r.category_code} {r.category}", r.grade,
            r.trade_status, r.secrecy_label, r.salesperson, r.location)  # fmt: skip


def list_pdf(
    target: Target, rows: Iterable[CardRow], *, org_name: str, clock: Clock, subtitle: str = ""
) -> int:
    """客户一览表: the current list, numbered, grouped under region › category headings."""
    rows = sorted(rows, key=lambda r: (r.region, r.category_code, r.archive_no))
    story: list[Flowable] = [title("客户一览表")]
    if subtitle:
        story.append(para(subtitle, "small"))
    story.append(para(f"共 {len(rows)} 户", "small"))
    number = 0
    for (region, category), group in groupby(
        rows, key=lambda r: (r.region, f"{r.category_code} {r.category}")
    ):
        items = list(group)
        story.append(heading(f"{region} › {category}（{len(items)} 户）"))
        body = []
        for r in items:
            number += 1
            body.append(_list_row(number, r))
        story.append(table(LIST_COLUMNS, body, zebra=True))
    if not rows:
        story.append(para("（没有符合条件的档案卡）"))
    doc = FormDocument(target, "客户一览表", A4_LANDSCAPE, org_name, "DA-02", clock=clock)
    return doc.build(story)


def catalogue_pdf(target: Target, rows: Iterable[CardRow], *, org_name: str, clock: Clock) -> int:
    """档案目录: per region › category, the cards in number order with their place in the room."""
    rows = sorted(rows, key=lambda r: (r.region, r.category_code, r.archive_no))
    story: list[Flowable] = [title("档案目录")]
    summary = [
        (region, sum(1 for _ in group)) for region, group in groupby(rows, key=lambda r: r.region)
    ]
    story.append(table(["区域", Column("档案数", nowrap=True, align="right")], summary))
    for (region, category), group in groupby(
        rows, key=lambda r: (r.region, f"{r.category_code} {r.category}")
    ):
        items = list(group)
        story.append(heading(f"{region} › {category}"))
        story.append(
            table(
                [
                    Column("档案编号", nowrap=True),
                    "客户名称",
                    Column("交易状态", nowrap=True),
                    Column("保管期限", nowrap=True),
                    Column("保管期满", nowrap=True),
                    "存放位置",
                ],
                [
                    (
                        r.archive_no,
                        r.name,
                        r.trade_status,
                        r.retention,
                        r.retention_due.isoformat() if r.retention_due else "",
                        r.location,
                    )
                    for r in items
                ],
            )
        )
    doc = FormDocument(target, "档案目录", A4_PORTRAIT, org_name, "DA-03", clock=clock)
    return doc.build(story)


@dataclass(frozen=True)
class LabelData:
    archive_no: str
    name: str
    region: str
    category_code: str
    category: str
    colour: str


def draw_label(canv: Canvas, label: LabelData, rect: Rect) -> None:
    """A folder label: the category colour band on the left with its code, the number large,
    the name and region, and a QR code of the number on the right."""
    inner = rect.inset(2)
    band, rest = inner.split_left(min(14, inner.width / mm * 0.18))
    draw_colour_band(canv, band, label.colour, label.category_code, size=11)
    qr_side = min(rest.height, rest.width * 0.35) / mm
    body, qr_area = rest.split_left(rest.width / mm - qr_side)
    draw_qr(canv, label.archive_no, qr_area.inset(0.5))
    body = body.inset(1.5)
    top, lower = body.split_top(body.height / mm * 0.38)
    draw_text(canv, label.archive_no, top, size=16, bold=True)
    middle, bottom = lower.split_top(lower.height / mm * 0.62)
    draw_paragraph(canv, label.name, middle, size=10, bold=True)
    draw_text(canv, f"{label.region} · {label.category}", bottom, size=7.5)


def label_grid(
    rows: int, columns: int, margin_top_mm: float, margin_left_mm: float, gap_mm: float
) -> LabelGrid:
    return LabelGrid(rows, columns, margin_top_mm, margin_left_mm, gap_mm, gap_mm)


def labels_pdf(
    target: Target, labels: Sequence[LabelData], grid: LabelGrid, *, skip: int = 0
) -> int:
    from archive_desk.forms.toolkit import label_sheet

    return label_sheet(target, labels, grid, draw_label, title="类别标签", skip=skip)
