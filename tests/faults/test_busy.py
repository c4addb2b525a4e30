"""Another program holds the write lock: the clerk is told, nothing is half-done, and the work
goes through once the lock is gone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archive_desk import borrowing, cards, importing
from archive_desk.borrowing import output as bw_output
from archive_desk.cards import output as card_output
from archive_desk.db import connection
from archive_desk.db.models import AuditEvent, MonthEndList
from archive_desk.domain import Role
from archive_desk.errors import DatabaseBusy
from archive_desk.handover import output as ho_output
from archive_desk.ui import app as gui_app
from archive_desk.ui import messages
from tests.cardkit import make_card
from tests.deskkit import build_desk
from tests.faults.kit import chinese_only, cli, write_lock
from tests.importing.ledgers import write_xlsx


def _exports() -> int:
    return AuditEvent.select().where(AuditEvent.action.startswith("card.")).count()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(
            lambda a, out: card_output.export_cards(a, cards.CardFilter(), out), id="cards"
        ),
        pytest.param(lambda a, out: card_output.print_list(a, cards.CardFilter(), out), id="list"),
        pytest.param(lambda a, out: borrowing.monthly_workbook(a, "2026-02", out), id="monthly"),
        pytest.param(lambda a, out: cards.statistics_workbook(a, out), id="statistics"),
    ],
)
def test_an_export_refused_as_busy_leaves_no_file_and_no_event(db, db_path, clerk, tmp_path, make):
    make_card(clerk, "忙碌公司")
    out = tmp_path / "out" / "导出.xlsx"
    out.parent.mkdir()
    events = AuditEvent.select().count()
    db.execute_sql("PRAGMA busy_timeout = 100")
    with write_lock(db_path), pytest.raises(DatabaseBusy, match="占用"):
        make(clerk, out)
    assert list(out.parent.iterdir()) == []  # neither the file nor a temporary one
    assert AuditEvent.select().count() == events
    make(clerk, out)  # the lock is gone: the same export goes through
    assert out.exists() and AuditEvent.select().count() == events + 1
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_export_refused_as_busy_on_the_command_line(db_path, clerk, tmp_path):
    make_card(clerk, "忙碌公司")
    connection.close_database()
    out = tmp_path / "cards.xlsx"
    with write_lock(db_path):
        run = cli(["--db", str(db_path), "export-cards", str(out)], user="clerk", busy_ms=200)
    run.told("占用", "稍候")
    assert not out.exists() and list(tmp_path.glob(".cards*")) == []
    run = cli(["--db", str(db_path), "export-cards", str(out)], user="clerk")
    assert run.rc == 0, run.err
    assert out.exists()


def test_the_rows_not_imported_refused_as_busy_leave_no_file_and_no_event(
    db, db_path, clerk, tmp_path
):
    source = importing.read_source(write_xlsx(tmp_path / "台账.xlsx"))
    preview = importing.check(clerk, source, importing.guess(source.sheet.rows))
    report = importing.run_import(clerk, preview, importing.Choices())
    out = tmp_path / "out" / "未导入.xlsx"
    out.parent.mkdir()
    events = AuditEvent.select().count()
    db.execute_sql("PRAGMA busy_timeout = 100")
    with write_lock(db_path), pytest.raises(DatabaseBusy, match="占用"):
        importing.write_rejected(clerk, report, preview, out)
    assert list(out.parent.iterdir()) == [] and AuditEvent.select().count() == events
    importing.write_rejected(clerk, report, preview, out)
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_an_import_refused_as_busy_on_the_command_line_writes_nothing(db_path, clerk, tmp_path):
    ledger = write_xlsx(tmp_path / "台账.xlsx")
    connection.close_database()
    out = tmp_path / "out"
    out.mkdir()
    args = ["--db", str(db_path), "import", str(ledger), "--rejected", str(out / "未导入.xlsx")]
    with write_lock(db_path):
        run = cli(args, user="clerk", busy_ms=200)
    run.told("占用", "稍候")
    assert list(out.iterdir()) == []  # neither the rows not imported nor a hidden part
    run = cli(args, user="clerk")
    assert run.rc == 0, run.err
    assert [p.name for p in out.iterdir()] == ["未导入.xlsx"]


def test_backup_while_another_program_holds_the_lock_is_told(db_path, admin, tmp_path):
    """The command logs in and audits the backup: both need the write lock."""
    connection.close_database()
    with write_lock(db_path):
        run = cli(
            ["--db", str(db_path), "backup", str(tmp_path / "b.db")], user="admin", busy_ms=200
        )
    # the login and the backup's audit event need the write lock: refused, in Chinese
    run.told("占用")
    assert not (tmp_path / "b.db").exists()


class _ReleasingSink(messages.RecordingSink):
    """Answers the first "try again?" after the other program let go of the lock."""

    def __init__(self, release) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.release = release

    def ask(self, parent, title, text, default_yes):  # type: ignore[no-untyped-def]
        self.shown.append(("question", title, text))
        self.release()
        return True


def test_gui_start_on_a_busy_database_says_so_and_tries_again(
    qtbot, chinese, db_path, admin, monkeypatch
) -> None:
    connection.close_database()
    monkeypatch.setitem(connection.PRAGMAS, "busy_timeout", 100)
    lock = write_lock(db_path)
    lock.__enter__()
    recording = _ReleasingSink(lambda: lock.__exit__(None, None, None))
    monkeypatch.setattr(messages, "sink", recording)
    assert gui_app.open_store(db_path)
    (question,) = recording.texts("question")
    assert "占用" in question
    assert "备份" not in question  # a busy file is not restored from a backup
    chinese_only(question)
    connection.close_database()


def test_gui_start_on_a_busy_database_can_be_given_up(
    qtbot, chinese, db_path, admin, sink, monkeypatch
):
    connection.close_database()
    monkeypatch.setitem(connection.PRAGMAS, "busy_timeout", 100)
    sink.answers = [False]
    with write_lock(db_path):
        assert not gui_app.open_store(db_path)
    (question,) = sink.texts("question")
    assert "占用" in question and "恢复" not in question
    assert not list(Path(db_path).parent.glob("backups/before-restore-*"))


def _slip(clerk, make_user, card_id: int):  # type: ignore[no-untyped-def]
    from archive_desk import accounts
    from archive_desk import handover as ho

    dept = next(
        d.id for d in accounts.list_departments() if d.name == "销售一部"
    )  # the desk's head
    receiver = make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏")
    return ho.create_handover(
        clerk, kind="clerk_change", reason="调岗",
        from_party=ho.PartyInput(user_id=clerk.user_id, department_id=dept), to_party=ho.PartyInput(user_id=receiver.user_id),
        witness=ho.PartyInput(name="周强"), items=[ho.ItemInput(card_id=card_id)],
    )  # fmt: skip


_PRINTS = {
    "application": lambda a, d, out: bw_output.print_application(a, d["late"].id, out),
    "register": lambda a, d, out: bw_output.print_register(a, MARCH[0], MARCH[1], out),
    "copies": lambda a, d, out: bw_output.print_copies(a, MARCH[0], MARCH[1], out),
    "reminders": lambda a, d, out: bw_output.print_reminders(a, out),
    "month_end": lambda a, d, out: bw_output.print_month_end(a, "2026-02", out),
    "slip": lambda a, d, out: ho_output.print_handover(a, d["slip"].id, out),
    "slips_register": lambda a, d, out: ho_output.print_register(a, MARCH[0], MARCH[1], out),
    "clerk_application": lambda a, d, out: ho_output.print_clerk_application(a, d["slip"].id, out),
}
MARCH = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


@pytest.mark.parametrize("which", list(_PRINTS))
def test_a_print_refused_as_busy_leaves_no_file_and_no_event(
    db, db_path, clerk, make_user, clock, tmp_path, which
) -> None:  # type: ignore[no-untyped-def]
    """The twin of the exports above: every borrowing and handover print is built under a hidden
    name and put in place only after its audit event (and the month-end list's mark) is
    committed."""
    desk = build_desk(clerk, make_user, clock)
    desk["slip"] = _slip(clerk, make_user, desk["old"][2].id)
    out = tmp_path / "out" / "打印.pdf"
    out.parent.mkdir()
    events, month_ends = AuditEvent.select().count(), MonthEndList.select().count()
    db.execute_sql("PRAGMA busy_timeout = 100")
    with write_lock(db_path), pytest.raises(DatabaseBusy, match="占用"):
        _PRINTS[which](clerk, desk, out)
    assert list(out.parent.iterdir()) == []  # neither the file nor a temporary one
    assert (AuditEvent.select().count(), MonthEndList.select().count()) == (events, month_ends)
    _PRINTS[which](clerk, desk, out)  # the lock is gone: the same print goes through
    assert [p.name for p in out.parent.iterdir()] == [out.name]
    assert out.read_bytes().startswith(b"%PDF")
    assert AuditEvent.select().count() > events
