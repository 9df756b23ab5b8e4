"""Engine and session setup for the desk's SQLite file, and schema migrations.

SQLite is tuned for durability (WAL, synchronous FULL, foreign keys). Write transactions start
with ``BEGIN IMMEDIATE`` so that concurrent writers (another process on the same file, the sync
worker) queue on the busy timeout instead of failing half-way with "database is locked".
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest migration. Every start compares the database with it in one query and loads Alembic
# (a quarter of a second) only when there is something to migrate; a test keeps it equal to the
# head of migrations/versions.
SCHEMA_HEAD = "0008_i20_search_indexes"
BUSY_TIMEOUT_MS = 30_000
DB_ENV_VAR = "COUNTER_APP_DB"


def default_db_path() -> Path:
    """``--db`` wins, then ``COUNTER_APP_DB``, then the per-user data dir."""
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env)
    return Path(user_data_dir("mot-cua-counter", appauthor=False)) / "counter.sqlite"


def configure_sqlite(engine: Engine) -> Engine:
    """Durability pragmas on every connection, and BEGIN IMMEDIATE for write units of work."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001 - DB-API connection
        # Take over transaction control from pysqlite so BEGIN IMMEDIATE can be emitted.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_engine(path: Path | str) -> Engine:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return configure_sqlite(create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}))


@contextmanager
def write_unit(sessions: sessionmaker) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back everything on any exception.

    On SQLite the transaction starts with BEGIN IMMEDIATE (see configure_sqlite); other databases
    ignore the option.
    """
    with sessions() as session:
        session.connection(execution_options={"sqlite_immediate": True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# ``session.info[AFTER_ROLLBACK]`` (desk write units only): callables ``fn(session)`` run in a unit of
# work of their own after the unit rolled back — what must be recorded even though the action
# failed (a wrong supervisor password counts towards the lock-out although the override is refused).
AFTER_ROLLBACK = "after_rollback"
# Seconds the quick integrity check on open may take (the window; commands take 0.3 s); a file too
# large to check in that time is opened, said to be not fully checked, and checked in full in the
# background (services/desk_database.py). COUNTER_APP_CHECK_BUDGET overrides both (seconds).
QUICK_CHECK_BUDGET = 1.0
CHECK_BUDGET_ENV = "COUNTER_APP_CHECK_BUDGET"


def create_private_file(path: Path) -> None:
    """The desk file holds personal data: readable and writable by the account running the app only.

    A new file is created 0600 (SQLite gives its -wal and -shm files the same mode); an existing
    one that others can read is narrowed. A parent directory made here is 0700.
    """
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        try:
            if os.stat(path).st_mode & 0o077:
                os.chmod(path, 0o600)
        except OSError:
            pass  # not ours, or a read-only medium: opening will say what is wrong
    except OSError:
        return  # no permission or read-only: opening the database reports it in Vietnamese
    else:
        os.close(fd)


@dataclass(frozen=True)
class QuickCheck:
    """What ``Database.quick_check`` found: the problems, and whether the whole file was checked."""

    problems: list[str]
    complete: bool


def _identity(path: Path, *, strict: bool = False) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``; None for an in-memory database, or when it cannot be
    read and ``strict`` is off (opening it then says what is wrong)."""
    if str(path) == ":memory:":
        return None
    try:
        st = os.stat(path)
    except OSError:
        if strict:
            raise
        return (-1, -1)
    return (st.st_dev, st.st_ino)


