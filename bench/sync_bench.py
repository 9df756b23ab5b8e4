"""Sync throughput: events per second pushed (desk → central) and pulled (central → desk), with
a SQLite central and a PostgreSQL central (started with initdb/pg_ctl in a temp dir when the
binaries are there).

Run: ``.venv/bin/python bench/sync_bench.py [N_EVENTS]`` (default 10,000) or call ``run()``.

Set-up is not timed: N dossiers are bulk-inserted into a desk database with one outbox event
each, built with the real sync record (``dossier_record``); the back office then makes N status
steps at the central (process, then result ready, for N/2 dossiers). Timed: one
``SyncService.sync_once`` pushing everything over HTTP on 127.0.0.1 (batches of 500 events), and
one pulling and applying everything (pages of 500 changes, each with audit rows, hand-offs and the
cursor in one desk transaction).

With PostgreSQL (production durability) each direction has its same-run baseline: the rows the push
stored (received events, dossiers) written again with psycopg ``executemany`` in batches of 500, one
transaction each, into empty copies of the tables; the desk's feed read with a raw SELECT per scope
in pages of 500. The pull is end to end (the desk applies every entry), so its ratio shows the desk's
share too.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlalchemy import insert, select  # noqa: E402
from sqlalchemy.orm import joinedload  # noqa: E402

from central import admin, backoffice  # noqa: E402
from central.db import CentralDatabase  # noqa: E402
from counter_app.domain import codes  # noqa: E402
from counter_app.domain.records import dossier_record  # noqa: E402
from counter_app.models import Applicant, Dossier, DossierStatus, OutboxEvent, ProcedureCase  # noqa: E402
from counter_app.services import org  # noqa: E402
from counter_app.services.dossiers import duration_of  # noqa: E402
from counter_app.services.office_calendar import calendar_for  # noqa: E402
from counter_app.sync.service import SyncService, save_config  # noqa: E402
from tests.integration.harness import CentralProcess, PostgresServer, make_desk, postgres_available  # noqa: E402

BATCH = 500


def _fill_desk(desk, n: int) -> list[str]:  # noqa: ANN001
    """n received dossiers and their n outbox events, bulk-inserted (the reception path is not under test)."""
    db = desk.db
    with db.write() as s:
        d = org.current_desk(s)
        officer_id = s.execute(select(org.Officer.id)).scalars().first()
        case = s.execute(select(ProcedureCase).order_by(ProcedureCase.id)).scalars().first()
        cal = calendar_for(s)
        duration = duration_of(case)
        s.execute(insert(Applicant), [{"id": 1, "kind": "citizen", "id_number": "096085001234", "name": "Trần Văn Đức",
                                       "name_folded": "tran van duc", "address": "xã Tân Thành", "phone": "0912345678",
                                       "email": "", "created_at": datetime.now()}])
        rows, day = [], date(2026, 1, 5)
        for i in range(n):
            seq = i % 999 + 1
            received = datetime.combine(day + timedelta(days=i // 999), datetime.min.time()).replace(hour=8)
            due = cal.due(received, duration)
            rows.append({"code": codes.format_code(desk.unit_code, received.date(), desk.number, seq),
                         "unit_id": d.unit_id, "desk_id": d.id, "officer_id": officer_id,
                         "procedure_id": case.procedure_id, "case_id": case.id, "applicant_id": 1,
                         "received_at": received, "due_at": due, "original_due_at": due,
                         "status": DossierStatus.RECEIVED.value, "status_changed_at": received,
                         "updated_at": received})
        s.execute(insert(Dossier), rows)
        events, seq = [], 0
        for dossier in s.execute(select(Dossier).order_by(Dossier.id).options(
                joinedload(Dossier.procedure), joinedload(Dossier.case), joinedload(Dossier.unit),
                joinedload(Dossier.desk), joinedload(Dossier.applicant), joinedload(Dossier.officer))).scalars():
            seq += 1
            events.append({"uuid": str(uuid.uuid4()), "desk_id": d.id, "desk_seq": seq, "kind": "dossier.received",
                           "entity_key": dossier.code, "created_at": dossier.received_at, "attempts": 0,
                           "last_error": "", "payload": json.dumps(
                               {"event": "dossier.received", "record": dossier_record(dossier),
                                "details": {"due_at": dossier.due_at.isoformat(sep=" ")}}, ensure_ascii=False)})
        s.execute(insert(OutboxEvent), events)
        return [r["code"] for r in rows]


def _back_office(cdb: CentralDatabase, codes_: list[str]) -> None:
    for action, fields in (("process", {}), ("result", {"result_type": "Giấy khai sinh"})):
        for start in range(0, len(codes_), 1000):
            def work(s, chunk=codes_[start:start + 1000], action=action, fields=fields):  # noqa: ANN001, ANN202
                for code in chunk:
                    backoffice.move(s, code, backoffice.Step(action, "Phòng Tư pháp", "Lê Văn Nam", **fields))
            cdb.run_write(work)


def _baseline_push(database_url: str) -> float:
    """Seconds to write the rows the push wrote (received_events and dossiers, as stored) with psycopg
    ``executemany`` into empty copies of the tables, in batches of BATCH, one transaction each."""
    import psycopg

    dsn = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        tables = {}
        for table in ("received_events", "dossiers"):
            conn.execute(f"DROP TABLE IF EXISTS base_{table}")
            conn.execute(f"CREATE TABLE base_{table} (LIKE {table} INCLUDING ALL)")
            cur = conn.execute(f"SELECT * FROM {table} ORDER BY 1")
            columns = [d.name for d in cur.description or ()]
            tables[table] = (columns, cur.fetchall())
        conn.commit()
        t0 = time.perf_counter()
        for start in range(0, len(tables["received_events"][1]), BATCH):
            with conn.transaction(), conn.cursor() as cur:
                for table, (columns, rows) in tables.items():
                    cur.executemany(f"INSERT INTO base_{table} ({', '.join(columns)}) VALUES "
                                    f"({', '.join(['%s'] * len(columns))})", rows[start:start + BATCH])
        return time.perf_counter() - t0


def _baseline_pull(database_url: str, unit_code: str, desk_number: int) -> tuple[float, int]:
    """Seconds to read the desk's feed in pages of BATCH with a raw SELECT per scope (global, unit,
    desk), payloads decoded; and the entries read."""
    import psycopg

    dsn = database_url.replace("postgresql+psycopg://", "postgresql://")
    query = ("SELECT position, kind, created_at, entity_key, payload FROM changes WHERE {} AND position > %s "
             "ORDER BY position LIMIT %s")
    scopes = (("unit_code IS NULL AND desk_number IS NULL", ()), ("unit_code = %s AND desk_number IS NULL",
              (unit_code,)), ("unit_code = %s AND desk_number = %s", (unit_code, desk_number)))
    with psycopg.connect(dsn) as conn:
        t0, cursor, total = time.perf_counter(), 0, 0
        while True:
            rows = []
            with conn.transaction():
                for where, params in scopes:
                    rows += conn.execute(query.format(where), (*params, cursor, BATCH)).fetchall()
            rows = sorted(rows, key=lambda r: r[0])[:BATCH]
            _ = [json.loads(r[4]) for r in rows]
            total += len(rows)
            if len(rows) < BATCH:
                return time.perf_counter() - t0, total
            cursor = rows[-1][0]


def _one(database_url: str, workdir: Path, n_events: int) -> dict[str, float]:
    cdb = CentralDatabase(database_url)
    cdb.upgrade()
    desk = make_desk(workdir)
    with cdb.write() as s:
        token = admin.add_desk(s, desk.unit_code, desk.number)
    central = CentralProcess(database_url, workdir).start()
    try:
        codes_ = _fill_desk(desk, n_events)
        save_config(desk.db, central.url, token)
        sync = SyncService(desk.db, batch_size=BATCH, page_size=BATCH, timeout=120)
        t0 = time.perf_counter()
        pushed = sync.sync_once().pushed
        push_s = time.perf_counter() - t0
        assert pushed == n_events, pushed
        _back_office(cdb, codes_[: n_events // 2])
        t0 = time.perf_counter()
        pulled = sync.sync_once().pulled
        pull_s = time.perf_counter() - t0
        assert pulled == 2 * (n_events // 2), pulled
        out = {"push_events_per_s": round(pushed / push_s), "pull_events_per_s": round(pulled / pull_s),
               "push_seconds": round(push_s, 2), "pull_seconds": round(pull_s, 2)}
        if not cdb.is_sqlite:  # the same rows written / read by psycopg alone, in the same run
            base_push = _baseline_push(database_url)
            base_pull, read = _baseline_pull(database_url, desk.unit_code, desk.number)
            out |= {"push_baseline_executemany_per_s": round(pushed / base_push),
                    "push_ratio": round(base_push / push_s, 2),
                    "pull_baseline_select_per_s": round(read / base_pull), "pull_ratio": round(base_pull / pull_s, 2)}
        return out
    finally:
        central.stop()
        cdb.dispose()
        desk.db.dispose()


def run(n_events: int = 10_000) -> dict[str, Any]:
    """Events/s pushed and pulled per central backend; PostgreSQL is skipped (with the reason) if absent."""
    results: dict[str, Any] = {"n_events": n_events}
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "sqlite").mkdir()
        results["sqlite"] = _one(f"sqlite:///{tmp_path / 'central.sqlite'}", tmp_path / "sqlite", n_events)
        reason = postgres_available()
        if reason:
            results["postgresql"] = {"skipped": reason}
        else:
            pg = PostgresServer(durable=True)  # production durability: fsync, synchronous_commit, full pages
            pg.start()
            try:
                (tmp_path / "pg").mkdir()
                results["postgresql"] = _one(pg.create_database("bench"), tmp_path / "pg", n_events)
            finally:
                pg.stop()
    return results


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000), indent=2))
