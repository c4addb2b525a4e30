"""``archive-desk import FILE [--sheet S] [--mapping M] [--dry-run]`` prints the report."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from archive_desk import cli
from archive_desk.db import connection
from archive_desk.db.models import Card
from tests.conftest import PASSWORD
from tests.importing.ledgers import write_xlsx


def _run(db_path: Path, *args: str) -> int:
    connection.close_database()
    try:
        return cli.main(["--db", str(db_path), "--user", "clerk", "import", *args])
    finally:
        connection.open_database(db_path)


def test_dry_run_then_import(db_path, clerk, capsys, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", PASSWORD)
    ledger = write_xlsx(tmp_path / "客户台账.xlsx")
    assert _run(db_path, str(ledger), "--dry-run", "--sheet", "客户台账") == 0
    out = capsys.readouterr().out
    assert out.startswith("试运行（未写入任何数据）：客户台账.xlsx：将新建 4 张")
    assert "第 9 行\t跳过\t杭州重复代码公司：与本文件第 4 行重复" in out
    assert Card.select().count() == 0
    rejected = tmp_path / "未导入.xlsx"
    code = _run(db_path, str(ledger), "--accept-warnings", "--rejected", str(rejected))
    out = capsys.readouterr().out
    assert code == 0 and "新建 5 张" in out and "未导入的 2 行已写入" in out
    assert Card.select().count() == 5
    assert openpyxl.load_workbook(rejected).active.max_row == 3


def test_a_bad_file_is_a_message(db_path, clerk, capsys, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", PASSWORD)
    (tmp_path / "空.xlsx").write_bytes(b"")
    assert _run(db_path, str(tmp_path / "空.xlsx")) == 1
    assert "是空文件" in capsys.readouterr().err
    mapping = tmp_path / "m.json"
    mapping.write_text("{}", encoding="utf-8")
    assert _run(db_path, str(write_xlsx(tmp_path / "a.xlsx")), "--mapping", str(mapping)) == 1
    assert "不是档案台保存的对应关系文件" in capsys.readouterr().err
