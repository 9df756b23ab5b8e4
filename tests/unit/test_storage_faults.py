"""Storage faults at the command line: a Vietnamese sentence, exit 1, never a traceback, nothing lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import select

from counter_app.cli import main
from counter_app.domain.storage import StorageError, explain_storage
from counter_app.models import Dossier
from counter_app.services import reception
from counter_app.services.desk_database import open_desk_database
from tests.integration.harness import unreachable_as
from tests.storage_faults import REPO, corrupt, limit_pages, run_on_small_disk, unshare_available
from tests.unit.test_reception import NA, WHEN, P, birth_form


def _codes(db) -> list[str]:
    with db.read() as s:
        return sorted(s.execute(select(Dossier.code)).scalars())


def test_full_disk_during_a_reception_is_explained_and_loses_nothing(db, desk_context):
    first = reception.receive(db, desk_context, birth_form(db, [P, P, NA]), now=WHEN).dossier_code
    with limit_pages(0), pytest.raises(StorageError, match="đã đầy") as err:
        fresh = open_desk_database(db.path)
        try:
            for _ in range(50):
                reception.receive(fresh, desk_context, birth_form(fresh, [P, P, NA]), now=WHEN)
        finally:
            fresh.dispose()
    assert err.value.kind == "full" and "vẫn còn trên màn hình" in err.value.message
    assert first in _codes(db)  # what was stored before stays, the failed unit left nothing half-done
    assert main(["audit", "verify", "--db", str(db.path)]) == 0


@pytest.mark.parametrize("command", [["demo-data", "--dossiers", "3000"],
                                     ["catalog", "import", "counter_app/resources/catalog/procedures.json"]])
def test_full_disk_at_the_command_line(db, db_path, capsys, command, monkeypatch):
    monkeypatch.chdir(REPO)
    db.dispose()
    with limit_pages(0):
        code = main([*command, "--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 1 and "đã đầy" in err and "Traceback" not in err, err


@pytest.mark.parametrize("command", [["demo-data", "--dossiers", "10"], ["sync", "--once"]])
def test_read_only_database_at_the_command_line(db, db_path, capsys, command, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_SYNC_TOKEN", "t" * 43)
    if command[0] == "sync":
        assert main(["sync", "--once", "--db", str(db_path), "--central", "http://127.0.0.1:9"]) == 1
        capsys.readouterr()
    db.dispose()
    with limit_pages(read_only=True):
        assert main([*command, "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "chỉ đọc" in err and "Traceback" not in err, err


def test_a_corrupted_file_is_refused_on_open_with_what_to_do(db, db_path, capsys):
    reception.receive(db, db.__class__ and __import__("counter_app.services.org", fromlist=["x"]).login(
        db, "demo", "demo"), birth_form(db, [P, P, NA]), now=WHEN)
    db.dispose()
    corrupt(db_path)
    for command in (["dossier", "list"], ["audit", "verify"], ["sync", "--once"]):
        assert main([*command, "--db", str(db_path)]) == 1
        err = capsys.readouterr().err
        assert "bị hỏng" in err and "backup restore" in err and "Traceback" not in err, err


def test_garbage_instead_of_a_database(tmp_path, capsys):
    bad = tmp_path / "desk.sqlite"
    bad.write_bytes(b"this is not a database, it is a shopping list " * 200)
    assert main(["dossier", "list", "--db", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bị hỏng" in err and "Traceback" not in err


def test_a_database_path_that_cannot_exist(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["dossier", "list", "--db", str(blocker / "desk.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "Lỗi:" in err and "Traceback" not in err


def test_explanations_cover_every_kind():
    import errno
    import sqlite3

    cases = {"full": OSError(errno.ENOSPC, "No space"), "readonly": OSError(errno.EROFS, "ro"),
             "permission": OSError(errno.EACCES, "denied"), "missing": OSError(errno.ENOENT, "gone"),
             "corrupt": sqlite3.DatabaseError("database disk image is malformed"),
             "io": sqlite3.OperationalError("disk I/O error")}
    for kind, exc in cases.items():
        error = explain_storage(exc)
        assert error is not None and error.kind == kind and "của quầy" in error.message
    assert explain_storage(ValueError("not storage")) is None


# ---------------------------------------------------------------- a real small disk (tmpfs in a user namespace)

needs_unshare = pytest.mark.skipif(bool(unshare_available()), reason=str(unshare_available()))


@needs_unshare
def test_real_full_disk_read_only_medium_and_no_traceback(db, db_path, tmp_path):
    desk = reception.receive(db, __import__("counter_app.services.org", fromlist=["x"]).login(db, "demo", "demo"),
                             birth_form(db, [P, P, NA]), now=WHEN).dossier_code
    db.dispose()
    size_kb = db_path.stat().st_size // 1024 + 48
    full = run_on_small_disk(db_path, size_kb, [
        ["demo-data", "--dossiers", "20000", "--db", "{db}"],
        ["dossier", "list", "--json", "--db", "{db}"],
        ["audit", "verify", "--db", "{db}"],
    ], mount_dir=tmp_path / "small")
    assert full[0].returncode == 1 and "đã đầy" in full[0].stderr and "Traceback" not in full[0].stderr, full[0]
    assert full[1].returncode == 0 and desk in json.loads(full[1].stdout)[-1]["code"] + full[1].stdout
    assert full[2].returncode == 0, full[2]
    ro = run_on_small_disk(db_path, size_kb * 2, [
        ["dossier", "list", "--db", "{db}"],
        ["demo-data", "--dossiers", "10", "--db", "{db}"],
        ["audit", "verify", "--db", "{db}"],
        ["sync", "--once", "--db", "{db}"],
    ], read_only=True, mount_dir=tmp_path / "ro")
    for result in ro:
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result
    assert ro[1].returncode == 1 and ("chỉ đọc" in ro[1].stderr or "quyền" in ro[1].stderr), ro[1]


def test_permission_denied_as_another_account(db, db_path):
    db.dispose()
    if os.geteuid() == 0:  # root is never denied: run the command as "nobody" (CI runs as root)
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv(1): no way to be denied")
        prefix = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]
        reason = unreachable_as(prefix, [sys.executable, "-c", "import counter_app.cli"], cwd=REPO)
        if reason:
            pytest.skip(reason)
    else:
        os.chmod(db_path, 0)
        prefix = []
    result = subprocess.run([*prefix, sys.executable, "-m", "counter_app.cli", "dossier", "list",
                             "--db", str(db_path)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result
    assert "không có quyền" in result.stderr, result.stderr


# ---------------------------------------------------------------- a desk file that is not there

@pytest.mark.parametrize("command", [
    ["dossier", "list"], ["dossier", "show", "000.00.01.H12-261125-1001", "--json"], ["audit", "verify"],
    ["sync", "--once", "--central", "http://127.0.0.1:9"], ["report", "daily", "--date", "2026-11-25"],
    ["calendar", "day-off", "2026-11-30"], ["forms"], ["db", "current"], ["backup", "--to", "."],
    ["due", "--received", "2026-11-25 09:00", "--duration", "1 working day"], ["catalog", "search", "khai sinh"],
])
def test_a_missing_desk_file_is_refused_and_never_created(tmp_path, capsys, monkeypatch, command):
    """A mistyped --db (in an existing folder or not) or an unplugged drive: said so, exit 1, nothing made."""
    monkeypatch.setenv("COUNTER_APP_SYNC_TOKEN", "t" * 43)
    monkeypatch.setenv("COUNTER_APP_BACKUP_PASSPHRASE", "mat-khau-sao-luu-2026")
    monkeypatch.chdir(tmp_path)
    for missing in (tmp_path / "dek.sqlite", tmp_path / "no-such-folder" / "desk.sqlite"):
        before = sorted(p.name for p in tmp_path.iterdir())
        assert main([*command, "--db", str(missing)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("Lỗi: Không tìm thấy tệp cơ sở dữ liệu") and str(missing) in err, err
        assert "không tạo quầy mới" in err and "Traceback" not in err
        assert sorted(p.name for p in tmp_path.iterdir()) == before  # no file, no -wal, no folder


def test_a_missing_default_desk_file_is_refused_too(tmp_path, capsys, monkeypatch):
    missing = tmp_path / "data" / "counter.sqlite"
    monkeypatch.setenv("COUNTER_APP_DB", str(missing))
    assert main(["dossier", "list"]) == 1
    assert "Không tìm thấy tệp cơ sở dữ liệu" in capsys.readouterr().err and not missing.parent.exists()



# ---------------------------------------------------------------- the integrity check on open, out of time

def test_an_open_check_out_of_time_is_never_taken_as_sound(db, db_path, desk_context, capsys, monkeypatch):
    """A check stopped by its budget proves nothing: the command says so until a whole check has run,
    and `db check` runs it whatever it takes — and finds the damage the partial one could not."""
    from counter_app.models.db import CHECK_BUDGET_ENV
    from tests.storage_faults import damage_an_index

    assert db.quick_check(None).complete is True and db.quick_check(0).complete is False
    db.dispose()
    monkeypatch.setenv(CHECK_BUDGET_ENV, "0")  # no time at all: the open check always runs out
    assert main(["calendar", "list", "--db", str(db_path)]) == 0
    err = capsys.readouterr().err
    assert "chỉ kiểm tra toàn vẹn được một phần" in err and "counter-app db check" in err, err
    assert main(["db", "check", "--db", str(db_path)]) == 0
    assert "đã kiểm tra toàn bộ" in capsys.readouterr().out
    assert main(["calendar", "list", "--db", str(db_path)]) == 0
    assert capsys.readouterr().err == ""  # checked in full less than a day ago: nothing to say

    damage_an_index(db_path)
    assert main(["calendar", "list", "--db", str(db_path)]) == 0  # the budget did not reach the damage...
    assert main(["db", "check", "--db", str(db_path)]) == 1  # ...the whole check does
    err = capsys.readouterr().err
    assert "bị hỏng" in err and "backup restore" in err and "Traceback" not in err, err
    monkeypatch.delenv(CHECK_BUDGET_ENV)
    assert main(["calendar", "list", "--db", str(db_path)]) == 1  # a check with time finds it on open
    assert "bị hỏng" in capsys.readouterr().err
