"""A destroyed card's personal data leaves the audit trail too: its events' snapshots are
redacted in the execution's transaction, the chain stays verifiable, and any other change to a
redacted event (or a redaction not recorded) is still seen as tampering."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from archive_desk import audit, cards, cli, reporting, retention
from archive_desk.db import connection
from archive_desk.db.models import AuditEvent
from archive_desk.errors import Conflict
from tests.retention.kit import after_waiting, due_card, execute, through_approval

# what the destroyed card's events held: nothing of it may stay anywhere in the file
SECRETS = ("13912345678", "11010519491231002X", "赵小红", "学院路1号", "62345678", "62349999",
           "wang@example.cn", "王大伟")  # fmt: skip
# the card that stays keeps its own in its events
KEPT = ("13698765432", "320102198001011238", "钱多多", "中山路88号")


@pytest.fixture
def crew(destruction_staff):  # type: ignore[no-untyped-def]
    return destruction_staff


def _doomed_and_kept(crew: dict[str, Any]) -> tuple[Any, Any]:
    clerk = crew["clerk"]
    doomed = due_card(
        clerk, "王某个体经营部", nature="individual", legal_rep="王大伟", phone="010-62345678",
        email="wang@example.cn", address="北京市海淀区学院路1号", note="老板手机见联系人",
        contacts=[cards.ContactInput("赵小红", "业主", mobile="13912345678",
                                     id_number="11010519491231002X")],
    )  # fmt: skip
    edited = cards.get_card(clerk, doomed.id, log_view=False)
    cards.update_card(clerk, doomed.id, edited.version, cards.CardDraft(
        values={**edited.values, "phone": "010-62349999"}, contacts=edited.contacts))  # fmt: skip
    kept = due_card(
        clerk, "南京钱氏商行", legal_rep="钱多多", address="南京市中山路88号",
        contacts=[cards.ContactInput("钱多多", mobile="13698765432",
                                     id_number="320102198001011238")],
    )  # fmt: skip
    return doomed, kept


def _rows(where: str = "1 = 1", *args: Any) -> list[tuple[Any, ...]]:
    db = AuditEvent._meta.database  # type: ignore[attr-defined]
    where = where.replace("?", db.param)  # the store's placeholder: ? or %s
    return [
        tuple(r)
        for r in db.execute_sql(f"SELECT * FROM audit_event WHERE {where} ORDER BY id", args)
    ]


def _destroyed(crew: dict[str, Any], clock: Any) -> tuple[Any, Any, list[tuple[Any, ...]]]:
    doomed, kept = _doomed_and_kept(crew)
    kept_rows = _rows("entity = 'card' AND entity_id = ?", str(kept.id))
    lst = through_approval(crew, doomed.id)
    after_waiting(clock, lst)
    execute(crew, lst)
    return doomed, kept, kept_rows


@pytest.mark.sqlite_only("the bytes of the file and its write-ahead log")
def test_the_destroyed_cards_personal_data_is_nowhere_in_the_file(crew, clock, db_path) -> None:
    _doomed, kept, kept_rows = _destroyed(crew, clock)
    assert _rows("entity = 'card' AND entity_id = ?", str(kept.id)) == kept_rows  # untouched
    assert audit.verify_chain().ok, audit.verify_chain().problems
    _nowhere_in_the_files(db_path)  # the program still open: its write-ahead log too
    connection.close_database()
    with sqlite3.connect(db_path) as raw:  # the rows, as anyone could read them
        events = "\n".join(str(r) for r in raw.execute("SELECT * FROM audit_event"))
    for secret in SECRETS:
        assert secret not in events, secret
    for other in KEPT:
        assert other in events, other
    _nowhere_in_the_files(db_path)
    assert cli.main(["--db", str(db_path), "check"]) == 0


def _nowhere_in_the_files(db_path: Path) -> None:
    """The bytes of the file and its write-ahead log: SQLite keeps a freed cell's old bytes
    unless ``secure_delete`` is on, and a page's old images in the log until it is emptied."""
    files = [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]
    data = b"".join(p.read_bytes() for p in files)
    for secret in SECRETS:
        assert secret.encode() not in data, secret


