"""Normalising and checking what the clerk types or imports: any text (the service boundary),
whole numbers, search terms, and names, codes, phones, dates.

Every checker takes the text as typed and returns a :class:`Check`: the normalised value to
store, an ``error`` (the input is refused) or a ``warning`` (the clerk may confirm and save
anyway). Empty input is not an error here unless a checker is told the value is ``required``.
:func:`clean_text` and :func:`clean_int` raise the error as a :class:`ValidationError` instead:
every service cleans each text it takes with them (its length limit is its column's, or
:data:`NOTE_MAX` / :data:`LONG_MAX`), and :func:`search_text` bounds what a search looks for.
Norms: GB 32100-2015 (统一社会信用代码), GB 11643-1999 (居民身份证号), see DOMAIN.md.

Decisions where DOMAIN.md is silent: a 15-character old 工商注册号 is refused in the credit code
field, and an old 15-digit ID number is refused (first-generation ID cards ceased to be valid in
2013); both get a message that says so. A wrong ID check digit is an error (unlike a credit
code's, which is a warning). The masks err towards hiding: a value they do not recognise shows
only its last four characters.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from archive_desk.errors import ValidationError


@dataclass(frozen=True)
class Check:
    value: str
    error: str = ""
    warning: str = ""
    date: dt.date | None = None
    number: int | None = None

    @property
    def ok(self) -> bool:
        return not self.error and not self.warning


# --- any text a person types or imports ------------------------------------------------------
#
# Every service cleans the text it takes here before it reaches the database or an index:
# :func:`clean_text` (raises) or :func:`check_text` (returns the problem, for a form that shows
# every problem at once). SQLite keeps any length and NUL; UTF-8 cannot hold a lone surrogate
# (a half of a character, from a damaged file or a broken paste): they are refused here, with
# the field named, not found later as a traceback.

NOTE_MAX = 500  # a comment, reason, purpose, note: a few sentences
LONG_MAX = 4000  # a card's long text (经营范围, 业务状况 …)
SEARCH_MAX = 100  # a search: longer terms are cut (a name is at most 200, a phrase far less)
SEARCH_CUT = f"搜索内容过长，只按前 {SEARCH_MAX} 个字查找。"
INT_MAX = 2**53  # far past any count of people, pages or days; within every database's integer

_SURROGATE = re.compile("[\ud800-\udfff]")
# line and paragraph separators (a multi-line text keeps them as "\n"; one line makes them spaces)
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# letters that draw nothing (Hangul fillers, braille blank, Khmer inherent vowels …): a name made
# of them only is as empty as one made of spaces
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5")


def _visible(ch: str) -> bool:
    category = unicodedata.category(ch)
    # letters, numbers, punctuation, symbols, spacing marks and private-use characters (rare
    # Chinese characters some fonts keep there) draw something; separators, controls,
    # formatting, unassigned code points and lone combining marks do not
    return (category[0] in "LNPS" or category in ("Mc", "Co")) and ch not in _BLANK_LETTERS


def _too_long(label: str, length: int, max_len: int) -> str:
    return f"“{label}”最多 {max_len} 个字，现在有 {length} 个。"


def check_text(
    value: object,
    label: str,
    max_len: int,
    *,
    multiline: bool = False,
    required: bool = False,
    fold: bool = False,
) -> Check:
    """Text as the service stores it, or why it cannot be stored (``error``).

    Lone surrogates and control characters (NUL, escape, bell …) are refused, naming the field and
    where the character is; formatting characters that draw nothing (zero-width space, BOM,
    bidirectional overrides, soft hyphen) are removed. The text is composed (NFC; with ``fold``
    also full-width letters and digits made half-width, NFKC, as card fields are) and trimmed; on
    one line every line break or tab becomes a space and runs of spaces one, ``multiline`` keeps
    its lines (``\\n``) and tabs. Text of nothing visible is empty: ``required`` refuses it.
    Longer than ``max_len`` characters (as stored) is refused.
    """
    raw = "" if value is None else value if isinstance(value, str) else str(value)
    if len(raw) > 4 * max_len + 1000:  # pasted megabytes: refused before any work on them
        return Check("", error=_too_long(label, len(raw), max_len))
    bad = _SURROGATE.search(raw)
    if bad is not None:
        return Check(
            "",
            error=f"“{label}”第 {bad.start() + 1} 个字是无法保存的残缺字符（可能来自损坏的文件"
            "或不完整的复制），请删去后重新输入。",
        )
    text = unicodedata.normalize("NFKC" if fold else "NFC", raw)
    text = _BREAKS.sub("\n" if multiline else " ", text)
    kept = []
    for pos, ch in enumerate(text, 1):
        category = unicodedata.category(ch)
        if category == "Cf":
            continue  # draws nothing: dropped
        if category == "Cc" and ch not in "\t\n":
            return Check(
                "",
                error=f"“{label}”第 {pos} 个字是控制字符（U+{ord(ch):04X}，看不见，常随复制"
                "网页或文件带入），请删去后再保存。",
            )
        kept.append(ch)
    text = "".join(kept)
    text = text.strip() if multiline else _SPACES.sub(" ", text).strip()
    if text and not any(map(_visible, text)):
        if required:
            return Check("", error=f"“{label}”只有空白或看不见的字符，请填写。")
        text = ""
    if required and not text:
        return Check("", error=f"请填写“{label}”。")
    if len(text) > max_len:
        return Check(text, error=_too_long(label, len(text), max_len))
    return Check(text)


def clean_text(
    value: object,
    label: str,
    max_len: int,
    *,
    field: str | None = None,
    multiline: bool = False,
    required: bool = False,
    fold: bool = False,
) -> str:
    """:func:`check_text`'s value; its problem raised as a :class:`ValidationError` of ``field``."""
    check = check_text(value, label, max_len, multiline=multiline, required=required, fold=fold)
    if check.error:
        raise ValidationError(check.error, field=field)
    return check.value


