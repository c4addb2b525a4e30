"""Every audit action has a Chinese label, and an event's details show stored codes (states,
approval methods, borrowing modes …) by their domain labels: no raw code reaches the reader."""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from archive_desk import audit, demo, domain, handover, reporting, retention
from archive_desk import borrowing as bw
from archive_desk.db.models import AuditEvent
from archive_desk.domain import Role
from archive_desk.procedures.approvals import ApprovalMethod
from archive_desk.procedures.signatures import SignatureMethod
from archive_desk.retention import output as retention_output
from tests.cardkit import make_card

PACKAGE = Path(audit.__file__).resolve().parent

# Names whose values the source alone does not tell (passed in from the UI); the test reads
# their set from the service that checks them.
HINTS: dict[tuple[str, str], Callable[[], set[str]]] = {
    ("handover/_steps.py", "step"): lambda: set(handover.STEPS),
    # the audited print or export: the actions its callers, in their own modules, pass it
    ("procedures/outputs.py", "action"): lambda: _passed_to("audited_file", 3, "action"),
    ("retention/output.py", "form"): lambda: set(retention_output.FORMS),
    ("audit.py", "REDACT_ACTION"): lambda: {audit.REDACT_ACTION},
}


class _Unresolved(Exception):
    pass


class _Module:
    """One source file: its tree and, for every node, the function it sits in."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path.relative_to(PACKAGE))
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.owner: dict[ast.AST, ast.FunctionDef] = {}
        for func in ast.walk(self.tree):
            if isinstance(func, ast.FunctionDef):
                for node in ast.walk(func):
                    self.owner.setdefault(node, func)  # the innermost function comes last …
                for node in ast.walk(func):
                    if isinstance(node, ast.FunctionDef) and node is not func:
                        for inner in ast.walk(node):
                            self.owner[inner] = node  # … so inner functions win

    def calls_to(self, func_name: str) -> Iterator[ast.Call]:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else getattr(f, "attr", None)
                if name == func_name:
                    yield node


def _values(module: _Module, expr: ast.AST, depth: int = 0) -> set[str]:
    """Every string ``expr`` can be: literals, both arms of ``a if c else b``, f-strings from
    their parts, a local assignment, or a parameter from each call of its function."""
    if depth > 6:
        raise _Unresolved
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return _values(module, expr.body, depth + 1) | _values(module, expr.orelse, depth + 1)
    if isinstance(expr, ast.JoinedStr):
        parts = [
            _values(module, p.value if isinstance(p, ast.FormattedValue) else p, depth + 1)
            for p in expr.values
        ]
        return {"".join(combo) for combo in itertools.product(*parts)}
    if isinstance(expr, ast.Name):
        hint = HINTS.get((module.name, expr.id))
        if hint is not None:
            return hint()
        func = module.owner.get(expr)
        if func is None:
            raise _Unresolved
        assigned = [
            node.value
            for node in ast.walk(func)
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == expr.id for t in node.targets)
        ]
        if assigned:
            return set().union(*(_values(module, v, depth + 1) for v in assigned))
        params = [a.arg for a in func.args.posonlyargs + func.args.args + func.args.kwonlyargs]
        if expr.id not in params:
            raise _Unresolved
        position = params.index(expr.id)
        found: set[str] = set()
        for call in module.calls_to(func.name):
            arg = next((k.value for k in call.keywords if k.arg == expr.id), None)
            if arg is None and position < len(call.args):
                arg = call.args[position]
            if arg is None:
                raise _Unresolved
            found |= _values(module, arg, depth + 1)
        if not found:
            raise _Unresolved
        return found
    raise _Unresolved


def _passed_to(func_name: str, position: int, keyword: str) -> set[str]:
    """Every string the calls of ``func_name`` anywhere in the program pass as its argument
    ``keyword`` (at ``position``)."""
    found: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _Module(path)
        for call in module.calls_to(func_name):
            arg = next((k.value for k in call.keywords if k.arg == keyword), None)
            found |= _values(module, arg if arg is not None else call.args[position])
    return found


def _recorded_actions() -> tuple[set[str], list[str]]:
    """The actions every ``audit.record(…)`` in the program can write, and the call sites
    whose action this test cannot work out (each needs a literal or a hint above)."""
    actions: set[str] = set()
    unknown: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _Module(path)
        for node in ast.walk(module.tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "record"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "audit"
            ) and not (  # the audit module's own events (a redaction's)
                module.name == "audit.py"
                and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "record"
            ):
                continue
            arg = next((k.value for k in node.keywords if k.arg == "action"), None)
            arg = arg if arg is not None else node.args[1]
            try:
                actions |= _values(module, arg)
            except _Unresolved:
                unknown.append(f"{module.name}:{node.lineno}")
    return actions, unknown


def test_every_audit_action_written_anywhere_has_a_chinese_label() -> None:
    actions, unknown = _recorded_actions()
    assert not unknown, f"cannot tell which actions these write: {unknown}"
    assert len(actions) > 50  # the scan found the services' calls
    missing = sorted(actions - set(audit.ACTION_LABELS))
    assert not missing, f"audit actions without a label in audit.ACTION_LABELS: {missing}"
    assert not set(audit.ACTION_LABELS) - actions, "labels of actions no service writes"
    chinese = re.compile(r"[\u4e00-\u9fff]")
    assert all(chinese.search(label) for label in audit.ACTION_LABELS.values())


def _event(action: str) -> reporting.EventView:
    row = AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id.desc())
    r = row.get()
    return reporting.EventView(
        r.id, r.at, r.username, r.action, r.entity, r.entity_id, r.before, r.after
    )


def test_a_decision_on_paper_reads_in_chinese(clerk, make_user, clock) -> None:
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    dept = head.department_id
    card = make_card(clerk, "华信机械有限公司")
    app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [card.id],
                   mode="copy", purpose="核对", expected_return=clock.today())  # fmt: skip
    bw.decide(clerk, app.id, app.version, approve=True, method="paper",
              approver_id=head.user_id, paper_ref="审批单 7", comment="同意")  # fmt: skip
    event = _event("borrowing.approve")
    assert event.action_label == "批准借阅"
    assert event.record_label == f"借阅 {app.id}"
    assert event.before_text == "状态：待审批"
    assert "状态：已批准" in event.after_text and "审批方式：纸面审批" in event.after_text
    assert "审批人：王刚" in event.after_text
    applied = _event("borrowing.apply")
    assert "借阅方式：影印" in applied.after_text and "需审批人：部门负责人" in applied.after_text


# every stored code a reader might meet in an event's details
_CODES = {
    code
    for table in (
        bw.BorrowingState.labels(), bw.ItemState.labels(), handover.HandoverState.labels(),
        handover.HandoverKind.labels(), ApprovalMethod.labels(),
        SignatureMethod.labels(), bw.BorrowMode.labels(), domain.Role.LABELS, domain.STAGES,
        domain.TRADE_STATUS,
        domain.NATURES, retention.DestructionState.labels(), retention.HoldReason.labels(),
        retention.DestructionMethod.labels(), retention.ItemState.labels(),
    )
    for code in table
}  # fmt: skip


def test_no_raw_code_or_key_in_the_demo_archives_audit_trail(db, clock) -> None:
    demo.populate(clock=clock, cards_count=30, loans=12)
    rows = AuditEvent.select().order_by(AuditEvent.id)
    seen_actions = set()
    for r in rows:
        event = reporting.EventView(
            r.id, r.at, r.username, r.action, r.entity, r.entity_id, r.before, r.after
        )
        seen_actions.add(r.action)
        assert event.action_label != r.action, r.action
        assert not re.match(r"[a-z_]+ ", event.record_label), event.record_label
        for text in (event.before_text, event.after_text):
            for part in filter(None, text.split("；")):
                key, _, value = part.partition("：")
                assert not re.fullmatch(r"[A-Za-z_.]+", key), (r.action, part)
                words = set(re.split(r"[、；\s]+", value)) if key != "用户名" else set()
                assert not words & _CODES, (r.action, part)
    assert len(seen_actions) >= 15
