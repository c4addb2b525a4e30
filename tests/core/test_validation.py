"""Validation: the published examples of DOMAIN.md, every accepted shape, and refusals.

Check characters are recomputed here with independent implementations (weights written out,
and the ISO 7064 property that the weighted sum of all 18 ID digits is 1 mod 11).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from archive_desk import validation as v
from archive_desk.errors import ValidationError

# --- independent check-character implementations --------------------------------------------

_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def _credit_check(first17: str) -> str:
    total = sum(
        _CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    code = 31 - total % 31
    return _CREDIT_ALPHABET[0 if code == 31 else code]


def _id_number(first17: str) -> str:
    """The full ID number: the check value c makes Σ(digit·2^(17-i)) + c ≡ 1 (mod 11)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    c = (1 - total) % 11
    return first17 + ("X" if c == 10 else str(c))


def _iso7064_ok(number: str) -> bool:
    values = [10 if ch == "X" else int(ch) for ch in number]
    return sum(d * pow(2, 17 - i, 11) for i, d in enumerate(values)) % 11 == 1


# --- Check ----------------------------------------------------------------------------------


def test_check_is_frozen_and_ok_means_no_error_and_no_warning() -> None:
    assert v.Check("x").ok
    assert not v.Check("x", error="错。").ok
    assert not v.Check("x", warning="请核对。").ok
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.Check("x").value = "y"  # type: ignore[misc]


@pytest.mark.parametrize(
    "checker",
    [
        v.check_credit_code,
        v.check_id_number,
        v.check_mobile,
        v.check_phone,
        v.check_postcode,
        v.check_email,
        v.check_url,
        v.check_date,
    ],
)
@pytest.mark.parametrize("blank", ["", "   ", "\u3000", "\t\n"])
def test_blank_input_is_empty_and_not_an_error(
    checker: Callable[[str], v.Check], blank: str
) -> None:
    assert checker(blank) == v.Check(value="")


# --- normalising ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  ＡＢＣ　１２３  公司 ", "ABC 123 公司"),  # full-width and the ideographic space
        ("北京\t海淀\n\n科技", "北京 海淀 科技"),
        ("海\u200b淀\ufeff", "海淀"),  # zero-width characters pasted from a web page
        ("甲、乙。丙「丁」", "甲、乙。丙「丁」"),  # Chinese punctuation NFKC leaves alone
        ("（有限）", "(有限)"),  # full-width brackets are NFKC compatibility forms
        ("", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert v.normalize_text(raw) == expected


@pytest.mark.parametrize(
    "variant",
    [
        "北京海淀科技(有限)公司",
        "北京 海淀科技（有限）公司",
        "北京　海淀科技【有限】公司。",
        " 北京-海淀—科技·(有限)、公司 ",
    ],
)
def test_normalize_name_makes_spelling_variants_meet(variant: str) -> None:
    assert v.normalize_name(variant) == "北京海淀科技有限公司"


def test_normalize_name_folds_case_and_width_but_keeps_different_names_apart() -> None:
    assert v.normalize_name("ＡＢＣ Trading, Ltd.") == "abctradingltd"
    assert v.normalize_name("A&B+C") == "abc"
    assert v.normalize_name("北京海淀科技有限公司") != v.normalize_name("北京海淀科贸有限公司")


# --- 统一社会信用代码 ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["91110000600037341L", "91350100M000100Y43"])
def test_published_credit_codes_are_valid(code: str) -> None:
    assert _credit_check(code[:17]) == code[17]  # the test's own arithmetic agrees
    check = v.check_credit_code(code)
    assert check.ok and check.value == code


@pytest.mark.parametrize(
    "first17", ["91310115MA1H7GXX0", "12100000400000624", "Y1440300MA5FUD2WX", "N2110102MB0R6Y8R0"]
)
def test_codes_with_an_independently_computed_check_character_are_valid(first17: str) -> None:
    code = first17 + _credit_check(first17)
    check = v.check_credit_code(code)
    assert check.ok and check.value == code
    assert v.credit_check_char(first17) == code[17]


def test_every_check_character_is_computed_right() -> None:
    # one code for each of the 31 check characters, 0 (the 31 → 0 case) and Y (30) included
    codes: dict[str, str] = {}
    for a in _CREDIT_ALPHABET:
        for b in _CREDIT_ALPHABET:
            first17 = "91350100M000100" + a + b
            codes.setdefault(_credit_check(first17), first17 + _credit_check(first17))
    assert set(codes) == set(_CREDIT_ALPHABET)
    for code in codes.values():
        assert v.check_credit_code(code) == v.Check(code), code


def test_every_single_mistyped_character_of_a_valid_code_is_noticed() -> None:
    code = "91350100M000100Y43"
    for i in range(18):
        for c in _CREDIT_ALPHABET:
            if c != code[i]:
                mistyped = code[:i] + c + code[i + 1 :]
                check = v.check_credit_code(mistyped)
                assert check.warning and not check.error, mistyped


@pytest.mark.parametrize(
    "raw",
    [
        " ９１３５ ０１００-ｍ０００１００ｙ４３ ",  # full width, spaces and a hyphen
        "91350100m000100y43",
        "9135-0100-M000-100Y-43",
        "913501００M000100Y43",
        "91350100—M000100Y43",  # an em dash
    ],
)
def test_credit_code_input_is_normalised(raw: str) -> None:
    check = v.check_credit_code(raw)
    assert check.ok and check.value == "91350100M000100Y43"


def test_a_wrong_check_character_is_a_warning_naming_the_expected_one() -> None:
    check = v.check_credit_code("91350100m000100y44")
    assert check.error == ""
    assert "“3”" in check.warning and check.warning.endswith("。")
    assert check.value == "91350100M000100Y44"  # stored as typed (normalised) once confirmed


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("91350100M000100Z43", "Z"),  # the standard's example with a Z: not in the alphabet
        ("91350100M000100Y4O", "O"),
        ("9135010IM000100Y43", "I"),
        ("9135S100M000100V43", "S、V"),
        ("91350100M000100Y4", "18位，现在是17位"),
        ("91350100M000100Y433", "18位，现在是19位"),
        ("9135010", "18位"),
        ("91350100M00010#Y43", "#"),
        ("110108000000016", "工商注册号"),  # the old 15-digit registration number
    ],
)
def test_bad_credit_codes_are_errors(code: str, fragment: str) -> None:
    check = v.check_credit_code(code)
    assert fragment in check.error and check.error.endswith("。")
    assert check.warning == ""


