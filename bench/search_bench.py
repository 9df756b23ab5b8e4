"""Desk search on multi-million files with real family-name shares: a name prefix plus a status filter.

Run: ``.venv/bin/python -m bench.search_bench bench/data/search-1000000.sqlite`` or call ``run(path)``.
The files come from ``counter-app demo-data`` (Nguyễn ~38 % of applicants, open work growing with
volume); ``python -m bench --only search --sizes 1000000,5000000`` builds them once under
``bench/data/`` (niced) and keeps them.

Timed, each alternating with the others, the file in the OS cache (a warm-up pass first):

- ``service``: ``search.search`` as the page calls it (its worker thread), for "nguyen" with an
  open status (received, processing), with the overdue due state, and with a closed status
  (returned);
- baseline ``select``: the service's own SELECT run bare (sqlite3, no ORM, no row summaries);
- ``name_driven_select``: the same SELECT forced through the name index (the plan before issue
  #20), for the open-work cases: what the file would cost without the open-work plan.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import datetime
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
CASES = {
    "nguyen + đã tiếp nhận": SearchQuery(text="nguyen", status=S.RECEIVED),
    "nguyen + đang xử lý": SearchQuery(text="nguyen", status=S.PROCESSING),
    "nguyen van + quá hạn": SearchQuery(text="nguyen van", due_state=DueState.OVERDUE),
    "nguyen + đã trả kết quả": SearchQuery(text="nguyen", status=S.RETURNED),
}


def _sql(db: Database, query: SearchQuery, now: datetime, *, name_driven: bool = False) -> str:
    """The service's SELECT as text; ``name_driven``: the pre-#20 plan (the name index drives, the
    status is checked on every dossier of every matching applicant)."""
    with db.read() as s:
        stmt = search.statement(query, calendar_for(s), now)
    sql = str(stmt.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
    if name_driven:
        sql = sql.replace("+applicants.name_folded", "applicants.name_folded")
        sql = sql.replace("dossiers.status =", "+dossiers.status =").replace("dossiers.status IN",
                                                                              "+dossiers.status IN")
        sql = sql.replace("dossiers.due_at", "+dossiers.due_at").replace("++", "+")
    return sql


def run(path: Path, runs: int = 30) -> dict[str, Any]:
    import time

    db = Database(path)
    now = datetime.now()
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[str, Any] = {"file": path.name, "runs": runs}
    out["dossiers"] = raw.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    families = raw.execute("SELECT count(*) FROM applicants WHERE name_folded >= 'nguyen' AND name_folded < 'nguyeo'"
                           ).fetchone()[0] / max(1, raw.execute("SELECT count(*) FROM applicants").fetchone()[0])
    out["nguyen_share"] = round(families, 3)
    out["open_dossiers"] = raw.execute("SELECT count(*) FROM dossiers WHERE status IN (2, 4, 5, 6)").fetchone()[0]
    settle()
    for label, query in CASES.items():
        sql = _sql(db, query, now)
        forced = query.status is None or DossierStatus(query.status) in search.lifecycle.OPEN_STATUSES
        old_sql = _sql(db, query, now, name_driven=True) if forced else ""
        service, driven, base = [], [], []
        for i in range(runs + 2):
            t0 = time.perf_counter()
            rows = search.search(db, query, now=now).rows
            t1 = time.perf_counter()
            raw.execute(sql).fetchall()
            t2 = time.perf_counter()
            if old_sql and i < 5:  # the old plan can take seconds: a few samples are enough
                raw.execute(old_sql).fetchall()
                driven.append((time.perf_counter() - t2) * 1000)
            if i >= 2:
                service.append((t1 - t0) * 1000)
                base.append((t2 - t1) * 1000)
        entry: dict[str, Any] = {"rows": len(rows), "service": summary(service), "select": summary(base)}
        entry["ratio_median"] = round(entry["service"]["median_ms"] / max(entry["select"]["median_ms"], 1e-6), 1)
        if driven:
            entry["name_driven_select"] = summary(driven[1:])
        out[label] = entry
    raw.close()
    db.dispose()
    return out


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1])), indent=2, ensure_ascii=False))
