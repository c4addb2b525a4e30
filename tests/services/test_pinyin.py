"""Pinyin keys: phrase-aware readings, heteronyms, mixed names, the variant cap."""

from __future__ import annotations

import dataclasses
import re

import pytest
from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from archive_desk.pinyin import MAX_VARIANTS, SearchKeys, search_keys


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


def test_chongqing_phrase_reading_first_and_the_usual_readings_as_well() -> None:
    keys = search_keys("重庆长安物流有限公司")
    assert keys.full[0] == "chongqingchanganwuliuyouxiangongsi"
    assert keys.initials[0] == "cqcawlyxgs"
    assert "zhongqingchanganwuliuyouxiangongsi" in keys.full  # 重 read zhong
    assert "zqcawlyxgs" in keys.initials
    assert any("cqca" in k for k in keys.initials)


def test_changsha() -> None:
    keys = search_keys("长沙银河医药有限公司")
    assert keys.full[0] == "changshayinheyiyaoyouxiangongsi"
    assert keys.initials[0] == "csyhyyyxgs"
    assert "zhangshayinheyiyaoyouxiangongsi" in keys.full  # 长 read zhang


def test_yinhang() -> None:
    keys = search_keys("中国银行")
    assert keys.full[0] == "zhongguoyinhang"
    assert "zhongguoyinxing" in keys.full  # 行 read xing


def test_every_reading_of_a_heteronym_outside_a_known_phrase_is_a_key() -> None:
    keys = search_keys("单县建材有限公司")
    assert keys.full[0] == "".join(lazy_pinyin("单县建材有限公司"))  # pypinyin's own reading first
    for reading in ("dan", "shan", "chan"):
        assert f"{reading}xianjiancaiyouxiangongsi" in keys.full
    assert set(keys.initials) == {"dxjcyxgs", "sxjcyxgs", "cxjcyxgs"}


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
    ],
)
def test_the_first_variant_is_pypinyins_normal_reading(name: str) -> None:
    keys = search_keys(name)
    assert keys.full[0] == "".join(lazy_pinyin(name, style=Style.NORMAL))
    assert keys.initials[0] == "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))


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


def test_variants_are_capped_breadth_first_and_distinct() -> None:
    name = "单长重行单长重行单长重行单长重行"
    keys = search_keys(name)
    assert MAX_VARIANTS == 16
    assert len(keys.full) == MAX_VARIANTS
    assert len(keys.initials) == MAX_VARIANTS
    assert len(set(keys.full)) == len(keys.full)
    assert len(set(keys.initials)) == len(keys.initials)
    base = keys.full[0]
    assert base == "".join(lazy_pinyin(name))
    # one character changed before two: the other readings of the first 单 come right after
    assert keys.full[1:3] == ("chan" + base[3:], "shan" + base[3:])


def test_a_long_name_does_not_explode() -> None:
    keys = search_keys("单" * 60 + "长重行" * 20)
    assert len(keys.full) == len(keys.initials) == MAX_VARIANTS


def test_keys_hold_only_lower_case_letters_and_digits_for_any_chinese_text() -> None:
    chars = "".join(chr(c) for c in range(0x4E00, 0xA000))
    for start in range(0, len(chars), 40):
        keys = search_keys(chars[start : start + 40])
        assert 1 <= len(keys.full) <= MAX_VARIANTS
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
