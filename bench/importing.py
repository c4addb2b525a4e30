"""Bench rows of the import (issue 16): a 10,000-row ledger checked and previewed, and imported,
each against one floor — python-calamine reading the same file plus hand-written SQLite
inserting the same rows with their search rows in one transaction; and the peak memory of
reading and checking a 100,000-row ledger in a fresh process.

The floor writes what a hand-written import would have to write for these rows: each card, its
contact person, its history line (“导入自 …”) and its search rows (``card_search``,
``card_gram``, ``card_fts``, ``card_pinyin``) — with the pinyin keys made inside the timing by
the program's own :func:`archive_desk.pinyin.index_keys`, since a card without them is not
found by ``bjhd`` — and one audit event for the import. Not in the floor: the normalising and
checking of every cell (done in the preview), a ``card.create`` audit event per card (the
program's choice, paid for in its figure).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.generate import Built

HEADER = ["客户名称", "统一社会信用代码", "地区", "客户类别", "联系人", "联系电话", "建档日期",
          "存放位置", "客户等级", "备注"]  # fmt: skip
PLACES = ["北京", "上海", "广东", "江苏", "浙江", "四川", "湖北", "山东"]


def write_ledger(path: Path, rows: int) -> Path:
    """A clerk's ledger of ``rows`` customers (new to the archive), as .xlsx."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("客户台账")
    ws.append(["客户档案台账"])
    ws.append(HEADER)
    for n in range(rows):
        ws.append([
            f"导入测试{PLACES[n % 8]}第{n}号贸易有限公司", "", PLACES[n % 8], ("GY", "SY")[n % 2],
            f"联系人{n % 97}", f"1380000{n:04d}"[-11:], dt.date(2020, 1 + n % 12, 1 + n % 28),
            f"一号库房-{n % 40:02d}-{n % 6 + 1}-{n % 300:03d}", "ABC"[n % 3], f"第{n}行的备注",
        ])  # fmt: skip
    wb.save(path)
    return path


def _floor(ledger: Path, db: Path) -> None:
    """The same file read by python-calamine, the same cards and search rows written by hand."""
    import hashlib

    import python_calamine

    from archive_desk.cards._search import grams
    from archive_desk.pinyin import index_keys

    rows = python_calamine.CalamineWorkbook.from_path(str(ledger)).get_sheet_by_index(0)
    data = rows.to_python(skip_empty_area=False)[2:]
    conn = sqlite3.connect(db)
    try:
        cur = conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        now = "2026-03-02 09:00:00"
        for n, r in enumerate(data):
            room, cab, shelf, box = str(r[7]).split("-")
            number = f"FL{n:07d}"
            cur.execute(
                "INSERT INTO card (archive_no, name, name_norm, credit_code, legal_rep, nature,"
                " industry, registered_capital, business_scope, annual_sales, address, postcode,"
                " phone, fax, email, website, region_id, category_id, grade, stage, trade_status,"
                " secrecy, sales_results, cooperation, competitor_relations, management_quality,"
                " credit_status, credit_rating, trade_terms, credit_problems, open_issues,"
                " strengths, plans, service_area, sales_capability, potential, philosophy,"
                " location_room, location_cabinet, location_shelf, location_box, retention,"
                " retention_event, status, note, created_at, updated_at, version)"
                " VALUES (?, ?, ?, '', '', 'ordinary', '', '', '', '', '', '', '', '', '', '',"
                " 2, 1, ?, 'new', 'active', 1, '', '', '', '', '', '', '', '', '', '', '', '',"
                " '', '', '', ?, ?, ?, ?, 'D30', 'trade_end', 'active', ?, ?, ?, 1)",
                (number, r[0], r[0], r[8], room, cab, shelf, box, r[9], now, now),
            )
            card_id = cur.lastrowid
            cur.execute(
                "INSERT INTO contact_person (card_id, seq, name, title, mobile, phone, email,"
                " id_number, note) VALUES (?, 1, ?, '', ?, '', '', '', '')",
                (card_id, r[4], str(r[5])),
            )
            cur.execute(
                "INSERT INTO card_history (card_id, at, user_id, action, reported_by, reason,"
                " field, old_value, new_value) VALUES (?, ?, NULL, 'create', '', ?, '档案编号',"
                " '', ?)",
                (card_id, now, f"导入自 {ledger.name} 第 {n + 3} 行", number),
            )
            text = f"{r[0]} | {number.lower()} | {r[4]} | {r[5]}"
            initials, full, lattice = index_keys([str(r[0])])
            cur.execute(
                "INSERT INTO card_search (card_id, text, initials, full) VALUES (?, ?, ?, ?)",
                (card_id, text, initials, full),
            )
            cur.executemany(
                "INSERT OR IGNORE INTO card_gram (gram, card_id) VALUES (?, ?)",
                [(g, card_id) for g in grams(text)],
            )
            cur.execute(
                "INSERT INTO card_fts (rowid, text, initials, full) VALUES (?, ?, ?, ?)",
                (card_id, text, initials, full),
            )
            if lattice:
                cur.execute(
                    "INSERT INTO card_pinyin (card_id, lattice) VALUES (?, ?)", (card_id, lattice)
                )
        after = f'{{"file": "{ledger}", "created": {len(data)}}}'
        digest = hashlib.sha256(f"{now}\x1fcard.import\x1f{after}".encode()).hexdigest()
        cur.execute(
            "INSERT INTO audit_event (at, user_id, username, action, entity, entity_id, before,"
            " after, prev_hash, hash) VALUES (?, NULL, '', 'card.import', 'card', 'import', '',"
            " ?, ?, ?)",
            (now, after, "0" * 64, digest),
        )
        conn.commit()
    finally:
        conn.close()


