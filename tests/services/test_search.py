"""Search as you type: 1-, 2- and 4-character Chinese, pinyin, former names, numbers, phones."""

from __future__ import annotations

import pytest

from archive_desk import cards, search
from archive_desk.db.models import CardSearch
from tests.services.cardkit import find, make_card


@pytest.fixture
def archive(clerk):  # type: ignore[no-untyped-def]
    make_card(
        clerk, "北京海淀科技有限公司", credit_code="91350100M000100Y43", phone="010-62345678",
        contacts=[cards.ContactInput("欧阳娜娜", mobile="13912345678")],
    )  # fmt: skip
    make_card(clerk, "重庆长安物流有限公司", region="重庆")
    make_card(clerk, "长沙银河医药有限公司", region="湖南")
    make_card(clerk, "单县建材有限公司", region="山东")
    make_card(clerk, "上海浦东商贸有限公司", region="上海", category="SY")
    return clerk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("海", ["北京海淀科技有限公司", "上海浦东商贸有限公司"]),  # one character
        ("浦东", ["上海浦东商贸有限公司"]),  # two characters
        ("海淀科技", ["北京海淀科技有限公司"]),  # four characters (trigram index)
        ("bjhd", ["北京海淀科技有限公司"]),  # pinyin initials
        ("haidian", ["北京海淀科技有限公司"]),  # full pinyin
        ("cqca", ["重庆长安物流有限公司"]),  # heteronym 重 chong
        ("changsha", ["长沙银河医药有限公司"]),  # heteronym 长 chang
        ("shanxian", ["单县建材有限公司"]),  # heteronym 单 shan
        ("GY2026001", ["北京海淀科技有限公司"]),  # archive number
        ("gy2026001", ["北京海淀科技有限公司"]),
        ("91350100M000100Y43", ["北京海淀科技有限公司"]),  # credit code
        ("62345678", ["北京海淀科技有限公司"]),  # phone digits
        ("010-6234", ["北京海淀科技有限公司"]),
        ("欧阳", ["北京海淀科技有限公司"]),  # contact person
        ("1391234", ["北京海淀科技有限公司"]),
        ("海淀 科技", ["北京海淀科技有限公司"]),  # several terms: all must match
        ("不存在的公司", []),
    ],
)
def test_search(archive, query: str, expected: list[str]) -> None:
    assert sorted(find(archive, query)) == sorted(expected)


def test_wildcards_are_literal(archive) -> None:
    assert find(archive, "%") == []
    assert find(archive, "_") == []


def test_reindex_rebuilds_every_row(archive) -> None:
    CardSearch.delete().execute()
    assert find(archive, "海淀") == []
    assert search.reindex_all() == 5
    assert find(archive, "海淀") == ["北京海淀科技有限公司"]
