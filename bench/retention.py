"""Retention at scale: the due list, and carrying out a destruction list of 1,000 cards.

- the due list (already due; due within twelve months) through ``retention.due_list``: the
  rows in region, category, due-date order with the open list and freeze of each card; floor:
  the same rows by one hand-written SQLite query on a plain ``sqlite3`` connection (the due ids
  from the (status, retention_due, secrecy) index, the holds as correlated subqueries), ordered
  by ids instead of the region tree;
- the execution of an approved list of 1,000 cards through ``retention.execute`` (the re-check,
  three signatures, 1,000 cards destroyed with their tombstones, personal data removed, history
  lines, search rows rebuilt, one audit event each, the register rows), one durable
  transaction; floor: the same rows written by hand-written SQL in one transaction. Where its
  time goes is logged from a profile of one run.

Both run on the working copy :func:`bench.suite.run` makes; every execution takes 1,000 cards
of its own (due ones first, then cards whose trade ended, proposed by hand).
"""

from __future__ import annotations

import cProfile
import datetime as dt
import pstats
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.generate import Built

Log = Callable[[str], None]
LIST_SIZE = 1000

_FLOOR_DUE = """
SELECT c.id, c.archive_no, c.name, c.region_id, g.code, g.name, c.retention, c.retention_start,
       c.retention_due, c.trade_status,
       (SELECT h.note FROM card_hold h WHERE h.card_id = c.id AND h.kind = 'destruction'),
       (SELECT h.note FROM card_hold h WHERE h.card_id = c.id AND h.kind = 'legal_hold')
FROM card c JOIN category g ON g.id = c.category_id
WHERE c.id IN (SELECT id FROM card WHERE status = 'active' AND retention_due <= ? AND secrecy <= ?)
ORDER BY c.region_id, g.code, c.retention_due, c.archive_no
"""


def due(built: Built, db: Path, actor: Any, repeat: int, log: Log) -> list[Any]:
    from archive_desk import retention
    from bench.suite import Result, _paired_medians, _runs

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA cache_size = -32000")  # the program's page cache (db/connection.py)
    results = []
    try:
        for months, label in ((0, "已到期"), (12, "12 个月内到期")):
            until = retention.horizon(actor.clock.today(), months)

            def program(months: int = months) -> object:
                return retention.due_list(actor, months=months)

            def floor(until: dt.date = until) -> object:
                return conn.execute(_FLOOR_DUE, (until.isoformat(), actor.clearance)).fetchall()

            rows = program()
            assert isinstance(rows, list)
            floor_rows = floor()
            assert isinstance(floor_rows, list)
            if sorted(r.card_id for r in rows) != sorted(r[0] for r in floor_rows):
                raise AssertionError(f"due list ({months} months): program and floor disagree")
            figure, base = _paired_medians(program, floor, _runs(repeat, 5, 3))
            log(f"  due list {label}: {len(rows):,} cards, {figure:.1f} ms (floor {base:.1f} ms)")
            results.append(
                Result(
                    f"due:{months}", f"到期清单：{label}（{len(rows):,} 张）", figure, base, "ms",
                    "≤ 2× 底线", figure <= 2 * base,
                )
            )  # fmt: skip
    finally:
        conn.close()
    return results


def _free_cards(actor: Any, count: int, taken: set[int]) -> list[tuple[int, str]]:
    """``count`` cards a list may take, each with its reason: due ones first, then cards whose
    trade ended (by hand), none on loan, on a slip, frozen, listed or with an open finding."""
    from archive_desk import cards, inspection, retention
    from archive_desk.domain import RETENTION

    due = [r.card_id for r in retention.due_list(actor) if not r.listed_on and not r.frozen]
    ended = [
        c
        for status in ("past", "suspended")
        for c in cards.card_ids(actor, cards.CardFilter(trade_status=status))
    ]
    chosen: list[tuple[int, str]] = []
    for basis, pool in (("retention_ended", due), ("no_renewed_trade", ended)):
        pool = [c for c in pool if c not in taken]
        for start in range(0, len(pool), 500):
            chunk = pool[start : start + 500]
            rows = cards.card_rows(actor, chunk)
            lent = {r.id for r in rows if r.on_loan or r.retention == RETENTION["Y"]}
            found = inspection.open_findings(chunk)
            for c in chunk:  # "lent": out on loan, or kept for ever
                if c not in lent and c not in found and len(chosen) < count:
                    chosen.append((c, basis))
                    taken.add(c)
        if len(chosen) == count:
            break
    return chosen