def check_int(value: object, label: str, *, minimum: int = 0, maximum: int = INT_MAX) -> Check:
    """A whole number typed or imported (``１２``, ``1,200`` and ``12`` alike) within
    ``minimum``–``maximum`` (``number``); an empty value is ``None``."""
    if isinstance(value, bool):
        return Check("", error=f"“{label}”应为整数。")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and len(value) > 100:  # no whole number a person means
        return Check("", error=f"“{label}”应为整数。")
    else:
        check = check_text(value, label, 100, fold=True)
        if check.error and not check.value:  # a control character, a lone surrogate
            return check
        text = check.value.replace(",", "").replace(" ", "")
        if not text:
            return Check("")
        if not re.fullmatch(r"[+-]?[0-9]{1,30}", text):
            return Check(text, error=f"“{label}”应为整数。")
        number = int(text)
    if number < minimum:
        return Check(str(number), error=f"“{label}”应为不小于{minimum}的整数。")
    if number > maximum:
        return Check(str(number), error=f"“{label}”不能大于 {maximum:,}。")
    return Check(str(number), number=number)


def clean_int(
    value: object, label: str, *, field: str | None = None, minimum: int = 0, maximum: int = INT_MAX
) -> int:
    """:func:`check_int`'s number (required); its problem raised as a :class:`ValidationError`."""
    check = check_int(value, label, minimum=minimum, maximum=maximum)
    if check.error or check.number is None:
        raise ValidationError(check.error or f"请填写“{label}”。", field=field)
    return check.number


def search_text(value: object) -> tuple[str, bool]:
    """What a search looks for: the text without what no card holds (control and formatting
    characters, lone surrogates), cut to :data:`SEARCH_MAX` characters; and whether it was
    cut (the list then says so: :data:`SEARCH_CUT`). A search is never refused."""
    raw = "" if value is None else value if isinstance(value, str) else str(value)
    raw = raw[: 4 * SEARCH_MAX]
    text = "".join(
        " " if category == "Cc" else ch
        for ch in _SURROGATE.sub("", raw)
        if (category := unicodedata.category(ch)) != "Cf"
    )
    text = _SPACES.sub(" ", text).strip()
    return text[:SEARCH_MAX].rstrip(), len(text) > SEARCH_MAX


# --- text and names -------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))  # pasted from web pages
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―－", "-"))


def normalize_text(s: str) -> str:
    """Full-width letters, digits and spaces to half-width (NFKC), zero-width characters
    dropped, trimmed, runs of spaces (the ideographic space included) collapsed to one."""
    text = unicodedata.normalize("NFKC", s or "").translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def normalize_name(s: str) -> str:
    """The key two names are compared by for duplicates: no case, spaces, punctuation or
    symbols, so “北京 海淀科技（有限）公司” and “北京海淀科技(有限)公司” meet."""
    text = normalize_text(s).lower()
    return "".join(ch for ch in text if not _is_punct_or_space(ch))


def _is_punct_or_space(ch: str) -> bool:
    # P: punctuation (（）·、，—…), S: symbols (+ ¥ ©), Z: separators, Cc/Cf: controls.
    category = unicodedata.category(ch)
    return category[0] in "PSZ" or category in ("Cc", "Cf") or ch.isspace()


# --- 统一社会信用代码 ----------------------------------------------------------------------------

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, 16, …
_CREDIT = re.compile(rf"^[{CREDIT_ALPHABET}]{{18}}$")