# --- 居民身份证号 ------------------------------------------------------------------------------


def test_the_published_id_number_is_valid_with_upper_or_lower_x() -> None:
    assert _iso7064_ok("11010519491231002X")
    assert v.check_id_number("11010519491231002X") == v.Check("11010519491231002X")
    assert v.check_id_number("11010519491231002x").value == "11010519491231002X"
    assert v.check_id_number(" 110105 19491231 002Ｘ ").value == "11010519491231002X"


@pytest.mark.parametrize(
    "first17", ["44030420000229123", "37010219851012541", "11010120260301001", "65010119000101000"]
)
def test_id_numbers_with_an_independently_computed_check_digit(first17: str) -> None:
    number = _id_number(first17)
    assert _iso7064_ok(number)
    assert v.id_check_char(first17) == number[17]
    assert v.check_id_number(number, today=dt.date(2026, 3, 2)) == v.Check(number)


def test_every_id_check_value_is_computed_right() -> None:
    numbers = {_id_number(f"37010219851012{n:03d}") for n in range(200)}
    assert {n[17] for n in numbers} == set("0123456789X")
    for number in numbers:
        assert _iso7064_ok(number)
        assert v.check_id_number(number) == v.Check(number), number


def test_a_wrong_id_check_digit_is_an_error_not_a_warning() -> None:
    check = v.check_id_number("110105194912310021")
    assert "校验位" in check.error and check.warning == ""


@pytest.mark.parametrize(
    "first17",
    [
        "11010519491331002",  # month 13
        "11010519490230002",  # 30 February
        "44030420010229123",  # 29 February in a common year
        "11010518991231002",  # before 1900
        "11010520260303001",  # born tomorrow
    ],
)
def test_id_numbers_with_an_impossible_birth_date(first17: str) -> None:
    check = v.check_id_number(_id_number(first17), today=dt.date(2026, 3, 2))
    assert "出生日期" in check.error


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("1101051949", "18位"),
        ("1101051949123100XX", "18位"),
        ("11010519491231002X1", "18位"),
        ("X10105194912310021", "18位"),
        ("110105491231002", "15位"),  # first-generation number
    ],
)
def test_malformed_id_numbers(raw: str, fragment: str) -> None:
    assert fragment in v.check_id_number(raw).error


