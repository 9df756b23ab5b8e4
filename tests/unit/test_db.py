"""Database set-up: migrations from empty, durability pragmas, indexes for every desk lookup."""

from __future__ import annotations

import sqlite3

from sqlalchemy import inspect, text

from counter_app.models import Base
from counter_app.models.db import Database, current_revision, head_revision


def test_migrations_from_empty_create_every_model_table(db_path):
    db = Database(db_path)
    assert current_revision(db.engine) is None
    db.upgrade()
    assert current_revision(db.engine) == head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_migrations_match_models(empty_db):
    """The schema the migrations build is the one the models declare (no forgotten revision)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with empty_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_schema_head_constant_matches_the_migrations():
    from counter_app.models.db import SCHEMA_HEAD

    assert SCHEMA_HEAD == head_revision()


def test_upgrade_twice_is_harmless(empty_db):
    empty_db.upgrade()
    assert current_revision(empty_db.engine) == head_revision()


def test_durability_pragmas(empty_db):
    with empty_db.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_write_transactions_take_the_write_lock_at_once(empty_db, db_path):
    """A second writer waits instead of failing half-way: the first holds BEGIN IMMEDIATE."""
    other = sqlite3.connect(db_path, timeout=0.1, isolation_level=None)
    with empty_db.write() as session:
        session.execute(text("SELECT 1"))
        try:
            other.execute("BEGIN IMMEDIATE")
            locked = False
        except sqlite3.OperationalError:
            locked = True
    assert locked
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()


def test_failed_unit_of_work_writes_nothing(db):
    from counter_app.models import Field

    try:
        with db.write() as session:
            session.add(Field(code="X", name="Lĩnh vực thử"))
            session.flush()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM fields WHERE code='X'")).scalar() == 0


def test_every_desk_lookup_is_indexed(empty_db):
    """code, applicant ID number, phone, status + due date, received date use an index."""
    queries = {
        "code": "SELECT * FROM dossiers WHERE code = 'x'",
        "applicant id": "SELECT * FROM applicants WHERE id_number = 'x'",
        "phone": "SELECT * FROM applicants WHERE phone = 'x'",
        "name": "SELECT * FROM applicants WHERE name_folded >= 'ng' AND name_folded < 'nh'",
        "status+due": "SELECT * FROM dossiers WHERE status = 4 AND due_at < '2026-01-01'",
        "received": "SELECT * FROM dossiers WHERE received_at >= '2026-01-01' AND received_at < '2026-01-02'",
        "dossiers of applicant": "SELECT * FROM dossiers WHERE applicant_id = 1",
        "pending outbox": "SELECT * FROM outbox_events WHERE acked_at IS NULL ORDER BY desk_seq",
    }
    with empty_db.read() as session:
        for what, sql in queries.items():
            plan = " ".join(str(row[-1]) for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "USING" in plan and "INDEX" in plan, f"{what}: {plan}"


def test_the_scan_statement_searches_every_table_by_index(empty_db):
    """The return desk's one statement (code → detail) touches each table through a key, never a scan."""
    from counter_app.services.returns import _DETAIL_SQL

    plan = [row[-1] for row in empty_db.reader().execute("EXPLAIN QUERY PLAN " + _DETAIL_SQL, ("x",))]
    searched = {step.split()[1] for step in plan if step.startswith("SEARCH")}
    assert searched == {"d", "p", "c", "a", "o", "k", "u", "r", "ro", "h"}, plan
    assert not [step for step in plan if step.startswith("SCAN") or "TEMP B-TREE" in step], plan


def test_the_reader_connection_refuses_writes(empty_db):
    """The hot-read connection is read-only: a bug that writes through it fails instead of bypassing audit."""
    reader = empty_db.reader()
    try:
        reader.execute("DELETE FROM settings")
    except sqlite3.OperationalError as exc:
        assert "readonly" in str(exc)
    else:
        raise AssertionError("the reader accepted a write")
    empty_db.dispose()
    assert empty_db.reader() is not reader  # dispose() closed it; a new one opens on demand
