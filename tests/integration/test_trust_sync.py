"""Trust across desk and central over real HTTP: the audit head anchored at the central, and a desk
restored from a backup that never reissues a code."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from sqlalchemy import select

from central.models import AuditAnchor
from counter_app.cli import main
from counter_app.services import audit, backup
from counter_app.services.restore_guard import CountersBehindError
from counter_app.sync.service import SyncService
from tests.integration.harness import (
    back_office,
    central_statuses,
    connect,
    make_desk,
    register_desk,
    run_central_cli,
)
from tests.storage_faults import fill_up, limit_pages

PASS = "mat-khau-sao-luu-2026"


def test_each_sync_anchors_the_audit_head_and_verify_checks_it(tmp_path, central, central_db, capsys):
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    desk.receive(3)
    SyncService(desk.db).sync_once()
    with desk.db.read() as s:
        head = audit.head(s)
    with central_db.read() as s:
        anchor = s.execute(select(AuditAnchor).order_by(AuditAnchor.id.desc())).scalars().first()
        assert (anchor.unit_code, anchor.desk_number, anchor.seq, anchor.head) == (desk.unit_code, 1, *head)
    # The central answers "desk 1 had head H at row S" to an inspector, from the command line too.
    out = run_central_cli(central.database_url, "audit", "anchor", "--unit", desk.unit_code, "--desk", "1",
                          "--seq", str(head[0]))
    assert out.returncode == 0 and json.loads(out.stdout)["hash"] == head[1]
    SyncService(desk.db).sync_once()  # nothing new: no second anchor
    with central_db.read() as s:
        assert len(s.execute(select(AuditAnchor)).all()) == 1
    assert main(["audit", "verify", "--central", "--db", str(desk.path)]) == 0
    capsys.readouterr()

    # Cut the log after the sync and forge a matching local seal and anchor copy: only the central knows.
    desk.db.dispose()
    conn = sqlite3.connect(desk.path, isolation_level=None)
    conn.execute("DELETE FROM audit_events WHERE id >= ?", (head[0] - 2,))
    conn.execute("DELETE FROM settings WHERE key IN ('audit.checkpoint', 'audit.anchor')")
    conn.close()
    assert main(["audit", "verify", "--central", "--db", str(desk.path)]) == 1
    out = capsys.readouterr().out
    assert f"tại dòng {head[0]}" in out and "trung tâm" in out, out


def test_a_restored_desk_never_reissues_a_code(tmp_path, central, central_db, monkeypatch, capsys):
    monkeypatch.setenv(backup.PASSPHRASE_ENV, PASS)
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    before = desk.receive(2)  # …-1001, …-1002
    folder = tmp_path / "usb"
    folder.mkdir()
    saved = backup.backup(desk.db, folder, passphrase=PASS).path
    after = desk.receive(3)  # …-1003 to …-1005: synced, then the disk dies
    SyncService(desk.db).sync_once()
    desk.db.dispose()
    os.remove(desk.path)

    assert main(["backup", "restore", str(saved), "--db", str(desk.path)]) == 0
    from counter_app.models.db import Database

    desk.db = Database(desk.path)
    with pytest.raises(CountersBehindError, match="khôi phục từ bản sao lưu"):
        desk.receive(1)
    SyncService(desk.db).sync_once()  # fast-forwards the counters from the central's high-water marks
    fresh = desk.receive(2)
    issued = set(before) | set(after)
    assert not issued & set(fresh), (sorted(issued), fresh)
    assert fresh[0].endswith("-1006")
    SyncService(desk.db).sync_once()
    # The central still holds the head of the lost file's log; verify explains it by the restore
    # recorded in the log instead of calling the desk tampered with.
    capsys.readouterr()
    assert main(["audit", "verify", "--central", "--db", str(desk.path)]) == 0
    out = capsys.readouterr().out
    assert "khôi phục từ bản sao lưu" in out and "mốc của hệ thống trung tâm" in out, out


def test_sync_on_a_full_disk_says_so_and_loses_nothing(tmp_path, central, central_db, capsys):
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    sent = desk.receive(3)
    SyncService(desk.db).sync_once()
    for code in sent:  # the back office moves them: the next pass has changes to store
        back_office(central_db, code, "process")
    unsent = desk.receive(2)
    desk.db.dispose()
    fill_up(desk.path)
    with limit_pages(0):
        assert main(["sync", "--once", "--db", str(desk.path)]) == 1
    err = capsys.readouterr().err
    assert "đã đầy" in err and "vẫn còn" in err and "Traceback" not in err, err
    # Room again (the filler dropped): the same pass completes, nothing lost, nothing doubled.
    conn = sqlite3.connect(desk.path, isolation_level=None)
    conn.execute("DROP TABLE test_filler")
    conn.close()
    assert main(["sync", "--once", "--db", str(desk.path)]) == 0
    from counter_app.models.db import Database

    desk.db = Database(desk.path)
    assert desk.pending() == 0
    assert {code: desk.statuses()[code] for code in sent} == dict.fromkeys(sent, 4)
    held = central_statuses(central_db)
    assert all(code in held for code in unsent) and len(set(held) & set(sent + unsent)) == 5
    assert main(["audit", "verify", "--db", str(desk.path)]) == 0
