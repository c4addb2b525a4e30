"""The card list and search at scale: ``python -m bench cards [--cards N]`` (default 100,000).

Builds a database in a temporary folder by bulk insert (the service path costs ~5 ms a card,
too slow for 100,000), indexes it with the real search code, then times what the clerk waits
for: opening the list (count + sorted ids + first page), scrolling to a far page, the tree
counts, and search-as-you-type queries of 1, 2, 4 characters, pinyin and a number.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archive_desk import accounts, cards, classification, search
from archive_desk.clock import FixedClock
from archive_desk.db.connection import open_database
from archive_desk.db.models import Card, CardSearch, database

CITIES = [
    "北京",
    "上海",
    "广州",
    "深圳",
    "杭州",
    "南京",
    "济南",
    "单县",
    "重庆",
    "长沙",
    "成都",
    "西安",
]
WORDS = [
    "海淀",
    "浦东",
    "银河",
    "长安",
    "华信",
    "宏达",
    "天成",
    "金桥",
    "鑫源",
    "卓越",
    "恒通",
    "新世纪",
]
TRADES = ["科技", "商贸", "物流", "医药", "建材", "机械", "食品", "化工"]


def build(path: Path, count: int) -> object:
    open_database(path)
    clock = FixedClock("2026-03-02T09:00:00")
    admin = accounts.create_first_admin("admin", "管理员", "Admin-pass-1", clock=clock)
    clerk = accounts.create_user(
        admin, username="clerk", full_name="李华", role="clerk", password="Clerk-pass-1",
        must_change_password=False,
    )  # fmt: skip
    regions = [r.id for r in classification.list_regions() if r.parent_id]
    categories = [(c.id, c.code) for c in classification.list_categories()]
    rnd = random.Random(1)
    started = time.perf_counter()
    batch = []
    with database.atomic():
        for i in range(count):
            cat_id, code = rnd.choice(categories)
            name = f"{rnd.choice(CITIES)}{rnd.choice(WORDS)}{rnd.choice(TRADES)}{i}号有限公司"
            batch.append(
                {
                    "archive_no": f"{code}{2000 + i // 5000}{i:06d}",
                    "name": name,
                    "name_norm": name,
                    "region": rnd.choice(regions),
                    "category": cat_id,
                    "grade": rnd.choice("ABC"),
                    "secrecy": rnd.choice([0, 1, 1, 1, 2, 3]),
                    "phone": f"0531-{rnd.randint(20000000, 99999999)}",
                    "location_room": "一号库房",
                    "keeper": clerk.id,
                    "created_at": clock.now(),
                    "updated_at": clock.now(),
                }
            )
            if len(batch) == 1000:
                Card.insert_many(batch).execute()
                batch = []
        if batch:
            Card.insert_many(batch).execute()
    print(f"  inserted {count:,} cards in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    search.reindex_all(batch=2000)
    print(f"  indexed them in {time.perf_counter() - started:.1f} s")
    return accounts.login("clerk", "Clerk-pass-1", clock=clock)


def timed(label: str, fn: Callable[[], object], repeat: int = 5) -> None:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    print(f"  {label:<44} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")


def run(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench cards")
    parser.add_argument("--cards", type=int, default=100_000)
    args, _ = parser.parse_known_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="archive-desk-bench-"))
    actor = build(folder / "bench.db", args.cards)
    everything = cards.CardFilter()

    def open_list() -> None:
        ids = cards.card_ids(actor, everything)
        cards.card_rows(actor, ids[:200])

    timed("open the list (sorted ids + first page)", open_list)
    ids = cards.card_ids(actor, everything)
    timed(
        "fetch a page far down (rows 80,000+)", lambda: cards.card_rows(actor, ids[80_000:80_200])
    )
    timed("sort by name (ids)", lambda: cards.card_ids(actor, everything, sort="name"))
    timed("tree counts", lambda: cards.tree_counts(actor, everything))
    for query in ("海", "浦东", "海淀科技", "bjhd", "chongqing", "GY2010", "88886"):
        flt = cards.CardFilter(text=query)
        timed(
            f"search {query!r} (ids + first page)",
            lambda f=flt: cards.card_rows(actor, cards.card_ids(actor, f)[:200]),
        )
    print(f"  search rows: {CardSearch.select().count():,}")
