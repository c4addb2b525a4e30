"""The card list's first read of a search (issue 18): on a server a one- or two-character
search reads its first page and counts its matches apart (「海」 matches a tenth of the archive,
which in number order cost a scan of every card); everything else, and every search on SQLite,
is listed whole as before. Either way the list holds the same cards in the same order."""

from __future__ import annotations

import pytest

from archive_desk import cards
from archive_desk.db import store
from archive_desk.domain import Role
from tests.cardkit import make_card
from tests.procedures.sqlcount import statements

NAMES = ["上海{}贸易有限公司", "海南{}水产有限公司", "北京{}科技有限公司"]


@pytest.fixture
def archive(clerk, make_user):  # type: ignore[no-untyped-def]
    for k in range(4):
        for name in NAMES:
            make_card(clerk, name.format("一二三四"[k]))
    make_card(clerk, "青海机密物资有限公司", secrecy=3)  # above the reader's clearance
    return make_user(Role.CLERK, "reader", clearance=1)


def _card_statements(seen: list[str]) -> list[str]:
    """The statements on the cards (not the session's look-up, not FTS5's own)."""
    return [s for s in seen if '"card"' in s and not s.startswith("--")]


@pytest.mark.parametrize("text", ["海", "上海", "贸易有限", "hainan", ""])
def test_the_first_read_holds_the_list_s_first_cards_and_its_count(archive, text) -> None:  # type: ignore[no-untyped-def]
    flt = cards.CardFilter(text=text)
    full = cards.card_ids(archive, flt)
    with statements() as seen:
        first, total = cards.first_card_ids(
            archive, flt, sort="archive_no", descending=False, limit=3
        )
    assert total == len(full) and total in (8, 4, 4, 4, 12)
    apart = store.is_server() and text in ("海", "上海")
    if apart or not text:  # the first page, then the count
        assert first == full[:3]
        page, count = _card_statements(seen)
        assert "LIMIT" in page and "COUNT" in count.upper()
    else:  # listed whole, in one statement
        assert first == full and len(_card_statements(seen)) == 1
    descending, _ = cards.first_card_ids(archive, flt, sort="name", descending=True, limit=3)
    assert (
        descending == cards.card_ids(archive, flt, sort="name", descending=True)[: len(descending)]
    )


def test_a_clerk_with_clearance_counts_the_secret_card_too(clerk, archive) -> None:  # type: ignore[no-untyped-def]
    assert clerk.clearance >= 3
    first, total = cards.first_card_ids(
        clerk, cards.CardFilter(text="海"), sort="archive_no", descending=False, limit=3
    )
    assert total == 9 and len(first) == (3 if store.is_server() else 9)
