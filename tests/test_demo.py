"""The demo archive: users of every role, cards with contents, loans in every state, a sound
audit chain — and the `demo` command prints the accounts."""

from __future__ import annotations

from archive_desk import audit, cli, demo
from archive_desk.db import connection
from archive_desk.db.models import Borrowing, Card, CardDocument, User
from archive_desk.domain import Role


def test_demo_archive(db, clock) -> None:
    accounts = demo.populate(clock=clock, cards_count=40, loans=15)
    assert {a.role for a in accounts} == set(Role.ALL)
    assert User.select().count() == len(accounts)
    assert Card.select().count() == 40
    assert CardDocument.select().count() >= 80
    names = {c.name for c in Card.select()}
    assert {"北京海淀科技有限公司", "单县建材有限公司", "重庆长安物流有限公司"} <= names
    states = {b.state for b in Borrowing.select()}
    assert len(states) >= 5, states
    assert audit.verify_chain().ok
    from archive_desk.db.models import Handover

    assert {h.state for h in Handover.select()} == {
        "draft",
        "dept_approved",
        "checked",
        "office_approved",
        "received",
        "cancelled",
    }
    from archive_desk import signatures
    from archive_desk.db.models import Signature

    assert Signature.select().count() > 0
    assert all(signatures.verify(sig) for sig in Signature.select())


def test_demo_command_prints_the_accounts(db_path, capsys) -> None:
    assert cli.main(["--db", str(db_path), "demo", "--cards", "30", "--loans", "10"]) == 0
    out = capsys.readouterr().out
    assert "lihua" in out and demo.DEMO_PASSWORD in out
    connection.close_database()
    assert cli.main(["--db", str(db_path), "check"]) == 0
    assert cli.main(["--db", str(db_path), "demo", "--cards", "30"]) == 1  # not on a filled archive
