"""Fixtures of the sync integration tests: PostgreSQL per test session, centrals per test."""

from __future__ import annotations

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


@pytest.fixture
def central_factory(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[..., CentralProcess]]:
    """Start centrals on SQLite (``backend="sqlite"``) or PostgreSQL; all stopped afterwards."""
    started: list[CentralProcess] = []

    def start(backend: str = "sqlite") -> CentralProcess:
        if backend == "postgresql":
            url = request.getfixturevalue("postgres").create_database()
        else:
            url = f"sqlite:///{tmp_path / f'central-{len(started)}.sqlite'}"
        db = CentralDatabase(url)
        db.upgrade()
        db.dispose()
        central = CentralProcess(url, tmp_path)
        started.append(central)
        return central.start()

    yield start
    for central in started:
        central.stop()


@pytest.fixture
def central(central_factory) -> CentralProcess:
    return central_factory("sqlite")


@pytest.fixture(scope="module")
def shared_central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralProcess]:
    """One SQLite central for the tests of a module that leave nothing behind on it (requests it
    rejects): starting a central costs seconds, a fresh one per such test bought nothing."""
    directory = tmp_path_factory.mktemp("shared-central")
    url = f"sqlite:///{directory / 'central.sqlite'}"
    db = CentralDatabase(url)
    db.upgrade()
    db.dispose()
    central = CentralProcess(url, directory).start()
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
