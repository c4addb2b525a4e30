"""How long the form toolkit takes: a long register PDF, a label sheet, a big workbook.

``python -m bench forms`` (add ``--big`` for a 10,000-row PDF as well). Files go to a temporary
folder that is removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archive_desk.forms.excel import add_sheet, make_workbook, save_workbook
from archive_desk.forms.fonts import cjk_font
from archive_desk.forms.toolkit import (
    A4_LANDSCAPE,
    FormDocument,
    LabelGrid,
    Rect,
    draw_colour_band,
    draw_qr,
    draw_text,
    label_sheet,
    table,
    title,
)

HEADERS = ["序号", "档案编号", "客户名称", "借阅人", "部门", "借阅日期", "应还日期", "备注"]


def _rows(n: int) -> list[list[object]]:
    return [
        [
            i,
            f"GY2023{i:05d}",
            f"上海浦东新区某某科技发展有限公司{i}" + ("（原名：某某贸易）" if i % 7 == 0 else ""),
            "张三",
            "销售一部",
            "2026-03-02",
            "2026-03-16",
            "完好" if i % 5 else "封面轻微破损，已登记，待修复后归还原处",
        ]
        for i in range(1, n + 1)
    ]


def _timed(label: str, work: Callable[[], object]) -> None:
    start = time.perf_counter()
    result = work()
    print(f"{label}: {time.perf_counter() - start:.2f} s ({result})")


def _pdf(folder: Path, n: int) -> Callable[[], str]:
    def work() -> str:
        doc = FormDocument(
            folder / f"register-{n}.pdf", "客户档案借阅登记簿", A4_LANDSCAPE, "某某公司"
        )
        pages = doc.build([title("客户档案借阅登记簿"), table(HEADERS, _rows(n), zebra=True)])
        return f"{pages} pages"

    return work


def _labels(folder: Path) -> str:
    def draw(canv: object, number: str, rect: Rect) -> None:
        band, body = rect.split_top(6)
        draw_colour_band(canv, band, "#1f77b4", "工业客户")  # type: ignore[arg-type]
        qr, text = body.inset(1).split_left(body.height / 2.835 - 2)
        draw_qr(canv, number, qr)  # type: ignore[arg-type]
        draw_text(canv, number, text, size=11, bold=True)  # type: ignore[arg-type]

    grid = LabelGrid(rows=8, columns=3, margin_top_mm=10, margin_left_mm=7, h_gap_mm=2.5)
    pages = label_sheet(folder / "labels.pdf", [f"GY2023{i:04d}" for i in range(240)], grid, draw)
    return f"{pages} pages, 240 labels"


def _workbook(folder: Path) -> str:
    wb = make_workbook()
    rows = [
        [*row[:5], dt.date(2026, 3, 2), dt.datetime(2026, 3, 16, 17, 0), row[7]]
        for row in _rows(10_000)
    ]
    add_sheet(wb, "借阅月报", HEADERS, rows)
    save_workbook(wb, folder / "report.xlsx")
    return "10,000 rows × 8 columns"


def run(argv: list[str]) -> None:
    _timed("font lookup and registration", lambda: cjk_font().path)
    with tempfile.TemporaryDirectory(prefix="bench-forms-") as tmp:
        folder = Path(tmp)
        _timed("PDF, 1,000-row table", _pdf(folder, 1_000))
        if "--big" in argv:
            _timed("PDF, 10,000-row table", _pdf(folder, 10_000))
        _timed("label sheet", lambda: _labels(folder))
        _timed("workbook", lambda: _workbook(folder))
