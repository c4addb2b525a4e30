"""Pinyin keys: every reading of a heteronym, mixed names, the combination cap, the lattice."""

from __future__ import annotations

import dataclasses
import re

import pytest
from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from archive_desk import pinyin
from archive_desk.pinyin import (
    MAX_COMBINATIONS,
    NAME_READINGS,
    SearchKeys,
    _plain,
    _words,
    index_keys,
    matches,
    readings,
    search_keys,
)


def test_initials_and_full_pinyin() -> None:
    keys = search_keys("北京海淀科技有限公司")
    assert keys.initials[0] == "bjhdkjyxgs" and keys.initials[0].startswith("bjhd")
    assert keys.full[0] == "beijinghaidiankejiyouxiangongsi"
    assert all(k.startswith("bjhd") for k in keys.initials)
    assert all(k.startswith("beijinghaidian") for k in keys.full)


def test_search_keys_is_a_frozen_pair_of_string_sequences() -> None:
    keys = search_keys("海淀")
    assert keys == SearchKeys(initials=("hd",), full=("haidian",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        keys.full = ()  # type: ignore[misc]
    assert " | ".join(keys.initials) == "hd"  # how archive_desk.search joins them


def test_chongqing_both_readings_of_each_heteronym() -> None:
    keys = search_keys("重庆长安物流有限公司")
    assert keys.full[0] == "zhongqingzhanganwuliuyouxiangongsi"  # each character's usual reading
    assert set(keys.full) == {
        f"{a}qing{b}anwuliuyouxiangongsi" for a in ("chong", "zhong") for b in ("chang", "zhang")
    }
    assert set(keys.initials) == {"cqcawlyxgs", "zqcawlyxgs", "cqzawlyxgs", "zqzawlyxgs"}


def test_changsha() -> None:
    keys = search_keys("长沙银河医药有限公司")
    assert "changshayinheyiyaoyouxiangongsi" in keys.full
    assert "zhangshayinheyiyaoyouxiangongsi" in keys.full  # 长 read zhang
    assert "csyhyyyxgs" in keys.initials


def test_yinhang() -> None:
    keys = search_keys("中国银行")
    assert "zhongguoyinhang" in keys.full
    assert "zhongguoyinxing" in keys.full  # 行 read xing


def test_the_phrase_dictionarys_reading_of_one_word_does_not_hide_the_others() -> None:
    # pypinyin reads 郑州长城 as 郑·州长·城 (长 zhang only); the clerk says changcheng
    assert "".join(lazy_pinyin("郑州长城")) == "zhengzhouzhangcheng"
    keys = search_keys("郑州长城商贸有限公司")
    assert {"zzcc" + "smyxgs", "zzzc" + "smyxgs"} <= set(keys.initials)
    assert "zhengzhouchangchengshangmaoyouxiangongsi" in keys.full


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("昌盛", {"changsheng"}),  # not the cheng of 盛饭
        ("单位", {"danwei"}),
        ("快乐", {"kuaile"}),
        ("朝阳", {"zhaoyang", "chaoyang"}),  # the word has both; chao is also the usual one
        ("银行", {"yinhang", "yinxing"}),  # the word's hang, the usual xing
        ("郑州长城", {"zhengzhouchangcheng", "zhengzhouzhangcheng"}),  # 州长 and 长城
        ("单县", {"danxian", "shanxian", "chanxian"}),  # no word: every reading
    ],
)
def test_a_character_in_a_word_has_the_words_readings_and_its_usual_one(name, full) -> None:
    assert set(search_keys(name).full) == full


def test_every_reading_of_a_heteronym_is_a_key() -> None:
    keys = search_keys("单县建材有限公司")
    assert keys.full[0] == "danxianjiancaiyouxiangongsi"
    for reading in ("dan", "shan", "chan"):
        assert f"{reading}xianjiancaiyouxiangongsi" in keys.full
    assert set(keys.initials) == {"dxjcyxgs", "sxjcyxgs", "cxjcyxgs"}


