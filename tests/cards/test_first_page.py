"""The card list's first read of a search (issue 18): on a server a one- or two-character
search reads its first page and counts its matches apart (「海」 matches a tenth of the archive,
which in number order cost a scan of every card); everything else, and every search on SQLite,
is listed whole as before. Either way the list holds the same cards in the same order."""

from __future__ import annotations

import pytest

from archive_desk import cards
from archive_desk.db import store
from archive_desk.domain import Role
from archive_desk.ui.models.cards_model import CardSource
from tests.cardkit import make_card
from tests.procedures.sqlcount import statements

NAMES = ["上海{}贸易有限公司", "海南{}水产有限公司", "北京{}科技有限公司"]
COUNTS = {"海": 8, "上海": 4, "贸易有限": 4, "hainan": 4, "": 12}


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


@pytest.mark.parametrize("text", list(COUNTS))
def test_a_limited_read_is_the_list_s_first_cards(archive, text) -> None:  # type: ignore[no-untyped-def]
    flt = cards.CardFilter(text=text)
    full = cards.card_ids(archive, flt)
    assert len(full) == cards.count_cards(archive, flt) == COUNTS[text]
    apart = store.is_server() and text in ("海", "上海")
    assert cards.search_read_whole(text) is not apart
    with statements() as seen:
        first = cards.card_ids(archive, flt, limit=3)
    (statement,) = _card_statements(seen)
    assert first == full[:3] and "LIMIT" in statement  # a server sends those three only
    descending = cards.card_ids(archive, flt, sort="name", descending=True)
    assert cards.card_ids(archive, flt, sort="name", descending=True, limit=3) == descending[:3]


@pytest.mark.parametrize("text", ["海", "贸易有限"])
def test_the_card_list_reads_the_rest_when_a_row_past_them_is_wanted(
    archive, text, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(CardSource, "search_prefix", 3)
    source = CardSource(archive)
    source.filter = cards.CardFilter(text=text)
    full = cards.card_ids(archive, source.filter)
    apart = store.is_server() and text == "海"
    assert source.count() == len(full) == COUNTS[text]
    assert source.ids == (full[:3] if apart else full) and source.complete is not apart
    assert [r.id for r in source.page(0, 200)] == full
    assert source.complete


def test_a_clerk_with_clearance_counts_the_secret_card_too(clerk, archive) -> None:  # type: ignore[no-untyped-def]
    assert clerk.clearance >= 3
    flt = cards.CardFilter(text="海")
    assert cards.count_cards(clerk, flt) == len(cards.card_ids(clerk, flt)) == 9
