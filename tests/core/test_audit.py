"""The audit chain detects edited, deleted and truncated events."""

from __future__ import annotations

from archive_desk import accounts, audit
from archive_desk.db.models import AuditEvent
from archive_desk.domain import Role
from tests.conftest import PASSWORD


def _some_events(admin):
    for i in range(3):
        accounts.create_user(
            admin, username=f"u{i}", full_name=f"用户{i}", role=Role.CLERK, password=PASSWORD
        )


def test_chain_is_intact_after_normal_work(admin):
    _some_events(admin)
    report = audit.verify_chain()
    assert report.ok, report.problems
    assert report.events == AuditEvent.select().count() == 4


def test_edited_event_is_detected(admin):
    _some_events(admin)
    AuditEvent.update(after='{"username": "forged"}').where(AuditEvent.id == 3).execute()
    report = audit.verify_chain()
    assert not report.ok
    assert any("3" in p and "修改" in p for p in report.problems)


def test_deleted_event_is_detected(admin):
    _some_events(admin)
    AuditEvent.delete().where(AuditEvent.id == 2).execute()
    assert not audit.verify_chain().ok


def test_truncated_tail_is_detected(admin):
    _some_events(admin)
    last = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    last.delete_instance()
    report = audit.verify_chain()
    assert any("截断" in p for p in report.problems)


def test_event_written_in_same_transaction_as_change(admin):
    before = AuditEvent.select().count()
    accounts.create_department(admin, "财务部")
    ev = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert AuditEvent.select().count() == before + 1
    assert ev.action == "department.create" and ev.username == "admin"
    assert "财务部" in ev.after
