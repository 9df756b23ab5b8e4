"""The PostgreSQL tests need no system server: the pgserver wheel (test extra) ships one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import psycopg
import pytest

from . import harness


def pgserver_bin() -> Path:
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.origin:  # Windows: no wheel; the suite uses a system server there
        pytest.skip("the pgserver wheel is not installed on this platform")
    return Path(spec.origin).parent / "pginstall" / "bin"


def test_the_wheel_server_is_found_without_a_system_one(monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = pgserver_bin()
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("PG_BIN", raising=False)
    monkeypatch.setattr(harness.Path, "glob", lambda self, pattern: iter(()))  # no Debian clusters either
    found = harness.find_pg_bin()
    assert found is not None
    assert found in (Path("/usr/local/bin"), bin_dir)  # /usr/local/bin is this image's own build
    real_exists = Path.exists
    monkeypatch.setattr(harness.Path, "exists",
                        lambda self: False if str(self).startswith("/usr/local/bin") else real_exists(self))
    assert harness.find_pg_bin() == bin_dir


@pytest.mark.slow
def test_a_cluster_from_the_wheel_serves_the_central(monkeypatch: pytest.MonkeyPatch) -> None:
    reason = harness.postgres_available(pgserver_bin())
    if reason:
        pytest.skip(reason)
    monkeypatch.setattr(harness, "PG_BIN", pgserver_bin())
    server = harness.PostgresServer()
    server.start()
    try:
        url = server.create_database("wheel")
        with psycopg.connect(url) as conn:
            version = conn.execute("SHOW server_version").fetchone()[0]
        assert int(version.split(".")[0]) >= 14
        from central.db import CentralDatabase

        db = CentralDatabase(url)
        try:
            db.upgrade()
            assert db.current_revision()
        finally:
            db.dispose()
    finally:
        server.stop()