@pytest.mark.parametrize(
    ("ch", "said"),
    [
        ("长", {"chang", "zhang"}),
        ("重", {"chong", "zhong"}),
        ("行", {"xing", "hang", "heng"}),
        ("乐", {"le", "yue", "lao"}),  # 乐亭 laoting
        ("单", {"dan", "shan", "chan"}),
        ("藏", {"cang", "zang"}),
        ("朝", {"chao", "zhao"}),
        ("厦", {"sha", "xia"}),
        ("曾", {"ceng", "zeng"}),
        ("蚌", {"beng", "bang"}),
        ("莞", {"guan", "wan"}),
        ("翟", {"di", "zhai"}),  # the surname: a name reading (NAME_READINGS)
        ("区", {"qu", "ou"}),
    ],
)
def test_readings_of_a_heteronym(ch: str, said: set[str]) -> None:
    found = readings(ch)
    assert found[0] == lazy_pinyin(ch)[0]  # the usual one first
    assert said <= set(found)
    assert len(found) == len(set(found))


@pytest.mark.parametrize(
    ("ch", "only"), [("有", "you"), ("限", "xian"), ("司", "si"), ("技", "ji")]
)
def test_readings_no_word_uses_are_not_keys(ch: str, only: str) -> None:
    # pypinyin knows 有 wei, 限 wen, 司 ci, 技 qi; keys of them would make wxgs find 有限公司
    assert len(pinyin_dict[ord(ch)].split(",")) > 1
    assert readings(ch) == (only,)


def test_name_readings_are_pypinyins_own_and_add_what_no_word_gives() -> None:
    for ch, extra in NAME_READINGS.items():
        known = {_plain(r) for r in pinyin_dict[ord(ch)].split(",")}
        assert set(extra) <= known, ch
        assert set(extra) <= set(readings(ch)), ch
        assert not set(extra) & set(_words()[0].get(ch, ())), ch


def test_rare_readings_inside_a_known_phrase_are_not_keys() -> None:
    # 有 wei, 限 wen, 司 ci: indexing them would make "wei" or "ci" find every 有限公司.
    assert search_keys("有限公司") == SearchKeys(initials=("yxgs",), full=("youxiangongsi",))


@pytest.mark.parametrize(
    "name",
    [
        "北京海淀科技有限公司",
        "绿地集团",
        "女装商店",
        "上海浦东发展银行",
        "〇二三工厂",
        "长江三峡集团",
        "郑州长城商贸有限公司",
        "重庆长安物流有限公司",
        "厦门海运有限公司",
    ],
)
def test_pypinyins_own_reading_is_a_key_and_the_usual_readings_come_first(name: str) -> None:
    keys = search_keys(name)
    assert "".join(lazy_pinyin(name, style=Style.NORMAL)) in keys.full
    assert "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)) in keys.initials
    assert keys.full[0] == "".join(lazy_pinyin(ch)[0] for ch in name)


def test_u_umlaut_is_typed_as_v() -> None:
    assert search_keys("绿地").full[0] == "lvdi"


@pytest.mark.parametrize(
    ("name", "initials", "full"),
    [
        ("ABC科技（2号）店", "abckj2hd", "abckeji2haodian"),
        ("IBM", "ibm", "ibm"),
        ("ＩＢＭ（中国）", "ibmzg", "ibmzhongguo"),  # full-width letters folded
        ("3M 中国·有限公司", "3mzgyxgs", "3mzhongguoyouxiangongsi"),
        ("Haier 海尔", "haierhe", "haierhaier"),
    ],
)
def test_letters_and_digits_stay_whole_and_punctuation_goes(
    name: str, initials: str, full: str
) -> None:
    keys = search_keys(name)
    assert keys.initials[0] == initials
    assert keys.full[0] == full


@pytest.mark.parametrize("name", ["", "   ", "，。·（）—", "\ue000"])
def test_nothing_to_index(name: str) -> None:
    assert search_keys(name) == SearchKeys((), ())


def test_a_character_pypinyin_does_not_know_is_skipped() -> None:
    unknown = next(chr(c) for c in range(0x4E00, 0xA000) if c not in pinyin_dict)
    keys = search_keys(f"北京{unknown}科技")
    assert keys.full[0] == "beijingkeji"
    assert keys.initials[0] == "bjkj"