def credit_check_char(first17: str) -> str:
    """The 18th character of a credit code whose first 17 are ``first17`` (GB 32100-2015)."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def check_credit_code(s: str) -> Check:
    code = re.sub(r"[\s\-]", "", normalize_text(s).translate(_DASHES)).upper()
    if not code:
        return Check("")
    if len(code) == 15 and code.isdigit():
        return Check(
            code,
            error="统一社会信用代码应为18位；15位的是旧工商注册号，请查营业执照上的18位代码。",
        )
    if len(code) != 18:
        return Check(code, error=f"统一社会信用代码应为18位，现在是{len(code)}位。")
    if not _CREDIT.match(code):
        bad = "、".join(sorted({c for c in code if c not in CREDIT_ALPHABET}))
        return Check(
            code, error=f"统一社会信用代码中不能有这些字符：{bad}（不使用 I、O、S、V、Z）。"
        )
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        return Check(
            code,
            warning=f"统一社会信用代码的校验位应为“{expected}”，请核对；"
            "早期发放的代码可能如此，确认无误可保存。",
        )
    return Check(code)


# --- 居民身份证号 -----------------------------------------------------------------------------

ID_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]  # 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, …
ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    """The 18th character of an ID number whose first 17 digits are ``first17`` (GB 11643)."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def check_id_number(s: str, *, today: dt.date | None = None) -> Check:
    number = re.sub(r"[\s\-]", "", normalize_text(s).translate(_DASHES)).upper()
    if not number:
        return Check("")
    if re.fullmatch(r"\d{15}", number):
        return Check(number, error="15位的旧身份证号已停止使用，请填写18位身份证号。")
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return Check(number, error="身份证号应为18位，前17位是数字，最后一位是数字或 X。")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return Check(number, error="身份证号中的出生日期无效。")
    if birth > (today or dt.date.today()) or birth.year < 1900:
        return Check(number, error="身份证号中的出生日期无效。")
    if id_check_char(number[:17]) != number[17]:
        return Check(number, error="身份证号的校验位不对，请核对是否输错。")
    return Check(number)


def _mask_tail(s: str, keep: int = 4) -> str:
    """Every character but the last ``keep`` (all of them when the value is that short)."""
    if len(s) <= keep:
        return "*" * len(s)
    return "*" * (len(s) - keep) + s[-keep:]


