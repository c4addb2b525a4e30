"""archive-desk search / export-cards / print card|labels|list, acting as a user."""

from __future__ import annotations

from openpyxl import load_workbook
from pypdf import PdfReader

from archive_desk import cli
from archive_desk.db import connection
from archive_desk.domain import Role, Secrecy
from tests.cardkit import make_card
from tests.conftest import PASSWORD


def _archive(clerk, make_user):  # type: ignore[no-untyped-def]
    make_card(clerk, "北京海淀科技有限公司")
    make_card(clerk, "上海浦东商贸有限公司", region="上海", category="SY")
    make_card(clerk, "北京机密科技有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    make_user(Role.CLERK, "reader", clearance=int(Secrecy.INTERNAL))
    connection.close_database()


def test_search_prints_matches_with_the_users_secrecy(
    db_path, clerk, make_user, capsys, monkeypatch
):
    _archive(clerk, make_user)
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", PASSWORD)
    assert cli.main(["--db", str(db_path), "--user", "clerk", "search", "bj"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert sorted(line.split("\t")[1] for line in lines) == [
        "北京机密科技有限公司",
        "北京海淀科技有限公司",
    ]
    assert lines[0].split("\t")[0].startswith("GY2026")
    assert cli.main(["--db", str(db_path), "--user", "reader", "search", "科技"]) == 0
    out = capsys.readouterr().out
    assert "北京海淀科技有限公司" in out and "机密" not in out


def test_a_command_needs_a_user_and_a_right_password(
    db_path, clerk, make_user, capsys, monkeypatch
):
    _archive(clerk, make_user)
    assert cli.main(["--db", str(db_path), "search", "北京"]) == 1
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", "wrong-password")
    assert cli.main(["--db", str(db_path), "--user", "clerk", "search", "北京"]) == 1
    assert "密码" in capsys.readouterr().err


def test_export_and_print_commands(db_path, clerk, make_user, tmp_path, capsys, monkeypatch):
    _archive(clerk, make_user)
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", PASSWORD)
    book = tmp_path / "cards.xlsx"
    assert cli.main(["--db", str(db_path), "--user", "reader", "export-cards", str(book)]) == 0
    assert load_workbook(book).active.max_row == 3  # header + the two cards reader may see
    card = tmp_path / "card.pdf"
    base = ["--db", str(db_path), "--user", "clerk", "print"]
    assert cli.main([*base, "card", "SY2026001", "--out", str(card)]) == 0
    assert "上海浦东商贸有限公司" in PdfReader(card).pages[0].extract_text()
    labels = tmp_path / "labels.pdf"
    assert cli.main([*base, "labels", "--category", "GY", "--out", str(labels)]) == 0
    text = PdfReader(labels).pages[0].extract_text()
    assert "GY2026001" in text and "SY2026001" not in text
    listing = tmp_path / "list.pdf"
    assert cli.main([*base, "list", "--region", "北京", "--out", str(listing)]) == 0
    assert "共 2 户" in PdfReader(listing).pages[0].extract_text()
    assert cli.main([*base, "card", "XX9999", "--out", str(tmp_path / "none.pdf")]) == 1
    assert "XX9999" in capsys.readouterr().err
    assert not (tmp_path / "none.pdf").exists()