def test_mask_id_number() -> None:
    assert v.mask_id_number("11010519491231002X") == "110105********002X"
    assert v.mask_id_number("110105491231002") == "110105*****1002"
    assert v.mask_id_number("12345") == "*2345"  # short junk still hides most of itself
    assert v.mask_id_number("") == ""


# --- phones -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138-0013-8000",
        "+8613800138000",
        "0086 13800138000",
        "8613800138000",
        "(+86)13800138000",
        "１３８００１３８０００",
    ],
)
def test_mobiles(raw: str) -> None:
    assert v.check_mobile(raw) == v.Check("13800138000")


@pytest.mark.parametrize(
    "raw", ["12800138000", "1380013800", "138001380001", "abc", "010-62345678", "+87 13800138000"]
)
def test_bad_mobiles(raw: str) -> None:
    check = v.check_mobile(raw)
    assert "手机号" in check.error and check.error.endswith("。")


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("010-62345678", "010-62345678"),
        ("01062345678", "010-62345678"),
        ("02088888888", "020-88888888"),
        ("0531-88888888", "0531-88888888"),
        ("0531 8888888", "0531-8888888"),
        ("(0531)88888888", "0531-88888888"),
        ("（0531）8888888", "0531-8888888"),
        ("0531-8888-8888", "0531-88888888"),
        ("0531—88888888", "0531-88888888"),
        ("+86 531 88888888", "0531-88888888"),
        ("+86 10 62345678", "010-62345678"),
        ("0531-88888888转123", "0531-88888888-123"),
        ("0531-88888888 转 123", "0531-88888888-123"),
        ("0531-88888888-123", "0531-88888888-123"),
        ("0531-88888888 ext 45", "0531-88888888-45"),
        ("0531-88888888 EXT.45", "0531-88888888-45"),
        ("0531-88888888#6", "0531-88888888-6"),
        ("0531-8888888分机6", "0531-8888888-6"),
        ("400 123 4567", "400-123-4567"),
        ("4001234567", "400-123-4567"),
        ("800-810-8888", "800-810-8888"),
        ("400-123-4567转8", "400-123-4567-8"),
        ("13800138000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
    ],
)
def test_landlines_service_numbers_and_mobiles(raw: str, stored: str) -> None:
    assert v.check_phone(raw) == v.Check(stored)


@pytest.mark.parametrize(("raw", "stored"), [("88888888", "88888888"), ("6234-567", "6234567")])
def test_a_number_without_area_code_is_a_warning(raw: str, stored: str) -> None:
    check = v.check_phone(raw)
    assert check.error == "" and "未填区号" in check.warning and check.value == stored


@pytest.mark.parametrize(
    "raw", ["12-34", "电话", "0531-123", "0531-088888888", "010-6234567890", "1234567", "+86"]
)
def test_junk_phones_are_errors(raw: str) -> None:
    check = v.check_phone(raw)
    assert check.error.startswith("电话号码") and check.warning == ""


@pytest.mark.parametrize(
    ("stored", "masked"),
    [
        ("13800138000", "138****8000"),
        ("+86 138 0013 8000", "138****8000"),  # as typed: normalised first
        ("0531-88888888", "0531-****8888"),
        ("010-6234567", "010-***4567"),
        ("0531-88888888-123", "0531-****8888-***"),
        ("400-123-4567", "400-***4567"),
        ("88888888", "****8888"),
        ("电话号码", "****"),
        ("", ""),
    ],
)
def test_mask_phone(stored: str, masked: str) -> None:
    assert v.mask_phone(stored) == masked


# --- postcode, e-mail, URL ------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "stored"), [("100080", "100080"), ("２５００１４", "250014")])
def test_postcodes(raw: str, stored: str) -> None:
    assert v.check_postcode(raw) == v.Check(stored)


