"""The audit trail: an append-only, hash-chained log of every change.

Each service writes its event inside its own transaction with :func:`record`. Event *n* stores
the hash of event *n-1* and a SHA-256 over its own fields (including its id), so editing, deleting
or reordering any event breaks the chain. The newest id and hash are also kept in the setting
``audit.head``, so cutting events off the end is detected too. :func:`verify_chain` walks the chain
(it is what ``archive-desk check`` runs).

Personal data a destruction removes leaves the events too (:func:`redact`): the values are
replaced by a marker, the event is marked ``redacted_by`` a new ``audit.redact`` event that names
it with its hash as written and the digest of its redacted content, and the chain checks it
against that record instead of its own hash.

The head is also what keeps the chain single when several clerks save at once on a server: each
:func:`record` locks the head row (``FOR UPDATE``, :func:`_locked_head`) before it reads the
newest event, so two transactions never chain onto the same event; the second waits for the
first's commit (the head is written last in every service, so the wait is its commit). On SQLite
``BEGIN IMMEDIATE`` already serialises the writers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import EXCLUDED, Select, fn

from archive_desk.db import store
from archive_desk.db.models import AuditEvent, Setting
from archive_desk.db.prepared import Prepared, Slot, insert_statement, loaded, prepared
from archive_desk.errors import Conflict
from archive_desk.permissions import Actor

GENESIS = "0" * 64
HEAD_KEY = "audit.head"


def to_json(value: Any) -> str:
    """Canonical JSON for before/after snapshots (sorted keys, dates as ISO text)."""
    if value is None or value == "":
        return ""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=_default)
    # a lone surrogate (text no service should pass on, see validation.clean_text) is kept as
    # its escape: the event is written, never refused by UTF-8
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _default(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return str(value)


def _digest(
    prev: str,
    event_id: int,
    at: dt.datetime | str,
    user_id: int | None,
    username: str,
    action: str,
    entity: str,
    entity_id: str,
    before: str,
    after: str,
) -> str:
    at_text = at.isoformat(sep=" ") if isinstance(at, dt.datetime) else str(at)
    parts = [prev, str(event_id), at_text, "" if user_id is None else str(user_id)]
    parts += [username, action, entity, entity_id, before, after]
    payload = "\x1f".join(parts)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    actor: Actor | None,
    action: str,
    entity: str = "",
    entity_id: object = "",
    *,
    before: Any = None,
    after: Any = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event, inside the service's transaction so it is atomic with the change."""
    (fields,) = _append(actor, [(action, entity, entity_id, before, after)], at)
    return loaded(AuditEvent, fields)


Event = tuple[str, str, object, Any, Any]  # action, entity, entity id, before, after


def record_many(actor: Actor | None, events: Sequence[Event], at: dt.datetime | None = None) -> int:
    """Append ``events`` in their order, as :func:`record` would one by one, inside the
    service's transaction: the chain's head is read once and written once, the events in one
    batch (an import's ``card.create`` per card). Returns the number of events."""
    return len(_append(actor, events, at)) if events else 0


def _append(
    actor: Actor | None, events: Sequence[Event], at: dt.datetime | None
) -> list[dict[str, Any]]:
    if at is None:
        from archive_desk.clock import SYSTEM_CLOCK

        at = (actor.clock if actor else SYSTEM_CLOCK).now()
    at = at.replace(microsecond=0)
    head_value, last_id = (
        _locked_head() if store.is_server() else (_head_and_last().one() or (None, None))
    )
    head = _parse_head(head_value)
    prev_hash = head[1] if head else GENESIS
    event_id = (head[0] if head else 0) + 1
    last_id = last_id or 0
    if last_id >= event_id:  # the head setting lags behind (should not happen): follow the rows
        last = AuditEvent.get_by_id(last_id)
        prev_hash, event_id = last.hash, last_id + 1
    user_id = actor.user_id if actor else None
    username = actor.username if actor else ""
    rows = []
    for action, entity, entity_id, before, after in events:
        before_s, after_s, entity_s = to_json(before), to_json(after), str(entity_id)
        digest = _digest(
            prev_hash, event_id, at, user_id, username, action, entity, entity_s, before_s, after_s
        )
        rows.append(
            {
                "id": event_id,
                "at": at,
                "user_id": user_id,
                "username": username,
                "action": action,
                "entity": entity,
                "entity_id": entity_s,
                "before": before_s,
                "after": after_s,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        prev_hash, event_id = digest, event_id + 1
    insert = prepared("audit.insert", lambda: insert_statement(AuditEvent, _EVENT_FIELDS))
    value = json.dumps({"id": rows[-1]["id"], "hash": rows[-1]["hash"]})
    head_write = prepared(
        "audit.head.write",
        lambda: Setting.insert(key=HEAD_KEY, value=Slot("value")).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: EXCLUDED.value}
        ),
    )
    with store.batched():  # the events and the head: one round trip to a server
        insert.run_many(rows)
        head_write.run(value=value)
    return rows


