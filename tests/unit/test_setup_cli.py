"""`counter-app setup …`: the first-run dialog from a script, for rolling out many desks."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app import cli
from counter_app.models import Officer, Unit, UnitLevel
from counter_app.models.db import Database
from counter_app.services import org

ARGS = ["setup", "--unit", "000.00.01.h12", "--unit-name", "Trung tâm Phục vụ hành chính công xã Tân Thành",
        "--level", "commune", "--desk", "3", "--admin", "quantri"]


def setup(db_path: Path, monkeypatch: pytest.MonkeyPatch, stdin: str, *extra: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return cli.main(["--db", str(db_path), *ARGS, *extra])


def test_setup_from_stdin_does_what_the_first_run_dialog_does(db_path, monkeypatch, capsys) -> None:
    assert setup(db_path, monkeypatch, "Quầy-3 mật khẩu\n", "--admin-name", "Lê Thị Hoa") == 0
    assert "quầy số 3" in capsys.readouterr().out
    db = Database(db_path)
    try:
        context = org.login(db, "quantri", "Quầy-3 mật khẩu")
        assert context.desk_number == 3 and context.agency_code == "000.00.01.H12"
        assert context.roles == frozenset(org.Role)  # the first officer sets up the rest
        with db.read() as s:
            (unit,) = s.execute(select(Unit)).scalars().all()  # no demo unit beside it
            assert unit.level == UnitLevel.COMMUNE and unit.place == "Tân Thành"
            assert s.execute(select(Officer.full_name)).scalars().all() == ["Lê Thị Hoa"]
            assert org.is_set_up(s)
    finally:
        db.dispose()


def test_setup_refuses_a_database_already_set_up(db_path, monkeypatch, capsys) -> None:
    assert setup(db_path, monkeypatch, "mat-khau-1\n") == 0
    capsys.readouterr()
    assert setup(db_path, monkeypatch, "mat-khau-2\n", "--desk", "4") == 1
    assert "đã được thiết lập" in capsys.readouterr().err


def test_the_password_is_never_an_argument(db_path, monkeypatch, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        setup(db_path, monkeypatch, "", "--password", "lo-ra-trong-lich-su")
    assert exit_info.value.code == 2
    assert setup(db_path, monkeypatch, "") == 1  # nothing on stdin: refused, nothing created
    assert "Chưa có mật khẩu" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("mat-khau\n"))
    assert cli.main(["--db", str(db_path), *ARGS]) == 0  # the empty attempt left no half set-up behind


def test_setup_prompts_twice_on_a_terminal(db_path, monkeypatch, capsys) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["mat-khau-a", "mat-khau-b", "mat-khau-c", "mat-khau-c"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="", stream=None: next(answers))
    monkeypatch.setattr(sys, "stdin", Terminal())
    assert cli.main(["--db", str(db_path), *ARGS]) == 1  # the two entries differ
    assert "không giống nhau" in capsys.readouterr().err
    assert cli.main(["--db", str(db_path), *ARGS]) == 0


@pytest.mark.parametrize(("name", "place"), [
    ("Trung tâm Phục vụ hành chính công xã Tân Thành", "Tân Thành"),
    ("Trung tâm Phục vụ hành chính công tỉnh Cà Mau", "Cà Mau"),
    ("UBND phường An Xuyên", "An Xuyên"),
    ("Bộ phận Một cửa", "Bộ phận Một cửa"),
])
def test_place_from_the_unit_name(name: str, place: str) -> None:
    assert cli.place_from_unit_name(name) == place


def test_setup_as_a_script_would_run_it(tmp_path) -> None:
    out = subprocess.run([sys.executable, "-m", "counter_app.cli", "--db", str(tmp_path / "d.sqlite"), *ARGS,
                          "--level", "province"], input="mat-khau-script\n", capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "mat-khau-script" not in out.stdout + out.stderr
