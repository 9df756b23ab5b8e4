"""Procedure search as the officer types: accent- and case-insensitive, "i"/"y" alike, one typo per
word, over an in-memory index of the active catalog kept per database (rebuilt when an import bumps
``catalog_revision``)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.text import fold
from counter_app.models import Field, Procedure
from counter_app.models.db import Database

from . import settings


@dataclass(frozen=True)
class ProcedureHit:
    id: int
    code: str
    name: str
    field_name: str
    levels: str


@dataclass(frozen=True)
class _IndexEntry:
    hit: ProcedureHit
    code: str  # lower case
    folded: str
    loose: str  # folded, "y" read as "i" (ký / kí, Thủy / Thủi are spelt both ways)
    words: frozenset[str]  # the loose words, for one-typo matches


@dataclass(frozen=True)
class _Index:
    entries: tuple[_IndexEntry, ...]
    near: dict[str, frozenset[str]]  # a word, or it with one letter dropped -> catalog words
    postings: dict[str, frozenset[int]]  # a catalog word -> the entries (positions) that have it


def loose(folded: str) -> str:
    """The folded text with "y" read as "i": what an officer types either way."""
    return folded.replace("y", "i")


def _drops(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """At most one letter inserted, dropped, changed, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


TYPO_MIN_LENGTH = 4  # shorter words have too many neighbours one letter away

# Search runs on every keystroke: the active catalog is kept in memory per database and reloaded
# only when an import bumps ``catalog_revision``. Filtering a few thousand short strings in
# Python is far cheaper than fetching the same rows from SQLite each time.
_index_cache: dict[str, tuple[int, _Index]] = {}


def _index(session: Session) -> _Index:
    key = str(session.get_bind().engine.url)
    revision = int(settings.get(session, "catalog_revision", 0))
    cached = _index_cache.get(key)
    if cached is not None and cached[0] == revision:
        return cached[1]
    rows = session.execute(
        select(Procedure.id, Procedure.code, Procedure.name, Procedure.name_folded, Field.name, Procedure.levels)
        .join(Field, Procedure.field_id == Field.id).where(Procedure.active.is_(True))
    ).all()
    entries = tuple(_IndexEntry(ProcedureHit(r[0], r[1], r[2], r[4], r[5]), r[1].lower(), r[3], loose(r[3]),
                                frozenset(loose(r[3]).split())) for r in rows)
    postings: dict[str, set[int]] = {}
    for position, entry in enumerate(entries):
        for word in entry.words:
            postings.setdefault(word, set()).add(position)
    near: dict[str, set[str]] = {}
    for word in postings:
        if len(word) >= TYPO_MIN_LENGTH - 1:
            for variant in (word, *_drops(word)):
                near.setdefault(variant, set()).add(word)
    index = _Index(entries, {k: frozenset(v) for k, v in near.items()},
                   {k: frozenset(v) for k, v in postings.items()})
    _index_cache[key] = (revision, index)
    return index


def _typo_alternatives(index: _Index, word: str) -> frozenset[str]:
    """Catalog words one typo away from ``word`` (none for short words)."""
    if len(word) < TYPO_MIN_LENGTH:
        return frozenset()
    found: set[str] = set()
    for variant in (word, *_drops(word)):
        found |= index.near.get(variant, frozenset())
    return frozenset(w for w in found if _one_edit(w, word))


def search(session: Session, text: str, limit: int = 50) -> list[ProcedureHit]:
    """Accent- and case-insensitive: every word must appear in the name, or the text prefixes the code.

    "i" and "y" are interchangeable (``dang ki khai sinh``); when nothing matches, each word of
    four letters or more may be one typo away from a word of the name (``dang ky khai sinnh``).
    """
    query = fold(text)
    index = _index(session)
    entries = index.entries
    if not query:
        ordered = sorted(entries, key=lambda e: (e.hit.field_name, e.folded))
        return [e.hit for e in ordered[:limit]]
    lquery = loose(query)
    words = lquery.split()
    single = len(words) == 1
    matches = [e for e in entries
               if (single and e.code.startswith(query)) or all(w in e.loose for w in words)]
    if not matches:  # one typo per word: the word as typed, or a catalog word one letter away
        found: set[int] | None = None
        for word in words:
            positions = {i for i, e in enumerate(entries) if word in e.loose}
            for alternative in _typo_alternatives(index, word):
                positions |= index.postings[alternative]
            found = positions if found is None else found & positions
            if not found:
                break
        matches = [entries[i] for i in sorted(found or ())]

    def rank(e: _IndexEntry) -> tuple:
        return (
            0 if e.code == query else 1 if e.code.startswith(query) else 2,
            0 if e.loose.startswith(lquery) or e.loose.removeprefix("thu tuc ").startswith(lquery) else 1,
            0 if query in e.folded else 1 if lquery in e.loose else 2,
            len(e.folded),
            e.folded,
        )

    return [e.hit for e in heapq.nsmallest(limit, matches, key=rank)]



def search_procedures(db: Database, text: str, limit: int = 50) -> list[ProcedureHit]:
    """:func:`search` in a read unit of work of its own (what the pages and the CLI call)."""
    with db.read() as session:
        return search(session, text, limit)
