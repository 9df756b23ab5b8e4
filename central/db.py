"""Engine, units of work and migrations of the central database.

``DATABASE_URL`` names a PostgreSQL database (``postgresql://…`` is accepted and driven through
psycopg 3); without it the central uses a SQLite file, which is fine for a demo only: SQLite
serialises every write, PostgreSQL lets many desks push at once.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counter_app.models.db import (  # one SQLite set-up for desk and central
    BUSY_TIMEOUT_MS,
    configure_sqlite,
    write_unit,
)

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
URL_ENV_VAR = "DATABASE_URL"
POOL_ENV_VAR = "CENTRAL_DB_POOL"
DEFAULT_POOL_SIZE = 16
MIGRATION_LOCK_KEY = 0x6D6F7463  # pg advisory lock id: several API processes may start together

T = TypeVar("T")


def default_sqlite_path() -> Path:
    return Path(user_data_dir("mot-cua-central", appauthor=False)) / "central.sqlite"


def resolve_url(url: str | None = None) -> str:
    """Explicit URL, else $DATABASE_URL, else the default SQLite file; Postgres goes via psycopg 3."""
    url = url or os.environ.get(URL_ENV_VAR) or f"sqlite:///{default_sqlite_path()}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        return configure_sqlite(engine)  # the desk's durability settings and BEGIN IMMEDIATE writes
    _cache_long_statements()
    # One kept connection per worker thread (the API limits its thread pool to the same number, see
    # app.py), so no request opens a connection of its own; a few spare ones for anything else.
    # pool_pre_ping: a restarted PostgreSQL must not cost the first request after it.
    return create_engine(url, pool_size=pool_size(), max_overflow=4, pool_pre_ping=True, pool_timeout=60)


def _cache_long_statements() -> None:
    """Let psycopg keep the parsed form of long statements too.

    A push writes its rows with SQLAlchemy's multi-row INSERT (one statement per batch of 200, about
    6,000 parameters); psycopg only caches the parse of statements under 4 KiB and 50 parameters,
    so it re-parsed that text for every batch: half of the central's CPU per pushed event. The
    statement text is the same for every batch of a size, so the cache (128 entries) serves it.
    """
    try:
        from psycopg import _queries
    except ImportError:  # pragma: no cover - psycopg is the central's PostgreSQL driver
        return
    if hasattr(_queries, "MAX_CACHED_STATEMENT_LENGTH") and hasattr(_queries, "MAX_CACHED_STATEMENT_PARAMS"):
        _queries.MAX_CACHED_STATEMENT_LENGTH = max(_queries.MAX_CACHED_STATEMENT_LENGTH, 1 << 20)
        _queries.MAX_CACHED_STATEMENT_PARAMS = max(_queries.MAX_CACHED_STATEMENT_PARAMS, 50_000)


def pool_size() -> int:
    """Database connections (and API worker threads) per process: ``$CENTRAL_DB_POOL``, default 16."""
    try:
        return max(1, int(os.environ.get(POOL_ENV_VAR, "") or DEFAULT_POOL_SIZE))
    except ValueError:
        return DEFAULT_POOL_SIZE


def _is_retryable(exc: OperationalError) -> bool:
    # Deadlock / serialization failure: the whole unit of work was rolled back, running it again is safe.
    return getattr(exc.orig, "sqlstate", None) in ("40001", "40P01")


class CentralDatabase:
    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.engine = make_engine(self.url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def read(self, *, snapshot: bool = False) -> Iterator[Session]:
        """``snapshot=True``: every statement sees the same committed state (REPEATABLE READ)."""
        with self._sessions() as session:
            if snapshot and not self.is_sqlite:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    def write(self) -> AbstractContextManager[Session]:
        return write_unit(self._sessions)  # the desk's unit of work: commit or roll back everything

    def run_write(self, work: Callable[[Session], T], attempts: int = 3) -> T:
        """Run ``work`` in a write unit of work, again if PostgreSQL aborted it for a deadlock."""
        for attempt in range(1, attempts + 1):
            try:
                with self.write() as session:
                    return work(session)
            except OperationalError as exc:
                if attempt == attempts or not _is_retryable(exc):
                    raise
                log.warning("transaction aborted by the database (%s), retrying", exc.orig)
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    def upgrade(self, revision: str = "head") -> None:
        from alembic import command  # imported when migrating only: a worker's start-up never needs it

        cfg = alembic_config(self.engine)
        if self.is_sqlite:
            command.upgrade(cfg, revision)
            return
        with self.engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            conn.commit()
            try:
                command.upgrade(cfg, revision)
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
                conn.commit()

    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg
