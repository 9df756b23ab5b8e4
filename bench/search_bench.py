"""Desk search on multi-million files with real family-name shares: a name prefix plus filters.

Run: ``.venv/bin/python -m bench.search_bench bench/data/search-1000000.sqlite [--runs 60] [--cold 8]``
or call ``run(path)``. The files come from ``counter-app demo-data`` (Nguyễn ~38 % of applicants, open
work growing with volume, ~10 years of history); ``python -m bench --only search --sizes
1000000,5000000`` builds them once under ``bench/data/`` (niced; bulk inserts, indexes built once:
~2 minutes for 1,000,000 on the shared 2-core host) and keeps them.

For each case, the first page (200 hits) as the search page asks for it:

- ``service``: ``search.search`` (its worker thread): the plan choice (two bounded probes), the
  page's ids, the page's rows with their applicant, procedure, desk and officer, the row summaries;
- baseline ``page_select``: a bare ``SELECT`` of the same 200 dossiers and their applicants by
  primary key (sqlite3, no ORM): what reading the page costs once the search has found it;
- ``name_driven`` / ``dossier_driven``: the page's id query forced through one side (sqlite3),
  capped at ``CAP_S`` seconds: what a fixed plan costs (before issue #20 the name always drove except
  for open work, and the index held only the applicant id).

Warm: the file is read once first, so every page is in the OS cache; samples alternate service and
baseline. Cold: before each sample the file's pages are dropped from the OS cache
(``posix_fadvise(DONTNEED)``, no root needed) and the connection is new, so SQLite reads what it
needs from the disk (a virtual disk: the host may still cache it, so this is cold for the VM only).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.timing import settle, summary  # noqa: E402
from counter_app.domain.due_state import DueState  # noqa: E402
from counter_app.models import DossierStatus  # noqa: E402
from counter_app.models.db import Database  # noqa: E402
from counter_app.services import search  # noqa: E402
from counter_app.services.office_calendar import calendar_for  # noqa: E402
from counter_app.services.search import SearchQuery  # noqa: E402

S = DossierStatus
CAP_S = 5.0  # a forced plan that takes longer is stopped and reported as "> CAP_S"


def cases(today: date, day: date) -> dict[str, SearchQuery]:
    """``day``: a working day of last week (a day's receipts)."""
    month = today - timedelta(days=30)
    return {
        "nguyen + đang xử lý": SearchQuery(text="nguyen", status=S.PROCESSING),
        "nguyen + đã trả kết quả": SearchQuery(text="nguyen", status=S.RETURNED),
        "nguyen + đã rút": SearchQuery(text="nguyen", status=S.WITHDRAWN),
        "nguyen + tiếp nhận 1 ngày": SearchQuery(text="nguyen", received_from=day, received_to=day),
        "nguyen + tiếp nhận 30 ngày": SearchQuery(text="nguyen", received_from=month, received_to=today),
        "nguyen + đã rút + 1 năm": SearchQuery(text="nguyen", status=S.WITHDRAWN,
                                              received_from=today - timedelta(days=365), received_to=today),
        "nguyen + đang xử lý + 30 ngày": SearchQuery(text="nguyen", status=S.PROCESSING, received_from=month,
                                                    received_to=today),
        "nguyen van + quá hạn": SearchQuery(text="nguyen van", due_state=DueState.OVERDUE),
        "tran + sắp đến hạn": SearchQuery(text="tran", due_state=DueState.DUE_SOON),
    }


def _sql(db: Database, query: SearchQuery, now: datetime, drive: str) -> str:
    with db.read() as s:
        stmt = search.statement(query, calendar_for(s), now, drive=drive)
    return str(stmt.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))


def _capped(conn: sqlite3.Connection, sql: str) -> float | None:
    """Milliseconds, or None when stopped at CAP_S."""
    deadline = time.perf_counter() + CAP_S
    conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 20_000)
    t0 = time.perf_counter()
    try:
        conn.execute(sql).fetchall()
    except sqlite3.OperationalError:  # interrupted
        return None
    finally:
        conn.set_progress_handler(None, 0)
    return (time.perf_counter() - t0) * 1000


def _page_sql(ids: list[int]) -> str:
    return ("SELECT d.*, a.* FROM dossiers d JOIN applicants a ON a.id = d.applicant_id "
            f"WHERE d.id IN ({','.join(map(str, ids)) or 'NULL'})")


