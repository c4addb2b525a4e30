"""Regions, categories and salespeople named in a ledger, found among the archive's.

A region is found by its name (上海, 上海市), its path in any writing (华东 › 上海, 华东/上海,
华东区-上海) or its code; a category by its code, its name or both (“GY 工业客户”); a salesperson
by name. What is not found is the clerk's choice in the preview: create it, or take an existing
one instead (:class:`~archive_desk.importing._run.Choices`), which :func:`candidates` offers, the
most similar first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from archive_desk import cards, validation

_SEPARATORS = re.compile(r"\s*(?:›|>|/|／|\\|-|－|—|–|\||,|，|、)\s*|\s+")
_SUFFIX = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|地区|省|市|区)$")
CODE = re.compile(r"^[A-Z0-9]{1,10}$")


def region_parts(text: str) -> list[str]:
    return [p for p in _SEPARATORS.split(validation.normalize_text(text)) if p]


def _bare(name: str) -> str:
    return _SUFFIX.sub("", name) or name


@dataclass(frozen=True)
class Found:
    id: int | None
    retired: bool = False


class Resolver:
    """The archive's regions, categories and salespeople, read once per check."""

    def __init__(self) -> None:
        self.regions = cards.list_regions()
        self.categories = cards.list_categories()
        self.people = cards.salespeople()
        self._region_cache: dict[str, Found] = {}

    def region(self, text: str) -> Found:
        key = validation.normalize_text(text)
        if key not in self._region_cache:
            self._region_cache[key] = self._region(key)
        return self._region_cache[key]

    def _region(self, text: str) -> Found:
        parts = region_parts(text)
        if not parts:
            return Found(None)
        by_code = [r for r in self.regions if r.code and r.code == text.upper()]
        if len(by_code) == 1:
            return Found(by_code[0].id, by_code[0].retired)
        for strip in (False, True):
            wanted = [_bare(p) if strip else p for p in parts]
            hits = []
            for r in self.regions:
                path = r.path.split(" › ")
                names = [_bare(n) if strip else n for n in path]
                if names[-len(wanted) :] == wanted and len(names) >= len(wanted):
                    hits.append(r)
            if len(hits) == 1:
                return Found(hits[0].id, hits[0].retired)
            if len(hits) > 1:
                exact = [h for h in hits if len(h.path.split(" › ")) == len(wanted)]
                if len(exact) == 1:
                    return Found(exact[0].id, exact[0].retired)
        return Found(None)

    def category(self, text: str) -> Found:
        key = validation.normalize_text(text)
        if not key:
            return Found(None)
        first = key.split(" ", 1)[0].upper()
        for c in self.categories:
            if c.code == key.upper() or c.code == first or c.name == key:
                return Found(c.id, c.retired)
        rest = key.split(" ", 1)[-1]
        for c in self.categories:
            if c.name == rest:
                return Found(c.id, c.retired)
        return Found(None)

    def salesperson(self, text: str) -> Found:
        key = validation.normalize_text(text)
        hits = [pid for pid, name in self.people if name == key]
        return Found(hits[0] if hits else None)

    def new_category(self, text: str) -> tuple[str, str]:
        """(code, name) for a category the ledger names and the archive lacks: “GY 工业” →
        (GY, 工业); a code alone is its own name; a name alone gets the initials of its pinyin
        (工程客户 → GCKH), made unique."""
        key = validation.normalize_text(text)
        first, _, rest = key.partition(" ")
        if CODE.match(first.upper()) and first.isascii():
            return first.upper(), (rest or first.upper())
        from pypinyin import Style, lazy_pinyin

        letters = "".join(p[:1] for p in lazy_pinyin(key, style=Style.NORMAL, errors="ignore"))
        base = re.sub(r"[^A-Z0-9]", "", letters.upper())[:8] or "LB"
        taken = {c.code for c in self.categories}
        code, n = base, 1
        while code in taken:
            n += 1
            code = f"{base}{n}"[:10]
        return code, key


@dataclass(frozen=True)
class Option:
    """An existing region, category or salesperson the clerk may take for a ledger's name."""

    id: int
    label: str  # a region's path (华东 › 上海), a category's code and name, a person's name


def candidates(kind: str, text: str) -> list[Option]:
    """Every region, category or salesperson in use (retired ones cannot be chosen) for the
    ledger's unknown ``text``, the most similar first: by the longest run of characters they
    share (doubled when one holds the other), then by how much matches in all
    (:class:`difflib.SequenceMatcher`) — 西南/天府新区 puts 西南 and the regions under it first,
    王五 puts 王伍 first. Ties keep the archive's order."""
    resolver = Resolver()
    options: list[tuple[Option, list[str]]]
    if kind == "region":
        options = [
            (Option(r.id, r.path), [r.name, _bare(r.name), "".join(r.path.split(" › "))])
            for r in resolver.regions
            if not r.retired
        ]
        wanted = ["".join(region_parts(text)), *[_bare(p) for p in region_parts(text)[-1:]]]
    elif kind == "category":
        options = [
            (Option(c.id, f"{c.code} {c.name}"), [c.code, c.name, f"{c.code} {c.name}"])
            for c in resolver.categories
            if not c.retired
        ]
        wanted = [validation.normalize_text(text)]
    else:
        options = [(Option(pid, name), [name]) for pid, name in resolver.people]
        wanted = [validation.normalize_text(text)]
    scores = [_similarity(wanted, keys) for _, keys in options]
    order = sorted(range(len(options)), key=lambda k: (-scores[k][0], -scores[k][1]))
    return [options[k][0] for k in order]


def _similarity(wanted: list[str], keys: list[str]) -> tuple[int, float]:
    """The longest run of characters a wanted text and a key share (a whole one held by the
    other counts double), then how much of them matches in all."""
    best = (0, 0.0)
    for a in (w.lower() for w in wanted if w):
        for b in (k.lower() for k in keys if k):
            matcher = SequenceMatcher(None, a, b, autojunk=False)
            run = matcher.find_longest_match(0, len(a), 0, len(b)).size
            best = max(best, (run * (2 if a in b or b in a else 1), matcher.ratio()))
    return best