@pytest.mark.parametrize("raw", ["10008", "1000800", "10008O", "HK"])
def test_bad_postcodes(raw: str) -> None:
    assert v.check_postcode(raw).error == "邮编应为6位数字。"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Info@Example.COM", "Info@example.com"),
        ("zhang.san+archive@mail.sd.cn", "zhang.san+archive@mail.sd.cn"),
        ("ｗａｎｇ＠１６３．ｃｏｍ", "wang@163.com"),
        ("wang@163。com", "wang@163.com"),  # the IME's full stop
        (" wang @ 163.com ", "wang@163.com"),
    ],
)
def test_emails(raw: str, stored: str) -> None:
    assert v.check_email(raw) == v.Check(stored)


@pytest.mark.parametrize(
    "raw",
    ["no-at-sign", "a@b", "a@@b.com", ".a@b.com", "a..b@c.com", "a@-b.com", "a@b.c", "张@b.com"],
)
def test_bad_emails(raw: str) -> None:
    assert "邮箱" in v.check_email(raw).error


@pytest.mark.parametrize(
    "raw",
    [
        "www.example.com",
        "example.com.cn",
        "http://www.example.com",
        "HTTPS://Example.com/path?q=1",
        "https://例子.中国/a",
        "www.example.com:8080/a/b",
    ],
)
def test_urls_are_accepted_as_typed(raw: str) -> None:
    assert v.check_url(raw) == v.Check(raw)  # no scheme is added


@pytest.mark.parametrize(
    "raw", ["not a url", "localhost", "http://", "www.example.com/a b", "ftp://example.com", "a.b"]
)
def test_bad_urls(raw: str) -> None:
    assert "网址" in v.check_url(raw).error


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "2026-03-02",
        "2026-3-2",
        "2026/3/2",
        "2026/03/02",
        "2026.3.2",
        "20260302",
        "2026年3月2日",
        "2026年03月02日",
        "2026 年 3 月 2 日",
        "２０２６－０３－０２",
        " 2026-03-02 ",
    ],
)
def test_dates_in_every_accepted_form(raw: str) -> None:
    assert v.check_date(raw) == v.Check("2026-03-02", date=dt.date(2026, 3, 2))


@pytest.mark.parametrize(
    "raw",
    [
        "2026-02-30",
        "2026-13-01",
        "20260230",
        "2026-3/2",
        "26-3-2",
        "三月二日",
        "2026年3月",
        "tomorrow",
    ],
)
def test_bad_dates(raw: str) -> None:
    check = v.check_date(raw)
    assert check.error == "日期格式应为 年-月-日，例如 2026-03-02。" and check.date is None


def test_date_limits() -> None:
    limit = dt.date(2026, 3, 2)
    assert v.check_date("2026-03-03", not_after=limit).error == "日期不能晚于 2026-03-02。"
    assert v.check_date("2026-03-01", not_before=limit).error == "日期不能早于 2026-03-02。"
    assert v.check_date("2026-03-02", not_after=limit, not_before=limit).date == limit
    assert v.check_date("2026/3/3", not_after=limit).date is None


# --- any text at the service boundary (issue 17) ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("  北京海淀科技有限公司 ", "北京海淀科技有限公司"),
        (
            "北京\u3000海淀\t科技\n有限公司",
            "北京 海淀 科技 有限公司",
        ),  # one line: breaks are spaces
        ("Cafe\u0301", "Café"),  # composed (NFC): the name compares and sorts as typed
        ("北京\u200b海淀\ufeff", "北京海淀"),  # zero-width characters pasted from a web page
        ("海淀\u202e司公", "海淀司公"),  # a right-to-left override would show it reversed
        ("（有限）公司", "（有限）公司"),  # full-width brackets stay (no folding unless asked)
    ],
)
def test_a_line_of_text_as_it_is_stored(raw: str, stored: str) -> None:
    assert v.check_text(raw, "客户名称", 200) == v.Check(stored)
    assert v.clean_text(raw, "客户名称", 200) == stored


def test_a_multi_line_text_keeps_its_lines_and_tabs() -> None:
    raw = " 第一行\r\n第二行\t表格\r第三行\u2028第四行 "
    assert (
        v.clean_text(raw, "经营范围", 4000, multiline=True)
        == "第一行\n第二行\t表格\n第三行\n第四行"
    )


