"""The scriptable core: admins' scripts depend on these exact command lines and outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.cli import main
from tests.conftest import SMALL_CATALOG

COUNTER_APP = Path(sys.executable).with_name("counter-app")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COUNTER_APP), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_due_prints_only_the_moment():
    result = run_cli("due", "--received", "2026-02-13 16:30", "--duration", "3 working days")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2026-02-25 16:30\n"


@pytest.mark.parametrize(
    ("received", "duration", "expected"),
    [
        ("2026-02-13 16:30", "3 working days", "2026-02-25 16:30"),  # Tết 2026: 16–20 Feb off
        ("2026-11-25 12:00", "3.5 working hours", "2026-11-25 17:00"),  # lunch: starts 13:30, ends at the 17:00 edge
        ("2026-11-25 12:00", "4 working hours", "2026-11-26 07:30"),  # the last half hour spills to the next morning
        ("2026-11-25 18:00", "1 working day", "2026-11-26 17:00"),  # after hours: starts 07:00 next day
        ("2026-04-29 09:00", "2 working days", "2026-05-05 09:00"),  # 30/4 and 1/5 off, then the weekend
        ("2026-11-27 10:00", "15 days", "2026-12-14 17:00"),  # Sat 12 Dec +2 → Mon 14 Dec
    ],
)
def test_due_in_process(capsys, received, duration, expected):
    assert main(["due", "--received", received, "--duration", duration]) == 0
    assert capsys.readouterr().out == expected + "\n"


@pytest.mark.parametrize(("args", "message"), [
    (["--received", "25/11/2026", "--duration", "1 working day"], "không đúng dạng YYYY-MM-DD HH:MM"),
    (["--received", "2026-11-25 09:00", "--duration", "mot tuan"], "Thời hạn «mot tuan» không hợp lệ"),
])
def test_due_rejects_bad_input_with_a_vietnamese_sentence(capsys, args, message):
    assert main(["due", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_due_uses_the_overrides_of_the_given_database(db, db_path, capsys):
    from datetime import date

    from counter_app.services import office_calendar

    with db.write() as s:
        office_calendar.set_override(s, date(2026, 11, 26), False, "Nghỉ bù")
    assert main(["due", "--db", str(db_path), "--received", "2026-11-25 17:00",
                 "--duration", "1 working day"]) == 0
    assert capsys.readouterr().out == "2026-11-27 17:00\n"


def test_catalog_search_prints_code_tab_name(db_path, capsys):
    assert main(["catalog", "import", str(SMALL_CATALOG), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["catalog", "search", "dang ky khai sinh", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out == "1.001193\tThủ tục đăng ký khai sinh\n"


def test_catalog_import_of_a_bad_file_fails_cleanly(db_path, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"procedures": [{"MATTHC": "9.9"}]}', encoding="utf-8")
    assert main(["catalog", "import", str(bad), "--db", str(db_path)]) == 1
    assert "Bản ghi thứ 1 (MATTHC 9.9): trường TENTTHC" in capsys.readouterr().err


def test_db_env_var_is_honoured(tmp_path):
    target = tmp_path / "via-env.sqlite"
    result = run_cli("db", "upgrade", env={"COUNTER_APP_DB": str(target)})
    assert result.returncode == 0, result.stderr
    assert target.exists()


def test_demo_data_then_list_and_show_as_json(db_path, capsys):
    assert main(["demo-data", "--dossiers", "300", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["dossier", "list", "--json", "--limit", "5", "--db", str(db_path)]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 5
    received = [i["received_at"] for i in items]
    assert received == sorted(received, reverse=True)
    code = items[0]["code"]
    assert main(["dossier", "show", code, "--json", "--db", str(db_path)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["code"] == code and shown["procedure_name"] and shown["applicant_name"]
    assert shown["status_label"] and shown["due_state_label"]


def test_dossier_show_unknown_code(db, db_path, capsys):
    assert main(["dossier", "show", "000.00.01.H12-261125-9999", "--db", str(db_path)]) == 1
    assert "Không tìm thấy hồ sơ có mã" in capsys.readouterr().err


def test_audit_verify_reports_tampering(db, db_path, capsys):
    from sqlalchemy import text

    from tests.helpers import make_dossier

    with db.write() as s:
        make_dossier(s)
        make_dossier(s, id_number="096085009999")
    assert main(["audit", "verify", "--db", str(db_path)]) == 0
    assert "Nhật ký toàn vẹn" in capsys.readouterr().out
    with db.write() as s:
        bad_id = s.execute(text("SELECT min(id) FROM audit_events WHERE action='dossier.received'")).scalar()
        s.execute(text("UPDATE audit_events SET actor='kẻ gian' WHERE id=:i"), {"i": bad_id})
    assert main(["audit", "verify", "--db", str(db_path)]) == 1
    assert f"tại dòng {bad_id}" in capsys.readouterr().out


def test_gui_without_display_says_what_to_do(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([str(COUNTER_APP), "--db", str(tmp_path / "x.sqlite")], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 2
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr and "Xvfb" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_gui_without_libxcb_cursor_says_what_to_install(tmp_path, monkeypatch, capsys):
    """Qt 6.5+ aborts on X11 with an English message without libxcb-cursor0: the desk says it first."""
    from counter_app import app

    monkeypatch.setattr(app.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(app, "xcb_cursor_missing", lambda: True)
    assert app.run_gui(tmp_path / "x.sqlite") == 2
    err = capsys.readouterr().err
    assert "libxcb-cursor0" in err and "apt install" in err and "QT_QPA_PLATFORM=offscreen" in err
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert not app.uses_xcb()
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert app.uses_xcb()
