"""The built wheel, installed into fresh virtual environments outside the checkout.

The desk install prints a slip (fonts, the bundled catalog and the forms registry come from
inside the package); the central install has no PySide6 and the desk install no server stack,
and each command that lacks its libraries says what to install.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import clean_env, make_venv

pytestmark = [pytest.mark.package, pytest.mark.slow, pytest.mark.timeout(1200)]


def run(bin_dir: Path, *args: str, env: dict[str, str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / args[0]), *args[1:]], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300, check=check)


def importable(bin_dir: Path, module: str, env: dict[str, str], cwd: Path) -> bool:
    code = f"import importlib.util, sys; sys.exit(0 if importlib.util.find_spec({module!r}) else 1)"
    return run(bin_dir, "python", "-c", code, env=env, cwd=cwd, check=False).returncode == 0


def test_desk_wheel_prints_a_slip_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home)
    bin_dir = make_venv(tmp_path / "desk-venv", f"{wheel}[desk]", env)
    where = run(bin_dir, "python", "-c", "import counter_app, sys; print(counter_app.__file__)", env=env, cwd=home)
    assert where.stdout.strip().startswith(str(tmp_path / "desk-venv")), where.stdout  # not the checkout

    for module in ("uvicorn", "fastapi", "psycopg"):
        assert not importable(bin_dir, module, env, home), f"the desk install pulled the server stack ({module})"

    db = home / "desk.sqlite"
    run(bin_dir, "counter-app", "--db", str(db), "demo-data", "--dossiers", "3", env=env, cwd=home)
    listed = json.loads(run(bin_dir, "counter-app", "--db", str(db), "dossier", "list", "--json", "--limit", "1",
                            env=env, cwd=home).stdout.rsplit("]", 1)[0] + "]")
    code = listed[0]["code"]
    pdf = home / "slip.pdf"
    run(bin_dir, "counter-app", "--db", str(db), "slip", code, "--out", str(pdf), env=env, cwd=home)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert code in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in text.upper()  # the bundled serif font carries the diacritics

    central = run(bin_dir, "counter-central", "serve", env=env, cwd=home, check=False)
    assert central.returncode == 1
    assert "pip install 'mot-cua-counter[central]'" in central.stderr
    assert "Traceback" not in central.stderr


def test_central_wheel_has_no_pyside(wheel: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home)
    bin_dir = make_venv(tmp_path / "central-venv", f"{wheel}[central]", env)
    for module in ("PySide6", "reportlab", "openpyxl"):
        assert not importable(bin_dir, module, env, home), f"the central install pulled {module}"
    assert importable(bin_dir, "uvicorn", env, home)

    url = f"sqlite:///{home / 'central.sqlite'}"
    token = run(bin_dir, "counter-central", "--database-url", url, "desk", "add", "--unit", "000.00.01.H12",
                "--desk", "1", env=env, cwd=home).stdout.strip()
    assert len(token) >= 32
    ok = run(bin_dir, "python", "-c", "import central.app; central.app.create_app", env=env, cwd=home, check=False)
    assert ok.returncode == 0, ok.stderr

    gui = run(bin_dir, "counter-app", "--db", str(home / "desk.sqlite"), env=env, cwd=home, check=False)
    assert gui.returncode == 1
    assert "pip install 'mot-cua-counter[desk]'" in gui.stderr
    assert "Traceback" not in gui.stderr
