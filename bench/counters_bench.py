"""Province counters: ``GET /api/v1/counters`` for a province of 300 desks (100 units × 3) and
1,000,000 dossiers, against one ``SELECT count(*)`` over the same table in the same run (issue #11).

Run: ``nice -n 10 .venv/bin/python bench/counters_bench.py [N_DOSSIERS]`` or call ``run()``; SQLite,
and PostgreSQL when initdb/pg_ctl are there. Set-up (bulk insert, not timed) includes one dossier
due in 9999 — the one that used to make every call walk the calendar to that year. Timed: the
endpoint over HTTP on 127.0.0.1 (a real central process; median of 5 after 1 warm-up) and the bare
count on a direct connection (median of 5 after 1 warm-up).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from sqlalchemy import text  # noqa: E402

from central import admin  # noqa: E402
from central.db import CentralDatabase  # noqa: E402
from counter_app.sync import protocol as p  # noqa: E402
from tests.integration.harness import CentralProcess, PostgresServer, postgres_available  # noqa: E402

UNITS, DESKS_PER_UNIT = 100, 3
CHUNK = 20_000


COLUMNS = ("code", "unit_code", "desk_number", "received_at", "due_at", "status", "status_changed_at",
           "returned_at", "first_seen_at", "updated_at", "procedure_code", "procedure_name", "case_code",
           "applicant_name", "applicant_kind", "id_number", "phone", "email", "address", "channel", "sets",
           "delivery_method", "officer_name", "result_type", "result_number", "result_summary", "record", "in_feed")


def _rows(n: int):  # noqa: ANN202 - Iterator[tuple]
    rng = random.Random(20261125)
    base = datetime(2026, 1, 5, 8, 0)
    statuses = [2, 2, 4, 4, 5, 6, 9, 10, 10, 10, 3, 7, 8]
    for i in range(n):
        unit, desk = divmod(i % (UNITS * DESKS_PER_UNIT), DESKS_PER_UNIT)
        received = base + timedelta(minutes=7 * (i // (UNITS * DESKS_PER_UNIT)))
        status = statuses[rng.randrange(len(statuses))]
        due = None if status == 5 else received + timedelta(days=rng.randrange(1, 30))
        if i == 0:
            status, due = 4, datetime(9999, 12, 31, 17, 0)  # the report's far-future due date
        unit_code = f"000.{unit // 100:02d}.{unit % 100:02d}.H12"
        yield (f"{unit_code}-{received:%y%m%d}-{i}", unit_code, desk + 1, received, due, status, received,
               received + timedelta(days=3) if status == 10 else None, received, received, "1.001193",
               "Đăng ký khai sinh", "", "Trần Văn Đức", "citizen", "096085001234", "0912345678", "",
               "ấp Tân Hưng, xã Tân Thành", "direct", 1, "counter", "Nguyễn Thị Minh Thư", "", "", "", "{}", False)


def _fill(db: CentralDatabase, n: int) -> None:
    """Bulk load through the driver (COPY on PostgreSQL): the set-up is not what is measured."""
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        if db.is_sqlite:
            cur.execute("BEGIN")  # the central's SQLite connections run in autocommit mode otherwise
            marks = ", ".join("?" for _ in COLUMNS)
            rows = _rows(n)
            while chunk := [r for _, r in zip(range(CHUNK), rows, strict=False)]:
                cur.executemany(f"INSERT INTO dossiers ({', '.join(COLUMNS)}) VALUES ({marks})", chunk)
        else:
            with cur.copy(f"COPY dossiers ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in _rows(n):
                    copy.write_row(row)
        raw.commit()
    finally:
        raw.close()
    with db.write() as s:
        for unit in range(UNITS):
            admin.add_desk(s, f"000.{unit // 100:02d}.{unit % 100:02d}.H12", 1, unit_name=f"Đơn vị {unit}")


def _median_ms(fn: Callable[[], Any], runs: int = 5) -> float:
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 3)


def _one(url: str, n: int, workdir: Path) -> dict[str, Any]:
    db = CentralDatabase(url)
    db.upgrade()
    started = time.perf_counter()
    _fill(db, n)
    # Fresh statistics (and PostgreSQL's visibility map), as a maintained database has them.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE" if db.is_sqlite else "VACUUM ANALYZE dossiers"))
    fill_s = time.perf_counter() - started
    with db.write() as s:
        token = admin.add_backoffice(s, agency="Văn phòng UBND tỉnh", name="Quản trị")
    central = CentralProcess(url, workdir).start(timeout=120)
    try:
        with httpx.Client(base_url=central.url, headers={"Authorization": f"Bearer {token}"}, timeout=600) as client:
            def endpoint() -> None:
                r = client.get(p.COUNTERS_PATH, params={"from": "2026-03-01", "to": "2026-06-30"})
                r.raise_for_status()
                assert len(r.json()["units"]) == UNITS

            endpoint_ms = _median_ms(endpoint)
        with db.engine.connect() as conn:
            count_ms = _median_ms(lambda: conn.execute(text("SELECT count(*) FROM dossiers")).scalar_one())
    finally:
        central.stop()
        db.dispose()
    return {"dossiers": n, "desks": UNITS * DESKS_PER_UNIT, "fill_seconds": round(fill_s, 1),
            "counters_ms": endpoint_ms, "count_ms": count_ms, "ratio": round(endpoint_ms / max(count_ms, 0.001), 2)}


def run(n: int = 1_000_000) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="mc-counters-") as tmp:
        workdir = Path(tmp)
        out["sqlite"] = _one(f"sqlite:///{workdir / 'central.sqlite'}", n, workdir)
        reason = postgres_available()
        if reason:
            out["postgresql"] = {"skipped": reason}
        else:
            server = PostgresServer()
            server.start()
            try:
                out["postgresql"] = _one(server.create_database("counters"), n, workdir)
            finally:
                server.stop()
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000), indent=2))
