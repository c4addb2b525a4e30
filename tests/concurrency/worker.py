"""One clerk of the concurrency test: its own process and connection to the server, a stream of
loan round trips and card edits on the cards every clerk works on, and a line of JSON per
acknowledged result (written after the service returned, so every line is committed work).

    python -m tests.concurrency.worker URL CLERK ROUNDS CARD_IDS OUT
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from archive_desk import accounts, cards
from archive_desk import borrowing as bw
from archive_desk.clock import SYSTEM_CLOCK
from archive_desk.db.connection import close_database, open_database
from archive_desk.db.models import Department, User
from archive_desk.errors import Conflict, StaleRecord
from archive_desk.procedures.signatures import SignatureInput

PAD = SignatureInput(png=b"\x89PNG\r\n\x1a\n" + b"0" * 64)
EDIT_FIELD = "open_issues"


def main(url: str, clerk_name: str, rounds: int, card_ids: list[int], out: Path) -> None:
    open_database(url, migrate=False)
    clerk = accounts.actor_for(User.get(User.username == clerk_name), SYSTEM_CLOCK)
    head = accounts.actor_for(User.get(User.username == "head"), SYSTEM_CLOCK)
    dept = Department.get(Department.name == "销售一部").id
    me = int(clerk_name.removeprefix("clerk"))
    with open(out, "w", encoding="utf-8") as log:

        def ack(**event: Any) -> None:
            log.write(json.dumps(event, ensure_ascii=False) + "\n")
            log.flush()

        for i in range(rounds):
            card = card_ids[(me + i) % len(card_ids)]
            token = f"w{me}r{i};"
            for _attempt in range(50):  # a stale save is refused, never merged: read, try again
                view = cards.get_card(clerk, card, log_view=False)
                values = {**view.values, EDIT_FIELD: (view.values.get(EDIT_FIELD) or "") + token}
                try:
                    cards.update_card(clerk, card, view.version, cards.CardDraft(values=values))
                except StaleRecord:
                    ack(kind="stale", card=card)
                    continue
                ack(kind="edit", card=card, token=token)
                break
            if i % 10 == 0:
                made = cards.create_card(
                    clerk,
                    cards.CardDraft(values={**view.values, "name": f"并发新建{me}号{i}公司"}),
                    allow_duplicate=True,
                    confirm_warnings=True,
                )
                ack(kind="create", card=made.id, number=made.archive_no)
            borrower = bw.BorrowerInput(name=f"借阅人{me}", department_id=dept)
            try:
                app = bw.apply(clerk, borrower, [card], mode="read", purpose="并发测试")
            except Conflict as exc:
                ack(kind="apply_refused", card=card, reason=exc.message)
                continue
            ack(kind="applied", card=card, number=app.number, id=app.id)
            app = bw.decide(head, app.id, app.version, approve=True)
            try:
                app = bw.lend(
                    clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD
                )
            except Conflict as exc:
                ack(kind="lend_refused", card=card, number=app.number, reason=exc.message)
                continue
            ack(kind="lent", card=card, number=app.number)
            returns = [bw.ItemReturn(item.id) for item in app.items]
            bw.return_items(
                clerk, app.id, app.version, returns, borrower_signature=PAD, clerk_signature=PAD
            )
            ack(kind="returned", card=card, number=app.number)
    close_database()


if __name__ == "__main__":
    url, clerk_name, rounds, ids, out = sys.argv[1:6]
    main(url, clerk_name, int(rounds), [int(x) for x in ids.split(",")], Path(out))