def test_folding_makes_letters_and_digits_half_width() -> None:
    assert v.clean_text("ＧＹ２０２６", "类别代码", 10, fold=True) == "GY2026"


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ("海淀\x00科技", "第 3 个字是控制字符（U+0000"),
        ("\x1b[31m红字", "第 1 个字是控制字符（U+001B"),
        ("响铃\x07", "第 3 个字是控制字符（U+0007"),
        ("C1\x9b控制", "第 3 个字是控制字符（U+009B"),
    ],
)
def test_control_characters_are_refused_with_where_they_are(raw: str, where: str) -> None:
    check = v.check_text(raw, "客户名称", 200)
    assert check.value == "" and check.error.startswith(f"“客户名称”{where}")
    with pytest.raises(ValidationError, match="控制字符") as refused:
        v.clean_text(raw, "客户名称", 200, field="name")
    assert refused.value.field == "name" and refused.value.errors == {"name": check.error}


@pytest.mark.parametrize("raw", ["海\ud800淀", "\udfff", "abc\udc80"])
def test_lone_surrogates_are_refused(raw: str) -> None:
    check = v.check_text(raw, "客户名称", 200)
    where = next(i for i, c in enumerate(raw, 1) if 0xD800 <= ord(c) <= 0xDFFF)
    assert check.value == "" and check.error.startswith(
        f"“客户名称”第 {where} 个字是无法保存的残缺字符"
    )


@pytest.mark.parametrize(
    "raw", ["\u3164\u3164", "\u115f", "\u2800 \u2800", "\u0301\u0301", " \u200b "]
)
def test_nothing_visible_is_empty(raw: str) -> None:
    assert v.check_text(raw, "备注", 200) == v.Check("")
    refused = v.check_text(raw, "客户名称", 200, required=True)
    assert refused.error in ("“客户名称”只有空白或看不见的字符，请填写。", "请填写“客户名称”。")


def test_rare_characters_and_private_use_count_as_visible() -> None:
    assert v.clean_text("\U00020000", "姓名", 50, required=True) == "\U00020000"  # CJK ext. B
    assert v.clean_text("\ue000", "姓名", 50, required=True) == "\ue000"  # a font's own glyph


def test_length_is_counted_as_stored() -> None:
    assert v.check_text("长" * 200, "客户名称", 200).ok
    assert (
        v.check_text("长" * 201, "客户名称", 200).error
        == "“客户名称”最多 200 个字，现在有 201 个。"
    )
    # megabytes are refused before any work is done on them
    huge = v.check_text("长" * 1_000_000, "客户名称", 200)
    assert huge.error == "“客户名称”最多 200 个字，现在有 1000000 个。" and huge.value == ""


@pytest.mark.parametrize(
    ("raw", "number"), [("12", 12), ("１２", 12), ("1,200", 1200), (" 7 ", 7), (3, 3), (4.0, 4)]
)
def test_whole_numbers(raw: object, number: int) -> None:
    assert v.check_int(raw, "员工人数").number == number


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (2**63, "“员工人数”不能大于 1,000。"),
        (str(2**63), "“员工人数”不能大于 1,000。"),
        ("9" * 5000, "“员工人数”应为整数。"),  # past Python's own limit of digits
        ("-1", "“员工人数”应为不小于0的整数。"),
        ("1e5", "“员工人数”应为整数。"),
        ("٣", "“员工人数”应为整数。"),  # a digit to int(), not one a clerk types
        (True, "“员工人数”应为整数。"),
        (1.5, "“员工人数”应为整数。"),
        ("1\x00", "控制字符"),
    ],
)
def test_numbers_out_of_range_or_not_numbers(raw: object, error: str) -> None:
    check = v.check_int(raw, "员工人数", maximum=1000)
    assert check.number is None and error in check.error
    with pytest.raises(ValidationError):
        v.clean_int(raw, "员工人数", maximum=1000)


def test_an_empty_number_is_none_unless_required() -> None:
    assert v.check_int("", "员工人数") == v.Check("")
    with pytest.raises(ValidationError, match="请填写“份数”"):
        v.clean_int("  ", "份数")


def test_a_search_is_cleaned_and_bounded_never_refused() -> None:
    assert v.search_text("海淀\x00科技\ud800 \u200b") == ("海淀 科技", False)
    text, cut = v.search_text("北" * 10_000)
    assert (text, cut) == ("北" * v.SEARCH_MAX, True)
    assert v.search_text(None) == ("", False)
