"""Messy ledgers as clerks keep them, written in every format the import reads.

One table (:data:`ROWS` under a title, a sub-title and :data:`HEADER`) is written as .xlsx by
openpyxl at test time, and as CSV in GB18030 or UTF-8 with a BOM; the .xls and .ods copies in
``tests/data`` were converted once from the .xlsx by LibreOffice (``make_fixtures.py``), so the
tests need no LibreOffice.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl

TITLE = "客户档案台账（2024年）"
SUBTITLE = "制表单位：销售部"
HEADER = [
    "序号", "客户名称", "统一社会信用代码", "地区", "客户类别", "联系人", "联系电话",
    "建档日期", "存放位置", "业务员", "客户等级", "开票信息",
]  # fmt: skip
LONG_NAME = "长" * 250
ROWS: list[list[object]] = [
    [1, "北京海淀科技有限公司", "9111 0000 6000 3734 1l", "北京", "GY", "张三",
     "１３８ １２３４ ５６７８", dt.date(2023, 5, 6), "一号库房-01-1-001", "王五", "A", "开户行：工行"],
    [2, "上海浦东贸易有限公司", "", "上海市", "商业客户", "李四", "021-55556666转123",
     45052, "一号库房-01-1-002", "", "一般", ""],
    [3, "=1+2 广州公式公司", "", "广东", "GY", "", "", "2023.5.6", "一号库房-01-2-001", "", "", ""],
    [None, None, None, None, None, None, None, None, None, None, None, None],
    [4, "南京校验位公司", "91350100M000100Y44", "江苏", "GY", "", "", "2023/5/6",
     "一号库房-01-2-002", "", "", ""],
    [5, "杭州重复代码公司", "91110000600037341L", "浙江", "GY", "", "", "2023年5月6日",
     "一号库房-01-2-003", "", "", ""],
    [6, LONG_NAME, "", "北京", "GY", "", "", "", "一号库房-01-2-004", "", "", ""],
    [7, "成都新区客户", "", "西南/天府新区", "新类别", "", "", "", "二号库房-02-1-001", "", "C", ""],
]  # fmt: skip
NOTE = "注：以上客户由销售部核对"
FIRST_DATA_LINE = 4  # the sheet's row of ROWS[0]


def table() -> list[list[object]]:
    return [[TITLE], [SUBTITLE], HEADER, *ROWS, [NOTE]]


def write_xlsx(path: Path, rows: list[list[object]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户台账"
    for r, row in enumerate(rows or table(), start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as the clerk typed it
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    if rows is None:  # the title merged across, as clerks make it
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    wb.save(path)
    return path


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, encoding: str, rows: list[list[object]] | None = None) -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        for row in rows or table():
            writer.writerow([_text(v) for v in row])
    return path