def _approved_list(built: Built, taken: set[int], size: int) -> tuple[Any, Any]:
    """A list of ``size`` cards proposed, reviewed and approved 40 days ago, and the clerk who
    carries it out now."""
    from dataclasses import replace

    from archive_desk import accounts, retention
    from archive_desk.clock import FixedClock
    from archive_desk.db.models import User

    then = FixedClock(built.now - dt.timedelta(days=40))
    clerk = accounts.actor_for(User.get(User.username == built.clerk), then)
    manager = accounts.actor_for(User.get(User.username == "chenjing"), then)
    gm = accounts.actor_for(User.get(User.username == "zhouqiang"), then)
    items = [retention.ItemInput(c, basis) for c, basis in _free_cards(clerk, size, taken)]
    if len(items) < size:
        raise RuntimeError(f"only {len(items)} cards free for a list of {size}")
    lst = retention.create_list(clerk, reason="基准测试：保管期满", items=items)
    lst = retention.decide(manager, lst.id, lst.version, "review", approve=True)
    lst = retention.decide(gm, lst.id, lst.version, "approve", approve=True)
    return lst, replace(clerk, clock=FixedClock(built.now))


def _execute(clerk: Any, lst: Any) -> Any:
    from archive_desk import demo, retention

    pad = retention.SignatureInput(png=demo.scribble_png(4242))
    return retention.execute(
        clerk, lst.id, lst.version, executed_on=clerk.clock.today(), place="档案室碎纸间",
        method="shred", executor=retention.Party("李华", clerk.user_id),
        witnesses=(retention.Party("孙丽"), retention.Party("赵敏")),
        signed={"witness1": pad, "witness2": pad, "executor": pad},
    )  # fmt: skip


# where the execution's time goes: (label, the functions whose cumulative time it is)
_PARTS = (
    ("复核（借出、交接、冻结、检查发现、交易、期限）", ("_checks.py", "problems")),
    ("签字 3 个", ("signatures.py", "store")),
    ("卡片状态、墓碑、个人信息、历史", ("_destroying.py", "destroy")),
    ("  其中：检索文本改写（拼音保留）", ("_search.py", "forget_personal")),
    ("  其中：审计事件（一张卡一条）", ("_destroying.py", "<genexpr>")),
    ("  其中：审计日志中的个人信息删除", ("audit.py", "redact")),
    ("清册行（已保管年限）", ("_execution.py", "_mark_destroyed")),
    ("提交（fsync）", ("connection.py", "transaction")),
    ("写前日志并入文件并清空", ("connection.py", "forget_old_pages")),
)


