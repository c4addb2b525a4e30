"""archive-desk due and archive-desk print destruction LIST, acting as a user."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from archive_desk import cli
from archive_desk.db import connection
from tests.conftest import PASSWORD
from tests.retention.kit import due_card, propose


@pytest.fixture
def crew(destruction_staff):  # type: ignore[no-untyped-def]
    return destruction_staff


def test_due_prints_the_due_list_by_region_and_category(db_path, crew, capsys, monkeypatch) -> None:
    clerk = crew["clerk"]
    a = due_card(clerk, "北京海淀科技有限公司")
    b = due_card(clerk, "上海浦东商贸有限公司", region="上海", category="SY")
    propose(crew, a.id)
    connection.close_database()
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", PASSWORD)
    assert cli.main(["--db", str(db_path), "--user", "clerk", "due"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "【华北 › 北京 · GY 工业客户】"
    assert lines[1].split("\t")[:4] == [
        a.archive_no,
        "北京海淀科技有限公司",
        "定期10年",
        "到期 2024-01-10",
    ]
    assert lines[1].endswith("已列入 XH2026-0001")
    assert lines[2] == "【华东 › 上海 · SY 商业客户】" and lines[3].startswith(b.archive_no)
    assert lines[-1].startswith("共 2 张档案卡")
    assert cli.main(["--db", str(db_path), "--user", "clerk", "due", "--category", "SY"]) == 0
    assert "北京海淀" not in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "--user", "clerk", "due", "--months", "-2"]) == 1
    assert "月数" in capsys.readouterr().err


def test_print_destruction_prints_the_form_the_list_calls_for(
    db_path, crew, capsys, monkeypatch, tmp_path
) -> None:
    lst = propose(crew, due_card(crew["clerk"], "北京海淀科技有限公司").id)
    connection.close_database()
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", PASSWORD)
    out = tmp_path / "建议书.pdf"
    args = ["--db", str(db_path), "--user", "clerk", "print", "destruction"]
    assert cli.main([*args, lst.number, "--out", str(out)]) == 0
    assert "客户档案销毁建议书" in PdfReader(out).pages[0].extract_text()
    assert (
        cli.main([*args, lst.number, "--form", "register", "--out", str(tmp_path / "r.pdf")]) == 1
    )
    assert "尚未执行销毁" in capsys.readouterr().err
    assert cli.main([*args, "XH2026-9999", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "没有编号为“XH2026-9999”的销毁清册" in capsys.readouterr().err
    assert cli.main([*args, "--out", str(tmp_path / "x.pdf")]) == 1
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "x.pdf").exists()
