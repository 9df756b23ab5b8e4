"""Backlog import (issue #15): a 10,000-row tracking book with 1 % bad rows is checked and refused
whole, then the corrected book imports in full. Baseline, same run: reading the same workbook's
rows with openpyxl (what any importer pays before checking anything).

    python -m bench.import_bench [--rows 10000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.backlog_book import bad_rows, write_book
from counter_app.models.db import Database
from counter_app.services import backlog, catalog, org

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "tests" / "data" / "catalog_small.json"


def run(rows: int = 10_000) -> dict:
    work = Path(tempfile.mkdtemp(prefix="import-bench-"))
    try:
        db = Database(work / "desk.sqlite")
        db.upgrade()
        catalog.import_file(db, CATALOG)
        with db.write() as session:
            org.ensure_demo_setup(session)
        ctx = org.login(db, org.DEMO_USERNAME, org.DEMO_PASSWORD)
        bad = bad_rows(rows)
        t = time.perf_counter()
        broken = write_book(work / "bad.xlsx", rows, bad=bad)
        fixed = write_book(work / "fixed.xlsx", rows)
        written = (time.perf_counter() - t) / 2
        t = time.perf_counter()
        backlog.read_rows(fixed)
        read = time.perf_counter() - t
        now = datetime(2026, 11, 30, 9, 0)
        refused = backlog.import_book(db, ctx, broken, now=now)
        assert not refused.ok and len(refused.refused) == len(bad) and refused.imported == 0
        imported = backlog.import_book(db, ctx, fixed, now=now)
        assert imported.ok and imported.imported == rows
        db.dispose()
        return {"rows": rows, "bad_rows": len(bad), "write_book_s": round(written, 2),
                "baseline_read_rows_s": round(read, 2), "check_and_refuse_s": round(refused.seconds, 2),
                "import_s": round(imported.seconds, 2), "refuse_ratio": round(refused.seconds / read, 1),
                "import_ratio": round(imported.seconds / read, 1),
                "import_rows_per_s": round(rows / imported.seconds)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    print(json.dumps(run(parser.parse_args().rows), indent=2))
