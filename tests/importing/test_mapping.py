"""The header row found under title rows; columns mapped by header; a mapping saved and reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_desk.errors import KnownError
from archive_desk.importing import guess, load_mapping, read_source, save_mapping
from archive_desk.importing._mapping import EXTRA, IGNORE, mapping_for, target_of
from tests.importing.ledgers import HEADER, write_xlsx


def test_header_found_below_title_rows(ledger: Path) -> None:
    mapping = guess(read_source(ledger).sheet.rows)
    assert mapping.header_row == 2  # the sheet's row 3
    assert mapping.headers == HEADER
    by_header = {mapping.headers[c]: t for c, t in mapping.columns.items()}
    assert by_header == {
        "序号": IGNORE, "客户名称": "name", "统一社会信用代码": "credit_code", "地区": "region",
        "客户类别": "category", "联系人": "contact_name", "联系电话": "contact_phone",
        "建档日期": "created_on", "存放位置": "location", "业务员": "salesperson",
        "客户等级": "grade", "开票信息": EXTRA,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("header", "target"),
    [("单位名称", "name"), ("公司名称", "name"), ("税号", "credit_code"), ("信用代码", "credit_code"),
     ("省份", "region"), ("区域", "region"), ("类别", "category"), ("档案编号", "archive_no"),
     ("业务员", "salesperson"), ("* 客户名称（必填）", "name"), ("E-mail", "email"),
     ("经营范围", "business_scope"), ("爱好", None)],
)  # fmt: skip
def test_headers_by_name(header: str, target: str | None) -> None:
    assert target_of(header) == target


def test_a_sheet_without_header() -> None:
    rows: list[list[object]] = [["甲公司", "北京"], ["乙公司", "上海"]]
    with pytest.raises(KnownError, match="找不到表头"):
        guess(rows)  # type: ignore[arg-type]
    mapping = mapping_for(rows, 0)  # type: ignore[arg-type]
    assert "没有对应“客户名称”的列" in mapping.problems()[0]
    mapping.columns[0] = "name"
    assert mapping.problems() == []


def test_two_columns_for_one_field_are_refused() -> None:
    mapping = mapping_for([["客户名称", "单位名称"]], 0)
    assert mapping.columns == {0: "name", 1: EXTRA}  # the second kept into the note
    mapping.columns[1] = "name"
    assert "都对应“客户名称”" in mapping.problems()[0]


def test_a_saved_mapping_fits_a_ledger_whose_columns_moved(tmp_path: Path) -> None:
    mapping = guess(read_source(write_xlsx(tmp_path / "a.xlsx")).sheet.rows)
    mapping.columns[HEADER.index("开票信息")] = IGNORE
    mapping.columns[HEADER.index("联系电话")] = "phone"
    mapping.defaults = {"location_room": "一号库房"}
    mapping.keep_extra = False
    save_mapping(mapping, tmp_path / "台账对应.json")
    moved = [["客户名称", "开票信息", "联系电话", "地区"], ["甲公司", "x", "0531-88888888", "北京"]]
    loaded = load_mapping(tmp_path / "台账对应.json", moved)  # type: ignore[arg-type]
    assert loaded.columns == {0: "name", 1: IGNORE, 2: "phone", 3: "region"}
    assert loaded.defaults == {"location_room": "一号库房"} and loaded.keep_extra is False


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(KnownError, match="不是档案台保存的对应关系"):
        load_mapping(tmp_path / "x.json", [["客户名称"]])
