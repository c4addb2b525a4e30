"""Finding cards as the clerk types.

A card is found by any part of its name or a former name (one Chinese character and up), by
pinyin initials (``bjhd``) or full pinyin of those names (every reading of a heteronym), by
archive number, credit code, phone, or a contact person's name or mobile.

:func:`index_card` keeps the portable ``card_search`` row of each card (lower-cased text, pinyin
initials and full pinyin) and its ``card_gram`` rows: every one- and two-character piece of that
text holding a non-ASCII character (:func:`grams`), so a one- or two-character Chinese term is an
index range, on both stores.

- **SQLite**: the same text also goes into the FTS5 ``card_fts`` table with the trigram
  tokenizer, which answers terms of three or more characters from its index. Other short terms
  (one or two ASCII characters) scan ``card_search`` with ``instr`` (a plain substring test;
  SQLite 3.40's ``LIKE`` against trigram tables is buggy, see TESTING.md).
- **PostgreSQL**: terms of three characters and more, and ASCII terms, are ``LIKE '%term%'``
  (the pattern escaped; the text is lower case already) on ``card_search``, answered by the
  pg_trgm GIN indexes of migration 0012 (``trgm``: text, initials and full pinyin; ``trgm_text``:
  the text alone, for a term holding a Chinese character).

The pinyin columns list every combination of readings of each name (:mod:`archive_desk.pinyin`).
A name with more than :data:`~archive_desk.pinyin.MAX_COMBINATIONS` lists its usual reading only
and keeps its reading lattice in ``card_pinyin`` (0007; 0012 on PostgreSQL): an ASCII term also
asks :func:`archive_desk.pinyin.matches` about those few rows — on SQLite as the SQL function
``pinyin_match`` registered on each thread's connection, on PostgreSQL in Python over the rows
read (:func:`_lattice_matches`), the ids found passed to the query as an array.

:func:`restrict` makes a card query start from the matching ids (``matches CROSS JOIN card``).

With :mod:`archive_desk.db.connection` and :mod:`archive_desk.db.postgres`, this module is where
the program knows which database it runs on (:func:`archive_desk.db.store.kind`).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, cast

from peewee import JOIN, OP, SQL, Expression, Node, NodeList, Select, SqliteDatabase, Value, fn

from archive_desk import pinyin, validation
from archive_desk.db import store
from archive_desk.db.models import (
    Card,
    CardFormerName,
    CardGram,
    CardSearch,
    ContactPerson,
    database,
)
from archive_desk.db.prepared import Slot

_PHONE_LIKE = re.compile(r"^[\d\-\s()（）+]+$")
_SEP = " | "


def _fts_available() -> bool:
    db = database.obj
    if not isinstance(db, SqliteDatabase):
        return False
    cache = getattr(db, "_archive_desk_fts", None)
    if cache is None:
        cache = bool(
            db.execute_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'card_fts'"
            ).fetchone()
        )
        db._archive_desk_fts = cache  # type: ignore[attr-defined]
    return bool(cache)


def _norm(text: str) -> str:
    return validation.normalize_text(text).lower()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def index_values(
    name: str,
    archive_no: str,
    credit_code: str,
    phones: Iterable[str],
    former_names: Iterable[str],
    contacts: Iterable[tuple[str, str]],
) -> tuple[str, str, str, str]:
    """The (text, initials, full, lattice) a card is found by."""
    names = [name, *former_names]
    text = search_text(names, archive_no, credit_code, phones, contacts)
    return (text, *pinyin.index_keys(names))


def search_text(
    names: Iterable[str],
    archive_no: str,
    credit_code: str,
    phones: Iterable[str],
    contacts: Iterable[tuple[str, str]],
) -> str:
    """The plain text a card is found by: its names, number, codes, phones and contacts."""
    parts = [*names, archive_no, credit_code]
    for phone in phones:
        if phone:
            parts += [phone, _digits(phone)]
    for contact_name, mobile in contacts:
        parts += [contact_name, mobile]
    return _SEP.join(_norm(p) for p in parts if p)


def grams(text: str) -> set[str]:
    """The one- and two-character pieces of ``text`` (a card's search text) that hold a
    non-ASCII character and no space. A term without spaces of one or two characters, one of
    them non-ASCII, is in ``text`` exactly when it is one of these."""
    out: set[str] = set()
    for word in text.split():
        if not word.isascii():
            out.update(word)
            out.update(map(str.__add__, word, word[1:]))
    return {g for g in out if not g.isascii()}


def _write_rows(
    values: list[tuple[int, str, str, str, str]],
    *,
    grams_cleared: bool = False,
    lattices: bool = True,
) -> None:
    """Upsert ``(card_id, text, initials, full, lattice)`` rows into ``card_search`` (and
    ``card_fts``, ``card_pinyin``) and bring the cards' ``card_gram`` rows to the new text.
    ``grams_cleared``: the cards have no ``card_gram`` or ``card_pinyin`` rows
    (:func:`reindex_all` emptied the tables)."""
    if not values:
        return
    rows = [v[:4] for v in values]
    old: dict[int, str] = {}
    if not grams_cleared:
        found: Any = (
            CardSearch.select(CardSearch.card, CardSearch.text)
            .where(CardSearch.card.in_([r[0] for r in rows]))
            .tuples()
        )
        old = dict(found)
    _upsert_search_rows(rows)
    added: list[tuple[str, int]] = []
    removed: list[tuple[str, int]] = []
    for card_id, text, _initials, _full in rows:
        new, before = grams(text), grams(old.get(card_id, ""))
        added += [(g, card_id) for g in new - before]
        removed += [(g, card_id) for g in sorted(before - new)]
    added.sort()
    db = database.obj
    if isinstance(db, SqliteDatabase):
        # one prepared statement for all: a DELETE built by peewee per card cost ~0.9 ms each
        # when many cards lose their contacts at once (a destruction)
        db.cursor().executemany("DELETE FROM card_gram WHERE gram = ? AND card_id = ?", removed)
    else:
        gone: dict[int, list[str]] = defaultdict(list)
        for gram, card_id in removed:
            gone[card_id].append(gram)
        for card_id, lost in gone.items():
            CardGram.delete().where(
                (CardGram.card_id == card_id) & CardGram.gram.in_(lost)
            ).execute()
    if isinstance(db, SqliteDatabase):
        # the raw cursor: peewee's insert_many costs ~10 µs a row, and a reindex writes millions
        db.cursor().executemany(
            "INSERT OR IGNORE INTO card_gram (gram, card_id) VALUES (?, ?)", added
        )
    else:
        for start in range(0, len(added), 1000):
            CardGram.insert_many(
                added[start : start + 1000], fields=[CardGram.gram, CardGram.card_id]
            ).on_conflict_ignore().execute()
    if _fts_available():
        cursor = db.cursor()
        cursor.executemany("DELETE FROM card_fts WHERE rowid = ?", [(r[0],) for r in rows])
        cursor.executemany(
            "INSERT INTO card_fts (rowid, text, initials, full) VALUES (?, ?, ?, ?)", rows
        )
    if lattices:
        _write_lattices(db, values, cleared=grams_cleared)


def _upsert_search_rows(rows: list[tuple[int, str, str, str]]) -> None:
    """Insert or replace the ``card_search`` rows ``(card_id, text, initials, full)``."""
    db = database.obj
    if isinstance(db, SqliteDatabase):
        # the raw cursor: peewee builds one statement of every row (0.2 s for an import's
        # 10,000 cards, against 30 ms for SQLite to run them)
        db.cursor().executemany(
            "INSERT INTO card_search (card_id, text, initials, full) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (card_id) DO UPDATE SET text = excluded.text,"
            " initials = excluded.initials, full = excluded.full",
            rows,
        )
        return
    CardSearch.insert_many(
        rows, fields=[CardSearch.card, CardSearch.text, CardSearch.initials, CardSearch.full]
    ).on_conflict(
        conflict_target=[CardSearch.card],
        update={
            CardSearch.text: SQL("excluded.text"),
            CardSearch.initials: SQL("excluded.initials"),
            CardSearch.full: SQL("excluded.full"),
        },
    ).execute()


def _write_lattices(
    db: Any, values: list[tuple[int, str, str, str, str]], *, cleared: bool
) -> None:
    """Bring ``card_pinyin`` (the cards whose names have too many readings to list, 0007) to
    ``values``."""
    p = db.param
    cursor = db.cursor()
    if not cleared:
        cursor.executemany(
            f"DELETE FROM card_pinyin WHERE card_id = {p}", [(v[0],) for v in values]
        )
    lattices = [(v[0], v[4]) for v in values if v[4]]
    if lattices:
        cursor.executemany(
            f"INSERT INTO card_pinyin (card_id, lattice) VALUES ({p}, {p})", lattices
        )


def index_card(card_id: int) -> None:
    """Rebuild the search row of one card (call inside the transaction that changed it)."""
    card = Card.get_by_id(card_id)
    former = [
        f.name
        for f in CardFormerName.select()
        .where(CardFormerName.card == card_id)
        .order_by(CardFormerName.id)
    ]
    contacts = [
        (c.name, c.mobile)
        for c in ContactPerson.select()
        .where(ContactPerson.card == card_id)
        .order_by(ContactPerson.id)
    ]
    values = index_values(
        card.name, card.archive_no, card.credit_code, (card.phone, card.fax), former, contacts
    )
    _write_rows([(card_id, *values)])


def reindex_all(batch: int = 2000) -> int:
    """Rebuild every card's search row (after a bulk import). Returns the number of cards.

    Works ``batch`` cards at a time: one query each for the cards, their former names and their
    contacts, one bulk write, one transaction (the per-card path cost ~3 ms a card).
    """
    CardGram.delete().execute()  # rebuilt below, batch by batch
    database.execute_sql("DELETE FROM card_pinyin")
    count, last = 0, 0
    while True:
        cards: Any = (
            Card.select(Card.id, Card.name, Card.archive_no, Card.credit_code, Card.phone, Card.fax)
            .where(Card.id > last)
            .order_by(Card.id)
            .limit(batch)
            .tuples()
        )
        found = list(cards)
        if not found:
            return count
        last = found[-1][0]
        with database.atomic():
            _write_rows(_values_of(found), grams_cleared=True)
        count += len(found)


def _former_names(where: Any) -> dict[int, list[str]]:
    """The former names of the cards ``where`` (a condition on ``CardFormerName.card``) asks
    for, each card's oldest first."""
    former: dict[int, list[str]] = defaultdict(list)
    rows: Any = (
        CardFormerName.select(CardFormerName.card, CardFormerName.name)
        .where(where)
        .order_by(CardFormerName.id)
        .tuples()
    )
    for card_id, name in rows:
        former[card_id].append(name)
    return former


def _values_of(found: list[Any]) -> list[tuple[int, str, str, str, str]]:
    """The search rows of ``found`` (``(id, name, number, credit code, phone, fax)`` in id
    order): one query each for their former names and their contacts."""
    first, last = found[0][0], found[-1][0]
    former = _former_names(CardFormerName.card.between(first, last))
    contacts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    rows: Any = (
        ContactPerson.select(ContactPerson.card, ContactPerson.name, ContactPerson.mobile)
        .where(ContactPerson.card.between(first, last))
        .order_by(ContactPerson.id)
        .tuples()
    )
    for card_id, name, mobile in rows:
        contacts[card_id].append((name, mobile))
    return [
        (
            card_id,
            *index_values(name, number, credit, (phone, fax), former[card_id], contacts[card_id]),
        )
        for card_id, name, number, credit, phone, fax in found
    ]


def index_cards(card_ids: Iterable[int], batch: int = 2000) -> None:
    """Build the search rows of many cards at once (call inside the transaction that wrote
    them, e.g. an import's): :func:`index_card`'s work in a few queries per ``batch`` cards."""
    ids = sorted(set(card_ids))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        found: Any = (
            Card.select(Card.id, Card.name, Card.archive_no, Card.credit_code, Card.phone, Card.fax)
            .where(Card.id.in_(chunk))
            .order_by(Card.id)
            .tuples()
        )
        rows = list(found)
        if rows:
            _write_rows(_values_of(rows))


def forget_personal(card_ids: Iterable[int], batch: int = 500) -> None:
    """Rewrite the search text of cards whose phones and contact people are gone (a destroyed
    card's): their names, number and codes stay, and with the names their pinyin, which is kept
    as it is (working the readings out again is the dearest part of a search row, and on a
    cold start loads pypinyin's dictionaries, ~1 s)."""
    ids = sorted(set(card_ids))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        cards: Any = (
            Card.select(Card.id, Card.name, Card.archive_no, Card.credit_code, Card.phone, Card.fax)
            .where(Card.id.in_(chunk))
            .tuples()
        )
        former = _former_names(CardFormerName.card.in_(chunk))
        kept: Any = (
            CardSearch.select(CardSearch.card, CardSearch.initials, CardSearch.full)
            .where(CardSearch.card.in_(chunk))
            .tuples()
        )
        pinyins = {card_id: (initials, full) for card_id, initials, full in kept}
        values = []
        for card_id, name, number, credit, phone, fax in cards:
            text = search_text([name, *former[card_id]], number, credit, (phone, fax), ())
            initials, full = pinyins.get(card_id, ("", ""))
            values.append((card_id, text, initials, full, ""))
        _write_rows(values, lattices=False)


MAX_TERMS = 8  # words of one search; each is one look-up (an ASCII letter: a scan of every card)
TERMS_CUT = f"搜索词过多，只按其中最长的 {MAX_TERMS} 个查找。"


def _split(query: str) -> tuple[list[str], bool]:
    """The terms of ``query`` and whether some were left out (past :data:`MAX_TERMS`).

    What no card holds is dropped first and the query cut to its first
    :data:`~archive_desk.validation.SEARCH_MAX` characters (:func:`validation.search_text`),
    so nothing reaches an index that it cannot take (a NUL ended the FTS5 query's string; a
    lone surrogate cannot be encoded; a term of 10,000 digits took 2.6 s and 290 MB at 20,000
    cards, 5,000 terms overflowed the query builder's recursion). A term repeated, or found
    inside a longer one, adds nothing (every look-up finds a piece of a column): it goes."""
    q = _norm(validation.search_text(query)[0])
    if not q:
        return [], False
    if _PHONE_LIKE.match(q) and len(_digits(q)) >= 3:
        return [_digits(q)], False
    words = list(dict.fromkeys(q.split()))
    words = [w for w in words if not any(w != other and w in other for other in words)]
    longest = set(sorted(words, key=len, reverse=True)[:MAX_TERMS])
    return [w for w in words if w in longest], len(words) > MAX_TERMS


def terms(query: str) -> list[str]:
    """Split a query into terms (:func:`_split`); a phone written with spaces or hyphens becomes
    its digits."""
    return _split(query)[0]


def note(query: str) -> str:
    """What the list says of a search it did not take whole (cut, or too many words), or ``""``."""
    said = [validation.SEARCH_CUT] if validation.search_text(query)[1] else []
    return "".join(said + ([TERMS_CUT] if _split(query)[1] else []))


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _kind(term: str) -> str:
    """How a term is looked up: ``gram``; on SQLite ``fts``, ``text``, ``pinyin`` or ``short``
    (an ASCII term: the trigram index or instr on every column, and the reading lattices); on
    PostgreSQL ``trgm_text`` or ``trgm`` (an ASCII term: every column, and the lattices)."""
    if len(term) <= 2 and not term.isascii():
        # one or two characters, one of them Chinese: an index range of card_gram (exact, see
        # grams), where the trigram index cannot answer and instr reads every card's text
        return "gram"
    if store.kind() == store.POSTGRESQL:
        return "trgm" if term.isascii() else "trgm_text"
    if not term.isascii():
        # pinyin keys are ASCII: a term with a Chinese character can only be in the text, and
        # not reading the long pinyin columns halves a one-character search at 100,000 cards
        return "fts" if len(term) >= 3 and _fts_available() else "text"
    _ensure_pinyin_match()
    return "pinyin" if len(term) >= 3 and _fts_available() else "short"


_LOCAL = threading.local()


def _ensure_pinyin_match() -> None:
    """Give this thread's connection the SQL function ``pinyin_match(term, lattice)``
    (:func:`archive_desk.pinyin.matches`), which the ASCII lookups call on ``card_pinyin``.
    Checked on each search: peewee keeps one connection per thread and opens new ones."""
    conn = database.connection()
    if getattr(_LOCAL, "conn", None) is not conn:
        conn.create_function("pinyin_match", 2, pinyin.matches, deterministic=True)
        _LOCAL.conn = conn


def _value(term: str) -> str:
    kind = _kind(term)
    if kind in ("fts", "pinyin"):
        return _fts_phrase(term)
    if kind.startswith("trgm"):
        return _like_pattern(term)
    return term


def _like_pattern(term: str) -> str:
    """``%term%`` for ``LIKE`` with the term's own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _lattice_matches(term: str) -> list[int]:
    """PostgreSQL: the cards whose reading lattices (few: names past the cap of listed
    combinations) hold the ASCII ``term``, tested in Python as SQLite's ``pinyin_match`` does."""
    rows = database.execute_sql("SELECT card_id, lattice FROM card_pinyin").fetchall()
    return [card_id for card_id, lattice in rows if pinyin.matches(term, lattice)]


def _lattice_ids(term: Any) -> NodeList:
    """The cards whose names have more combinations of readings than are listed (few, see
    :mod:`archive_desk.pinyin`) and one of them holds ``term``: each lattice is tested by the SQL
    function, in Python. ``likelihood`` tells the planner that few match: else, on a file with
    ANALYZE statistics for ``card`` and none for ``card_pinyin`` (a million rows assumed), it
    builds a Bloom filter over every card before the look-ups by id (hxkj at 20,000 cards: 0.2
    → 8 ms)."""
    if isinstance(term, str):
        # as it is: inside ``CardSearch.card.in_(…)`` peewee converts a value as a card id
        # ("+1" → 1), and pinyin_match failed on a number
        term = Value(term, converter=False)
    return NodeList(
        (SQL("SELECT card_id FROM card_pinyin WHERE likelihood(pinyin_match("), term,
         SQL(", lattice), 0.0001)")),
        glue="",
    )  # fmt: skip


def _lookup(kind: str, value: Any, term: Any) -> Node:
    """The ids of the cards matching a term looked up as ``kind``, as a subquery of one column
    named ``id``; ``value`` is the term (an FTS phrase for ``fts`` and ``pinyin``) or a
    placeholder for it, ``term`` the term itself (or its placeholder)."""
    if kind == "gram":
        return CardGram.select(CardGram.card_id.alias("id")).where(CardGram.gram == value)
    if kind in ("fts", "pinyin"):
        fts = (SQL("SELECT rowid AS id FROM card_fts WHERE card_fts MATCH"), value)
        if kind == "fts":
            return NodeList((SQL("("), *fts, SQL(")")), glue=" ")
        # a card found both ways must come once: the lattices add only cards the index missed
        # (that second look-up runs only when a lattice matches)
        return NodeList(
            (SQL("("), *fts, SQL("UNION ALL"), _lattice_ids(term), SQL("AND card_id NOT IN ("),
             *fts, SQL("))")),
            glue=" ",
        )  # fmt: skip
    cols: tuple[Any, ...] = (CardSearch.text, CardSearch.initials, CardSearch.full)
    if kind in ("text", "trgm_text"):
        cols = cols[:1]
    cond: Expression
    if kind.startswith("trgm"):
        cond = Expression(cols[0], OP.LIKE, value)
        for col in cols[1:]:
            cond |= Expression(col, OP.LIKE, value)
        if kind == "trgm":  # and the cards past the cap of reading combinations
            ids = term if isinstance(term, Slot) else Value(term, unpack=False)
            cond |= Expression(CardSearch.card, OP.EQ, fn.ANY(ids))
    else:
        cond = fn.instr(cols[0], value) > 0
        for col in cols[1:]:
            cond |= fn.instr(col, value) > 0
    if kind == "short":
        cond |= CardSearch.card.in_(NodeList((SQL("("), _lattice_ids(term), SQL(")")), glue=""))
    return CardSearch.select(CardSearch.card.alias("id")).where(cond)


def _raw(term: str) -> Any:
    """What a lookup needs of the term itself besides its value: on PostgreSQL the ids the
    reading lattices match (an array), elsewhere the term."""
    return _lattice_matches(term) if _kind(term) == "trgm" else term


def _term_condition(term: str) -> Node:
    """The ids of the cards matching one term, as a subquery of one column named ``id``."""
    return _lookup(_kind(term), _value(term), _raw(term))


def matching_ids(query: str) -> Node:
    """A subquery of the ids of cards matching every term of ``query`` (secrecy not applied:
    callers combine it with :func:`archive_desk.cards.visible`)."""
    parts = terms(query)
    if not parts:
        return Card.select(Card.id)
    subquery = Card.select(Card.id).where(Card.id.in_(_term_condition(parts[0])))
    for term in parts[1:]:
        subquery = subquery.where(Card.id.in_(_term_condition(term)))
    return subquery


def _ordered(text: str) -> list[str]:
    return sorted(terms(text), key=len, reverse=True)  # the longest term drives


def shape(text: str) -> tuple[str, ...] | None:
    """How :func:`restrict` looks up each term of ``text`` (a key for a statement built once
    with :func:`restrict_slots`); every kind has a placeholder form."""
    return tuple(_kind(t) for t in _ordered(text))


def counted_apart(text: str) -> bool:
    """Whether the list of a search for ``text`` reads its first page and counts its matches
    apart rather than listing them all: on PostgreSQL, when its longest term is one or two
    Chinese characters (a ``card_gram`` range). A common character matches a tenth of the
    archive (「海」: 10,473 of 100,000 cards), and all of them in number order cost a scan of
    every card row and a sort (~110 ms); the first page walks the number index until it has a
    page of matches (~4 ms), the count reads two indexes (~19 ms, migration 0017). A trigram
    term's matches cost their bitmap scan, which a count would repeat: those are listed whole,
    as everything on SQLite, where the matches are looked up by id from the start."""
    kinds = shape(text)
    return kinds is not None and kinds[:1] == ("gram",) and store.kind() == store.POSTGRESQL


def slot_values(text: str) -> dict[str, Any]:
    """The values of the term placeholders of :func:`restrict_slots`."""
    parts = _ordered(text)
    values: dict[str, Any] = {f"term{k}": _value(t) for k, t in enumerate(parts)}
    return values | {f"raw{k}": _raw(t) for k, t in enumerate(parts)}


def restrict(query: Any, text: str) -> Any:
    """``query`` (a select from ``Card`` alone) limited to the cards matching ``text``, starting
    from the matches: ``FROM (ids of the longest term) AS m CROSS JOIN card WHERE card.id =
    m.id``, any other terms as ``IN`` conditions.

    With ``id IN (matches)`` and an ``ORDER BY`` that an index gives (the list's number order),
    SQLite walks that index over every card and tests each against the matches: 18 ms for one
    match at 100,000 cards. SQLite never reorders a CROSS JOIN, so here the matches come first
    and each is one look-up by id, whatever their number (standard SQL elsewhere).
    """
    parts = _ordered(text)
    return _restrict(query, [(_kind(t), _value(t), _raw(t)) for t in parts])


def restrict_slots(query: Any, kinds: tuple[str, ...]) -> Any:
    """:func:`restrict` for terms looked up as ``kinds`` (a :func:`shape`), each term's value a
    placeholder ``term0``, ``term1``… (:func:`slot_values`)."""
    return _restrict(
        query,
        [(kind, Slot(f"term{k}"), Slot(f"raw{k}", raw=True)) for k, kind in enumerate(kinds)],
    )


def _restrict(query: Any, lookups: list[tuple[str, Any, Any]]) -> Any:
    if not lookups:
        return query
    first = _lookup(*lookups[0])
    ids = (
        NodeList((first, SQL('AS "m"')))  # the FTS subquery, written out
        if isinstance(first, NodeList)
        else cast(Select, first).alias("m")
    )
    query = query.from_(ids).join(Card, JOIN.CROSS).where(Card.id == SQL('"m"."id"'))
    for lookup in lookups[1:]:
        query = query.where(Card.id.in_(_lookup(*lookup)))
    return query
