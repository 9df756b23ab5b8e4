"""Fixtures of the sync integration tests: PostgreSQL per test session, centrals per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from central.db import CentralDatabase

from .harness import CentralProcess, PostgresServer, postgres_available


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def central_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty central database file, built once per test process: each central starts
    from a copy (migrating costs about a second a central, copying milliseconds)."""
    path = tmp_path_factory.mktemp("central-template") / "central.sqlite"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def central_pg_template(postgres: PostgresServer) -> str:
    """The same for PostgreSQL: a migrated database each test's database is created from."""
    url = postgres.create_database("template")
    migrate(url)
    return url.rsplit("/", 1)[1]


def migrate(url: str) -> None:
    db = CentralDatabase(url)
    db.upgrade()
    db.dispose()


@pytest.fixture
def central_factory(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[..., CentralProcess]]:
    """Start centrals on SQLite (``backend="sqlite"``) or PostgreSQL; all stopped afterwards."""
    started: list[CentralProcess] = []

    def start(backend: str = "sqlite", *args: str) -> CentralProcess:
        """``args``: more ``serve`` options."""
        if backend == "postgresql":
            template = request.getfixturevalue("central_pg_template")
            url = request.getfixturevalue("postgres").create_database(template=template)
        else:
            path = tmp_path / f"central-{len(started)}.sqlite"
            shutil.copyfile(request.getfixturevalue("central_sqlite_template"), path)
            url = f"sqlite:///{path}"
        central = CentralProcess(url, tmp_path, migrated=True, args=args, forked=True)
        started.append(central)
        return central.start()

    yield start
    for central in started:
        central.stop()


@pytest.fixture
def central(central_factory) -> CentralProcess:
    return central_factory("sqlite")


@pytest.fixture(scope="module")
def shared_central(tmp_path_factory: pytest.TempPathFactory, central_sqlite_template: Path) -> Iterator[CentralProcess]:
    """One SQLite central for the tests of a module that leave nothing behind on it (requests it
    rejects): starting a central costs seconds, a fresh one per such test bought nothing."""
    directory = tmp_path_factory.mktemp("shared-central")
    shutil.copyfile(central_sqlite_template, directory / "central.sqlite")
    url = f"sqlite:///{directory / 'central.sqlite'}"
    central = CentralProcess(url, directory, migrated=True, forked=True).start()
    yield central
    central.stop()


@pytest.fixture(scope="module")
def shared_central_db(shared_central: CentralProcess) -> Iterator[CentralDatabase]:
    db = CentralDatabase(shared_central.database_url)
    yield db
    db.dispose()


@pytest.fixture
def central_db(central: CentralProcess) -> Iterator[CentralDatabase]:
    """The same database the central process uses, for set-up and for checking its contents."""
    db = CentralDatabase(central.database_url)
    yield db
    db.dispose()
