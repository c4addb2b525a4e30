"""The loan rule table (借阅规则): which rule a card and mode fall under (who must approve, the
longest loan), and the admin's editing of the table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from archive_desk import audit, validation
from archive_desk.borrowing import _store as store
from archive_desk.borrowing._states import ROLE_RANK, BorrowMode
from archive_desk.borrowing.views import RuleView
from archive_desk.db.models import LoanRule
from archive_desk.domain import Role
from archive_desk.errors import Conflict, NotFound, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import records
from archive_desk.procedures.changes import transaction


@dataclass(frozen=True)
class RuleDecision:
    approver_role: str
    max_days: int  # 0: the same day
    working_days: bool
    note: str


class _Rule(NamedTuple):
    min_secrecy: int | None
    grade: str | None
    mode: str | None
    allowed: bool
    note: str
    approver_role: str
    max_days: int
    working_days: bool


def _rules() -> list[_Rule]:
    return [_Rule(*row) for row in store.rules()]


def rule_for(
    secrecy: int, grade: str, mode: str, rules: Sequence[_Rule] | None = None
) -> RuleDecision:
    """The first rule (by priority) that matches a card's secrecy, grade and the mode."""
    for rule in _rules() if rules is None else rules:
        if rule.min_secrecy is not None and secrecy < rule.min_secrecy:
            continue
        if rule.grade and rule.grade != grade:
            continue
        if rule.mode and rule.mode != mode:
            continue
        if not rule.allowed:
            raise ValidationError(f"借阅规则不允许：{rule.note or '该档案不能以此方式借阅'}。")
        return RuleDecision(rule.approver_role, rule.max_days, rule.working_days, rule.note)
    return RuleDecision(Role.DEPT_HEAD, 0, False, "")


def add_days(start: dt.date, days: int, working: bool) -> dt.date:
    """``start`` plus ``days`` calendar days, or working days (Monday–Friday)."""
    if not working:
        return start + dt.timedelta(days=days)
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def combined_rule(card_rows: Sequence[Any], mode: str) -> RuleDecision:
    """The strictest of the cards' rules: the highest approver, the shortest loan."""
    rules = _rules()
    decisions = [rule_for(c.secrecy, c.grade, mode, rules) for c in card_rows]
    role = max(decisions, key=lambda d: ROLE_RANK.get(d.approver_role, 0)).approver_role
    shortest = min(decisions, key=lambda d: d.max_days)
    notes = "；".join(sorted({d.note for d in decisions if d.note}))
    return RuleDecision(role, shortest.max_days, shortest.working_days, notes)


def _rule_view(r: LoanRule) -> RuleView:
    return RuleView(
        id=r.id, priority=r.priority, min_secrecy=r.min_secrecy, grade=r.grade, mode=r.mode,
        approver_role=r.approver_role, max_days=r.max_days, working_days=r.working_days,
        allowed=r.allowed, note=r.note, version=r.version,
    )  # fmt: skip


def list_rules() -> list[RuleView]:
    return [_rule_view(r) for r in LoanRule.select().order_by(LoanRule.priority, LoanRule.id)]


def _check_rule(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if out.get("approver_role") not in ROLE_RANK:
        raise ValidationError(
            "审批角色应为部门负责人、档案主管/客服经理或总经理。", field="approver_role"
        )
    if out.get("min_secrecy") not in (None, 0, 1, 2, 3):
        raise ValidationError("密级条件无效。", field="min_secrecy")
    if out.get("grade") not in (None, "", "A", "B", "C"):
        raise ValidationError("客户等级条件应为 A、B、C 或不限。", field="grade")
    if out.get("mode") not in (None, "", *BorrowMode.labels()):
        raise ValidationError("借阅方式条件无效。", field="mode")
    days = validation.check_int(out.get("max_days", 0), "最长借期", maximum=10_000)
    order = validation.check_int(out.get("priority", 100), "顺序", maximum=1_000_000)
    if days.number is None or order.number is None:
        raise ValidationError("天数和顺序应为整数。", field="max_days")
    out["max_days"], out["priority"] = days.number, order.number
    if not 0 <= out["max_days"] <= 365:
        raise ValidationError("最长借期应在 0 到 365 天之间（0 表示当日归还）。", field="max_days")
    out["grade"] = out.get("grade") or None
    out["mode"] = out.get("mode") or None
    out["note"] = validation.clean_text(
        out.get("note", ""), "说明", LoanRule.note.max_length, field="note"
    )
    return out


RULE_FIELDS = (
    "priority",
    "min_secrecy",
    "grade",
    "mode",
    "approver_role",
    "max_days",
    "working_days",
    "allowed",
    "note",
)


def save_rule(actor: Actor, rule_id: int | None, version: int | None, **values: Any) -> RuleView:
    """Create (``rule_id`` None) or change a loan rule; the admin keeps the table."""
    require(actor, Perm.SETTINGS_MANAGE)
    checked = _check_rule({k: values.get(k) for k in RULE_FIELDS if k in values})
    with transaction():
        if rule_id is None:
            rule = LoanRule.create(**checked)
            audit.record(actor, "loan_rule.create", "loan_rule", rule.id, after=checked)
            return _rule_view(rule)
        found = LoanRule.get_or_none(LoanRule.id == rule_id)
        if found is None:
            raise NotFound("借阅规则不存在。")
        before = {k: getattr(found, k) for k in checked}
        records.update(LoanRule, rule_id, version or 0, **checked)
        audit.record(actor, "loan_rule.update", "loan_rule", rule_id, before=before, after=checked)
    return _rule_view(LoanRule.get_by_id(rule_id))


def delete_rule(actor: Actor, rule_id: int) -> None:
    require(actor, Perm.SETTINGS_MANAGE)
    with transaction():
        rule = LoanRule.get_or_none(LoanRule.id == rule_id)
        if rule is None:
            raise NotFound("借阅规则不存在。")
        if LoanRule.select().count() == 1:
            raise Conflict("至少要保留一条借阅规则。")
        before = {k: getattr(rule, k) for k in RULE_FIELDS}
        rule.delete_instance()
        audit.record(actor, "loan_rule.delete", "loan_rule", rule_id, before=before)
