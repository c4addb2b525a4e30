"""Building cards in tests through the real service."""

from __future__ import annotations

from typing import Any

from archive_desk import cards
from archive_desk import cards as classification
from archive_desk.permissions import Actor


def region_id(name: str) -> int:
    return next(r.id for r in classification.list_regions() if r.name == name)


def category_id(code: str) -> int:
    return next(c.id for c in classification.list_categories() if c.code == code)


# where a test's folder is filed unless it says otherwise (库房 › 柜 › 层 › 盒)
LOCATION = {
    "location_room": "一号库房",
    "location_cabinet": "01",
    "location_shelf": "1",
    "location_box": "001",
}


def draft(
    name: str, *, region: str = "北京", category: str = "GY", **values: Any
) -> cards.CardDraft:
    contacts = values.pop("contacts", [])
    documents = values.pop("documents", [])
    return cards.CardDraft(
        values={
            "name": name,
            "region_id": region_id(region),
            "category_id": category_id(category),
            **LOCATION,
            **values,
        },
        contacts=contacts,
        documents=documents,
    )


def make_card(actor: Actor, name: str, **kwargs: Any) -> cards.CardView:
    return cards.create_card(actor, draft(name, **kwargs), confirm_warnings=True)


def find(actor: Actor, text: str) -> list[str]:
    """Names of the cards the search box would list for ``text``."""
    ids = cards.card_ids(actor, cards.CardFilter(text=text))
    return [r.name for r in cards.card_rows(actor, ids)]
