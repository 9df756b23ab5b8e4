"""The frozen desk application (`make package`, PyInstaller one-folder bundle), run outside the
checkout: the GUI starts offscreen and opens its database, and the same bundle prints a slip."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import REPO, clean_env

pytestmark = [pytest.mark.package, pytest.mark.slow, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make package` builds, into a temporary dist dir: the bundle's folder."""
    out = tmp_path_factory.mktemp("bundle")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(out / "dist"),
                    "--workpath", str(out / "build"), str(REPO / "deploy" / "desk" / "mot-cua-counter.spec")],
                   check=True, cwd=REPO, capture_output=True, timeout=1500)
    folder = out / "dist" / "mot-cua-counter"
    assert (folder / "mot-cua-counter").exists() and (folder / "counter-app").exists()
    return folder


def test_bundle_starts_offscreen_and_prints_a_slip(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**clean_env(home), "COUNTER_LOG_DIR": str(home / "logs")}
    env["PATH"] = "/usr/bin:/bin"  # nothing of the checkout's venv
    db = home / "desk.sqlite"

    gui = subprocess.Popen([str(bundle / "mot-cua-counter"), "--db", str(db)], env=env, cwd=home, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
    log = home / "logs" / "desk.log"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            text = log.read_text(encoding="utf-8") if log.exists() else ""
            if "ready to sign in" in text or "could not be opened" in text or gui.poll() is not None:
                break
            time.sleep(0.2)
        assert gui.poll() is None, gui.stdout.read().decode(errors="replace") if gui.stdout else ""
        assert "ready to sign in" in text, text  # migrated, bundled catalog loaded, demo desk set up
        assert "Traceback" not in text and "ModuleNotFoundError" not in text, text
    finally:
        gui.terminate()
        gui.wait(30)

    def cli(*args: str) -> str:
        out = subprocess.run([str(bundle / "counter-app"), "--db", str(db), *args], env=env, cwd=home, capture_output=True,
                             text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        return out.stdout

    cli("demo-data", "--dossiers", "2")
    code = cli("dossier", "list", "--limit", "1").splitlines()[0].split("\t")[0]
    pdf = home / "slip.pdf"
    cli("slip", code, "--out", str(pdf))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert code in text and "GIẤY TIẾP NHẬN HỒ SƠ" in text.upper()
    assert os.path.getsize(pdf) > 10_000
