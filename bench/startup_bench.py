"""Cold start to the main window shown, and its memory, vs a bare PySide6 window (fresh processes).

Each sample is a new interpreter: ``python -m bench.startup_bench --child app|bare DB`` prints the
seconds from interpreter start to the window's first show and the peak RSS in MB. The app child
goes through the real composition root (migrate, bundled catalog, login) on an existing database.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = time.perf_counter()


def _peak_rss_mb() -> float:
    """This process's peak RSS. ru_maxrss would carry over the parent's peak across exec on Linux."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(kind: str, db_path: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    if kind == "bare":
        app = QApplication([])
        window = QMainWindow()
    else:
        from counter_app.app import open_desk_database
        from counter_app.services import org
        from counter_app.ui.application import create_application
        from counter_app.ui.main_window import MainWindow

        db = open_desk_database(db_path)
        app = create_application([])
        window = MainWindow(db, org.login(db, org.DEMO_USERNAME, org.DEMO_PASSWORD))
    window.resize(1280, 800)
    window.show()

    def report() -> None:
        elapsed = time.perf_counter() - START
        rss_mb = _peak_rss_mb()
        print(json.dumps({"seconds": elapsed, "rss_mb": rss_mb}))
        app.quit()

    QTimer.singleShot(0, report)  # after the first show has been processed
    app.exec()


def _sample(kind: str, db_path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.startup_bench", "--child", kind, str(db_path)],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(db_path: Path | None = None, runs: int = 7) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = db_path or Path(tmp) / "desk.sqlite"
        _sample("app", db_path)  # first start creates/migrates the database: not a cold start of a desk
        app = [_sample("app", db_path) for _ in range(runs)]
        bare = [_sample("bare", db_path) for _ in range(runs)]
    app_s = statistics.median(s["seconds"] for s in app)
    bare_s = statistics.median(s["seconds"] for s in bare)
    return {"app_seconds": round(app_s, 3), "bare_seconds": round(bare_s, 3), "ratio": round(app_s / bare_s, 2),
            "app_rss_mb": round(max(s["rss_mb"] for s in app), 1),
            "bare_rss_mb": round(max(s["rss_mb"] for s in bare), 1)}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        print(json.dumps(run(), indent=2))