def test_the_redacted_events_are_marked_named_and_told(crew, clock, admin) -> None:
    doomed, _kept, _ = _destroyed(crew, clock)
    mine = list(
        AuditEvent.select()
        .where((AuditEvent.entity == "card") & (AuditEvent.entity_id == str(doomed.id)))
        .order_by(AuditEvent.id)
    )
    redacted = [e for e in mine if e.redacted_by is not None]
    assert [e.action for e in redacted] == ["card.create", "card.edit"]
    created = json.loads(redacted[0].after)
    assert created["name"] == "王某个体经营部" and created["retention"] == "D10"  # kept
    assert created["phone"] == created["legal_rep"] == created["contacts"] == cards.REMOVED
    (redaction,) = AuditEvent.select().where(AuditEvent.action == "audit.redact")
    assert {e.redacted_by for e in redacted} == {redaction.id}
    named = json.loads(redaction.after)
    assert named["list"] == "XH2026-0001"
    assert [(i, h) for i, h, _ in named["events"]] == [(e.id, e.hash) for e in redacted]
    views = {v.id: v for v in reporting.recent_events(admin, limit=1000)}
    note = "个人信息已随销毁清册 XH2026-0001 删除"
    assert all(note in views[e.id].after_text for e in redacted)
    assert "电话：（已按个人信息保护要求删除）" in views[redacted[0].id].after_text
    assert note not in views[mine[-1].id].after_text  # the card.destroy event itself
    assert views[redaction.id].action_label == "删除审计日志中的个人信息"


def _broken(change: Callable[[], object]) -> list[str]:
    change()
    report = audit.verify_chain()
    assert not report.ok
    return report.problems


@pytest.mark.parametrize(
    "what",
    ["a kept field", "the marker", "the mark cleared", "marked by hand", "the redaction's list"],
)
def test_any_other_change_to_a_redacted_event_breaks_the_chain(crew, clock, what) -> None:
    doomed, kept, _ = _destroyed(crew, clock)
    created = AuditEvent.get(
        (AuditEvent.entity == "card") & (AuditEvent.entity_id == str(doomed.id))
        & (AuditEvent.action == "card.create")
    )  # fmt: skip
    other = AuditEvent.get(
        (AuditEvent.entity_id == str(kept.id)) & (AuditEvent.action == "card.create")
    )
    (redaction,) = AuditEvent.select().where(AuditEvent.action == "audit.redact")
    assert audit.verify_chain().ok
    edits: dict[str, Callable[[], object]] = {
        "a kept field": lambda: (
            AuditEvent.update(after=created.after.replace("王某个体经营部", "李某个体经营部"))
            .where(AuditEvent.id == created.id)
            .execute()
        ),
        "the marker": lambda: (
            AuditEvent.update(after=created.after.replace(cards.REMOVED, "13900000000", 1))
            .where(AuditEvent.id == created.id)
            .execute()
        ),
        "the mark cleared": lambda: (
            AuditEvent.update(redacted_by=None).where(AuditEvent.id == created.id).execute()
        ),
        "marked by hand": lambda: (
            AuditEvent.update(
                redacted_by=redaction.id, after=other.after.replace("13698765432", cards.REMOVED)
            )
            .where(AuditEvent.id == other.id)
            .execute()
        ),
        "the redaction's list": lambda: (
            AuditEvent.update(after=redaction.after.replace(created.hash, "0" * 64))
            .where(AuditEvent.id == redaction.id)
            .execute()
        ),
    }
    problems = _broken(edits[what])
    victim = other if what == "marked by hand" else redaction if "list" in what else created
    assert any(f"审计事件 {victim.id}" in p for p in problems), problems


def test_a_failed_execution_leaves_the_audit_trail_as_it_was(crew, clock, monkeypatch) -> None:
    doomed, _kept = _doomed_and_kept(crew)
    lst = through_approval(crew, doomed.id)
    after_waiting(clock, lst)
    before = _rows()
    (hold,) = retention.freeze(crew["manager"], [doomed.id], kind="dispute", reason="货款纠纷")
    frozen = _rows()
    with pytest.raises(Conflict, match="复核未通过"):  # the re-check refuses it
        execute(crew, lst)
    assert _rows() == frozen and frozen[: len(before)] == before
    lst = retention.get_list(crew["clerk"], lst.id)
    retention.lift(crew["manager"], hold.hold_id, hold.version, reason="纠纷已解决")
    lifted = _rows()
    real = audit.record

    def failing(actor, action, *args, **kwargs):  # type: ignore[no-untyped-def]
        if action == "destruction.execute":  # after the cards and their events were redacted
            raise OSError(28, "No space left on device")
        return real(actor, action, *args, **kwargs)

    monkeypatch.setattr(audit, "record", failing)
    with pytest.raises(OSError):
        execute(crew, lst)
    assert _rows() == lifted


def test_a_tampered_event_is_not_redacted_over(crew, clock) -> None:
    """Redacting an event already edited by hand would hide the edit: the execution refuses."""
    doomed, _kept = _doomed_and_kept(crew)
    lst = through_approval(crew, doomed.id)
    after_waiting(clock, lst)
    AuditEvent.update(after=AuditEvent.after.concat(" ")).where(
        (AuditEvent.entity_id == str(doomed.id)) & (AuditEvent.action == "card.edit")
    ).execute()
    tampered = _rows()
    with pytest.raises(Conflict, match="审计事件 15（修改档案卡）被修改过，不能从中删除个人信息"):
        execute(crew, lst)
    assert _rows() == tampered
