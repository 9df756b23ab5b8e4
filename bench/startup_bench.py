"""Cold start to the main window shown, and its memory, vs a bare PySide6 window (fresh processes).

Each sample is a new interpreter: ``python -m bench.startup_bench --child app|bare DB`` prints the
seconds from interpreter start to the window's first show and the peak RSS in MB.

The app child goes the way ``counter-app`` does (``counter_app.ui.application.start``, which
``run_gui`` runs): the main window with the login form is shown first, the database opens behind
it off the GUI thread. It reports three moments from interpreter start:

* ``shown``: the main window first shown, with the login form (QTimer.singleShot(0) after show);
* ``ready``: the database is open (migrated, bundled catalog, demo set-up) and signing in is on;
* ``main``: after a scripted login through the form (user name and password typed into the
  fields, "Đăng nhập" clicked), the work area shown in the same window;

and the peak RSS (VmHWM) at ``main``, the memory of the fully loaded app. The bare child shows an
empty QMainWindow.
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


def _since_start() -> float:
    return time.perf_counter() - START


def _bare_child() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()

    def report() -> None:
        print(json.dumps({"seconds": _since_start(), "rss_mb": _peak_rss_mb()}))
        app.quit()

    QTimer.singleShot(0, report)  # after the first show has been processed
    app.exec()


def _app_child(db_path: str) -> None:
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from counter_app.ui import application

    startup = application.start(db_path, argv=[sys.argv[0]])  # what run_gui does before app.exec()
    app = QApplication.instance()
    result: dict[str, float | str] = {}

    def shown() -> None:
        assert startup.window.isVisible() and startup.window.centralWidget() is startup.form
        result["shown"] = _since_start()
        result["shown_rss_mb"] = _peak_rss_mb()

    def sign_in() -> None:
        from counter_app.services import org

        form = startup.form
        form.username.setText(org.DEMO_USERNAME)
        form.password.setText(org.DEMO_PASSWORD)
        form.login_button.click()

    def ready(_db: object) -> None:
        result["ready"] = _since_start()
        QTimer.singleShot(0, sign_in)  # the officer's click comes in a later event

    def main() -> None:
        assert startup.window.has_work_area() and startup.window.isVisible()
        result["main"] = _since_start()
        result["rss_mb"] = _peak_rss_mb()
        app.quit()

    def failed(message: str) -> None:
        result["error"] = message
        app.quit()

    startup.ready.connect(ready)
    startup.failed.connect(failed)
    startup.signed_in.connect(lambda _ctx: QTimer.singleShot(0, main))  # after the work area's first show
    QTimer.singleShot(0, shown)
    app.exec()
    if startup.window.has_work_area():
        startup.window.sync_controller.stop()
    QThreadPool.globalInstance().waitForDone(10_000)
    print(json.dumps(result))
    if "error" in result:
        sys.exit(1)


def _child(kind: str, db_path: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if kind == "bare":
        _bare_child()
    else:
        _app_child(db_path)


def _sample(kind: str, db_path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.startup_bench", "--child", kind, str(db_path)],
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    if out.returncode != 0:
        raise RuntimeError(f"{kind} child failed ({out.returncode}): {out.stdout}{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(db_path: Path | None = None, runs: int = 7) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = db_path or Path(tmp) / "desk.sqlite"
        _sample("app", db_path)  # first start creates/migrates the database: not a cold start of a desk
        app, bare = [], []
        for _ in range(runs):  # interleaved, so that a slow spell of the machine hits both alike
            app.append(_sample("app", db_path))
            bare.append(_sample("bare", db_path))

    def median(samples: list[dict], key: str) -> float:
        return statistics.median(s[key] for s in samples)

    bare_s = median(bare, "seconds")
    shown, ready, main = (median(app, key) for key in ("shown", "ready", "main"))
    return {"shown_seconds": round(shown, 3), "ready_seconds": round(ready, 3), "main_seconds": round(main, 3),
            "bare_seconds": round(bare_s, 3),
            "shown_ratio": round(shown / bare_s, 2), "main_ratio": round(main / bare_s, 2),
            "app_rss_mb": round(max(s["rss_mb"] for s in app), 1),
            "shown_rss_mb": round(max(s["shown_rss_mb"] for s in app), 1),
            "bare_rss_mb": round(max(s["rss_mb"] for s in bare), 1),
            "runs": runs}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        print(json.dumps(run(), indent=2))
