"""The audit trail as the reader reads it: each event's action, record and details in Chinese,
stored codes shown by their labels — taken from the state sets of the procedure that wrote them,
which is why this reader sits above the procedure packages (the chain itself is
:mod:`archive_desk.audit`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from archive_desk import borrowing, cards, domain, handover, inspection, retention, settings
from archive_desk.audit import action_label
from archive_desk.db.models import AuditEvent, Card
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures.approvals import ApprovalMethod
from archive_desk.procedures.signatures import SignatureMethod

ENTITY_LABELS = {
    "user": "用户",
    "department": "部门",
    "region": "区域",
    "category": "类别",
    "card": "档案卡",
    "person": "人员",
    "borrowing": "借阅",
    "borrowing_item": "借阅条目",
    "copy": "影印登记",
    "day": "闭馆清点",
    "month_end": "月末清单",
    "loan_rule": "借阅规则",
    "handover": "交接单",
    "destruction": "销毁清册",
    "inspection": "检查轮次",
    "inventory": "盘点",
    "finding": "检查问题",
    "setting": "设置",
    "report": "报表",
    "database": "数据库",
}
# words some services store as the record of a print or export
_RECORD_WORDS = {
    "list": "档案列表",
    "catalogue": "档案目录",
    "labels": "类别标签",
    "export": "导出",
    "import": "导入",
    "overdue": "逾期借阅",
}

FIELD_LABELS = {
    "username": "用户名",
    "full_name": "姓名",
    "role": "角色",
    "department_id": "部门（编号）",
    "clearance": "可阅密级",
    "phone": "电话",
    "active": "启用",
    "failed_logins": "连续失败次数",
    "name": "名称",
    "code": "代码",
    "parent_id": "上级区域（编号）",
    "color": "标签颜色",
    "number": "编号",
    "kind": "类型",
    "from": "移交方",
    "to": "接收方",
    "items": "条目",
    "state": "状态",
    "approver": "审批人",
    "comment": "意见",
    "found": "已核对",
    "extra": "清单外",
    "item": "条目",
    "difference": "差异",
    "accept": "接受",
    "note": "备注",
    "cards": "档案",
    "room": "库房",
    "file": "文件",
    "kept": "原文件另存为",
    "by": "操作人",
    "reason": "原因",
    "archive_no": "档案编号",
    "retention_due": "保管到期日",
    "contacts": "联系人",
    "documents": "卷内文件",
    "count": "数量",
    "filter": "筛选条件",
    "rows": "行数",
    "sheet": "工作表",
    "ledger": "台账",
    "created": "新建",
    "updated": "更新",
    "skipped": "跳过",
    "rejected": "未导入",
    "borrower": "借阅人",
    "mode": "借阅方式",
    "expected_return": "预计归还",
    "required_role": "需审批人",
    "method": "审批方式",
    "signatures": "签字方式",
    "differences": "归还差异",
    "closed": "已全部归还",
    "due_date": "应还日期",
    "card": "档案",
    "pages": "页数",
    "copies": "份数",
    "taken_out": "带出",
    "open": "未归还",
    "originals": "原件",
    "priority": "顺序",
    "min_secrecy": "密级",
    "grade": "客户等级",
    "approver_role": "审批人",
    "max_days": "最长借期（天）",
    "working_days": "按工作日计",
    "allowed": "允许借阅",
    "hold_kind": "冻结类别",
    "list": "销毁清册",
    "destroyed_on": "销毁日期",
    "executed_on": "销毁日期",
    "place": "销毁地点",
    "destroy_method": "销毁方式",
    "executor": "销毁执行人",
    "witnesses": "监销人",
    "destroyed": "销毁数量",
    "withheld": "未予销毁",
    "exempted": "免于销毁",
    "wait_until": "可销毁日期",
    "reported_to": "反馈对象",
    "reported_on": "反馈日期",
    "feedback": "反馈内容",
    "status": "状态",
    "scope": "范围",
    "due_on": "期限",
    "expected": "清单份数",
    "on_loan": "其中借出",
    "result": "结果",
    "location": "位置",
    "counts": "结果统计",
    "reviewed": "已检查",
    "round": "检查轮次",
    "inventory": "盘点",
    "proposal": "处理意见",
    "resolution": "整改结果",
    "resolved_on": "完成日期",
    "helpers": "协助人",
    "description": "问题描述",
    "old_location": "原位置",
    "new_location": "新位置",
    "events": "审计事件",
}


def _value_labels(entity: str) -> dict[str, Mapping[Any, str]]:
    """For each key of an event's details whose value is a stored code, the code's labels (from
    the state sets of the procedure that wrote it)."""
    secrecy = {int(k): v for k, v in domain.SECRECY_LABELS.items()}
    states = {
        "borrowing": borrowing.BorrowingState.labels(),
        "borrowing_item": borrowing.ItemState.labels(),
        "handover": handover.HandoverState.labels(),
        "destruction": retention.DestructionState.labels(),
        "inspection": inspection.RoundState.labels(),
        "inventory": inspection.InventoryState.labels(),
        "finding": inspection.FindingState.labels(),
    }
    kinds = {
        "finding": inspection.FindingKind.labels(),
        "inspection": inspection.RoundKind.labels(),
    }
    return {
        "state": states.get(entity, {}),
        "method": ApprovalMethod.labels(),
        "signatures": SignatureMethod.labels(),
        "mode": borrowing.BorrowMode.labels(),
        "kind": kinds.get(entity, handover.HandoverKind.labels()),
        "result": inspection.ScanResult.labels(),
        "role": domain.Role.LABELS,
        "required_role": domain.Role.LABELS,
        "approver_role": domain.Role.LABELS,
        "clearance": secrecy,
        "min_secrecy": secrecy,
        "secrecy": secrecy,
        "difference": handover.ItemDifference.labels(),
        "hold_kind": retention.HoldReason.labels(),
        "destroy_method": retention.DestructionMethod.labels(),
        "status": domain.CARD_STATUS,
    }


def _field_label(key: str) -> str:
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    spec = cards.FIELD_BY_NAME.get(key)
    if spec is not None:
        return spec.label + ("（编号）" if spec.kind == "ref" else "")
    option = settings.OPTIONS.get(key)
    return option.label if option is not None else key


def _value_text(key: str, value: Any, codes: Mapping[str, Mapping[Any, str]]) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "（空）"
    table = codes.get(key)
    if table is None:
        spec = cards.FIELD_BY_NAME.get(key)
        table = spec.choices if spec is not None and spec.choices else None
    if isinstance(value, list):
        if value and not isinstance(value[0], str | int | float):
            return f"{len(value)} 项"
        if value and isinstance(value[0], str) and "(" in value[0]:  # a stored object's text
            return f"{len(value)} 项"
        return "、".join(_value_text(key, v, codes) for v in value) or "（空）"
    if isinstance(value, dict):
        pairs = (f"{k} {_value_text(key, v, codes)}" for k, v in value.items())
        return "，".join(pairs) or "（空）"
    if table is not None:
        return domain.label({str(k): v for k, v in table.items()}, str(value))
    return str(value)


def describe(entity: str, details: str, *, skip_empty: bool = False) -> str:
    """An event's stored details (JSON) as the reader reads them: Chinese names, codes shown
    by their labels — e.g. ``状态：已批准；审批方式：纸面审批``. ``skip_empty`` leaves out the
    empty fields (of a new record: only what was filled in is news)."""
    if not details:
        return ""
    try:
        data = json.loads(details)
    except ValueError:
        return details
    if not isinstance(data, dict):
        return str(data)
    codes = _value_labels(entity)
    return "；".join(
        f"{_field_label(k)}：{_value_text(k, v, codes)}"
        for k, v in data.items()
        if not (skip_empty and v in (None, "", [], {}))
    )


def record_label(entity: str, entity_id: str) -> str:
    """What an event is about: ``借阅 12``, ``设置 单位名称``, ``闭馆清点 2026-03-02``."""
    if entity == "setting":
        names = [
            settings.OPTIONS[k].label if k in settings.OPTIONS else k for k in entity_id.split(",")
        ]
        shown = "、".join(names)
    else:
        shown = _RECORD_WORDS.get(entity_id, entity_id.replace("..", " 至 "))
    return f"{ENTITY_LABELS.get(entity, entity)} {shown}".strip()


# what the audit trail shows instead of the details of an event about a card above the reader's
# clearance (the event itself, who, when and what was done, stays)
HIDDEN_TEXT = "（涉及密级高于您可阅密级的档案，内容不显示）"


@dataclass(frozen=True)
class EventView:
    id: int
    at: dt.datetime
    username: str
    action: str
    entity: str
    entity_id: str
    before: str
    after: str
    hidden: bool = False  # about a card above the reader's clearance: no details
    # a redacted event's note: its personal data removed by a destruction (else "")
    note: str = ""

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def record_label(self) -> str:
        return record_label(self.entity, self.entity_id)

    @property
    def before_text(self) -> str:
        return HIDDEN_TEXT if self.hidden else describe(self.entity, self.before)

    @property
    def after_text(self) -> str:
        if self.hidden:
            return HIDDEN_TEXT
        text = describe(self.entity, self.after, skip_empty=not self.before)
        return f"【{self.note}】{text}" if self.note else text


def recent_events(actor: Actor, limit: int = 200, offset: int = 0) -> list[EventView]:
    """The newest events first, for the audit viewer. An event about a card above the reader's
    clearance keeps its time, user, action and record, not its details (a card's contents, a
    listed card's name): the trail is no way round :func:`archive_desk.cards.visible`."""
    require(actor, Perm.AUDIT_VIEW)
    rows = list(AuditEvent.select().order_by(AuditEvent.id.desc()).limit(limit).offset(offset))
    hidden = _above_clearance(actor, rows)
    notes = _redaction_notes({r.redacted_by for r in rows if r.redacted_by is not None})
    return [
        EventView(r.id, r.at, r.username, r.action, r.entity, r.entity_id, "", "", hidden=True)
        if r.id in hidden
        else EventView(
            r.id,
            r.at,
            r.username,
            r.action,
            r.entity,
            r.entity_id,
            r.before,
            r.after,
            note=notes.get(r.redacted_by or 0, ""),
        )
        for r in rows
    ]


def _details(event: AuditEvent) -> list[dict[str, Any]]:
    out = []
    for text in (event.before, event.after):
        try:
            data = json.loads(text) if text else None
        except ValueError:
            data = None
        if isinstance(data, dict):
            out.append(data)
    return out


def _above_clearance(actor: Actor, events: list[AuditEvent]) -> set[int]:
    """The ids of the events that concern a card the reader may not see: a card's own events
    (its contents, by the card's secrecy now or the one the event records) and a handover row
    naming a card (by its number)."""
    card_ids: dict[int, set[int]] = {}
    numbers: dict[int, str] = {}
    out: set[int] = set()
    for e in events:
        details = _details(e)
        if any(
            isinstance(d.get("secrecy"), int) and d["secrecy"] > actor.clearance for d in details
        ):
            out.add(e.id)
        if e.entity == "card":
            ids = {
                int(part) for part in e.entity_id.split(",") if part.isascii() and part.isdigit()
            }
            card_ids[e.id] = ids
        for d in details:
            item = d.get("item")
            if e.entity == "handover" and isinstance(item, str) and item.strip():
                numbers[e.id] = item.split()[0]
    wanted = sorted(set().union(*card_ids.values())) if card_ids else []
    hidden_ids: set[int] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        hidden_ids |= {
            c.id for c in Card.select(Card.id).where(Card.id.in_(chunk) & ~cards.visible(actor))
        }
    hidden_numbers = (
        {
            c.archive_no
            for c in Card.select(Card.archive_no).where(
                Card.archive_no.in_(sorted(set(numbers.values()))) & ~cards.visible(actor)
            )
        }
        if numbers
        else set()
    )
    out |= {eid for eid, ids in card_ids.items() if ids & hidden_ids}
    out |= {eid for eid, number in numbers.items() if number in hidden_numbers}
    return out


def _redaction_notes(redaction_ids: set[int]) -> dict[int, str]:
    """The note of the events each redaction (``audit.redact``) redacted: by which list."""
    notes = {}
    for ev in AuditEvent.select(AuditEvent.id, AuditEvent.after).where(
        AuditEvent.id.in_(redaction_ids or {0})
    ):
        try:
            number = json.loads(ev.after).get("list", "")
        except (ValueError, AttributeError):
            number = ""
        notes[ev.id] = f"个人信息已随销毁清册 {number} 删除" if number else "个人信息已删除"
    return notes


def count_events(actor: Actor) -> int:
    require(actor, Perm.AUDIT_VIEW)
    return AuditEvent.select().count()