def test_combinations_are_complete_and_distinct_up_to_the_cap() -> None:
    name = "单长重曾"  # 3·2·2·2 = 24 combinations
    keys = search_keys(name)
    assert MAX_COMBINATIONS == 64
    assert len(keys.full) == 24 and len(set(keys.full)) == 24
    assert set(keys.initials) == {
        a + b + c + d for a in "dcs" for b in "zc" for c in "zc" for d in "cz"
    }
    assert keys.lattice == ""


def test_past_the_cap_the_usual_reading_and_the_lattice() -> None:
    name = "曾单翟区乐朝厦藏"  # no word: 2·3·2·2·3·2·2·2 = 576 combinations
    keys = search_keys(name)
    assert keys.full == ("".join(lazy_pinyin(ch)[0] for ch in name),)
    assert keys.initials == ("cddqlcsc",)
    assert keys.lattice == " ".join(",".join(readings(ch)) for ch in name)  # ceng,zeng dan,…
    assert matches("zengshanzhaiouyue", keys.lattice)
    assert matches("zszoyzxz", keys.lattice)


def test_a_long_name_does_not_explode() -> None:
    keys = search_keys("曾单翟区乐朝厦藏" * 12)
    assert len(keys.full) == len(keys.initials) == 1
    assert len(keys.lattice) < 12 * 80
    assert matches("zengshanzhaiouyuezhaoxiazang" * 11 + "ceng", keys.lattice)


NAMES = ["郑州长城商贸有限公司", "厦门3M中国·有限公司", "ABC银行", "单县长乐", "绿地集团 Haier 海尔",
         "曾氏翟氏", "西安"]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_matches_on_the_lattice_is_a_piece_of_some_combination(name, monkeypatch) -> None:
    keys = search_keys(name)  # every combination listed
    monkeypatch.setattr(pinyin, "MAX_COMBINATIONS", 0)
    lattice = search_keys(name).lattice
    assert lattice
    listed = keys.full + keys.initials
    # every piece of every name's keys: those of this name match, the others only if listed
    pieces = {
        key[start:start + size]
        for other in NAMES
        for key in search_keys(other).full + search_keys(other).initials
        for size in (1, 2, 3, 4, 6, 9)
        for start in range(len(key) - size + 1)
    } | set(listed) | {k + "x" for k in listed} | {"x" + k for k in listed}  # fmt: skip
    for piece in pieces:
        assert matches(piece, lattice) == any(piece in key for key in listed), piece


def test_matches_any_name_of_a_card_and_nothing_for_nothing() -> None:
    initials, full, lattice = index_keys(["单长重行单长重行", "", "海淀", "长乐重行单曾朝厦藏和大"])
    # 144 and 1,728 combinations: two lattices
    assert initials.split(" | ")[1] == "hd" and full.split(" | ")[1] == "haidian"
    assert lattice.count(" | ") == 1  # the two names past the cap
    assert matches("shanzhangchong", lattice) and matches("lechongxingshan", lattice)
    assert not matches("haidian", lattice)  # listed, not in the lattice
    assert not matches("", lattice) and not matches("dan", "")
    assert index_keys([]) == ("", "", "")


def test_keys_hold_only_lower_case_letters_and_digits_for_any_chinese_text() -> None:
    chars = "".join(chr(c) for c in range(0x4E00, 0xA000))
    for start in range(0, len(chars), 40):
        keys = search_keys(chars[start : start + 40])
        assert 1 <= len(keys.full) <= MAX_COMBINATIONS
        assert all(re.fullmatch(r"[a-z0-9]+", k) for k in keys.full + keys.initials)


def test_ideographs_outside_the_basic_block_count_as_chinese_and_their_edges_hold() -> None:
    from archive_desk.pinyin import _is_han

    inside = ["\u3007", "\u3400", "\u4dbf", "\u4e00", "\u9fff", "\uf900", "\ufaff", "\U00020000",
              "\U0003134f"]  # fmt: skip
    outside = ["\u3006", "\u33ff", "\u4dc0", "\ua000", "\uf8ff", "\ufb00", "\U0001ffff",
               "\U00031350", "a", "1", "（"]  # fmt: skip
    assert all(_is_han(ch) for ch in inside)
    assert not any(_is_han(ch) for ch in outside)
    # a letter run between characters stays one key part, as with the regular expression before
    assert search_keys("北京ABC123科技").full[0] == "beijingabc123keji"