_EVENT_FIELDS = (
    "id",
    "at",
    "user_id",
    "username",
    "action",
    "entity",
    "entity_id",
    "before",
    "after",
    "prev_hash",
    "hash",
)


def _locked_head() -> tuple[str | None, int | None]:
    """The head setting, its row locked until the transaction ends (created first on an archive
    without events, so there is a row to lock), and the newest event's id, in one statement.

    The lock returns the head as the clerk it waited for committed it. The newest id comes from
    the statement's snapshot, taken before that wait, so it may miss the events of that clerk:
    they are in the head she wrote (every event is written with the head, :func:`_append`), and
    the id only checks that the head does not lag behind the rows; a missed id can only be
    smaller, never a false alarm. (One statement instead of two: each is a round trip to the
    server, four times a loan.)"""
    lock = prepared(
        "audit.head.lock",
        lambda: (
            Setting.select(Setting.value, AuditEvent.select(fn.MAX(AuditEvent.id)))
            .where(Setting.key == HEAD_KEY)
            .for_update()
        ),
    )
    row = lock.one()
    if row is None:  # no event yet: a genesis head (a second clerk waits here for the first)
        genesis = json.dumps({"id": 0, "hash": GENESIS})
        Setting.insert(key=HEAD_KEY, value=genesis).on_conflict_ignore().execute()
        row = lock.one()
    return (row[0], row[1]) if row else (None, None)


def _head_and_last() -> Prepared:
    """The head setting and the newest event's id in one statement (SQLite, inside the
    caller's IMMEDIATE transaction)."""
    return prepared(
        "audit.head.read",
        lambda: Select(
            columns=[
                Setting.select(Setting.value).where(Setting.key == HEAD_KEY),
                AuditEvent.select(fn.MAX(AuditEvent.id)),
            ]
        ),
    )


def _parse_head(value: str | None) -> tuple[int, str] | None:
    if value is None:
        return None
    data = json.loads(value)
    return int(data["id"]), str(data["hash"])


def _head() -> tuple[int, str] | None:
    row = Setting.get_or_none(Setting.key == HEAD_KEY)
    return _parse_head(row.value if row is not None else None)


@dataclass(frozen=True)
class ChainReport:
    events: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def head_is(recorded: str | None) -> bool:
    """Whether this database's chain ends where ``recorded`` says (the head setting's value read
    elsewhere: the desk's file a copy on the server was made from)."""
    return _head() == _parse_head(recorded)


