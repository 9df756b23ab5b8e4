"""The changes feed without a shared counter row (issue #20): publishers of different dossiers do
not wait for each other, and a reader never skips an entry that commits after a later one."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from sqlalchemy import text

from central import backoffice, feed
from central.db import CentralDatabase
from central.models import Dossier

from .harness import until

UNIT = "000.00.01.H12"


def _dossier(session, code: str) -> None:  # noqa: ANN001
    now = datetime(2026, 11, 2, 8, 0)
    session.add(Dossier(code=code, unit_code=UNIT, desk_number=1, status=2, received_at=now, status_changed_at=now))


def _read(db: CentralDatabase, after: int, limit: int = 100) -> feed.ChangesPage:
    db.run_write(feed.sequence)
    with db.read(snapshot=True) as s:
        return feed.read(s, UNIT, 1, after, limit)


@pytest.fixture(params=["sqlite", "postgresql"])
def cdb(request, tmp_path):  # noqa: ANN001, ANN201
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres").create_database("feed")
    else:
        url = f"sqlite:///{tmp_path / 'central.sqlite'}"
    db = CentralDatabase(url)
    db.upgrade()
    with db.write() as s:
        for i in range(1, 4):
            _dossier(s, f"{UNIT}-261102-100{i}")
    yield db
    db.dispose()


def test_entry_committed_after_a_later_one_is_not_skipped(cdb):
    if cdb.is_sqlite:
        pytest.skip("SQLite serialises writers: the second publisher waits for the first by design")
    first = cdb.write()
    s1 = first.__enter__()
    backoffice.move(s1, f"{UNIT}-261102-1001", backoffice.Step("process", "Phòng Tư pháp", "Lê Văn Nam"))
    s1.flush()  # the first publisher holds its entry, uncommitted
    try:
        # A shared counter row would make this wait for the first transaction: fail fast instead.
        def second(s):  # noqa: ANN001, ANN202
            s.execute(text("SET LOCAL lock_timeout = '2s'"))
            backoffice.move(s, f"{UNIT}-261102-1002", backoffice.Step("process", "Phòng Tư pháp", "Lê Văn Nam"))
        cdb.run_write(second)
        page = _read(cdb, 0)
        assert [c["entity_key"] for c in page.changes] == [f"{UNIT}-261102-1002"]
        seen = page.cursor
    finally:
        first.__exit__(None, None, None)  # commits
    page = _read(cdb, seen)  # the desk asks after what it has: the earlier-drawn entry still comes
    assert [c["entity_key"] for c in page.changes] == [f"{UNIT}-261102-1001"]
    assert page.changes[0]["id"] > seen and page.remaining == 0
    assert _read(cdb, page.cursor).changes == []


def test_positions_follow_commits_and_pages_do_not_count(cdb):
    for i in (1, 2, 3):
        cdb.run_write(lambda s, i=i: backoffice.move(
            s, f"{UNIT}-261102-100{i}", backoffice.Step("process", "Phòng Tư pháp", "Lê Văn Nam")))
    cdb.run_write(lambda s: backoffice.move(
        s, f"{UNIT}-261102-1001", backoffice.Step("result", "Phòng Tư pháp", "Lê Văn Nam", result_type="Giấy")))
    page = _read(cdb, 0, limit=2)
    assert [c["id"] for c in page.changes] == [1, 2] and page.remaining >= 1
    assert page.changes[0]["superseded"] is True  # dossier 1001 has a newer entry
    rest = _read(cdb, page.cursor, limit=2)
    assert [c["id"] for c in rest.changes] == [3, 4] and rest.remaining == 0
    assert rest.changes[1]["entity_key"] == f"{UNIT}-261102-1001" and rest.changes[1]["superseded"] is False


def test_page_body_splices_the_stored_payloads_exactly():
    """The API sends pages without decoding every payload: the body must read back as the entries."""

    page = feed.ChangesPage([
        feed.Entry(3, "dossier.status", "2026-11-02 08:00:00", f"{UNIT}-261102-1001",
                   json.dumps({"code": "x", "note": 'Đã "xử" lý\n', "items": [{"a": 1}]}, ensure_ascii=False), True),
        feed.Entry(4, "catalog.procedure", None, "1.001193", '{"MaTTHC": "1.001193"}', None)], 4, 0)
    body = json.loads(page.to_json("2026-11-02 08:00:01"))
    assert body == {"changes": page.changes, "cursor": 4, "remaining": 0, "server_time": "2026-11-02 08:00:01"}
    assert body["changes"][0]["superseded"] is True and "superseded" not in body["changes"][1]


def test_page_made_by_the_database_is_the_page_read_entry_by_entry(cdb):
    """``feed.read_json`` (PostgreSQL builds the page's JSON) answers byte for byte what ``read`` and
    ``to_json`` answer: scopes, cursor, ``remaining`` and the ``superseded`` marks beyond the page."""
    other = "000.00.02.H12"
    rows = []
    for i in range(12):  # one dossier's status four times, others once, other kinds, other desks and units
        key = f"{UNIT}-261102-100{i % 3 + 1}" if i % 2 == 0 else f"{UNIT}-261102-20{i:02d}"
        rows.append(feed.entry("dossier.status", {"code": key, "to": 4 + i, "note": 'Đã "xử" lý\n\\'},
                               unit_code=UNIT, desk_number=1, entity_key=key))
        if i % 4 == 1:
            rows.append(feed.entry("catalog.procedure", {"MaTTHC": f"1.00{i}"}, entity_key=f"1.00{i}"))
            rows.append(feed.entry("calendar.override", {"d": i}, unit_code=UNIT, entity_key=f"{UNIT}-261102-1001"))
            rows.append(feed.entry("dossier.status", {"code": "x"}, unit_code=UNIT, desk_number=2, entity_key="x"))
            rows.append(feed.entry("dossier.status", {"code": "y"}, unit_code=other, desk_number=1, entity_key="y"))
    with cdb.write() as s:
        feed.publish_many(s, rows)
    cdb.run_write(feed.sequence)
    with cdb.read(snapshot=True) as s:
        for limit in (1, 2, 5, 100):
            after, pages = 0, 0
            while True:
                page = feed.read(s, UNIT, 1, after, limit)
                body, count = feed.read_json(s, UNIT, 1, after, limit, "2026-11-02 08:00:01")
                assert body == page.to_json("2026-11-02 08:00:01") and count == len(page.entries)
                pages += 1
                if not page.entries:
                    break
                after = page.cursor
            assert pages > 1
        assert any(c.get("superseded") for c in feed.read(s, UNIT, 1, 0, 2).changes)
    # An entry committed and not numbered yet: the page is not served before it has its position.
    with cdb.write() as s:
        feed.publish(s, "dossier.status", {"code": "z"}, unit_code=UNIT, desk_number=1, entity_key="z")
    with cdb.read(snapshot=True) as s:
        waiting = feed.read_json(s, UNIT, 1, 0, 100, None, sequenced_only=True)
        assert (waiting is None) == (not cdb.is_sqlite)  # SQLite numbers entries as they are published
    cdb.run_write(feed.sequence)
    with cdb.read(snapshot=True) as s:
        page = feed.read_json(s, UNIT, 1, 0, 100, None, sequenced_only=True)
        assert page is not None and json.loads(page[0])["changes"][-1]["entity_key"] == "z"


def test_the_readers_indexes_hold_numbered_entries_and_serve_the_readers(cdb):
    """PostgreSQL: publishing writes the key and the unnumbered index only (migration 0009): the
    readers' indexes are partial on a position, and the readers' statements still use them."""
    if cdb.is_sqlite:
        pytest.skip("SQLite numbers at publication")
    with cdb.read() as s:
        definitions = dict(s.execute(text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'changes'")).all())
        for name in ("ix_changes_scope", "ix_changes_entity", "uq_changes_position"):
            assert definitions[name].endswith('WHERE ("position" IS NOT NULL)'), definitions[name]
        s.execute(text("SET LOCAL enable_seqscan = off"))  # a tiny table: only whether the index can serve
        plan = "\n".join(s.execute(text("EXPLAIN " + feed._POLL.format(after=":after", token_hash=":token")),
                                    {"after": 0, "token": "x"}).scalars())
    assert "ix_changes_scope" in plan


def test_a_reader_finding_the_sequencer_at_work_waits_for_it_and_reads_what_it_numbered(cdb):
    """PostgreSQL: readers arriving while one numbers a storm's entries do not number after it one
    by one (each walked the entries just numbered); the background numbering never waits at all."""
    if cdb.is_sqlite:
        pytest.skip("SQLite numbers at publication")
    with cdb.write() as s:
        feed.publish_many(s, [feed.entry("dossier.status", {"code": f"c{i}"}, unit_code=UNIT, desk_number=1,
                                         entity_key=f"c{i}") for i in range(3)])
    sequencer = cdb.write()
    s1 = sequencer.__enter__()
    with ThreadPoolExecutor(1) as pool:
        try:
            assert feed.sequence(s1) == 3  # numbered, not committed: the lock is held until then

            def without_waiting(s):  # noqa: ANN001, ANN202
                s.execute(text("SET LOCAL lock_timeout = '2s'"))  # waiting would fail here
                return feed.sequence(s, wait=False)
            assert cdb.run_write(without_waiting) == 0
            reader = pool.submit(cdb.run_write, feed.sequence)
            with cdb.engine.connect() as watcher:
                until(lambda: watcher.execute(text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())")).scalar_one() == 1,
                    "the reader waiting for the sequencer")
            assert not reader.done()
        finally:
            sequencer.__exit__(None, None, None)  # commits
        assert reader.result(timeout=10) == 0
    with cdb.read(snapshot=True) as s:
        page = feed.read(s, UNIT, 1, 0, 100)
        assert [c["id"] for c in page.changes] == [1, 2, 3] and not feed.unsequenced(s)
