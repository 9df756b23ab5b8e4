"""The changes feed: publish without a shared lock, number entries after commit, read after a cursor.

A desk stores the position of the last entry it applied and asks for the entries after it, so the
feed must never show position N+1 to a reader that cannot see N yet. Publishing numbers from a
sequence does not give that: with concurrent publishers, N+1 can commit before N.

**Publication** (back-office steps, desk-push echoes, catalog, calendar) inserts the entry with
``id`` from the table's sequence and no ``position``: nothing shared is locked, publishers of
different dossiers never wait for each other.

**Sequencing** gives committed entries their positions, in ``id`` order, one sequencer at a time
(a transaction-scoped advisory lock; the positions it assigns become visible together when it
commits, and the next sequencer starts from the largest committed position). Each worker numbers
new entries a moment after publishing them (central/sequencer.py); a reader of the feed that still
finds entries without a position numbers them first (``sequence``: a look at a partial index when
there is nothing to do), then reads positions after its cursor in one snapshot. An entry committed
later gets a later position, so a reader that has seen N+1 has seen N. Two entries of one dossier
keep their order: the second publisher locked the dossier row after the first committed, so it drew
the larger ``id``.

On SQLite every write transaction holds the database's write lock (BEGIN IMMEDIATE), so the
position is simply assigned at publication.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, Table, and_, func, insert, select, text
from sqlalchemy.orm import Session

from counter_app.sync import protocol as p

from . import bulk
from .auth import Found, Principal
from .models import Change, now_local

_CHANGES = cast(Table, Change.__table__)
SEQUENCER_LOCK_KEY = 0x6D636671  # pg advisory lock id of the sequencer ("mcfq")
SEQUENCE_BATCH = 50_000

_SEQUENCE_PG = text("""
WITH base AS (SELECT COALESCE(MAX(position), 0) AS b FROM changes),
     todo AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM changes
              WHERE position IS NULL ORDER BY id LIMIT :n)
UPDATE changes AS c SET position = base.b + todo.rn FROM todo, base WHERE c.id = todo.id
""")


def entry(kind: str, payload: dict[str, Any] | str, *, unit_code: str | None = None, desk_number: int | None = None,
          entity_key: str = "", now: datetime | None = None) -> dict[str, Any]:
    """One feed entry's row, for ``publish_many`` (``payload``: a dict, or its JSON text already made;
    ``now``: the publishing transaction's clock, read once)."""
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return {"kind": kind, "unit_code": unit_code, "desk_number": desk_number, "entity_key": entity_key[:64],
            "payload": text, "created_at": now or now_local()}


def publish(session: Session, kind: str, payload: dict[str, Any], *, unit_code: str | None = None,
            desk_number: int | None = None, entity_key: str = "") -> None:
    row = entry(kind, payload, unit_code=unit_code, desk_number=desk_number, entity_key=entity_key)
    if session.get_bind().dialect.name == "sqlite":
        publish_many(session, [row])
    else:  # one entry (a back-office step): a plain INSERT is one round trip, COPY two
        session.execute(insert(_CHANGES), [row])


def publish_many(session: Session, rows: list[dict[str, Any]]) -> None:
    """Publish entries in their list order, in one statement (one round trip for a whole push)."""
    if rows:
        publish_tuples(session, [tuple(row[k] for k in ENTRY_COLUMNS) for row in rows])


ENTRY_COLUMNS = ["kind", "unit_code", "desk_number", "entity_key", "payload", "created_at"]  # ``entry``'s keys


