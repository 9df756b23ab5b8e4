"""Supervisor dashboard refresh on a big desk database, as a ratio to one ``SELECT count(*)``.

Usage::

    counter-app demo-data --dossiers 1000000 --db /tmp/bench1m_dash.sqlite   # once, ~2 minutes
    python bench/dashboard_bench.py /tmp/bench1m_dash.sqlite [--runs 30]

``run(db_path)`` measures, in one process on the same file, alternating the two so that both
see the same cache and machine load:

- ``count``: ``SELECT count(*) FROM dossiers`` through ``sqlite3`` (SQLite answers it by walking
  the smallest index over every row — the cost of touching the whole table once);
- ``dashboard``: ``stats.dashboard_for(db, ctx, today, today)`` — exactly the call the dashboard
  page makes off the GUI thread on every refresh: every counter, the four tables, the 30-day
  chart and the three watch lists, in one read transaction;
- ``dashboard_past_day`` and ``period_report_month``: a past day (its unfinished snapshot must add
  back what was finished since) and the period report of the last 30 days, for information.

Each gives the median and the 99th percentile in milliseconds and its ratio to ``count``. The
budget is 150 ms for the dashboard refresh at 1,000,000 dossiers.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.timing import settle, summary  # noqa: E402

BUDGET_MS = 150.0


def run(db_path: str | Path, runs: int = 30, warmup: int = 3) -> dict:
    from counter_app.models import Role
    from counter_app.models.db import Database
    from counter_app.services import period_report, stats
    from counter_app.services.org import DeskContext

    db = Database(db_path)
    raw = sqlite3.connect(str(db_path))
    ctx = DeskContext(1, "bench", "000.00.01.H12", 1, 1, 1, "bench", frozenset({Role.SUPERVISOR}))
    today = date.today()
    past = today - timedelta(days=7)

    def count() -> int:
        return raw.execute("SELECT count(*) FROM dossiers").fetchone()[0]

    def dashboard() -> object:
        return stats.dashboard_for(db, ctx, today, today)

    def dashboard_past() -> object:
        return stats.dashboard_for(db, ctx, past, past)

    def period() -> object:
        return period_report.period_report(db, today - timedelta(days=30), today)

    start = time.perf_counter()
    first = dashboard()  # cold: calendar built, holidays loaded, statements compiled
    first_ms = (time.perf_counter() - start) * 1000
    settle()
    for _ in range(warmup):
        count()
        dashboard()
    samples: dict[str, list[float]] = {"count": [], "dashboard": [], "dashboard_past_day": [],
                                       "period_report_month": []}
    fns = {"count": count, "dashboard": dashboard, "dashboard_past_day": dashboard_past,
           "period_report_month": period}
    for i in range(runs):
        for name, fn in fns.items():
            if name == "period_report_month" and i % 3:
                continue  # slower and only informative: a third of the runs
            t = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - t) * 1000)
    result = {name: summary(values) for name, values in samples.items()}
    base = result["count"]
    for name in ("dashboard", "dashboard_past_day", "period_report_month"):
        result[name]["ratio_median"] = round(result[name]["median_ms"] / base["median_ms"], 2)
        result[name]["ratio_p99"] = round(result[name]["p99_ms"] / base["p99_ms"], 2)
    result["dossiers"] = count()
    result["dashboard_first_call_ms"] = round(first_ms, 1)
    result["budget_ms"] = BUDGET_MS
    result["within_budget"] = result["dashboard"]["p99_ms"] <= BUDGET_MS
    result["today"] = {"received": first.received, "unfinished": first.unfinished.total,
                       "overdue": first.unfinished.overdue, "due_soon": first.unfinished.due_soon}
    raw.close()
    db.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", nargs="?", default="/tmp/bench1m_dash.sqlite")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(json.dumps(run(args.db, runs=args.runs), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
