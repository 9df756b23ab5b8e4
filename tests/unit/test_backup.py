"""Backups: encrypted round trip, verified, rotated, restored with the current file kept; a restored
desk mints no code before it resyncs. Command lines exactly as the issue names them."""

from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from counter_app.cli import main
from counter_app.models import Dossier
from counter_app.models.db import Database
from counter_app.services import backup, backup_format, org, reception
from counter_app.services.errors import ValidationError
from counter_app.services.restore_guard import CountersBehindError
from counter_app.sync import guard
from tests.unit.test_reception import NA, WHEN, P, birth_form

PASS = "mat-khau-sao-luu-2026"


@pytest.fixture
def env_pass(monkeypatch):
    monkeypatch.setenv(backup.PASSPHRASE_ENV, PASS)


def _receive(db, minutes: int = 0) -> str:
    ctx = org.login(db, "demo", "demo")
    return reception.receive(db, ctx, birth_form(db, [P, P, NA]), now=WHEN + timedelta(minutes=minutes)).dossier_code


def _codes(path) -> list[str]:
    db = Database(path)
    try:
        with db.read() as s:
            return sorted(s.execute(select(Dossier.code)).scalars())
    finally:
        db.dispose()


def test_backup_verify_restore_round_trip_from_the_command_line(db, db_path, tmp_path, capsys, env_pass):
    first = _receive(db)
    db.dispose()
    target = tmp_path / "usb"
    target.mkdir()
    assert main(["backup", "--to", str(target), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Đã sao lưu và kiểm tra" in out
    (made,) = target.glob("*.mcbak")
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    content = made.read_bytes()
    assert b"SQLite format 3" not in content and "Ánh Tuyết".encode() not in content  # encrypted
    assert main(["backup", "verify", str(made)]) == 0
    assert "Bản sao lưu tốt" in capsys.readouterr().out

    db = Database(db_path)
    second = _receive(db, 5)  # after the backup: only in the current file
    db.dispose()
    assert main(["backup", "restore", str(made), "--db", str(db_path)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    assert _codes(db_path) == [first]
    kept = [p for p in tmp_path.glob("desk.sqlite.before-restore-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and second in _codes(kept[0])  # nothing lost: the replaced file is kept
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert main(["audit", "verify", "--db", str(db_path)]) == 0, capsys.readouterr()


def test_a_backup_at_the_production_key_cost_names_it_and_restores(db, db_path, tmp_path, monkeypatch):
    """The other tests derive backup keys at a low scrypt cost (tests/conftest.py); production's is
    written in the file's header and read back from it."""
    from tests.conftest import PRODUCTION_SCRYPT_N

    assert PRODUCTION_SCRYPT_N == 1 << 15
    monkeypatch.setattr(backup_format, "SCRYPT_N", PRODUCTION_SCRYPT_N)
    code = _receive(db)
    info = backup.backup(db, tmp_path, passphrase=PASS)
    db.dispose()
    header = json.loads(info.path.read_bytes()[len(backup_format.MAGIC):].split(b"\n", 1)[0])
    assert (header["kdf"], header["n"], header["r"], header["p"]) == ("scrypt", 1 << 15, 8, 1)
    monkeypatch.setattr(backup_format, "SCRYPT_N", 1 << 10)  # restoring follows the header, not the setting
    backup.restore(db_path, info.path, PASS)
    assert _codes(db_path) == [code]


def test_a_restored_desk_refuses_to_receive_until_it_resyncs(db, db_path, tmp_path, env_pass):
    _receive(db)
    target = tmp_path / "b"
    target.mkdir()
    info = backup.backup(db, target, passphrase=PASS)
    db.dispose()
    backup.restore(db_path, info.path, PASS)
    db = Database(db_path)
    with pytest.raises(CountersBehindError, match="khôi phục từ bản sao lưu"):
        _receive(db, 10)
    with db.write() as s:  # the central's marks: the lost file had issued up to 1007 that day
        desk = org.current_desk(s)
        guard.fast_forward(s, desk.id, {"last_seq": 0, "known": [],
                                        "codes": [{"day": WHEN.date().isoformat(), "kind": "dossier", "last": 7}]},
                           guard.installation_id())
    assert _receive(db, 10).endswith("-1008")
    db.dispose()


@pytest.mark.parametrize("damage", ["wrong_passphrase", "flipped_byte", "cut_short", "not_a_backup"])
def test_bad_backups_are_refused_in_vietnamese(db, tmp_path, capsys, monkeypatch, damage):
    _receive(db)
    target = tmp_path / "b"
    target.mkdir()
    path = backup.backup(db, target, passphrase=PASS).path
    db.dispose()
    data = bytearray(path.read_bytes())
    monkeypatch.setenv(backup.PASSPHRASE_ENV, "sai-mat-khau-roi" if damage == "wrong_passphrase" else PASS)
    if damage == "flipped_byte":
        data[len(data) // 2] ^= 0x40
    elif damage == "cut_short":
        data = data[: len(data) - 100]
    elif damage == "not_a_backup":
        data = bytearray(b"hello")
    path.write_bytes(bytes(data))
    for command in (["backup", "verify", str(path)], ["backup", "restore", str(path), "--db", str(tmp_path / "x.sqlite")]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.startswith("Lỗi: ") and "Traceback" not in err, err
    assert not (tmp_path / "x.sqlite").exists() or _codes(tmp_path / "x.sqlite") == []


def test_rotation_keeps_the_newest_and_the_schedule(db, desk_context, tmp_path):
    target = tmp_path / "b"
    target.mkdir()
    config = backup.configure(db, desk_context, directory=str(target), keep=2, interval_minutes=60,
                              passphrase=PASS, passphrase_again=PASS)
    assert config.has_passphrase and backup.due(config)
    start = datetime(2026, 11, 25, 8, 0)
    for i in range(3):
        backup.backup(db, now=start + timedelta(hours=i))
    names = sorted(p.name for p in target.glob("*.mcbak"))
    assert len(names) == 2 and names[0].endswith("20261125-090000.mcbak")
    config = backup.load_config(db)
    assert config.last_at == start + timedelta(hours=2)
    assert not backup.due(config, now=start + timedelta(hours=2, minutes=30))
    assert backup.due(config, now=start + timedelta(hours=3, minutes=1))


def test_backup_to_a_missing_folder_says_so(db, tmp_path, capsys, env_pass, db_path):
    db.dispose()
    assert main(["backup", "--to", str(tmp_path / "no-usb"), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "Không tìm thấy thư mục sao lưu" in err and "Traceback" not in err
    # A desk file that is gone is said so; no empty desk file is made just to be backed up.
    gone = tmp_path / "gone" / "desk.sqlite"
    assert main(["backup", "--to", str(tmp_path), "--db", str(gone)]) == 1
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp cơ sở dữ liệu" in err and "Traceback" not in err and not gone.parent.exists()


def test_only_a_supervisor_sets_the_backup_and_the_passphrase_is_long_enough(db, desk_context, tmp_path):
    from dataclasses import replace

    from counter_app.models import Role
    from counter_app.services.errors import PermissionDeniedError

    clerk = replace(desk_context, roles=frozenset({Role.RECEPTION}))
    with pytest.raises(PermissionDeniedError):
        backup.configure(db, clerk, directory=str(tmp_path), passphrase=PASS)
    with pytest.raises(ValidationError, match="ít nhất"):
        backup.configure(db, desk_context, directory=str(tmp_path), passphrase="ngan")


def test_a_restore_never_swaps_the_file_under_a_running_sync_pass(db, db_path, tmp_path, env_pass):
    """The sync pass of any window or process holds the desk's sync lock: a restore waits for it and,
    past its wait, is refused with nothing changed."""
    from filelock import FileLock

    from counter_app.services.restore_guard import sync_lock_path

    _receive(db)
    target = tmp_path / "b"
    target.mkdir()
    made = backup.backup(db, target, passphrase=PASS).path
    later = _receive(db, 5)
    db.dispose()
    with FileLock(sync_lock_path(db_path)):  # a pass running in another process
        with pytest.raises(ValidationError, match="Đang đồng bộ với trung tâm"):
            backup.restore(db_path, made, PASS, wait=0.05)
        assert later in _codes(db_path)  # untouched: nothing set aside, no staging copy left
        assert sorted(p.name for p in tmp_path.iterdir() if "restor" in p.name) == []
    backup.restore(db_path, made, PASS, wait=0.05)  # the pass ended: the restore goes through
    assert later not in _codes(db_path)


def test_a_writer_opened_before_a_restore_goes_on_in_the_restored_file(db, db_path, tmp_path, env_pass):
    """`counter-app sync` keeps its connections between passes: after a restore by another process
    its next unit of work must land in the restored file (which says it was restored), not in the
    file set aside, where it would be lost."""
    from counter_app.services import restore_guard, settings

    _receive(db)
    target = tmp_path / "b"
    target.mkdir()
    made = backup.backup(db, target, passphrase=PASS).path
    _receive(db, 5)
    with db.read() as s:  # the long-lived writer holds pooled connections on the current file
        settings.get(s, "desk_id")
    assert db.reader().execute("SELECT count(*) FROM dossiers").fetchone()[0] == 2
    backup.restore(db_path, made, PASS)
    assert restore_guard.needs_fast_forward(db)  # it sees the restored file, marked as such
    with db.write() as s:
        settings.put(s, "test.after_restore", "1")
    assert db.reader().execute("SELECT count(*) FROM dossiers").fetchone()[0] == 1
    (kept,) = [p for p in tmp_path.glob("desk.sqlite.before-restore-*") if not p.name.endswith(("-wal", "-shm"))]
    for path, expected in ((db_path, "1"), (kept, None)):
        other = Database(path)
        try:
            with other.read() as s:
                assert settings.get(s, "test.after_restore") == expected, path
        finally:
            other.dispose()


# ---------------------------------------------------------------- the digitised papers (issue #13's files)

def _attach_scan(db, code: str, tmp_path) -> tuple[bytes, str]:
    from counter_app.services import attachments
    from tests.unit.test_attachments import pdf_bytes

    pdf = tmp_path / "giay-chung-sinh.pdf"
    pdf.write_bytes(pdf_bytes(2))
    [info] = attachments.attach(db, org.login(db, "demo", "demo"), code, [pdf], document="1")
    return pdf.read_bytes(), info.sha256


def test_backups_carry_the_digitised_papers_and_restore_them_byte_for_byte(db, db_path, tmp_path, capsys, env_pass):
    import shutil

    from counter_app.services import attachments, file_store

    code = _receive(db)
    data, sha = _attach_scan(db, code, tmp_path)
    stored = file_store.path_for(attachments.store_root(db), sha)
    assert stored.read_bytes() == data and stored.is_relative_to(tmp_path / "archive")
    db.dispose()
    target = tmp_path / "usb"
    target.mkdir()
    assert main(["backup", "--to", str(target), "--db", str(db_path)]) == 0
    assert "1 tệp số hóa" in capsys.readouterr().out
    (made,) = target.glob("*.mcbak")
    assert data[-200:] not in made.read_bytes()  # encrypted like the rest
    assert main(["backup", "verify", str(made)]) == 0 and "1 tệp số hóa" in capsys.readouterr().out
    shutil.rmtree(tmp_path / "archive")  # the disk died: the scans are gone with the desk file
    for p in tmp_path.glob("desk.sqlite*"):
        p.unlink()
    assert main(["backup", "restore", str(made), "--db", str(db_path)]) == 0
    assert "1 tệp số hóa" in capsys.readouterr().out
    assert stored.read_bytes() == data
    restored = Database(db_path)
    try:
        [listed] = attachments.list_files(restored, code)
        assert listed.sha256 == sha and listed.path == stored
    finally:
        restored.dispose()
    assert not [p for p in tmp_path.iterdir() if "restoring" in p.name]  # no staging left behind


def test_a_backup_whose_papers_were_tampered_with_is_refused(db, db_path, tmp_path, capsys, env_pass):
    from counter_app.services import attachments, file_store

    code = _receive(db)
    data, sha = _attach_scan(db, code, tmp_path)
    target = tmp_path / "b"
    target.mkdir()
    made = backup.backup(db, target, passphrase=PASS).path
    db.dispose()
    # 1. A byte of the last part (the scan comes after the database) changed on the USB stick.
    damaged = target / "damaged.mcbak"
    content = bytearray(made.read_bytes())
    content[-40] ^= 0x01
    damaged.write_bytes(bytes(content))
    # 2. Forged by someone who knows the passphrase: other bytes under the scan's name.
    plain = tmp_path / "plain.sqlite"
    with open(plain, "wb") as out:
        manifest, _ = backup_format.decrypt(made, PASS, out)
    with open(plain, "ab") as out:
        out.write(b"%PDF-1.4 forged " * 20)
    manifest["files"] = [{"sha256": sha, "size": 16 * 20}]
    forged = target / "forged.mcbak"
    with open(forged, "wb") as out:
        backup_format.encrypt(plain, manifest, PASS, out)
    stored = file_store.path_for(attachments.store_root(Database(db_path)), sha)
    stored.unlink()
    for bad, said in ((damaged, "sai mật khẩu sao lưu, hoặc tệp đã bị sửa"), (forged, "không khớp mã kiểm tra")):
        for command in (["backup", "verify", str(bad)], ["backup", "restore", str(bad), "--db", str(db_path)]):
            assert main(command) == 1
            err = capsys.readouterr().err
            assert said in err and "Traceback" not in err, err
    assert not stored.exists() and code in _codes(db_path)  # nothing restored, the desk file as it was


def test_a_backup_made_before_papers_were_carried_still_restores(db, db_path, tmp_path, env_pass):
    code = _receive(db)
    target = tmp_path / "b"
    target.mkdir()
    made = backup.backup(db, target, passphrase=PASS).path
    db.dispose()
    plain = tmp_path / "plain.sqlite"
    with open(plain, "wb") as out:
        manifest, _ = backup_format.decrypt(made, PASS, out)
    old = {k: v for k, v in manifest.items() if k not in ("files", "files_missing")}  # as #17 first wrote them
    with open(made, "wb") as out:
        backup_format.encrypt(plain, old, PASS, out)
    assert backup.verify(made, PASS).files == 0
    assert backup.restore(db_path, made, PASS).dossiers == 1 and _codes(db_path) == [code]


def test_a_scan_damaged_on_the_desk_disk_is_left_out_and_said(db, db_path, tmp_path, capsys, env_pass):
    from counter_app.services import attachments, file_store

    code = _receive(db)
    _, sha = _attach_scan(db, code, tmp_path)
    file_store.path_for(attachments.store_root(db), sha).write_bytes(b"%PDF-1.4 bit rot")
    db.dispose()
    assert main(["backup", "--to", str(tmp_path), "--db", str(db_path)]) == 0
    out, err = capsys.readouterr()
    assert "0 tệp số hóa" in out and "Cảnh báo: 1 tệp số hóa" in err
