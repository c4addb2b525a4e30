"""Ten clerks at once on one archive server (issue 18): each its own process and connection,
50 loan round trips (apply → approve → lend → return) and 50 card edits on the same four cards,
and a new card every tenth round.

Afterwards: no acknowledged edit lost (every clerk's token is in the card's text, and the
card's version counts every edit); no application or archive number duplicated or skipped; the
audit chain verifies and, replayed in its order, never lends a card that is out; every
acknowledged loan is in the database as the clerk was told (returned, or approved but refused
at lending because another clerk had the card); no card is left held.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from archive_desk import accounts, audit, reporting
from archive_desk.clock import FixedClock
from archive_desk.db import connection
from archive_desk.db.models import AuditEvent, Borrowing, BorrowingItem, Card, CardHold
from archive_desk.domain import Role
from tests.cardkit import make_card
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CLERKS = 10
ROUNDS = 50
CARDS = 4


def _setup(url: str) -> list[int]:
    connection.open_database(url)
    clock = FixedClock("2026-03-02T09:00:00")
    admin = accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
    dept = accounts.create_department(admin, "销售一部").id

    def user(name: str, role: str) -> None:
        accounts.create_user(admin, username=name, full_name=name, role=role, password=PASSWORD,
                             department_id=dept, must_change_password=False)  # fmt: skip

    user("head", Role.DEPT_HEAD)
    for k in range(CLERKS):
        user(f"clerk{k}", Role.CLERK)
    clerk = accounts.login("clerk0", PASSWORD, clock=clock)
    ids = [make_card(clerk, f"共用档案{k}有限公司").id for k in range(CARDS)]
    connection.close_database()
    return ids


def _events(folder: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(folder.glob("clerk*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def test_ten_clerks_lend_and_edit_the_same_cards_at_once(
    pg_url: str, tmp_path: Path, figures: Callable[[str], None]
) -> None:
    card_ids = _setup(pg_url)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.monotonic()
    ids = ",".join(map(str, card_ids))

    def clerk(k: int) -> subprocess.Popen[str]:
        out = str(tmp_path / f"clerk{k}.jsonl")
        argv = [sys.executable, "-m", "tests.concurrency.worker", pg_url, f"clerk{k}", str(ROUNDS)]
        return subprocess.Popen(
            [*argv, ids, out], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
        )

    procs = [clerk(k) for k in range(CLERKS)]
    errors = [(p.args[4], p.communicate(timeout=600)[1]) for p in procs]
    seconds = time.monotonic() - started
    failed = [
        (who, err[-3000:]) for (who, err), p in zip(errors, procs, strict=True) if p.returncode
    ]
    assert not failed, failed
    events = _events(tmp_path)
    kinds = Counter(e["kind"] for e in events)
    connection.open_database(pg_url)
    try:
        _no_lost_update(events, card_ids)
        _numbers_never_duplicate_or_skip(events)
        _chain_verifies_and_never_lends_a_card_twice()
        _every_loan_accounted_for(events)
    finally:
        connection.close_database()
    assert kinds["edit"] == CLERKS * ROUNDS
    assert kinds["returned"] > 0 and kinds["applied"] > 0
    figures(
        f"{CLERKS} clerks × {ROUNDS} rounds on PostgreSQL in {seconds:.1f} s: "
        f"{kinds['edit']} edits ({kinds['stale']} stale saves refused and redone), "
        f"{kinds['applied']} applications, {kinds['returned']} loans returned, "
        f"{kinds['lend_refused']} lends refused (card out), {kinds['apply_refused']} applications "
        f"refused (card out), {kinds['create']} cards created; 0 lost, 0 duplicate numbers, "
        "chain verified"
    )


def _no_lost_update(events: list[dict[str, Any]], card_ids: list[int]) -> None:
    edits: dict[int, list[str]] = defaultdict(list)
    for e in events:
        if e["kind"] == "edit":
            edits[e["card"]].append(e["token"])
    for card_id in card_ids:
        card = Card.get_by_id(card_id)
        text = card.open_issues
        missing = [t for t in edits[card_id] if t not in text]
        assert not missing, f"card {card_id}: edits lost {missing}"
        assert sorted(re.findall(r"w\d+r\d+;", text)) == sorted(edits[card_id])
        assert card.version == 1 + len(edits[card_id])


def _numbers_never_duplicate_or_skip(events: list[dict[str, Any]]) -> None:
    applied = [e["number"] for e in events if e["kind"] == "applied"]
    assert len(applied) == len(set(applied))
    stored = [b.number for b in Borrowing.select(Borrowing.number)]
    assert sorted(stored) == sorted(applied)
    seq = sorted(int(n.rsplit("-", 1)[1]) for n in stored)
    assert seq == list(range(1, len(seq) + 1)), "application numbers skip"
    created = [e["number"] for e in events if e["kind"] == "create"]
    assert len(created) == len(set(created))
    by_prefix: dict[str, list[int]] = defaultdict(list)
    for number in [c.archive_no for c in Card.select(Card.archive_no)]:
        prefix, digits = re.fullmatch(r"(\D+\d{4})(\d+)", number).groups()  # type: ignore[union-attr]
        by_prefix[prefix].append(int(digits))
    for prefix, values in by_prefix.items():
        assert sorted(values) == list(range(1, len(values) + 1)), f"{prefix} numbers skip"
    assert reporting.counter_problems() == []


def _chain_verifies_and_never_lends_a_card_twice() -> None:
    report = audit.verify_chain()
    assert report.ok, report.problems
    card_of = {i.borrowing_id: i.card_id for i in BorrowingItem.select()}
    out: set[int] = set()
    for event in (
        AuditEvent.select()
        .where(AuditEvent.action.in_(["borrowing.lend", "borrowing.return"]))
        .order_by(AuditEvent.id)
    ):
        card = card_of[int(event.entity_id)]
        if event.action == "borrowing.lend":
            assert card not in out, f"card {card} lent while out (event {event.id})"
            out.add(card)
        else:
            out.discard(card)
    assert not out


def _every_loan_accounted_for(events: list[dict[str, Any]]) -> None:
    state = {b.number: b.state for b in Borrowing.select(Borrowing.number, Borrowing.state)}
    for e in events:
        if e["kind"] == "returned":
            assert state[e["number"]] == "returned", e
        elif e["kind"] == "lend_refused":
            assert state[e["number"]] == "approved", e
    assert BorrowingItem.select().where(BorrowingItem.state == "lent").count() == 0
    assert CardHold.select().count() == 0
    assert reporting.hold_problems() == []
