"""Pinyin keys of a name, so the clerk finds 北京海淀科技 by typing ``bjhd`` or ``haidian``.

A clerk types the reading she says, and for a 多音字 that may be either of two: 郑州长城 is
``zzcc`` to one clerk and ``zzzc`` to another, 厦门 ``xiamen`` or ``shamen``, 重庆 ``chongqing``
or ``zhongqing``. A name is found by the initials or the full pinyin of *any* combination of
the readings of its characters:

- a character inside a word of pypinyin's phrase dictionary: its usual reading (pypinyin's
  first) and the readings of *every* word in the name that covers it, not one segmentation's
  (郑州长城 holds 州长 and 长城: 长 is zhang and chang; 银行: 行 hang and xing; 朝阳: zhao and
  chao; 单位: dan; 昌盛: sheng, not the cheng of 盛饭, so ``changcheng`` does not list 昌盛);
- a character no word covers (surnames, place names the dictionary lacks, 单县, 曾氏): every
  reading a clerk may say (:func:`readings`): the usual one, every one some word of the
  dictionary gives it (单 dan, shan, chan; 乐 le, yue, lao) and the surname and
  place readings no word uses (:data:`NAME_READINGS`: 翟 zhai, 区 ou, 浚 xun …).

Readings no word uses (有 wei, 限 wen, 司 ci: pypinyin's dictionary has them) are never keys:
they would make ``wxgs`` find every 有限公司. The words are looked up (a dictionary look-up per
piece that begins as a word does), not segmented: about 40 µs a typical name.

:func:`search_keys` lists the joined combinations (``initials`` and ``full``), the usual readings
first. Real names have few: of the 20,828 names of the 20,000-card benchmark, 71 % have one,
99.6 % at most 6, the most 18. Past :data:`MAX_COMBINATIONS` the lists hold the usual
reading only and ``lattice`` every reading per position (~3 bytes a character), so a name never
costs more than 64 strings; :func:`matches` answers on the lattice exactly (the SQL function
that :mod:`archive_desk.cards._search` asks for those few names). Letters and digits are kept
(lower case, full-width folded by NFKC), punctuation and spaces dropped; a character pypinyin
does not know is skipped.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

MAX_COMBINATIONS = 64

# Readings of surnames (百家姓) and place names that no word of pypinyin's phrase dictionary
# gives the character; each is one of pypinyin's own readings of it (a test holds that).
NAME_READINGS: dict[str, tuple[str, ...]] = {
    "翟": ("zhai",), "区": ("ou",), "覃": ("qin",), "盖": ("ge",), "种": ("chong",),
    "缪": ("miao",), "召": ("shao",), "员": ("yun",), "阚": ("kan",), "洗": ("xian",),
    "宓": ("fu",), "祭": ("zhai",), "繁": ("po",), "浚": ("xun",), "洞": ("tong",),
    "涌": ("chong",), "筠": ("jun",), "珲": ("hun",),
}  # fmt: skip

# CJK ideographs: 〇, Extension A, the basic block, compatibility ideographs, Extensions B–G. A
# test of code points rather than a character class: compiling that class cost ~6 ms per start.
_HAN_RANGES = ((0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
               (0x20000, 0x3134F))  # fmt: skip


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _HAN_RANGES)


_KEEP = re.compile(r"[a-z0-9]+")
_READING = re.compile(r"^[a-z]+$")
_NAMES, _POSITIONS, _CHOICES, _RUN = " | ", " ", ",", "="  # the lattice's separators


@dataclass(frozen=True)
class SearchKeys:
    """Pinyin initials and full pinyin of one name, every combination of readings a separate
    string; past :data:`MAX_COMBINATIONS` only the usual one, and ``lattice`` holds every
    reading per position instead (see :func:`matches`); "" otherwise."""

    initials: tuple[str, ...] = ()
    full: tuple[str, ...] = ()
    lattice: str = ""


def _no_reading(char: str) -> list[str]:
    """pypinyin calls this for each character it has no reading for: no reading, no key."""
    return []


def _pypinyin() -> Any:
    """pypinyin, imported on first use: loading its dictionaries takes ~0.45 s, which the
    program's start should not wait for (the GUI warms it up in the background, see
    :func:`warm_up`)."""
    import pypinyin

    return pypinyin


def warm_up() -> None:
    """Load the dictionaries now (called off the GUI thread after the window shows)."""
    readings("档")


@lru_cache(maxsize=4096)
def _plain(syllable: str) -> str:
    """``lǜ`` → ``lv``, ``shàn`` → ``shan``: what Style.NORMAL gives, but the conversion is
    cached (pypinyin's own style conversion is the larger part of a call)."""
    decomposed = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _words() -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """Per character, the readings the words of pypinyin's phrase dictionary give it, the most
    used first; per first two characters of a word, the longest word that begins so (one pass
    over its ~47,000 words: ~0.1 s, once per process, in the background at start)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    longest: dict[str, int] = {}
    for word, word_readings in _phrases().items():
        for ch, options in zip(word, word_readings, strict=False):
            counts[ch].update(_plain(o) for o in options)
        longest[word[:2]] = max(len(word), longest.get(word[:2], 0))
    by_char = {ch: tuple(r for r, _ in c.most_common()) for ch, c in counts.items()}
    return by_char, longest


@lru_cache(maxsize=8192)
def _usual(ch: str) -> str:
    """The character's usual reading, pypinyin's first ("" for a character it does not know)."""
    pp = _pypinyin()
    own = pp.pinyin(ch, style=pp.Style.TONE, errors=_no_reading)
    return _plain(own[0][0]) if own and own[0] else ""


@lru_cache(maxsize=8192)
def readings(ch: str) -> tuple[str, ...]:
    """Every reading a clerk may say of ``ch`` standing alone, the usual one first: those some
    word gives it and :data:`NAME_READINGS` (see the module's docstring); () for a character
    pypinyin does not know."""
    if not (usual := _usual(ch)):
        return ()
    said = [usual, *_words()[0].get(ch, ()), *NAME_READINGS.get(ch, ())]
    return tuple(r for r in dict.fromkeys(said) if _READING.match(r))


def _in_words(run: str) -> list[list[str]]:
    """Per character of ``run`` (Chinese characters), the readings that every dictionary word
    in ``run`` covering it gives it ([] where no word covers it): all the words, not one
    segmentation's (郑州长城 holds 州长 and 长城: 长 is zhang and chang)."""
    phrases, longest = _phrases(), _words()[1]
    found: list[list[str]] = [[] for _ in run]
    for start in range(len(run) - 1):
        size = longest.get(run[start : start + 2], 0)  # no word begins so: 0
        for end in range(start + 2, min(len(run), start + size) + 1):
            word = phrases.get(run[start:end])
            for k, options in enumerate(word or ()):
                found[start + k] += [_plain(o) for o in options]
    return found


def _phrases() -> dict[str, list[list[str]]]:
    from pypinyin.constants import PHRASES_DICT

    return cast("dict[str, list[list[str]]]", PHRASES_DICT)


def _positions(text: str) -> list[tuple[bool, tuple[str, ...]]]:
    """Per Chinese character ``(True, readings)``: in a dictionary word, its usual reading and
    the words' (银行 hang, xing; 单位 dan; 昌盛 sheng); standing alone, all it may have
    (:func:`readings`: 单县 dan, shan, chan). Per run of other characters ``(False, (its
    letters and digits,))``."""
    out: list[tuple[bool, tuple[str, ...]]] = []
    for han, chars in itertools.groupby(unicodedata.normalize("NFKC", text), _is_han):
        run = "".join(chars)
        if not han:
            if kept := "".join(_KEEP.findall(run.lower())):
                out.append((False, (kept,)))
            continue
        for ch, in_words in zip(run, _in_words(run), strict=True):
            if not (alone := readings(ch)):
                continue  # a character pypinyin does not know
            options = dict.fromkeys([alone[0], *in_words]) if in_words else alone
            out.append((True, tuple(r for r in options if _READING.match(r))))
    return out


def _combinations(options: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Every joined combination of one option per position, distinct, the first options'
    first."""
    return tuple(dict.fromkeys(map("".join, itertools.product(*options))))


def _lattice(positions: list[tuple[bool, tuple[str, ...]]]) -> str:
    """``zheng zhou chang,zhang =abc``: positions by spaces, readings by commas, a run of
    letters and digits marked with ``=`` (its initials are the whole run)."""
    return _POSITIONS.join(
        _CHOICES.join(options) if han else _RUN + options[0] for han, options in positions
    )


def search_keys(text: str) -> SearchKeys:
    """The pinyin initials and full pinyin of ``text`` (a name): every combination of readings,
    or past :data:`MAX_COMBINATIONS` the usual one and the lattice."""
    positions = _positions(text or "")
    if not positions:
        return SearchKeys()
    full = [options for _, options in positions]
    initials = [
        tuple(dict.fromkeys(o[0] for o in options)) if han else options
        for han, options in positions
    ]
    if math.prod(len(o) for o in full) <= MAX_COMBINATIONS:
        return SearchKeys(initials=_combinations(initials), full=_combinations(full))
    first = [o[:1] for o in full]
    return SearchKeys(
        initials=_combinations([o[:1] for o in initials]),
        full=_combinations(first),
        lattice=_lattice(positions),
    )


def index_keys(names: Iterable[str]) -> tuple[str, str, str]:
    """The (initials, full, lattice) a card's names are found by, each joined by `` | ``: every
    combination of readings of each name, and the lattices of the names that have too many."""
    keys = [search_keys(n) for n in names if n]
    return (
        _NAMES.join(v for k in keys for v in k.initials),
        _NAMES.join(v for k in keys for v in k.full),
        _NAMES.join(k.lattice for k in keys if k.lattice),
    )


Choices = tuple[tuple[str, ...], ...]


@lru_cache(maxsize=4096)
def _parse(lattice: str) -> tuple[tuple[frozenset[str], Choices, Choices], ...]:
    """Per name of a lattice: its letters, its full-pinyin and its initials choices."""
    out = []
    for name in lattice.split(_NAMES):
        full: list[tuple[str, ...]] = []
        initials: list[tuple[str, ...]] = []
        for position in name.split(_POSITIONS):
            if position.startswith(_RUN):
                full.append((position[1:],))
                initials.append((position[1:],))
            elif position:
                options = tuple(position.split(_CHOICES))
                full.append(options)
                initials.append(tuple(dict.fromkeys(o[0] for o in options)))
        out.append((frozenset(name) - {_RUN, _CHOICES, " "}, tuple(full), tuple(initials)))
    return tuple(out)


def _on_a_path(term: str, choices: Choices) -> bool:
    """Whether ``term`` is a piece of one choice per position, joined: the offsets into
    ``term`` reached at each position's start are carried along (at most ``len(term)``)."""
    reached: set[int] = set()
    for options in choices:
        after: set[int] = set()
        for option in options:
            if term in option:
                return True
            start = option.find(term[0], 1)  # the term begins inside this option
            while start != -1:
                if term.startswith(option[start:]):
                    after.add(len(option) - start)
                start = option.find(term[0], start + 1)
            if term.startswith(option):
                after.add(len(option))
            for k in reached:
                rest = term[k:]
                if option.startswith(rest):
                    return True
                if rest.startswith(option):
                    after.add(k + len(option))
        reached = after
    return False


def matches(term: str, lattice: str) -> bool:
    """Whether ``term`` (lower case, no spaces) is a piece of the initials or the full pinyin
    of some combination of readings of a name in ``lattice`` (names joined by `` | ``, as
    :mod:`archive_desk.cards._search` stores them). ~2–20 µs a name."""
    if not term or not lattice:
        return False
    letters = set(term)
    return any(
        letters <= known and (_on_a_path(term, full) or _on_a_path(term, initials))
        for known, full, initials in _parse(lattice)
    )