def mask_id_number(s: str) -> str:
    """110105********002X: the region and the last four stay (PIPL, least exposure)."""
    s = (s or "").strip()
    if len(s) <= 10:
        return _mask_tail(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


# --- phones -----------------------------------------------------------------------------------

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_COUNTRY = re.compile(r"^(?:\+86|0086|\(\+?86\))")


def _phone_chars(s: str) -> str:
    return normalize_text(s).translate(_DASHES)


def _mobile_digits(text: str) -> str | None:
    digits = re.sub(r"[\s\-()]", "", text)
    digits = re.sub(r"^(\+86|0086|86)(?=1\d{10}$)", "", digits)
    return digits if _MOBILE.match(digits) else None


def check_mobile(s: str) -> Check:
    text = _phone_chars(s)
    if not text:
        return Check("")
    digits = _mobile_digits(text)
    if digits is None:
        return Check(text, error="手机号应为11位数字，以1开头，第二位是3到9。")
    return Check(digits)


_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x|#|-)\s*(\d{1,6})$", re.IGNORECASE)


def check_phone(s: str) -> Check:
    """A landline with area code (and extension), a 400/800 number, or a mobile.

    Stored as ``0531-88888888``, ``0531-88888888-123``, ``400-123-4567`` or 11 mobile digits.
    A local number without area code is kept as typed (digits) with a warning.
    """
    text = _phone_chars(s)
    if not text:
        return Check("")
    mobile = _mobile_digits(text)
    if mobile is not None:
        return Check(mobile)
    body, extension = text, ""
    if _COUNTRY.match(body):  # +86 531 88888888: the trunk 0 comes back
        rest = re.sub(r"^\(0\)", "0", _COUNTRY.sub("", body).lstrip(" -"))
        body = rest if rest.startswith("0") else "0" + rest
    match = _EXTENSION.search(body)
    if match and _landline_or_service(re.sub(r"\D", "", body[: match.start()])):
        body, extension = body[: match.start()], match.group(1)
    digits = re.sub(r"[\s\-()]", "", body)
    if not digits.isdigit():
        return Check(text, error="电话号码只能有数字、区号括号、“-”和分机号。")
    ext = f"-{extension}" if extension else ""
    if re.fullmatch(r"[48]00\d{7}", digits):
        return Check(f"{digits[:3]}-{digits[3:6]}-{digits[6:]}{ext}")
    split = _landline_split(digits)
    if split is not None:
        return Check(f"{split[0]}-{split[1]}{ext}")
    if re.fullmatch(r"[2-9]\d{6,7}", digits):
        return Check(digits + ext, warning="电话号码未填区号，请补上区号（如 010、0531）。")
    return Check(
        text, error="电话号码格式不对：座机为区号加7到8位号码（如 0531-88888888），手机为11位。"
    )


def _landline_split(digits: str) -> tuple[str, str] | None:
    """Area code (010, 02x: three digits; others four) and a 7–8 digit local number."""
    if not digits.startswith("0") or len(digits) < 2:
        return None
    area_len = 3 if digits[1] in "12" else 4
    area, local = digits[:area_len], digits[area_len:]
    if re.fullmatch(r"0[1-9]\d{1,2}", area) and re.fullmatch(r"[2-9]\d{6,7}", local):
        return area, local
    return None


def _landline_or_service(digits: str) -> bool:
    return _landline_split(digits) is not None or bool(re.fullmatch(r"[48]00\d{7}", digits))


def mask_phone(s: str) -> str:
    """138****5678 for a mobile; a landline keeps its area code and last four digits
    (0531-****8888), an extension is hidden too; anything else shows only its last four."""
    text = (s or "").strip()
    if not text:
        return ""
    check = check_phone(text)
    value = text if check.error else check.value
    if _MOBILE.match(value):
        return value[:3] + "****" + value[-4:]
    parts = value.split("-")
    if len(parts) >= 2 and value[0] in "048" and all(p.isdigit() for p in parts):
        if value.startswith(("400-", "800-")) and len(parts) >= 3:
            head, number, ext = parts[0], parts[1] + parts[2], parts[3:]
        else:
            head, number, ext = parts[0], parts[1], parts[2:]
        masked = f"{head}-{_mask_tail(number)}"
        return masked + "".join("-" + "*" * len(e) for e in ext)
    return _mask_tail(re.sub(r"\s", "", value))


# --- postcode, e-mail, URL ------------------------------------------------------------------


def check_postcode(s: str) -> Check:
    code = re.sub(r"\s", "", normalize_text(s))
    if not code:
        return Check("")
    if not re.fullmatch(r"\d{6}", code):
        return Check(code, error="邮编应为6位数字。")
    return Check(code)


_EMAIL = re.compile(
    r"^[A-Za-z0-9_%+\-]+(\.[A-Za-z0-9_%+\-]+)*@([A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,}$"
)


def _ime_dots(text: str) -> str:
    """A Chinese input method types 。 for the full stop of an address."""
    return text.replace("。", ".")


def check_email(s: str) -> Check:
    text = _ime_dots(normalize_text(s)).replace(" ", "")
    if not text:
        return Check("")
    if not _EMAIL.match(text):
        return Check(text, error="邮箱格式不对，例如 name@example.com。")
    local, _, domain = text.rpartition("@")
    return Check(f"{local}@{domain.lower()}")


@functools.cache
def _url() -> re.Pattern[str]:
    # compiled at the first address checked: ~5 ms, which every start would pay otherwise
    return re.compile(
        r"^(https?://)?([A-Za-z0-9\-\u4e00-\u9fff]+\.)+[A-Za-z\u4e00-\u9fff]{2,}(:\d{1,5})?([/?#]\S*)?$",
        re.IGNORECASE,
    )


def check_url(s: str) -> Check:
    """Host-like text with a dot, with or without ``http(s)://``; stored as typed (no scheme
    is added)."""
    text = _ime_dots(normalize_text(s))
    if not text:
        return Check("")
    if " " in text or not _url().match(text):
        return Check(text, error="网址格式不对，例如 www.example.com。")
    return Check(text)


# --- dates -----------------------------------------------------------------------------------

_DATE_FORMS = (
    re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$"),
    re.compile(r"^(\d{4})(年)(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})()(\d{2})(\d{2})$"),
)
DATE_FORMAT_MESSAGE = "日期格式应为 年-月-日，例如 2026-03-02。"


def parse_date(s: str) -> dt.date | None:
    """2026-03-02, 2026/3/2, 2026.3.2, 20260302 or 2026年3月2日; None if not a real date."""
    text = normalize_text(s).replace(" ", "")
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            year, _, month, day = match.groups()
            try:
                return dt.date(int(year), int(month), int(day))
            except ValueError:
                return None
    return None


def check_date(
    s: str, *, not_after: dt.date | None = None, not_before: dt.date | None = None
) -> Check:
    text = normalize_text(s)
    if not text:
        return Check("")
    value = parse_date(text)
    if value is None:
        return Check(text, error=DATE_FORMAT_MESSAGE)
    if not_after is not None and value > not_after:
        return Check(value.isoformat(), error=f"日期不能晚于 {not_after.isoformat()}。")
    if not_before is not None and value < not_before:
        return Check(value.isoformat(), error=f"日期不能早于 {not_before.isoformat()}。")
    return Check(value.isoformat(), date=value)