def _drop_from_os_cache(path: Path) -> None:
    for name in (str(path), f"{path}-wal"):
        try:
            fd = os.open(name, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def _read_whole(path: Path) -> None:
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def run(path: Path, runs: int = 60, cold: int = 8, budget_s: float = 15.0) -> dict[str, Any]:
    """``runs`` warm samples per case (fewer if a case passes ``budget_s``), ``cold`` cold ones."""
    db = Database(path)
    now = datetime.now()
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[str, Any] = {"file": path.name, "runs": runs, "load": os.getloadavg()}
    out["dossiers"] = raw.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    applicants = raw.execute("SELECT count(*) FROM applicants").fetchone()[0]
    nguyen = raw.execute("SELECT count(*) FROM applicants WHERE name_folded >= 'nguyen' AND name_folded < 'nguyeo'"
                         ).fetchone()[0]
    out["nguyen_share"] = round(nguyen / max(1, applicants), 3)
    out["open_dossiers"] = raw.execute("SELECT count(*) FROM dossiers WHERE status IN (2, 4, 5, 6)").fetchone()[0]
    out["desks"] = raw.execute("SELECT count(DISTINCT desk_id) FROM dossiers").fetchone()[0]
    last_week = (now - timedelta(days=6)).strftime("%Y-%m-%d")
    day = date.fromisoformat(raw.execute("SELECT max(received_at) FROM dossiers WHERE received_at < ?",
                                         (last_week,)).fetchone()[0][:10])
    _read_whole(path)
    settle()
    for label, query in cases(now.date(), day).items():
        with db.read() as s:
            drive = search.choose_drive(s, query, calendar_for(s), now)
        rows = search.search(db, query, now=now).rows
        ids = _ids(db, query, now)
        page_sql = _page_sql(ids)
        service, base = [], []
        started = time.perf_counter()
        for i in range(runs + 2):
            t0 = time.perf_counter()
            search.search(db, query, now=now)
            t1 = time.perf_counter()
            raw.execute(page_sql).fetchall()
            t2 = time.perf_counter()
            if i >= 2:
                service.append((t1 - t0) * 1000)
                base.append((t2 - t1) * 1000)
            if time.perf_counter() - started > budget_s and len(service) >= 10:
                break
        entry: dict[str, Any] = {"rows": len(rows), "drive": drive or "—", "service": summary(service),
                                 "page_select": summary(base)}
        entry["ratio_median"] = round(entry["service"]["median_ms"] / max(entry["page_select"]["median_ms"], 1e-6), 1)
        entry["ratio_p99"] = round(entry["service"]["p99_ms"] / max(entry["page_select"]["p99_ms"], 1e-6), 1)
        for forced in ("name", "dossiers"):
            samples = [_capped(raw, _sql(db, query, now, forced)) for _ in range(2)]
            done = [s for s in samples if s is not None]
            entry[f"{forced}_driven_ms"] = round(min(done), 1) if done else f"> {CAP_S * 1000:.0f}"
        out[label] = entry
    if cold:
        raw.close()
        db.dispose()
        for label, query in cases(now.date(), day).items():
            service, base = [], []
            fresh = Database(path)
            ids = _ids(fresh, query, now)
            fresh.dispose()
            for _ in range(cold):
                _drop_from_os_cache(path)
                fresh = Database(path)
                t0 = time.perf_counter()
                search.search(fresh, query, now=now)
                service.append((time.perf_counter() - t0) * 1000)
                fresh.dispose()
                _drop_from_os_cache(path)
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                t0 = time.perf_counter()
                conn.execute(_page_sql(ids)).fetchall()
                base.append((time.perf_counter() - t0) * 1000)
                conn.close()
            out[label]["cold"] = {"service": summary(service), "page_select": summary(base)}
        _read_whole(path)  # leave the file warm for whatever runs next
    else:
        raw.close()
        db.dispose()
    return out


def _ids(db: Database, query: SearchQuery, now: datetime) -> list[int]:
    """The page's dossier ids, as the service finds them."""
    with db.read() as s:
        cal = calendar_for(s)
        drive = search.choose_drive(s, query, cal, now)
        return list(s.execute(search.statement(query, cal, now, drive=drive)).scalars())[:query.limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search_bench")
    parser.add_argument("path", type=Path)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--cold", type=int, default=8)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.path, args.runs, args.cold), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