# The peak of this process's own memory (VmHWM). Not ru_maxrss: Linux keeps the parent's peak
# across fork and exec, so a child of the bench (hundreds of MB by then) reported the parent.
PEAK = """
def peak_kb():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

MEMORY_SCRIPT = (
    PEAK
    + """
import sys
from archive_desk import accounts, importing
from archive_desk.clock import FixedClock
from archive_desk.db.connection import open_database
from archive_desk.db.models import User
open_database(sys.argv[1])
actor = accounts.actor_for(User.get(User.username == sys.argv[3]), FixedClock("2026-03-02T09:00:00"))
source = importing.read_source(sys.argv[2])
preview = importing.check(actor, source, importing.guess(source.sheet.rows))
assert len(preview.rows) == int(sys.argv[4]), len(preview.rows)
print(peak_kb())
"""
)


def rows(built: Built, db: Path, actor: Any, work: Path, repeat: int, log: Any) -> list[Any]:
    """The import's rows of the table (``repeat`` = 1: the smoke test's small ledgers)."""
    from archive_desk import importing
    from archive_desk.db.connection import close_database, open_database
    from bench.suite import Result, _median, _runs

    size = 10_000 if repeat > 1 else 200
    big = 100_000 if repeat > 1 else 2_000
    ledger = write_ledger(work / "台账.xlsx", size)
    n = _runs(repeat, 3)

    def check() -> Any:
        source = importing.read_source(ledger)
        return importing.check(actor, source, importing.guess(source.sheet.rows))

    from archive_desk import pinyin

    pinyin.warm_up()  # the dictionaries, as the program loads them after its window shows
    preview = check()
    assert len(preview.rows) == size
    copies = [work / f"import-{k}.db" for k in range(n + 1)]
    floors = [work / f"floor-{k}.db" for k in range(n + 1)]
    close_database()
    for path in (*copies, *floors):
        shutil.copyfile(db, path)
    times: dict[str, list[float]] = {"check": [], "run": [], "floor": []}
    try:
        for k in range(n):
            open_database(copies[k], check=False)
            times["check"].append(_median(check, 1))
            fresh = check()
            times["run"].append(
                _median(
                    lambda fresh=fresh: importing.run_import(actor, fresh, importing.Choices()), 1
                )
            )
            close_database()
            times["floor"].append(_median(lambda k=k: _floor(ledger, floors[k]), 1))
    finally:
        open_database(db, check=False)
    import statistics

    check_ms, run_ms, floor_ms = (statistics.median(times[k]) for k in ("check", "run", "floor"))
    log(
        f"  import {size:,} rows: check {check_ms:.0f} ms, import {run_ms:.0f} ms (floor {floor_ms:.0f} ms)"
    )
    big_ledger = write_ledger(work / "台账-大.xlsx", big)
    proc = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(db), str(big_ledger), built.clerk, str(big)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"import memory probe failed: {proc.stderr[-2000:]}")
    peak_mb = int(proc.stdout.split()[-1]) / 1024
    baseline = subprocess.run(
        [sys.executable, "-c", PEAK + "import archive_desk.importing, archive_desk.accounts\n"
         "print(peak_kb())"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    base_mb = int(baseline.stdout.split()[-1]) / 1024
    log(f"  import memory ({big:,} rows read and checked): {peak_mb:.0f} MB")
    return [
        Result("import:check", f"导入：检查与预览 {size:,} 行台账", check_ms, floor_ms, "ms",
               "≤ 3× 底线", check_ms <= 3 * floor_ms),
        Result("import:run", f"导入：写入 {size:,} 张档案卡（一个事务）", run_ms, floor_ms, "ms",
               "≤ 3× 底线", run_ms <= 3 * floor_ms),
        Result("import:memory", f"导入：读入并检查 {big:,} 行的峰值内存", peak_mb, base_mb, "MB",
               "< 500 MB", peak_mb < 500),
    ]  # fmt: skip
