"""A clerk's stream of real service calls, for the kill -9 test to cut short at random moments.

    python -m tests.faults.driver DB LOG SEED [OPS]

Creates and edits cards, applies for loans, has them approved, lends and takes them back, all
through the services, as ``clerk`` (and ``head`` for the approvals). After each call returns —
the change is committed: *acknowledged* — one JSON line goes to LOG and is fsync'd before the
next call. The parent kills this process with SIGKILL at random moments and then checks that
every logged write is in the database and nothing is half-saved. With OPS the stream stops after
that many calls (the two-writers test), otherwise it runs until killed. It prints "ready" once
logged in, so the parent can time its kills into the stream whatever the machine's load.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import sys
from pathlib import Path
from typing import Any, TextIO

from archive_desk import accounts, cards, pinyin
from archive_desk import borrowing as bw
from archive_desk.db.connection import open_database
from archive_desk.errors import Conflict, KnownError
from tests.cardkit import draft
from tests.conftest import PASSWORD

PAD = bw.SignatureInput(png=b"\x89PNG-fault-suite")
DEPARTMENT = "断电测试部"


class Acknowledged:
    """The log of acknowledged writes: one fsync'd line each."""

    def __init__(self, path: Path) -> None:
        self.fh: TextIO = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept for the run

    def write(self, **record: Any) -> None:
        self.fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        self.fh.flush()
        os.fsync(self.fh.fileno())


class Stream:
    def __init__(self, seed: int, log: Acknowledged) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.log = log
        self.clerk = accounts.login("clerk", PASSWORD)
        self.head = accounts.login("head", PASSWORD)
        self.dept = next(d.id for d in accounts.list_departments() if d.name == DEPARTMENT)
        self.made = 0

    def step(self) -> None:
        action = self.rng.choices(
            [self.create, self.edit, self.loan, self.give_back], weights=[4, 4, 2, 2]
        )[0]
        with contextlib.suppress(Conflict):  # the other writer was first: nothing acknowledged
            action()

    def create(self) -> None:
        self.made += 1
        name = f"断电{self.seed}号{self.made}客户有限公司"
        view = cards.create_card(
            self.clerk, draft(name, remarks="第一版"), confirm_warnings=True, allow_duplicate=True
        )
        self.log.write(op="card", id=view.id, name=view.values["name"], version=view.version)

    def _pick_card(self, *, free: bool = False) -> cards.CardRow | None:
        ids = cards.card_ids(self.clerk, cards.CardFilter())
        if not ids:
            return None
        rows = cards.card_rows(self.clerk, self.rng.sample(ids, min(len(ids), 20)))
        rows = [r for r in rows if not (free and r.on_loan)]
        return self.rng.choice(rows) if rows else None

    def edit(self) -> None:
        row = self._pick_card()
        if row is None:
            return
        view = cards.get_card(self.clerk, row.id, log_view=False)
        name = f"{str(view.values['name']).split('·')[0]}·改{self.rng.randrange(10**6)}"
        saved = cards.update_card(
            self.clerk, view.id, view.version, draft(name, remarks="改过"), reason="断电测试",
            confirm_warnings=True, allow_duplicate=True,
        )  # fmt: skip
        self.log.write(op="card", id=saved.id, name=saved.values["name"], version=saved.version)

    def loan(self) -> None:
        row = self._pick_card(free=True)
        if row is None:
            return
        app = bw.apply(
            self.clerk, bw.BorrowerInput(name="张三", department_id=self.dept), [row.id],
            mode="read", purpose="断电测试", expected_return=dt.date.today(),
        )  # fmt: skip
        self.log.write(op="loan", id=app.id, state=app.state, version=app.version, card=row.id)
        app = bw.decide(self.head, app.id, app.version, approve=True)
        self.log.write(op="loan", id=app.id, state=app.state, version=app.version, card=row.id)
        app = bw.lend(self.clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
        self.log.write(op="loan", id=app.id, state=app.state, version=app.version, card=row.id)

    def give_back(self) -> None:
        lent = [r for r in bw.list_borrowings(self.clerk, "open") if r.state == "lent"]
        if not lent:
            return
        app = bw.get_borrowing(self.clerk, self.rng.choice(lent).id)
        back = bw.return_items(
            self.clerk, app.id, app.version, [bw.ItemReturn(i.id) for i in app.items],
            borrower_signature=PAD, clerk_signature=PAD,
        )  # fmt: skip
        self.log.write(op="loan", id=back.id, state=back.state, version=back.version)


def main(argv: list[str]) -> int:
    db, log, seed = Path(argv[0]), Path(argv[1]), int(argv[2])
    ops = int(argv[3]) if len(argv) > 3 else None
    open_database(db)
    stream = Stream(seed, Acknowledged(log))
    pinyin.warm_up()  # as the GUI does at start: else the first save loads the dictionaries (~1 s)
    print("ready", flush=True)  # the parent times its kill from here (start-up kills aside)
    done = 0
    while ops is None or done < ops:
        try:
            stream.step()
        except KnownError as exc:  # e.g. busy for longer than the timeout: not acknowledged
            print(f"refused: {exc.message}", file=sys.stderr)
        done += 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
