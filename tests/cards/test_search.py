"""Search as you type: 1-, 2- and 4-character Chinese, pinyin, former names, numbers, phones."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from archive_desk import cards
from archive_desk import cards as classification
from archive_desk.cards import _search as search
from archive_desk.db.models import Card, CardGram, CardSearch, database
from tests.cardkit import category_id, find, make_card
from tests.deskkit import build_desk


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
    CardGram.delete().execute()
    assert find(archive, "海淀") == []
    assert search.reindex_all() == 5
    assert find(archive, "海淀") == ["北京海淀科技有限公司"]


def _grams_of_every_card() -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for gram, card_id in CardGram.select(CardGram.gram, CardGram.card_id).tuples():
        found.setdefault(card_id, set()).add(gram)
    return found


def test_grams_are_the_short_chinese_pieces_of_the_text() -> None:
    assert search.grams("abc海运 | gy2026001 | 欧阳 娜") == {
        "海", "运", "c海", "海运", "欧", "阳", "欧阳", "娜",
    }  # fmt: skip
    assert search.grams("gy2026001 | 010-62345678") == set()


def test_grams_follow_every_change_of_the_search_text(archive) -> None:
    def expected() -> dict[int, set[str]]:
        rows = CardSearch.select(CardSearch.card, CardSearch.text).tuples()
        return {card_id: search.grams(text) for card_id, text in rows}

    assert _grams_of_every_card() == expected()
    card_id = cards.card_ids(archive, cards.CardFilter(text="海淀科技"))[0]
    view = cards.get_card(archive, card_id)
    cards.update_card(
        archive, card_id, view.version,
        cards.CardDraft(values={**view.values, "name": "北京中关村智能有限公司"}, contacts=[]),
        reason="工商变更",
    )  # fmt: skip
    assert _grams_of_every_card() == expected()
    assert find(archive, "欧阳") == []  # the contact is gone, and so are her pieces
    assert find(archive, "关村") == ["北京中关村智能有限公司"]
    assert find(archive, "淀") == ["北京中关村智能有限公司"]  # the former name
    assert search.reindex_all() == 5
    assert _grams_of_every_card() == expected()


@pytest.mark.parametrize("query", ["海", "浦东", "c海", "长安物流", "hd", "GY2026", "海 公司"])
def test_short_terms_from_the_index_agree_with_a_scan(archive, query: str) -> None:
    make_card(archive, "ABC海运有限公司", region="上海")
    ids = set(cards.card_ids(archive, cards.CardFilter(text=query)))
    scan = {
        card_id
        for card_id, text, initials, full in CardSearch.select(
            CardSearch.card, CardSearch.text, CardSearch.initials, CardSearch.full
        ).tuples()
        if all(
            t in text or (t.isascii() and (t in initials or t in full)) for t in search.terms(query)
        )
    }
    assert ids == scan and ids


def test_the_migration_fills_the_grams_of_an_existing_archive(archive) -> None:
    migration = importlib.import_module("archive_desk.db.migrations.0006_search_grams")
    db = database.obj
    before = _grams_of_every_card()
    migration.down(None, db)
    migration.up(None, db)
    assert _grams_of_every_card() == before
    assert migration._grams("北京 abc海运 | 欧阳") == search.grams("北京 abc海运 | 欧阳")


def test_list_rows_of_any_number_of_ids_as_the_models_give_them(archive) -> None:
    ids = cards.card_ids(archive, cards.CardFilter())
    rows = cards.card_rows(archive, ids * 60)  # 300 ids: more than one statement, padded
    assert [r.id for r in rows] == ids * 60
    paths = {r.id: r.path for r in classification.list_regions()}
    for row in rows[: len(ids)]:
        card = Card.get_by_id(row.id)
        assert row.region == paths[card.region_id]
        assert (row.archive_no, row.name, row.updated_at) == (
            card.archive_no, card.name, card.updated_at,
        )  # fmt: skip
        assert isinstance(row.updated_at, dt.datetime) and row.retention_due == card.retention_due
        assert not row.on_loan


@pytest.mark.parametrize("query", ["海", "海 公司", "浦东商贸", "pudong", ""])
def test_search_with_other_filters_and_orders(archive, query: str) -> None:
    shanghai = cards.CardFilter(text=query, category_id=category_id("SY"))
    found = cards.card_rows(archive, cards.card_ids(archive, shanghai))
    assert [r.name for r in found] == ["上海浦东商贸有限公司"]
    assert cards.count_cards(archive, shanghai) == 1
    everywhere = cards.CardFilter(text=query)
    assert cards.count_cards(archive, everywhere) == len(cards.card_ids(archive, everywhere))
    by_name = cards.card_ids(archive, cards.CardFilter(text=query), sort="name", descending=True)
    names = [r.name_norm for r in Card.select().where(Card.id.in_(by_name))]
    assert len(by_name) == len(set(by_name)) and names
    assert [Card.get_by_id(i).name_norm for i in by_name] == sorted(names, reverse=True)


def test_the_list_shows_which_cards_are_out(clerk, make_user, clock) -> None:
    desk = build_desk(clerk, make_user, clock)
    out = {desk["old"][0].id, desk["old"][1].id, desk["new"].id}
    rows = cards.card_rows(clerk, cards.card_ids(clerk, cards.CardFilter()))
    assert {r.id for r in rows if r.on_loan} == out and len(rows) == 5
    assert all(isinstance(r.on_loan, bool) for r in rows)


# --- heteronyms: every reading a clerk may say finds the card ----------------------------------

CHANGCHENG = [
    "郑州长城商贸有限公司",
    "福州长城商贸有限公司",
    "宁波长城商贸有限公司",
    "株洲长城商贸有限公司",
]

# (name, what a clerk may type for it): initials and full pinyin of each reading of its heteronyms
HETERONYMS = [
    ("郑州长城商贸有限公司", ["zzcc", "zzzc", "zhengzhouchangcheng", "zhengzhouzhangcheng", "zz", "cc"]),
    ("重庆江北物流有限公司", ["cqjb", "zqjb", "chongqingjiangbei", "zhongqingjiangbei", "zq"]),
    ("招商银行股份有限公司", ["zsyh", "zsyx", "zhaoshangyinhang", "zhaoshangyinxing", "yx"]),
    ("中华音乐出版社", ["zhyy", "zhyl", "zhonghuayinyue", "zhonghuayinle", "yl"]),
    ("单县建材有限公司", ["dxjc", "sxjc", "cxjc", "danxian", "shanxian", "chanxian", "sx"]),
    ("机关单位服务中心", ["jgdw", "jiguandanwei"]),  # 单 of 单位 is dan: no shanwei
    ("西藏高原矿业有限公司", ["xzgy", "xcgy", "xizanggaoyuan", "xicanggaoyuan"]),
    ("朝阳食品商店", ["cysp", "zysp", "chaoyangshipin", "zhaoyangshipin"]),
    ("厦门海运有限公司", ["xmhy", "smhy", "xiamenhaiyun", "shamenhaiyun"]),
    ("曾氏祠堂文化有限公司", ["zsct", "csct", "zengshicitang", "cengshicitang"]),
    ("翟氏五金店", ["zswj", "dswj", "zhaishiwujin", "dishiwujin"]),  # the surname zhai
    ("蚌埠东莞食品有限公司", ["bbdg", "bengbudongguan", "bangbudongguan"]),
    ("昌盛电器有限公司", ["csdq", "changsheng"]),
]  # fmt: skip


@pytest.fixture
def heteronym_archive(clerk):  # type: ignore[no-untyped-def]
    for name in dict.fromkeys([*CHANGCHENG, *(name for name, _ in HETERONYMS)]):
        make_card(clerk, name)
    make_card(clerk, "郑州振创商贸有限公司")  # zzzcsm as well: found by zzzc, not by zzcc
    make_card(clerk, "快乐食品有限公司")
    return clerk


@pytest.mark.parametrize(("name", "typed"), HETERONYMS)
def test_every_reading_of_a_heteronym_finds_the_card(heteronym_archive, name, typed) -> None:
    for text in typed:
        assert name in find(heteronym_archive, text), text
        assert name in find(heteronym_archive, text.upper()), text  # the search folds case


def test_zzcc_and_ccsm_find_every_changcheng_card_that_the_characters_find(
    heteronym_archive,
) -> None:
    by_characters = sorted(find(heteronym_archive, "长城"))
    assert by_characters == sorted(CHANGCHENG)
    assert sorted(find(heteronym_archive, "ccsm")) == by_characters
    assert sorted(find(heteronym_archive, "changchengshangmao")) == by_characters
    assert sorted(find(heteronym_archive, "changcheng")) == by_characters  # not 昌盛: sheng
    zz = ["株洲长城商贸有限公司", "郑州长城商贸有限公司"]  # zhuzhou, zhengzhou
    assert sorted(find(heteronym_archive, "zzcc")) == zz
    assert sorted(find(heteronym_archive, "zzzc")) == sorted([*zz, "郑州振创商贸有限公司"])


@pytest.mark.parametrize(
    "text",
    [
        "zzxc",  # no such initials
        "zhengzhouchangsha",  # a reading that is not there
        "zhengzcc",  # full pinyin and initials mixed: not a key
        "wxgs",  # 有限公司 read with 有 wei, 限 wen: readings no word uses
        "youxiangongci",  # 司 ci likewise
        "qiongqing",  # not a reading of 重
        "jiguanshanwei",  # 单 in the word 单位 is dan
        "kuaiyue",  # 乐 in the word 快乐 is le
        "changchengdianqi",  # 盛 in the word 昌盛 is sheng
    ],
)
def test_strings_that_are_no_reading_find_nothing(heteronym_archive, text: str) -> None:
    assert find(heteronym_archive, text) == []


def test_a_name_with_more_reading_combinations_than_the_index_lists(clerk) -> None:
    name = "长乐重行单曾朝厦藏和大药房"  # 2·1·2·1·3·2·2·2·2·3·3·1·2 = 3,456 combinations
    make_card(clerk, name)
    make_card(clerk, "北京海淀科技有限公司")
    for text in [
        "changlechongxingshanzengzhaoxiazang",  # each heteronym read its other way
        "zhanglezhongxingdancengchaoshacang",
        "xingshanzeng",
        "clcxszzxzhdyf",
        "zlzxdczsc",
        "huodaiyaofang",
        "lcx",
        "cl",  # two letters: instr, and the lattice
    ]:
        assert find(clerk, text) == [name], text
    assert find(clerk, "changyue") == []  # 乐 of the word 长乐 is le
    assert find(clerk, "changlechongxingshanzengzhaoxiazhang") == []  # 藏 is not zhang
    assert find(clerk, "clcxszzxzhdyfx") == []


def _pinyin_rows() -> tuple[dict[int, tuple[str, str]], dict[int, str]]:
    keys = CardSearch.select(CardSearch.card, CardSearch.initials, CardSearch.full).tuples()
    lattices = database.execute_sql("SELECT card_id, lattice FROM card_pinyin").fetchall()
    return {c: (i, f) for c, i, f in keys}, dict(lattices)


@pytest.mark.sqlite_only("rebuilds the SQLite FTS5 table of 0007 from an old file's state")
def test_the_migration_rebuilds_the_pinyin_of_an_existing_archive(
    heteronym_archive, monkeypatch
) -> None:
    make_card(heteronym_archive, "长乐重行单曾朝厦藏和大药房")
    migration = importlib.import_module("archive_desk.db.migrations.0007_pinyin_readings")
    db = database.obj
    expected = _pinyin_rows()
    assert len(expected[1]) == 1  # the one name past the cap
    # as the old program left it: 长 of 郑州长城 read zhang only, no lattices
    zhengzhou = Card.get(Card.name == "郑州长城商贸有限公司").id
    CardSearch.update(initials="zzzcsmyxgs", full="zhengzhouzhangchengshangmaoyouxiangongsi").where(
        CardSearch.card == zhengzhou
    ).execute()
    db.execute_sql("DELETE FROM card_pinyin")
    db.execute_sql("DELETE FROM card_fts")
    db.execute_sql(
        "INSERT INTO card_fts (rowid, text, initials, full) "
        "SELECT card_id, text, initials, full FROM card_search"
    )
    assert find(heteronym_archive, "zzcc") == ["株洲长城商贸有限公司"]
    assert find(heteronym_archive, "shanzengzhao") == []
    migration.down(None, db)
    monkeypatch.setattr(migration, "BATCH", 4)  # several batches
    migration.up(None, db)
    assert _pinyin_rows() == expected
    assert sorted(find(heteronym_archive, "zzcc")) == [
        "株洲长城商贸有限公司",
        "郑州长城商贸有限公司",
    ]
    assert find(heteronym_archive, "zhengzhouchang") == ["郑州长城商贸有限公司"]
    assert find(heteronym_archive, "shanzengzhao") == ["长乐重行单曾朝厦藏和大药房"]
    assert sorted(find(heteronym_archive, "ccsm")) == sorted(CHANGCHENG)
