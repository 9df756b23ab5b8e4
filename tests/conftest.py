"""Shared fixtures: every test gets its own data dir and its own real SQLite file."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2 import profiles as argon2_profiles

from counter_app.services import backup_format as _backup_format
from counter_app.services import org as _org

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The audit seal key is the user account's (one for every desk file it runs): one per test process,
# outside any test's home, so the session-wide database templates stay verifiable in every test.
os.environ["COUNTER_APP_SEAL_KEY"] = os.path.join(tempfile.mkdtemp(prefix="motcua-seal-"), "audit-seal.key")

# Argon2 at its cheapest in the test processes (argon2.profiles.CHEAPEST, which argon2-cffi provides
# for tests, as Django's test settings swap in a fast hasher): the production parameters cost
# ~0.2 s of CPU for every hash and every login, hundreds of times a run, and test nothing more. The
# hashes stay real Argon2id; the login-timing test puts the production hasher back
# (``production_password_hashing``), and console scripts started as processes use it too.
_org.use_password_hasher(PasswordHasher.from_parameters(argon2_profiles.CHEAPEST))
# The same for the backup key: scrypt at n=2^10 instead of 2^15 (~0.15 s of CPU per backup made or
# opened, dozens a run). The file names its cost in its header and restore derives the key with it,
# so the format and the checks are those of production; test_backup checks the production cost.
PRODUCTION_SCRYPT_N = _backup_format.SCRYPT_N
_backup_format.SCRYPT_N = 1 << 10

DATA = Path(__file__).parent / "data"
SMALL_CATALOG = DATA / "catalog_small.json"
# The desk PCs' screens, side by side: 1366×768 (primary: offscreen sorts screens by name) and
# 1280×720 (see tests/ui/test_screen_fit.py).
SCREENS = DATA / "screens.json"


@pytest.fixture(scope="session")
def qapp_args():
    """pytest-qt's QApplication: on the offscreen platform, with the two desk screens."""
    args = ["counter-app-tests"]
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] == "offscreen":
        args += ["-platform", f"offscreen:configfile={SCREENS}"]
    return args


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing a test does may touch the user's real data dir or database."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))  # log files
    monkeypatch.delenv("COUNTER_LOG_DIR", raising=False)
    monkeypatch.delenv("COUNTER_APP_DB", raising=False)
    monkeypatch.delenv("COUNTER_APP_LANG", raising=False)  # tests read the Vietnamese sources unless they pick English
    return home


@pytest.fixture(autouse=True)
def fail_on_error_logs(caplog: pytest.LogCaptureFixture):
    """Unexpected log errors fail the test (qutebrowser's rule); expected ones are cleared by the test."""
    caplog.set_level(logging.WARNING)
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, f"unexpected error log: {[r.getMessage() for r in errors]}"


@pytest.fixture
def production_password_hashing():
    """Argon2 with the desk's real parameters, for the tests where its cost is the point."""
    _org.use_password_hasher(PasswordHasher())
    yield
    _org.use_password_hasher(PasswordHasher.from_parameters(argon2_profiles.CHEAPEST))


@pytest.fixture
def scanner_clock(monkeypatch: pytest.MonkeyPatch):
    """The desk's scanner clock (counter_app.ui.scanner: the return page's scan field and every
    reception field) paced like a scanner instead of the wall clock; ``pause`` is a person's."""
    from counter_app.ui import scanner
    from tests.helpers import ScannerClock

    clock = ScannerClock()
    monkeypatch.setattr(scanner, "_clock", clock)
    return clock


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite"


@pytest.fixture(scope="session")
def empty_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A desk file migrated to the head and nothing else, built once per test process (migrating
    from nothing costs ~0.3 s; test_db.py migrates for real)."""
    from counter_app.models.db import Database

    path = tmp_path_factory.mktemp("empty-template") / "desk.sqlite"
    template = Database(path)
    template.upgrade()
    template.dispose()
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def empty_db(empty_db_template: Path, db_path: Path):
    """A migrated desk database with no catalog and no unit: a fresh copy for every test."""
    from counter_app.models.db import Database

    shutil.copyfile(empty_db_template, db_path)
    db = Database(db_path)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``db`` fixture's content, built once per test process: migrating, importing the catalog
    and hashing the demo password cost ~0.5 s a test; copying the closed file costs milliseconds."""
    from counter_app.models.db import Database
    from counter_app.services import catalog, org

    path = tmp_path_factory.mktemp("template") / "desk.sqlite"
    template = Database(path)
    template.upgrade()
    catalog.import_file(template, SMALL_CATALOG)
    with template.write() as session:
        org.ensure_demo_setup(session)
    template.dispose()  # the last connection closes: the WAL is checkpointed into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def db(db_template: Path, db_path: Path):
    """Migrated database with the small test catalog and the demo unit, desk 1 and officer:
    a fresh copy of the template at ``db_path`` for every test."""
    from counter_app.models.db import Database

    shutil.copyfile(db_template, db_path)
    db = Database(db_path)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def known_mix_template(db_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """tests/supervision_data.py's known mix, built once per test process on a copy of the template."""
    from counter_app.models.db import Database
    from tests.supervision_data import build_known_mix

    path = tmp_path_factory.mktemp("known-mix") / "desk.sqlite"
    shutil.copyfile(db_template, path)
    template = Database(path)
    mix = build_known_mix(template)
    template.dispose()
    assert not path.with_name(path.name + "-wal").exists()
    return path, mix


@pytest.fixture
def mix(db, known_mix_template):
    """The known mix in this test's ``db`` (same file, same object): a copy of the mix template."""
    path, known = known_mix_template
    db.dispose()  # closes every connection; the next unit of work opens the copied file
    shutil.copyfile(path, db.path)
    return known


@pytest.fixture
def desk_context(db):
    from counter_app.services import org

    return org.login(db, org.DEMO_USERNAME, org.DEMO_PASSWORD)