def _breakdown(profile: cProfile.Profile, total_ms: float, size: int, log: Log) -> None:
    stats = pstats.Stats(profile)
    cumulative: dict[tuple[str, str], float] = {}
    for (path, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = (Path(path).name, name)
        cumulative[key] = max(cumulative.get(key, 0.0), ct)
    audit_ms = (
        sum(
            ct
            for (path, _l, name), (_c, _n, _t, ct, _k) in stats.stats.items()  # type: ignore[attr-defined]
            if Path(path).name == "audit.py" and name == "record"
        )
        * 1000
    )
    log(f"  execution of {size:,} cards, profiled: {total_ms:.0f} ms in all")
    for label, key in _PARTS:
        ms = audit_ms if key == ("_destroying.py", "<genexpr>") else cumulative.get(key, 0) * 1000
        log(f"    {label}: {ms:.0f} ms")


def execution(built: Built, db: Path, repeat: int, log: Log) -> list[Any]:
    import time

    from bench.suite import Result, _median

    runs = 1 if repeat == 1 else min(repeat, 3)
    size = min(LIST_SIZE, built.cards // 20)  # the smoke test's tiny archive: a small list
    taken: set[int] = set()
    lists = [_approved_list(built, taken, size) for _ in range(runs + 1)]
    profiled, clerk = lists.pop()
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    _execute(clerk, profiled)
    profile.disable()
    _breakdown(profile, (time.perf_counter() - started) * 1000, size, log)
    queue = iter(lists)
    figure = _median(lambda: _execute(*reversed(next(queue))), runs)
    floor_cards = _floor_cards(db, taken, runs + 1, size)
    floor_queue = iter(floor_cards)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    try:
        _floor_execute(conn, next(floor_queue), built)  # warm-up, as the profiled run was
        base = _median(lambda: _floor_execute(conn, next(floor_queue), built), runs)
    finally:
        conn.close()
    log(f"  execution of {size:,} cards {figure:.0f} ms (floor {base:.0f} ms)")
    return [Result("destroy", f"执行销毁：{size:,} 张档案卡", figure, base, "ms")]


def _floor_cards(db: Path, taken: set[int], lists: int, size: int) -> list[list[int]]:
    """Cards for the floor's lists: in the room, not among the program's."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT id FROM card WHERE status = 'active' ORDER BY id DESC LIMIT ?",
            (size * lists + len(taken),),
        ).fetchall()
    finally:
        conn.close()
    ids = [r[0] for r in rows if r[0] not in taken][: size * lists]
    return [ids[k * size : (k + 1) * size] for k in range(lists)]


_PERSONAL = (
    "legal_rep", "address", "postcode", "phone", "fax", "email", "website", "sales_results",
    "cooperation", "competitor_relations", "management_quality", "credit_status", "trade_terms",
    "credit_problems", "open_issues", "strengths", "plans", "service_area", "sales_capability",
    "potential", "philosophy", "note",
)  # fmt: skip


def _floor_execute(conn: sqlite3.Connection, ids: list[int], built: Built) -> None:
    """The rows an execution writes, by hand, in one durable transaction."""
    now = built.now.isoformat(sep=" ")
    today = built.now.date().isoformat()
    marks = ",".join("?" * len(ids))
    cur = conn.cursor()
    cur.execute("BEGIN IMMEDIATE")
    facts = cur.execute(
        f"SELECT c.id, c.archive_no, c.name, c.created_at, c.trade_ended_on, c.retention, "
        f"c.retention_start, c.retention_due, c.trade_status, "
        f"(SELECT COUNT(*) FROM card_hold h WHERE h.card_id = c.id), "
        f"(SELECT COUNT(*) FROM inspection_finding f WHERE f.card_id = c.id AND f.state IN "
        f"('open', 'approved')) FROM card c WHERE c.id IN ({marks})",
        ids,
    ).fetchall()
    for n in range(3):
        cur.execute(
            "INSERT INTO signature (entity, entity_id, role, signer_name, method, image, digest, "
            "signed_at) VALUES ('bench', 0, ?, '孙丽', 'pad', x'89', ?, ?)",
            (f"w{n}", "0" * 64, now),
        )
    cur.executemany(
        "INSERT INTO card_tombstone (card_id, archive_no, name, created_on, trade_ended_on, "
        "retention, retention_start, retention_due, list_no, destroyed_on, method, place, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'BENCH', ?, '粉碎', '档案室', ?)",
        [(f[0], f[1], f[2], f[3][:10], f[4], f[5], f[6], f[7], today, now) for f in facts],
    )
    blank = ", ".join(f"{c} = ''" for c in _PERSONAL)
    cur.execute(
        f"UPDATE card SET status = 'destroyed', destroyed_on = ?, version = version + 1, "
        f"updated_at = ?, {blank} WHERE id IN ({marks})",
        (today, now, *ids),
    )
    cur.execute(f"DELETE FROM contact_person WHERE card_id IN ({marks})", ids)
    cur.execute(f"UPDATE card_document SET note = '' WHERE card_id IN ({marks})", ids)
    cur.execute(
        f"UPDATE card_history SET old_value = '-', new_value = '-' WHERE card_id IN ({marks}) "
        "AND field IN ('电话', '联系人', '邮箱', '地址', '传真', '法定代表人')",
        ids,
    )
    cur.executemany(
        "INSERT INTO card_history (card_id, at, action, reported_by, reason, field, old_value, "
        "new_value) VALUES (?, ?, 'destroy', '', 'BENCH', '状态', '在库', '已销毁')",
        [(i, now) for i in ids],
    )
    cur.executemany(
        "UPDATE card_search SET text = ? WHERE card_id = ?",
        [(f"{f[2]} {f[1]}".lower(), f[0]) for f in facts],
    )
    cur.executemany("DELETE FROM card_fts WHERE rowid = ?", [(i,) for i in ids])
    cur.executemany(
        "INSERT INTO card_fts (rowid, text, initials, full) VALUES (?, ?, '', '')",
        [(f[0], f"{f[2]} {f[1]}".lower()) for f in facts],
    )
    cur.execute(f"DELETE FROM card_hold WHERE kind = 'destruction' AND card_id IN ({marks})", ids)
    cur.executemany(
        "INSERT INTO audit_event (at, user_id, username, action, entity, entity_id, before, "
        "after, prev_hash, hash) VALUES (?, 1, 'lihua', 'card.destroy', 'card', ?, '', '', ?, ?)",
        [(now, str(i), "0" * 64, f"bench-{i}-{now}") for i in ids],
    )
    cur.execute("COMMIT")