def publish_tuples(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """``publish_many`` of rows as tuples of ``ENTRY_COLUMNS`` (a push's echoes: no dict per entry)."""
    if not rows:
        return
    keys = ENTRY_COLUMNS
    if session.get_bind().dialect.name == "sqlite":
        first = (session.execute(select(func.max(Change.position))).scalar_one() or 0) + 1
        keys = [*ENTRY_COLUMNS, "position"]
        rows = [(*row, first + i) for i, row in enumerate(rows)]
    # One statement for all (COPY on PostgreSQL, central/bulk.py): ids are drawn in list order, so
    # the sequencer keeps that order.
    bulk.insert_tuples(session, _CHANGES, keys, rows)


def unsequenced(session: Session) -> bool:
    """Are there committed entries without a position (a look at a partial index)? Never on SQLite."""
    if session.get_bind().dialect.name == "sqlite":
        return False
    return session.execute(select(Change.id).where(Change.position.is_(None)).limit(1)).first() is not None


def sequence(session: Session, *, wait: bool = True) -> int:
    """Give committed, unnumbered entries their positions (PostgreSQL); how many were numbered.

    Run in its own write unit of work before reading the feed; it commits with it. When another
    sequencer is at work, nothing is numbered here: with ``wait``, it returns once that one has
    committed (a reader then reads what it numbered), else at once (central/sequencer.py).
    Numbering after it, one waiter at a time, made each waiter walk the entries it had just
    numbered (dead index entries nobody could clean while the waiters' snapshots were older):
    after a storm of pushes, 3 s of waiting per desk for pages of 0.4 s.
    """
    if not unsequenced(session):
        return 0
    if not session.execute(select(func.pg_try_advisory_xact_lock(SEQUENCER_LOCK_KEY))).scalar_one():
        if wait:  # the shared lock is granted when the sequencer's transaction ends
            session.execute(select(func.pg_advisory_xact_lock_shared(SEQUENCER_LOCK_KEY)))
        return 0
    numbered = 0
    while True:  # under the lock, statement by statement: each sees what committed before it
        done = cast(CursorResult, session.execute(_SEQUENCE_PG, {"n": SEQUENCE_BATCH})).rowcount
        numbered += done
        if done < SEQUENCE_BATCH:
            return numbered


# A desk's poll, first statement: who the token is and whether its feed has anything after the
# desk's cursor (or anything still awaiting a position). ``busy`` false answers an idle desk at once.
_POLL = """
SELECT c.id, c.kind, c.unit_code, c.desk_number, c.name, c.agency, c.revoked_at,
  (EXISTS (SELECT 1 FROM changes n WHERE n.position IS NULL)
   OR EXISTS (SELECT 1 FROM changes g WHERE g.unit_code IS NULL AND g.desk_number IS NULL AND g.position > {after})
   OR EXISTS (SELECT 1 FROM changes u WHERE u.unit_code = c.unit_code AND u.desk_number IS NULL
              AND u.position > {after})
   OR EXISTS (SELECT 1 FROM changes d WHERE d.unit_code = c.unit_code AND d.desk_number = c.desk_number
              AND d.position > {after})) AS busy
FROM credentials c WHERE c.token_hash = {token_hash}
"""
POLL_SQL = text(_POLL.format(after=":after", token_hash=":token_hash"))
POLL_PSYCOPG = _POLL.format(after="%(after)s", token_hash="%(token_hash)s")  # for a bare psycopg connection


@dataclass(frozen=True)
class Poll:
    """The answer of ``POLL_SQL``: the token's credential, and whether the desk's feed has news."""

    found: Found
    busy: bool


def poll_row(row: Any) -> Poll | None:
    return None if row is None else Poll(Found(Principal(*row[:6]), row[6] is not None), bool(row[7]))


def poll(connection: Connection, token_hash: str, after: int) -> Poll | None:
    """``POLL_SQL`` on a SQLAlchemy connection; None for an unknown token."""
    return poll_row(connection.execute(POLL_SQL, {"token_hash": token_hash, "after": after}).first())


def _scopes(unit_code: str, desk_number: int) -> list[Any]:
    # Three index range scans instead of one OR: global, unit-wide, this desk.
    return [
        and_(Change.unit_code.is_(None), Change.desk_number.is_(None)),
        and_(Change.unit_code == unit_code, Change.desk_number.is_(None)),
        and_(Change.unit_code == unit_code, Change.desk_number == desk_number),
    ]


@dataclass(frozen=True)
class Entry:
    position: int
    kind: str
    at: str | None
    entity_key: str
    payload: str  # JSON text as stored
    superseded: bool | None  # None: not a dossier status entry with a newer one to compare


@dataclass(frozen=True)
class ChangesPage:
    entries: list[Entry]
    cursor: int
    remaining: int  # a lower bound: 0 when the feed has nothing more for this desk

    @property
    def changes(self) -> list[dict[str, Any]]:
        """The entries as the desk receives them (decoded; the API sends ``to_json`` instead)."""
        return [{"id": e.position, "kind": e.kind, "at": e.at, "entity_key": e.entity_key,
                 "payload": json.loads(e.payload), **({} if e.superseded is None else {"superseded": e.superseded})}
                for e in self.entries]

    def to_json(self, server_time: str | None) -> bytes:
        """The page's response body, the stored payload JSON spliced in as it is (no decode and
        re-encode of every entry: that was most of a page's cost)."""
        dumps = json.dumps
        parts = [
            f'{{"id":{e.position},"kind":{dumps(e.kind, ensure_ascii=False)},"at":{dumps(e.at)},'
            f'"entity_key":{dumps(e.entity_key, ensure_ascii=False)},"payload":{e.payload}'
            + ("}" if e.superseded is None else f',"superseded":{"true" if e.superseded else "false"}}}')
            for e in self.entries]
        return (f'{{"changes":[{",".join(parts)}],"cursor":{self.cursor},"remaining":{self.remaining},'
                f'"server_time":{dumps(server_time)}}}').encode()


# The page of ``read`` and its body as ``ChangesPage.to_json`` writes it, made by PostgreSQL in one
# statement: the entries' JSON is put together next to the rows (the stored payload spliced in as
# it is), so Python handles one string per page instead of a row and a few objects per entry.
# ``beyond`` looks up each dossier of the page by ``ix_changes_entity``: its unit and desk are
# compared as expressions (``|| ''``, ``+ 0``) so that the planner, without statistics yet (a feed
# just filled), never walks the desk's whole scope backwards once per dossier instead.
_PAGE_PG = """
WITH cand AS (
  (SELECT position, kind, created_at, entity_key, payload FROM changes
   WHERE unit_code IS NULL AND desk_number IS NULL AND position > %(after)s ORDER BY position LIMIT %(n)s)
  UNION ALL
  (SELECT position, kind, created_at, entity_key, payload FROM changes
   WHERE unit_code = %(unit)s AND desk_number IS NULL AND position > %(after)s ORDER BY position LIMIT %(n)s)
  UNION ALL
  (SELECT position, kind, created_at, entity_key, payload FROM changes
   WHERE unit_code = %(unit)s AND desk_number = %(desk)s AND position > %(after)s ORDER BY position LIMIT %(n)s)
),
page AS (SELECT * FROM cand ORDER BY position LIMIT %(limit)s),
info AS (SELECT (SELECT count(*) FROM cand) - (SELECT count(*) FROM page) AS remaining,
                (SELECT max(position) FROM page) AS cursor),
latest AS (SELECT entity_key, max(position) AS position FROM page WHERE kind = %(status)s GROUP BY entity_key),
beyond AS (
  SELECT l.entity_key, m.position FROM latest l CROSS JOIN LATERAL (
    SELECT c.position FROM changes c
    WHERE c.entity_key = l.entity_key AND c.position > (SELECT cursor FROM info) AND c.kind = %(status)s
      AND c.unit_code || '' = %(unit)s AND c.desk_number + 0 = %(desk)s
    ORDER BY c.position DESC LIMIT 1) m
  WHERE (SELECT remaining FROM info) > 0
)
SELECT EXISTS (SELECT 1 FROM changes WHERE position IS NULL), (SELECT remaining FROM info),
  (SELECT cursor FROM info), count(*),
  string_agg('{"id":' || e.position || ',"kind":' || to_json(e.kind)::text
             || ',"at":' || COALESCE(to_json(to_char(e.created_at, 'YYYY-MM-DD HH24:MI:SS'))::text, 'null')
             || ',"entity_key":' || to_json(e.entity_key)::text || ',"payload":' || e.payload
             || CASE WHEN l.position IS NULL THEN '}'
                     WHEN e.position < COALESCE(b.position, l.position) THEN ',"superseded":true}'
                     ELSE ',"superseded":false}' END,
             ',' ORDER BY e.position)
FROM page e LEFT JOIN latest l ON l.entity_key = e.entity_key LEFT JOIN beyond b ON b.entity_key = e.entity_key
"""


def read_json(session: Session, unit_code: str, desk_number: int, after: int, limit: int,
              server_time: str | None, *, sequenced_only: bool = False) -> tuple[bytes, int] | None:
    """``read(…).to_json(server_time)`` and the number of entries, the page made by PostgreSQL
    (the same entries, cursor, ``remaining`` and ``superseded`` marks; tests/integration/
    test_feed_positions.py compares the two). SQLite: ``read``.

    ``sequenced_only``: None instead of a page when committed entries still await their position
    (``unsequenced``, asked by the same statement, in the same snapshot): the caller numbers them
    (``sequence``) and reads again.
    """
    if session.get_bind().dialect.name == "sqlite":
        page = read(session, unit_code, desk_number, after, limit)
        return page.to_json(server_time), len(page.entries)
    limit = max(1, min(limit, p.MAX_CHANGES_LIMIT))
    waiting, remaining, cursor, count, entries = session.connection().exec_driver_sql(_PAGE_PG, {
        "after": after, "n": limit + 1, "limit": limit, "unit": unit_code, "desk": desk_number,
        "status": p.CHANGE_DOSSIER_STATUS}).one()
    if waiting and sequenced_only:
        return None
    body = (f'{{"changes":[{entries or ""}],"cursor":{after if cursor is None else int(cursor)},'
            f'"remaining":{int(remaining or 0)},"server_time":{json.dumps(server_time)}}}')
    return body.encode(), int(count)


def read(session: Session, unit_code: str, desk_number: int, after: int, limit: int) -> ChangesPage:
    """Call inside one snapshot (CentralDatabase.read(snapshot=True)), after ``sequence``.

    Nothing is counted: each scope reads at most ``limit + 1`` entries, and whatever lies beyond
    the page among them is reported as ``remaining`` (at least that many more; 0 = the end).
    """
    limit = max(1, min(limit, p.MAX_CHANGES_LIMIT))
    columns = (Change.position, Change.kind, Change.created_at, Change.entity_key, Change.payload)
    rows: list[Any] = []
    for scope in _scopes(unit_code, desk_number):
        rows.extend(session.execute(
            select(*columns).where(scope, Change.position > after).order_by(Change.position).limit(limit + 1)
        ).all())
    rows.sort(key=lambda c: c.position)
    remaining = max(0, len(rows) - limit)
    rows = rows[:limit]
    cursor = int(rows[-1].position) if rows else after
    # Mark status entries a newer entry of the same dossier supersedes: the desk replays them as
    # history but never adopts their status (the newer one settles it). Newer entries inside the
    # page are seen here; beyond it there is nothing when the page reaches the end of the desk's
    # feed (``remaining`` 0, the usual case), so the feed is asked only for the pages of a catch-up.
    latest: dict[str, int] = {}
    for c in rows:
        if c.kind == p.CHANGE_DOSSIER_STATUS:
            latest[c.entity_key] = c.position
    if latest and remaining:
        for key, position in session.execute(
                select(Change.entity_key, func.max(Change.position))
                .where(Change.kind == p.CHANGE_DOSSIER_STATUS, Change.entity_key.in_(latest),
                       Change.unit_code == unit_code, Change.desk_number == desk_number, Change.position > cursor)
                .group_by(Change.entity_key)):
            latest[key] = position
    entries = [Entry(c.position, c.kind, p.format_moment(c.created_at), c.entity_key, c.payload,
                     c.position < latest[c.entity_key] if c.entity_key in latest else None) for c in rows]
    return ChangesPage(entries, cursor, remaining)