class Database:
    """The desk database: one engine, read and write units of work.

    Units of work translate storage faults (full disk, read-only, permission, corruption, file
    missing) into ``StorageError`` with a Vietnamese explanation.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(self.path) != ":memory:":
            create_private_file(self.path)
        self._identity = _identity(self.path)  # which file the connections are on (None: in memory)
        self.engine = make_engine(self.path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = threading.local()
        self._all_readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self._generation = 0  # bumped when the file at ``path`` was replaced: readers reconnect
        # The integrity check at open: None not run, False ran out of time (proves nothing), True whole file.
        self.fully_checked: bool | None = None

    def check_file(self) -> None:
        """The desk file must still be the one the connections are on, before every unit of work.

        Open connections keep a removed or renamed file alive (POSIX): without this, a desk whose file
        was deleted, moved or whose drive went away would go on writing into a file nobody will open
        again. A missing (or unreachable) file is a ``StorageError``; a file replaced at the same path
        (a backup restored by another process, a drive plugged in again) is reopened.
        """
        if self._identity is None:
            return
        try:
            current = _identity(self.path, strict=True)
        except OSError as exc:
            raise self.storage_error(exc) from exc
        if current != self._identity:
            self._identity = current
            self._generation += 1
            self.engine.dispose()  # connections checked out now are closed when given back

    def reader(self) -> sqlite3.Connection:
        """This thread's read-only DB-API connection, kept open for hot single-statement reads.

        A scan must cost little more than the B-tree lookup it is; a pooled ORM session costs far
        more than the read itself. One statement is one consistent snapshot (WAL), so no
        transaction is opened; ``query_only`` makes an accidental write fail loudly.
        """
        conn = getattr(self._readers, "conn", None)
        if conn is not None and getattr(self._readers, "generation", 0) != self._generation:
            with self._readers_lock:  # the file was replaced: this thread's reader moves to the new one
                if conn in self._all_readers:
                    self._all_readers.remove(conn)
            conn.close()
            conn = None
        if conn is None:
            conn = sqlite3.connect(self._reader_target(), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False, uri=True)  # closed by dispose() on any thread
            conn.execute("PRAGMA query_only=ON")
            self._readers.conn = conn
            self._readers.generation = self._generation
            with self._readers_lock:
                self._all_readers.append(conn)
        return conn

    def _reader_target(self) -> str:
        """The reader never creates the file (``mode=rw``): a desk file gone is an error, not a new one."""
        if self._identity is None:
            return "file::memory:"
        return self.path.resolve().as_uri() + "?mode=rw"

    def storage_error(self, exc: BaseException) -> BaseException:
        """``exc`` explained as a ``StorageError`` when it is a storage fault, else ``exc`` itself."""
        from counter_app.domain.storage import explain_storage

        return explain_storage(exc, self.path) or exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        self.check_file()
        try:
            with self._sessions() as session:
                yield session
        except (DBAPIError, sqlite3.Error, OSError) as exc:
            error = self.storage_error(exc)
            if error is exc:
                raise
            raise error from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        self.check_file()
        after_rollback: list = []
        try:
            with write_unit(self._sessions) as session:
                session.info[AFTER_ROLLBACK] = after_rollback
                yield session
        except BaseException as exc:
            for record in after_rollback:
                try:
                    with write_unit(self._sessions) as session:
                        record(session)
                except Exception:  # noqa: BLE001 - e.g. the disk is full: the first error is the one to show
                    break
            if isinstance(exc, (DBAPIError, sqlite3.Error, OSError)):
                error = self.storage_error(exc)
                if error is not exc:
                    raise error from exc
            raise

    def quick_check(self, budget: float | None = QUICK_CHECK_BUDGET) -> QuickCheck:
        """SQLite's ``quick_check`` (structure of every page, no index contents), stopped after ``budget``
        seconds on a very large file (None: no limit). A check stopped early is ``complete=False`` and
        proves nothing — never taken as sound (``services/desk_database.py`` finishes it in the
        background). A file that is not a database at all raises ``StorageError``.
        """
        if budget is not None and budget <= 0:
            return QuickCheck([], complete=False)  # no time at all: everything is left to the full check
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise self.storage_error(exc) from exc
        # sqlite3_interrupt from a timer: SQLite's integrity check runs inside few VM steps, so a
        # progress handler alone would not stop it on time.
        open_lock = threading.Lock()
        is_open = [True]

        def stop() -> None:
            with open_lock:
                if is_open[0]:
                    conn.interrupt()

        timer = threading.Timer(budget, stop) if budget is not None else None
        try:
            if timer is not None:
                timer.daemon = True
                timer.start()
            try:
                rows = [r[0] for r in conn.execute("PRAGMA quick_check(20)")]
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    return QuickCheck([], complete=False)  # out of time: not checked, not sound
                raise self.storage_error(exc) from exc
            except sqlite3.DatabaseError as exc:
                raise self.storage_error(exc) from exc
        finally:
            if timer is not None:
                timer.cancel()
            with open_lock:
                is_open[0] = False
                conn.close()
        return QuickCheck([] if rows == ["ok"] else rows, complete=True)

    def upgrade(self, revision: str = "head") -> None:
        if revision == "head" and stored_revision(self.engine) == SCHEMA_HEAD:
            return
        upgrade_schema(self.engine, revision)

    def dispose(self) -> None:
        with self._readers_lock:
            readers, self._all_readers = self._all_readers, []
        for conn in readers:
            conn.close()
        self._readers = threading.local()
        self.engine.dispose()


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, read directly (no Alembic import)."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:  # no alembic_version table: an empty database
        return None


def alembic_config(engine: Engine | None = None):  # noqa: ANN201 - alembic Config, imported lazily
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def open_database(path: Path | str | None = None, *, upgrade: bool = True) -> Database:
    db = Database(path or default_db_path())
    if upgrade:
        db.upgrade()
    return db
