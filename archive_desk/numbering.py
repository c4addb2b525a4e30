"""Numbers that are unique, never changed and never reused.

An archive number comes from a pattern with the tokens ``{category}`` (category code),
``{region}`` (region code), ``{year}`` (four digits), ``{yy}`` and ``{seq:N}`` (the sequence,
zero-padded to N digits); the default ``{category}{year}{seq:3}`` gives ``GY2026001``. The
sequence counts per rendered prefix and only ever goes up, in the :class:`Sequence` table, inside
the caller's transaction, so a destroyed card's number is never handed out again; the cards
take up a sequence past the highest number a card holds in it (``after``), so a gap in numbers
brought in from a ledger — perhaps a card destroyed on paper — is never filled either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from peewee import Case

from archive_desk.db.models import Sequence
from archive_desk.db.prepared import Slot, prepared
from archive_desk.errors import ValidationError

TOKEN = re.compile(r"\{(category|region|year|yy|seq(?::(\d))?)\}")


def validate_pattern(pattern: str) -> None:
    if not pattern.strip():
        raise ValidationError("档案编号规则不能为空。", field="archive_no.pattern")
    seqs = re.findall(r"\{seq(?::\d)?\}", pattern)
    if len(seqs) != 1:
        raise ValidationError(
            "档案编号规则必须恰好包含一个序号 {seq:N}，例如 {category}{year}{seq:3}。",
            field="archive_no.pattern",
        )
    stripped = TOKEN.sub("", pattern)
    if "{" in stripped or "}" in stripped:
        raise ValidationError(
            "档案编号规则中有无法识别的标记。可用：{category} {region} {year} {yy} {seq:N}。",
            field="archive_no.pattern",
        )
    if not re.fullmatch(r"[A-Za-z0-9\-_.·/]*", stripped):
        raise ValidationError(
            "档案编号规则的固定部分只能使用字母、数字和 - _ . / ·。", field="archive_no.pattern"
        )
    if _longest_number(pattern) > ARCHIVE_NO_MAX:
        raise ValidationError(
            f"按这个规则生成的档案编号可能超过 {ARCHIVE_NO_MAX} 个字符，请缩短固定部分或去掉"
            "某些标记。",
            field="archive_no.pattern",
        )


ARCHIVE_NO_MAX = 40  # the archive number's column
# the longest each token writes: a category or region code (ten letters or digits), the year; a
# sequence can outgrow its width (1000 with {seq:3}): a million numbers are allowed for
_TOKEN_LONGEST = {"category": 10, "region": 10, "year": 4, "yy": 2}


def _longest_number(pattern: str) -> int:
    fixed = len(TOKEN.sub("", pattern))
    tokens = TOKEN.finditer(pattern)
    return fixed + sum(_TOKEN_LONGEST.get(m.group(1), max(6, int(m.group(2) or 1))) for m in tokens)


def next_value(name: str) -> int:
    """Increment and return the counter ``name`` (call inside a transaction)."""
    return next_values(name, 1)[0]


def next_values(name: str, count: int, after: int = 0) -> range:
    """Move the counter ``name`` on by ``count`` — from ``after`` if it stands lower — and
    return the values passed (call inside a transaction): an import numbers its cards with one
    statement per sequence.

    One statement creates the counter at ``after + count`` or moves it on, and returns the new
    value: the row stays locked until the caller's transaction ends, so a second clerk numbering
    the same prefix waits and then gets the next values (never the same), and a rolled-back
    transaction takes its increment with it (no gap) — which a database sequence would not do."""
    bump = prepared(
        "sequence.next",
        lambda: (
            Sequence.insert(name=Slot("name"), value=Slot("start"))
            .on_conflict(
                conflict_target=[Sequence.name],
                update={
                    Sequence.value: Case(
                        None, [(Sequence.value < Slot("after"), Slot("after"))], Sequence.value
                    )
                    + Slot("count")
                },
            )
            .returning(Sequence.value)
        ),
    )
    last = int(bump.rows(name=name, start=after + count, after=after, count=count)[0][0])
    return range(last - count + 1, last + 1)


def counter_problems(numbers: Iterable[str]) -> list[str]:
    """``archive-desk check``: every counter is at least the highest sequence of the numbers in
    use that it counts (archive numbers and document numbers), so its next number is new. In
    Chinese; empty when they agree."""
    counters: list[tuple[re.Pattern[str], str, int]] = []
    rows: Any = Sequence.select(Sequence.name, Sequence.value).tuples()
    for name, value in rows:
        if name.startswith("archive_no:"):
            head, _, tail = name.removeprefix("archive_no:").partition("#")
            pattern = re.compile(re.escape(head) + r"(\d+)" + re.escape(tail))
        elif name.startswith("doc:"):
            pattern = re.compile(re.escape(name.removeprefix("doc:")) + r"-(\d+)")
        else:
            continue
        counters.append((pattern, name, int(value)))
    highest: dict[str, tuple[int, str]] = {}
    for number in numbers:
        for pattern, name, _value in counters:
            found = pattern.fullmatch(number)
            if found and int(found.group(1)) > highest.get(name, (0, ""))[0]:
                highest[name] = (int(found.group(1)), number)
    return [
        f"编号计数器 {name} 为 {value}，但编号 {highest[name][1]} 已在使用：下一个编号会重复"
        for _pattern, name, value in counters
        if highest.get(name, (0, ""))[0] > value
    ]


def render_archive_no(pattern: str, *, category: str, region: str, year: int) -> tuple[str, str]:
    """Render the parts before and after the sequence: returns (prefix_key, template)."""

    def fill(match: re.Match[str]) -> str:
        token = match.group(1)
        if token == "category":
            return category
        if token == "region":
            return region
        if token == "year":
            return f"{year:04d}"
        if token == "yy":
            return f"{year % 100:02d}"
        return "\0"  # the sequence's place

    template = TOKEN.sub(fill, pattern)
    return template.replace("\0", "#"), template


def next_archive_no(pattern: str, *, category: str, region: str, year: int) -> str:
    """The next unused archive number for the pattern (call inside the card's transaction)."""
    return next_archive_nos(pattern, category=category, region=region, year=year, count=1)[0]


def next_archive_nos(
    pattern: str, *, category: str, region: str, year: int, count: int, after: int = 0
) -> list[str]:
    """The pattern's next ``count`` numbers, in order, all past the sequence value ``after``
    (call inside the cards' transaction)."""
    validate_pattern(pattern)
    width_match = re.search(r"\{seq(?::(\d))?\}", pattern)
    width = int(width_match.group(1) or 1) if width_match else 1
    key, template = render_archive_no(pattern, category=category, region=region, year=year)
    values = next_values("archive_no:" + key, count, after)
    return [template.replace("\0", f"{value:0{width}d}") for value in values]


def sequence_of(number: str, template: str) -> int | None:
    """The sequence value of ``number`` if it is one of ``template``'s (a rendered pattern, see
    :func:`render_archive_no`; letters compared in upper case), else None."""
    before, _, after = template.upper().partition("\0")
    text = number.upper()
    digits = text[len(before) : len(text) - len(after)]
    if text.startswith(before) and text.endswith(after) and digits.isdigit():
        return int(digits)
    return None


def next_document_no(prefix: str, year: int, width: int = 4) -> str:
    """Numbers of applications, handovers, proposals: e.g. ``JY2026-0001``."""
    value = next_value(f"doc:{prefix}{year}")
    return f"{prefix}{year}-{value:0{width}d}"