def _iter_events(batch: int = 2000) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = list(
            AuditEvent.select().where(AuditEvent.id > last).order_by(AuditEvent.id).limit(batch)
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def verify_chain(max_problems: int = 50) -> ChainReport:
    """Walk every event and report each break in the chain (in Chinese)."""
    problems: list[str] = []
    prev_hash, expected_id, count = GENESIS, 1, 0
    redactions = _redactions()
    for ev in _iter_events():
        count += 1
        if ev.id != expected_id:
            problems.append(f"审计事件 {expected_id}–{ev.id - 1} 缺失（被删除）")
        if ev.prev_hash != prev_hash:
            problems.append(f"审计事件 {ev.id} 与前一条不衔接（前一条被修改或删除）")
        problem = _content_problem(ev, redactions.get(ev.id))
        if problem:
            problems.append(problem)
        prev_hash, expected_id = ev.hash, ev.id + 1
        if len(problems) >= max_problems:
            break
    head = _head()
    if head is not None and len(problems) < max_problems:
        head_id, head_hash = head
        if head_id != expected_id - 1 or head_hash != prev_hash:
            problems.append(f"审计日志的末尾被截断：应有到第 {head_id} 条的事件")
    elif head is None and count:
        problems.append("审计日志的链头记录缺失")
    return ChainReport(count, problems)


def _digest_of(ev: AuditEvent) -> str:
    """The digest over the event's fields as they are stored now."""
    return _digest(
        ev.prev_hash,
        ev.id,
        ev.at,
        ev.user_id,
        ev.username,
        ev.action,
        ev.entity,
        ev.entity_id,
        ev.before,
        ev.after,
    )


def _content_problem(ev: AuditEvent, named: tuple[int, str, str] | None) -> str:
    """What is wrong with the event's content ("" when nothing). A redacted event no longer
    matches its hash: it must be named, with that hash and the digest of its redacted content,
    by the later redaction event its mark names; an unredacted one must match its hash."""
    changed = f"审计事件 {ev.id}（{ev.action}）的内容被修改过"
    if ev.redacted_by is None and named is None:
        return "" if _digest_of(ev) == ev.hash else changed
    if named is None or ev.redacted_by != named[0] or named[0] <= ev.id:
        return f"审计事件 {ev.id}（{ev.action}）的个人信息删除标记与删除记录不符"
    return "" if (ev.hash, _digest_of(ev)) == named[1:] else changed


# --- redaction: personal data removed from the events of a record ------------------------------

REDACT_ACTION = "audit.redact"
_BATCH = 500


def redact(
    actor: Actor,
    entity: str,
    entity_ids: Sequence[object],
    actions: Sequence[str],
    scrub: Callable[[dict[str, Any]], dict[str, Any]],
    details: dict[str, Any],
) -> int:
    """Remove personal data from the events of ``actions`` about ``entity_ids`` of ``entity``,
    inside the caller's transaction (a destruction's: all or nothing with it).

    Each event's ``before`` and ``after`` snapshot goes through ``scrub`` (it returns the
    snapshot with the personal values replaced by a marker); an event whose snapshots change is
    rewritten and marked ``redacted_by`` one new ``audit.redact`` event, which records ``details``
    and, per event, its id, its hash as written and the digest of its redacted content.
    :func:`verify_chain` checks a redacted event against that record (its hash still links the
    next event), so the chain stays verifiable and any other change is still seen. An event
    that already fails its hash is not redacted over (that would hide the change): refused.
    Returns the number of events redacted."""
    keys = [str(i) for i in entity_ids]
    found: list[AuditEvent] = []
    for start in range(0, len(keys), _BATCH):
        found.extend(
            AuditEvent.select().where(
                (AuditEvent.entity == entity)
                & AuditEvent.entity_id.in_(keys[start : start + _BATCH])
                & AuditEvent.action.in_(actions)
                & AuditEvent.redacted_by.is_null()
            )
        )
    changed: list[tuple[AuditEvent, str, str]] = []
    for ev in sorted(found, key=lambda e: int(e.id)):
        if _digest_of(ev) != ev.hash:
            raise Conflict(
                f"审计事件 {ev.id}（{action_label(ev.action)}）被修改过，不能从中删除个人信息，"
                "本次操作没有保存。请先运行数据检查（archive-desk check）查明原因。"
            )
        before, after = _scrubbed(ev.before, scrub), _scrubbed(ev.after, scrub)
        if (before, after) != (ev.before, ev.after):
            changed.append((ev, before, after))
    if not changed:
        return 0
    named = [
        [ev.id, ev.hash, _digest_of(_with(ev, before, after))] for ev, before, after in changed
    ]
    event = record(actor, REDACT_ACTION, entity, ",".join(keys[:50]),
                   after={**details, "events": named})  # fmt: skip
    for ev, before, after in changed:
        AuditEvent.update(before=before, after=after, redacted_by=event.id).where(
            AuditEvent.id == ev.id
        ).execute()
    return len(changed)


def _scrubbed(snapshot: str, scrub: Callable[[dict[str, Any]], dict[str, Any]]) -> str:
    if not snapshot:
        return snapshot
    try:
        data = json.loads(snapshot)
    except ValueError:
        return snapshot
    if not isinstance(data, dict):
        return snapshot
    cleaned = scrub(data)
    return snapshot if cleaned == data else to_json(cleaned)


def _with(ev: AuditEvent, before: str, after: str) -> AuditEvent:
    """A copy of the event with other snapshots (the row itself unchanged)."""
    return AuditEvent(**{**ev.__data__, "before": before, "after": after})


def _redactions() -> dict[int, tuple[int, str, str]]:
    """Every redacted event the ``audit.redact`` events name: id → (the redaction's id, the
    event's hash as written, the digest of its redacted content)."""
    named: dict[int, tuple[int, str, str]] = {}
    query = AuditEvent.select(AuditEvent.id, AuditEvent.after)
    for ev in query.where(AuditEvent.action == REDACT_ACTION):
        try:
            for event_id, original, redacted in json.loads(ev.after)["events"]:
                named[int(event_id)] = (ev.id, str(original), str(redacted))
        except (ValueError, KeyError, TypeError):
            continue  # its own digest tells that it was changed
    return named


# --- the actions' labels --------------------------------------------------------------------------

# Every action any service passes to :func:`record`, with its label (the audit trail's display,
# :mod:`archive_desk.reporting`, shows them). tests/services/test_audit_labels.py reads the
# source for every action written and fails on one missing here.
ACTION_LABELS: dict[str, str] = {
    # accounts
    "user.create_admin": "创建系统管理员",
    "user.login": "登录",
    "user.login_failed": "登录失败",
    "user.locked": "账户被锁定",
    "user.change_password": "修改密码",
    "user.create": "新建用户",
    "user.update": "修改用户",
    "user.reset_password": "重设密码",
    "user.unlock": "解锁用户",
    "department.create": "新建部门",
    # classification
    "region.create": "新建区域",
    "region.update": "修改区域",
    "region.retire": "停用区域",
    "region.reinstate": "启用区域",
    "region.delete": "删除区域",
    "category.create": "新建类别",
    "category.update": "修改类别",
    "category.retire": "停用类别",
    "category.reinstate": "启用类别",
    "category.delete": "删除类别",
    # cards
    "card.create": "新建档案卡",
    "card.edit": "修改档案卡",
    "card.rename": "客户更名",
    "card.view_classified": "查阅涉密档案卡",
    "card.review": "例行检查",
    "card.print": "打印档案卡",
    "card.print_list": "打印档案列表",
    "card.print_catalogue": "打印档案目录",
    "card.print_labels": "打印类别标签",
    "card.export": "导出档案卡",
    "card.destroy": "销毁档案卡",
    "card.import": "导入档案卡",
    "card.import_rejected": "导出未导入的行",
    "person.create": "新建业务员",
    # borrowing
    "borrowing.apply": "借阅申请",
    "borrowing.approve": "批准借阅",
    "borrowing.refuse": "拒绝借阅",
    "borrowing.cancel": "撤销借阅",
    "borrowing.lend": "出借",
    "borrowing.confirm_paper": "纸面签字完成",
    "borrowing.return": "归还",
    "borrowing.renew": "续借",
    "borrowing.day_close": "闭馆清点",
    "borrowing.month_end": "月末借出未还清单",
    "borrowing.print_application": "打印借阅申请单",
    "borrowing.print_register": "打印借阅登记簿",
    "borrowing.print_copies": "打印影印登记表",
    "borrowing.print_reminders": "打印催还通知单",
    "borrowing.print_month_end": "打印月末借出未还清单",
    "copy.record": "影印登记",
    "copy.strike_off": "复印件销号",
    "loan_rule.create": "新建借阅规则",
    "loan_rule.update": "修改借阅规则",
    "loan_rule.delete": "删除借阅规则",
    # handover
    "handover.create": "新建交接单",
    "handover.items": "修改移交清单",
    "handover.update": "修改交接单",
    "handover.dept_approve": "移交部门批准",
    "handover.dept_return": "移交部门退回",
    "handover.office_approve": "总经办批准",
    "handover.office_return": "总经办退回",
    "handover.check": "接收方核对",
    "handover.resolve": "处理核对差异",
    "handover.check_done": "核对完成",
    "handover.check_return": "核对退回",
    "handover.receive": "接收签字",
    "handover.cancel": "撤销交接单",
    "handover.print": "打印交接单",
    "handover.print_register": "打印交接登记",
    "handover.print_clerk_application": "打印档案管理员变更申请单",
    # retention and destruction
    "legal_hold.freeze": "冻结档案卡",
    "legal_hold.lift": "解除冻结",
    "destruction.create": "提出销毁建议",
    "destruction.update": "修改销毁清册",
    "destruction.cancel": "撤销销毁清册",
    "destruction.review": "主管审核同意销毁",
    "destruction.return": "主管退回销毁清册",
    "destruction.approve": "总经理批准销毁",
    "destruction.refuse": "总经理不同意销毁",
    "destruction.execute": "执行销毁",
    "destruction.feedback": "销毁处理反馈",
    "destruction.print_proposal": "打印销毁建议书",
    "destruction.print_register": "打印销毁清册",
    "destruction.print_feedback": "打印销毁处理反馈单",
    # inspection: rounds, inventories, findings
    "inspection.start": "开始检查轮次",
    "inspection.close": "结束检查轮次",
    "inspection.print": "打印检查整改记录",
    "inventory.start": "开始盘点",
    "inventory.scan": "盘点扫描",
    "inventory.pause": "暂停盘点",
    "inventory.resume": "继续盘点",
    "inventory.add_tray": "盘点补充位置",
    "inventory.close": "结束盘点",
    "inventory.move": "按盘点更正存放位置",
    "inventory.print": "打印盘点报告",
    "inventory.export": "导出盘点结果",
    "finding.open": "登记检查问题",
    "finding.propose": "提出处理意见",
    "finding.approve": "批准处理意见",
    "finding.reject": "退回处理意见",
    "finding.resolve": "记录整改结果",
    # settings and reports
    "settings.update": "修改系统设置",
    "report.monthly": "借阅月报",
    "report.card_statistics": "档案统计",
    # the store
    "database.backup": "备份数据库",
    "database.restore": "从备份恢复数据库",
    # the audit trail
    "audit.redact": "删除审计日志中的个人信息",
    "database.migrate": "迁移到档案服务器",
}


def action_label(action: str) -> str:
    """The Chinese name of an audit action (the code itself only for an unknown one)."""
    return ACTION_LABELS.get(action, action)
