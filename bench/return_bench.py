"""Return desk latency on a big desk database: Enter in the scan field → the dossier on screen.

Usage::

    counter-app demo-data --dossiers 1000000 --db /tmp/bench1m.sqlite   # once, ~2 minutes
    QT_QPA_PLATFORM=offscreen python bench/return_bench.py /tmp/bench1m.sqlite [--runs 2000]

``run(db_path)`` measures, in one process on the same file and with the same random codes:

- ``select``: a bare indexed ``SELECT * FROM dossiers WHERE code = ?`` through its own ``sqlite3``
  connection (the floor: one B-tree lookup and one row);
- ``service``: ``returns.resolve_scan`` — what the page calls: the dossier with its
  procedure/case/applicant/officer/unit/desk, the hand-off rows, the return row and the calendar
  revision (one statement), then the read model with the due state;
- ``enter_to_detail``: a real ``ReturnPage`` offscreen; the code is typed as a scanner burst, then
  the clock runs from the Enter key press (``QTest.keyClick``) until the handler has put the
  dossier into the detail widgets;
- ``enter_to_painted``: the same, plus processing the pending events so the detail is painted.

Each gives the median and the 99th percentile in milliseconds, and its ratio to ``select``.

Fair conditions for the baseline: the file is read once first, so every lookup finds its pages in
the OS cache (as on a desk that has been working; otherwise whichever reads a page first pays the
disk for both); ``select`` and ``service`` alternate code by code on connections that have not
seen these rows, so drift or cache state favours neither.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import settle, summary  # noqa: E402


def _time_each(codes: list[str], action: Callable[[str], object]) -> list[float]:
    """Milliseconds per call, one call per code."""
    samples = []
    for code in codes:
        start = time.perf_counter()
        action(code)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _read_into_os_cache(path: Path) -> None:
    with open(path, "rb") as file:
        while file.read(1 << 20):
            pass


def run(db_path: str | Path, runs: int = 2000, warmup: int = 100, seed: int = 4) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from counter_app.models.db import Database
    from counter_app.services import returns
    from counter_app.ui.application import create_application
    from counter_app.ui.events import DeskEvents
    from counter_app.ui.return_page import ReturnPage

    db_path = Path(db_path)
    _read_into_os_cache(db_path)
    with sqlite3.connect(db_path) as picker:
        total, max_id = picker.execute("SELECT count(*), max(id) FROM dossiers").fetchone()
        rng = random.Random(seed)
        ids = [rng.randint(1, max_id) for _ in range(runs + warmup)]
        codes = [picker.execute("SELECT code FROM dossiers WHERE id = ?", (i,)).fetchone()[0] for i in ids]
    picker.close()
    warm, measured = codes[:warmup], codes[warmup:]
    raw = sqlite3.connect(db_path)  # not the picker: its page cache holds the measured rows

    def bare_select(code: str) -> None:
        row = raw.execute("SELECT * FROM dossiers WHERE code = ?", (code,)).fetchone()
        assert row is not None

    db = Database(db_path)
    db.upgrade()

    def service(code: str) -> None:
        assert returns.resolve_scan(db, code).kind is returns.ScanKind.DOSSIER

    app = create_application([])
    ctx = returns.officer_context(db, "demo")
    page = ReturnPage(db, ctx, DeskEvents())
    page.resize(1250, 760)
    page.show()
    page.activateWindow()
    QApplication.processEvents()

    def enter(code: str, *, paint: bool) -> float:
        QTest.keyClicks(page.scan, code)  # the scanner's burst: not part of the measurement
        start = time.perf_counter()
        QTest.keyClick(page.scan, Qt.Key.Key_Return)
        if paint:
            QApplication.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        assert page.detail.code.text() == code, page.message.text()
        return elapsed

    results: dict[str, object] = {"dossiers": total, "db": str(db_path)}
    settle()
    for code in warm:
        bare_select(code)
        service(code)
    samples: dict[str, list[float]] = {"select": [], "service": []}
    for code in measured:  # alternating, code by code
        for name, action in (("select", bare_select), ("service", service)):
            samples[name].extend(_time_each([code], action))
    for name, values in samples.items():
        results[name] = summary(values)
    for name, paint in (("enter_to_detail", False), ("enter_to_painted", True)):
        for code in warm:
            enter(code, paint=paint)
        results[name] = summary([enter(code, paint=paint) for code in measured])
    base = results["select"]
    for name in ("service", "enter_to_detail", "enter_to_painted"):
        entry = results[name]
        entry["ratio_median"] = round(entry["median_ms"] / base["median_ms"], 1)
        entry["ratio_p99"] = round(entry["p99_ms"] / base["p99_ms"], 1)
    page.close()
    page.deleteLater()
    QApplication.processEvents()
    raw.close()
    db.dispose()
    del app
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    print(json.dumps(run(args.db, runs=args.runs), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
