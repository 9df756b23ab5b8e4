"""`counter-app audit verify` against an adversary with the desk file and a SQLite shell.

Every tampering case exits 1 and names the row; a long real history passes; bad bytes are a
finding, never a traceback.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from counter_app.cli import main
from counter_app.models import AuditEvent, Dossier
from counter_app.models import DossierStatus as S
from counter_app.services import audit, changes, demo, org, reception, returns
from tests.storage_faults import REPO
from tests.unit.test_reception import NA, WHEN, P, birth_form


@pytest.fixture
def history(db):
    """A desk with a real history: receptions, status changes, a return, logins."""
    ctx = org.login(db, "demo", "demo")
    codes = [reception.receive(db, ctx, birth_form(db, [P, P, NA]), now=WHEN + timedelta(minutes=i)).dossier_code
             for i in range(6)]
    with db.write() as s:
        for code in codes[:3]:
            dossier = s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
            changes.change_status(s, dossier, S.PROCESSING, officer=None, actor="Phòng Tư pháp")
            changes.change_status(s, dossier, S.RESULT_READY, officer=None, actor="Phòng Tư pháp")
    returns.hand_over(db, ctx, codes[0], returns.Receiver("Nguyễn Thị Ánh Tuyết", "096185001234"),
                      returns.ResultDocument("Giấy khai sinh", "123/2026"))
    db.dispose()
    return codes


def sql(db, statement: str, *params) -> None:
    """The adversary: a plain SQLite shell on the file, no app code involved."""
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute(statement, params)
    conn.close()


def ids(db) -> list[int]:
    conn = sqlite3.connect(db.path)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM audit_events ORDER BY id")]
    finally:
        conn.close()


def verify(db, capsys) -> tuple[int, str]:
    code = main(["audit", "verify", "--db", str(db.path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


def test_an_untouched_history_passes(db, history, capsys):
    code, out = verify(db, capsys)
    assert code == 0 and "Nhật ký toàn vẹn" in out, out


def test_deleting_the_last_row(db, history, capsys):
    last = ids(db)[-1]
    sql(db, "DELETE FROM audit_events WHERE id = ?", last)
    code, out = verify(db, capsys)
    assert code == 1 and f"tại dòng {last}" in out and "cắt bớt" in out, out


def test_deleting_the_last_100_rows(db, history, capsys):
    ctx = org.login(db, "demo", "demo")
    for i in range(40):
        reception.receive(db, ctx, birth_form(db, [P, P, NA]), now=WHEN + timedelta(hours=1, minutes=i))
    db.dispose()
    all_ids = ids(db)
    assert len(all_ids) > 100
    sql(db, "DELETE FROM audit_events WHERE id > ?", all_ids[-101])
    code, out = verify(db, capsys)
    assert code == 1 and "cắt bớt" in out and f"chỉ còn đến dòng {all_ids[-101]}" in out, out
    named = int(out.split("tại dòng ")[1].split(":")[0])
    assert all_ids[-101] < named <= all_ids[-90]  # the first sealed row that is gone


def test_truncating_the_table(db, history, capsys):
    sql(db, "DELETE FROM audit_events")
    code, out = verify(db, capsys)
    assert code == 1 and "cắt bớt" in out and "đã kiểm tra 0" not in out, out
    sql(db, "DELETE FROM settings WHERE key = 'audit.checkpoint'")  # the seal removed as well
    code, out = verify(db, capsys)
    assert code == 1 and "nhật ký trống" in out, out


def test_editing_a_middle_row_and_recomputing_every_hash_after_it(db, history, capsys):
    all_ids = ids(db)
    victim = all_ids[len(all_ids) // 2]
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("UPDATE audit_events SET actor = 'kẻ gian' WHERE id = ?", (victim,))
    prev = conn.execute("SELECT hash FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT 1", (victim,)).fetchone()[0]
    for row in conn.execute("SELECT id, at, officer_id, actor, action, entity, entity_key, details FROM audit_events "
                            "WHERE id >= ? ORDER BY id", (victim,)).fetchall():
        new = audit._row_hash(prev, audit._at_text(row[1]), *row[2:])
        conn.execute("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", (prev, new, row[0]))
        prev = new
    conn.close()
    code, out = verify(db, capsys)
    assert code == 1 and "viết lại" in out, out
    named = int(out.split("tại dòng ")[1].split(":")[0])
    assert named >= victim and named - victim < 30, (named, victim)  # located among the last checkpoints


def test_a_naive_edit_names_the_row(db, history, capsys):
    victim = ids(db)[3]
    sql(db, "UPDATE audit_events SET details = '{\"x\":1}' WHERE id = ?", victim)
    code, out = verify(db, capsys)
    assert code == 1 and f"tại dòng {victim}: nội dung dòng đã bị sửa" in out, out


def test_a_row_with_invalid_utf8(db, history, capsys):
    victim = ids(db)[2]
    sql(db, "UPDATE audit_events SET actor = CAST(x'c328ff' AS TEXT) WHERE id = ?", victim)
    code, out = verify(db, capsys)
    assert code == 1 and f"tại dòng {victim}" in out and "UTF-8" in out, out
    run = subprocess.run([sys.executable, "-m", "counter_app.cli", "audit", "verify", "--db", str(db.path)],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode == 1 and "Traceback" not in run.stderr


def test_editing_a_dossier_outside_the_app(db, history, capsys):
    sql(db, "UPDATE dossiers SET due_at = '2027-01-01 00:00:00.000000' WHERE code = ?", history[4])
    code, out = verify(db, capsys)
    assert code == 1 and "hồ sơ số" in out and "bị sửa ngoài phần mềm" in out and "tại dòng" in out, out


def test_deleting_a_dossier_outside_the_app(db, history, capsys):
    sql(db, "PRAGMA foreign_keys = OFF")
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("DELETE FROM dossiers WHERE code = ?", (history[5],))
    conn.close()
    code, out = verify(db, capsys)
    assert code == 1 and "đã bị xóa ngoài phần mềm" in out, out


def test_editing_an_applicant_outside_the_app(db, history, capsys):
    sql(db, "UPDATE applicants SET name = 'Người Khác'")
    code, out = verify(db, capsys)
    assert code == 1 and "người nộp số" in out, out


def test_adding_a_dossier_outside_the_app(db, history, capsys):
    conn = sqlite3.connect(db.path, isolation_level=None)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(dossiers)")]
    row = conn.execute("SELECT * FROM dossiers ORDER BY id DESC LIMIT 1").fetchone()
    fake = dict(zip(cols, row, strict=True)) | {"id": row[0] + 1, "code": row[cols.index("code")][:-4] + "1999",
                                                 "book_number": 999}
    conn.execute(f"INSERT INTO dossiers ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                 list(fake.values()))
    conn.close()
    code, out = verify(db, capsys)
    assert code == 1 and "được thêm ngoài phần mềm" in out, out


def test_forging_the_seal_without_the_key(db, history, capsys):
    sql(db, "DELETE FROM audit_events WHERE id = ?", ids(db)[-1])
    sql(db, "UPDATE settings SET value = json_set(value, '$.seq', 1) WHERE key = 'audit.checkpoint'")
    code, out = verify(db, capsys)
    assert code == 1 and "điểm niêm phong" in out, out


def test_a_large_real_history_with_demo_data_passes(db, history, capsys):
    demo.generate(db, 3000)
    ctx = org.login(db, "demo", "demo")
    for i in range(20):
        reception.receive(db, ctx, birth_form(db, [P, P, NA]), now=WHEN + timedelta(days=1, minutes=i))
    db.dispose()
    code, out = verify(db, capsys)
    assert code == 0, out
    with db.read() as s:
        assert s.execute(select(AuditEvent).where(AuditEvent.action == "demo.generated")).first() is not None
    sql(db, "UPDATE dossiers SET status = 10 WHERE id = (SELECT max(id) FROM dossiers)")  # an app-made one
    assert verify(db, capsys)[0] == 1
