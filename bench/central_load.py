"""The central under many desks: push and pull over HTTP against same-run database baselines.

Run: ``.venv/bin/python -m bench.central_load [--desks 50] [--batches 12] [--workers 2]`` or call
``run()``. A throw-away PostgreSQL with production durability (fsync, synchronous_commit and
full_page_writes on) and ``counter-central serve`` in its own process(es); the desks are HTTP
clients in threads sending prebuilt bodies (their JSON is encoded and their HTTP clients made
before the clock starts), so what is timed is the central and its database. The clients still
share the host's cores: their process's CPU per event is reported (``clients_cpu_ms_per_event``).

Phases, each with its same-run baseline (the same rows written or read with psycopg directly, by
as many connections as there are desks; for the pushes, each baseline transaction is timed too:
``baseline_batch``, the database's own batch latency at the same concurrency). Each measured push
phase and each of their baselines starts vacuumed and checkpointed (``settle``):

1. **receipts**: every desk pushes ``batches`` batches of ``batch`` "dossier.received" events.
   Baseline: ``executemany`` of the same ``received_events`` and ``dossiers`` rows into copies of
   the tables (same columns, defaults and indexes), one transaction per batch.
2. **returns of touched dossiers**: the back office had moved every dossier to "result ready", so
   each desk's return is applied, published back to the desk's feed (echo) and checked against the
   lifecycle table — meanwhile back-office officers keep moving other dossiers over HTTP (their
   step latency is the back-office p99 under load). Baseline: ``executemany`` of the same
   ``received_events`` rows, the dossier updates by code and the feed rows.
3. **pull**: every desk reads its feed in pages of 500 over HTTP. Baseline: the same pages with a
   raw SELECT per scope.
4. **empty polls**: every desk asks for changes after its cursor with nothing new; the central's
   CPU per poll is measured from its process times.

Defaults, and why: 12 batches of 200 per desk (600 batches a phase: a p99 that is not the
third-worst sample, and a phase of several seconds, not mostly its first burst); officers each
start a step every 250 ms — 16 steps a second for four, ten times a province's whole back office
at its busiest (12,000 dossiers a day × 3 steps over 8 hours is ~1.3 a second). Back-to-back
officers (``--officer-interval 0``) are a stress test: infinitely fast officers, whose steps the
central runs before the pushes (those run nicer), so the returns' rate then measures the officers.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from bench.timing import GcPauses  # noqa: E402
from counter_app.domain import codes  # noqa: E402
from counter_app.sync import protocol as p  # noqa: E402
from tests.integration.harness import PostgresServer, free_port, postgres_available  # noqa: E402

AGENCY = "Phòng Tư pháp"
DAY = date(2026, 11, 2)


def unit_of(i: int) -> str:
    return f"000.{i // 100:02d}.{i % 100 + 1:02d}.H12"


def desk_addresses(n: int, per_unit: int = 3) -> list[tuple[str, int]]:
    """``n`` desks, ``per_unit`` to a unit (a province: ~100 units of a few desks each)."""
    return [(unit_of(i // per_unit), i % per_unit + 1) for i in range(n)]


def _record(unit: str, desk: int, code: str, status: int, received: datetime, returned: datetime | None = None
            ) -> dict[str, Any]:
    due = received + timedelta(days=3)
    return {"MaHoSo": code, "MaTTHC": "1.001193", "TenTTHC": "Thủ tục đăng ký khai sinh", "MaTruongHop": "",
            "MaDonVi": unit, "SoQuay": desk, "ChuHoSo": "Nguyễn Văn An", "LoaiDoiTuong": "citizen",
            "SoGiayTo": f"0960{abs(hash(code)) % 10**8:08d}", "SoDienThoai": "0912345678", "Email": "",
            "DiaChi": "ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", "KenhThucHien": "direct", "SoBo": 1,
            "HinhThucTraKQ": "counter", "NgayTiepNhan": received.strftime("%Y%m%d%H%M%S"),
            "NgayHenTra": due.strftime("%Y%m%d%H%M%S"), "NgayHenTraBanDau": due.strftime("%Y%m%d%H%M%S"),
            "TrangThaiHoSo": status, "NgayCoKetQua": None,
            "NgayTraKetQua": returned.strftime("%Y%m%d%H%M%S") if returned else None,
            "CanBoTiepNhan": "Nguyễn Thị Minh Thư"}


def dossier_code(unit: str, desk: int, k: int) -> str:
    return codes.format_code(unit, DAY + timedelta(days=k // 999), desk, k % 999 + 1)


def received_event(unit: str, desk: int, seq: int, k: int) -> dict[str, Any]:
    code = dossier_code(unit, desk, k)
    received = datetime.combine(DAY + timedelta(days=k // 999), datetime.min.time()).replace(hour=8)
    return {"uuid": str(uuid.uuid4()), "seq": seq, "kind": "dossier.received", "entity_key": code,
            "created_at": p.format_moment(received),
            "payload": {"event": "dossier.received", "record": _record(unit, desk, code, 2, received),
                        "details": {"due_at": p.format_moment(received + timedelta(days=3))}}}


def returned_event(unit: str, desk: int, seq: int, k: int) -> dict[str, Any]:
    code = dossier_code(unit, desk, k)
    received = datetime.combine(DAY + timedelta(days=k // 999), datetime.min.time()).replace(hour=8)
    returned = received + timedelta(days=2)
    return {"uuid": str(uuid.uuid4()), "seq": seq, "kind": "dossier.status_changed", "entity_key": code,
            "created_at": p.format_moment(returned),
            "payload": {"event": "dossier.status_changed", "record": _record(unit, desk, code, 10, received, returned),
                        "details": {"from": 9, "to": 10, "reason": ""}}}


def percentile(samples: list[float], q: float) -> float:
    if not samples:
        return 0.0
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def latency(samples_s: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {"median_ms": round(statistics.median(ms), 1) if ms else 0.0, "p99_ms": round(percentile(ms, 0.99), 1),
            "max_ms": round(max(ms), 1) if ms else 0.0, "samples": len(ms)}


def run_threads(workers: list[Callable[[], None]]) -> float:
    """Start every worker at once; wall-clock seconds until all are done. Errors are raised."""
    barrier = threading.Barrier(len(workers) + 1)
    errors: list[BaseException] = []

    def wrap(fn: Callable[[], None]) -> None:
        barrier.wait()
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(fn,), daemon=True) for fn in workers]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise errors[0]
    return elapsed


# ---------------------------------------------------------------- the central in its own processes

class Central:
    """``counter-central serve`` on a database, with its process tree's CPU time and memory."""

    def __init__(self, database_url: str, workers: int, log_dir: Path, env: dict[str, str] | None = None) -> None:
        self.database_url, self.workers = database_url, workers
        self.env = {**os.environ, **(env or {})}
        self.port = free_port()
        self.log = log_dir / f"central-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args: str) -> str:
        return subprocess.run([sys.executable, "-m", "central.cli", "--database-url", self.database_url, *args],
                              check=True, capture_output=True, text=True, cwd=REPO).stdout.strip()

    def start(self) -> Central:
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "central.cli", "--database-url", self.database_url, "serve", "--host",
                 "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers), "--log-level", "warning"],
                stdout=log, stderr=subprocess.STDOUT, cwd=REPO, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.log.read_text())
            try:
                if httpx.get(f"{self.url}{p.HEALTH_PATH}", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError("central did not start")

    def pids(self) -> list[int]:
        """The central's whole process tree: its workers and their push processes (central/push_pool.py)."""
        assert self.proc is not None
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
            todo += map(int, out)
        return found

    def cpu_seconds(self) -> float:
        total = 0.0
        tick = os.sysconf("SC_CLK_TCK")
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def rss_mb(self) -> float:
        """Resident set sizes summed (pages shared by its processes counted in each)."""
        return self._proc_mb("status", "VmRSS:")

    def pss_mb(self) -> float:
        """Proportional set size: pages shared by several of its processes counted once in all."""
        return self._proc_mb("smaps_rollup", "Pss:")

    def _proc_mb(self, name: str, field: str) -> float:
        """``field`` (kB) of ``/proc/PID/<name>`` summed over the central's processes, in MB."""
        total = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                    if line.startswith(field):
                        total += int(line.split()[1])
            except OSError:
                continue
        return round(total / 1024, 1)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def postgres_cpu_seconds(pg: PostgresServer) -> float:
    """CPU time of the PostgreSQL server so far: the postmaster, its live processes and the
    ones it has reaped (a closed connection's backend)."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        postmaster = int((pg.dir / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError):
        return 0.0
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    total = 0.0
    for pid in [postmaster, *map(int, children)]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15 if pid == postmaster else 13]) / tick
    return total


def start_cluster(tmp: Path, workers: int, env: dict[str, str] | None = None) -> tuple[PostgresServer, Central, str]:
    reason = postgres_available()
    if reason:
        raise RuntimeError(reason)
    pg = PostgresServer(durable=True)
    pg.start()
    url = pg.create_database("load")
    central = Central(url, workers, tmp, env)
    central.cli("db", "upgrade")
    return pg, central, url


def register(central: Central, addresses: list[tuple[str, int]]) -> list[str]:
    from central import admin
    from central.db import CentralDatabase

    db = CentralDatabase(central.database_url)
    try:
        with db.write() as s:
            return [admin.add_desk(s, unit, desk, unit_name=f"UBND xã {unit}") for unit, desk in addresses]
    finally:
        db.dispose()


def back_office_token(central: Central, n: int = 1) -> list[str]:
    from central import admin
    from central.db import CentralDatabase

    db = CentralDatabase(central.database_url)
    try:
        with db.write() as s:
            return [admin.add_backoffice(s, agency=AGENCY, name=f"Cán bộ {i + 1}") for i in range(n)]
    finally:
        db.dispose()


# ---------------------------------------------------------------- pushing

def push_bodies(addresses: list[tuple[str, int]], batches: int, batch: int, make: Callable[..., dict], *,
                first_seq: int = 1, first_k: int = 0) -> list[list[bytes]]:
    out = []
    for unit, desk in addresses:
        bodies = []
        for b in range(batches):
            events = [make(unit, desk, first_seq + b * batch + j, first_k + b * batch + j) for j in range(batch)]
            bodies.append(json.dumps({"events": events, "sent_at": p.format_moment(datetime.now())},
                                     ensure_ascii=False).encode())
        out.append(bodies)
    return out


def client_of(url: str, token: str, headers: dict[str, str] | None = None) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}", **(headers or {})}, timeout=120)


def push_all(url: str, tokens: list[str], bodies: list[list[bytes]], samples: list[float]) -> float:
    """Every desk sends its bodies one after the other on one kept-alive connection. The clients
    are the standard library's ``http.client``, not httpx (the desk's own client): they share the
    central's cores, and httpx spent ~9× the CPU per 187 KB push (2.7–2.9 against 0.3 ms in the
    same run, 50 threads against a server that only answers), which the central then lacked."""
    address = urlsplit(url)

    def desk(token: str, mine: list[bytes]) -> Callable[[], None]:
        # Made before the clock starts, as a desk's client is (it connects at its first push).
        made = http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port, timeout=120)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

        def work() -> None:
            try:
                for body in mine:
                    t0 = time.perf_counter()
                    made.request("POST", p.PUSH_PATH, body=body, headers=headers)
                    response = made.getresponse()
                    data = response.read()
                    samples.append(time.perf_counter() - t0)
                    if response.status != 200:
                        raise RuntimeError(f"push answered {response.status}: {data[:500]!r}")
                    answer = json.loads(data)
                    if answer["deferred"] or answer["conflicts"]:
                        raise RuntimeError(f"push answer {answer}")
            finally:
                made.close()
        return work

    return run_threads([desk(t, b) for t, b in zip(tokens, bodies, strict=True)])


def _rows_of(body: bytes) -> tuple[list[tuple], list[dict]]:
    """The received_events rows and dossier fields a push of ``body`` writes at the central."""
    now = datetime.now().replace(microsecond=0)
    events, dossiers = [], []
    for e in json.loads(body)["events"]:
        rec = e["payload"]["record"]
        events.append((e["uuid"], rec["MaDonVi"], rec["SoQuay"], e["seq"], e["kind"], e["entity_key"],
                       json.dumps(e["payload"], ensure_ascii=False), p.parse_moment(e["created_at"]), now,
                       "applied", ""))
        dossiers.append(rec)
    return events, dossiers


def _pg(url: str, *, autocommit: bool = False):  # noqa: ANN202 - psycopg.Connection
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=autocommit)


def settle(url: str) -> None:
    """Before a measured phase and before its baseline: the dead rows the set-up left (a bulk update
    of every dossier, copies of the tables) vacuumed and the statistics read again, as autovacuum
    would have done in the hours before a real burst, then a CHECKPOINT. Each phase thus starts from
    the same state as its baseline and pays the full-page images of the pages it touches first, once,
    rather than autovacuum's work on the set-up's rows or a checkpoint the previous phase's WAL began."""
    with _pg(url, autocommit=True) as conn:  # VACUUM runs outside a transaction
        conn.execute("VACUUM (ANALYZE)")
        conn.execute("CHECKPOINT")


def baseline_setup(url: str, *, copy_dossiers: bool = False) -> None:
    """Empty copies of the tables (same columns, defaults, indexes); the central's dossiers if asked."""
    with _pg(url) as conn:
        for table in ("received_events", "dossiers", "changes", "handoffs"):
            conn.execute(f"DROP TABLE IF EXISTS base_{table}")
            conn.execute(f"CREATE TABLE base_{table} (LIKE {table} INCLUDING ALL)")
        if copy_dossiers:
            conn.execute("INSERT INTO base_dossiers SELECT * FROM dossiers")


_INSERT_EVENT = ("INSERT INTO base_received_events (uuid, unit_code, desk_number, seq, kind, entity_key, payload, "
                 "desk_created_at, received_at, outcome, note) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")
_DOSSIER_COLS = ("code, unit_code, desk_number, procedure_code, procedure_name, case_code, applicant_name, "
                 "applicant_kind, id_number, phone, email, address, channel, sets, delivery_method, officer_name, "
                 "received_at, due_at, original_due_at, status, status_changed_at, result_type, result_number, "
                 "result_summary, record, in_feed, first_seen_at, updated_at")


def _dossier_row(rec: dict, now: datetime) -> tuple:
    moment = p.parse_record_moment
    return (rec["MaHoSo"], rec["MaDonVi"], rec["SoQuay"], rec["MaTTHC"], rec["TenTTHC"], rec["MaTruongHop"],
            rec["ChuHoSo"], rec["LoaiDoiTuong"], rec["SoGiayTo"], rec["SoDienThoai"], rec["Email"], rec["DiaChi"],
            rec["KenhThucHien"], rec["SoBo"], rec["HinhThucTraKQ"], rec["CanBoTiepNhan"],
            moment(rec["NgayTiepNhan"]), moment(rec["NgayHenTra"]), moment(rec["NgayHenTraBanDau"]),
            rec["TrangThaiHoSo"], moment(rec["NgayTiepNhan"]), "", "", "", json.dumps(rec, ensure_ascii=False),
            False, now, now)


def baseline_receipts(url: str, bodies: list[list[bytes]], samples: list[float] | None = None) -> float:
    """executemany of the rows a receipts push writes, one connection per desk, one transaction per
    batch; each transaction's seconds go to ``samples`` (the database's own batch latency)."""
    prepared = [[_rows_of(b) for b in mine] for mine in bodies]
    insert_dossier = (f"INSERT INTO base_dossiers ({_DOSSIER_COLS}) VALUES "
                      f"({', '.join(['%s'] * len(_DOSSIER_COLS.split(',')))})")
    timed = [] if samples is None else samples

    def desk(mine: list[tuple[list[tuple], list[dict]]]) -> Callable[[], None]:
        def work() -> None:
            with _pg(url) as conn:
                for events, records in mine:
                    t0 = time.perf_counter()
                    now = datetime.now().replace(microsecond=0)
                    with conn.transaction(), conn.cursor() as cur:
                        cur.executemany(_INSERT_EVENT, events)
                        cur.executemany(insert_dossier, [_dossier_row(r, now) for r in records])
                    timed.append(time.perf_counter() - t0)
        return work

    return run_threads([desk(m) for m in prepared])


def baseline_returns(url: str, bodies: list[list[bytes]], samples: list[float] | None = None) -> float:
    """executemany of what a return push writes on touched dossiers: event rows, dossier updates,
    echoes; each transaction's seconds go to ``samples``, as ``baseline_receipts``."""
    prepared = [[_rows_of(b) for b in mine] for mine in bodies]
    timed = [] if samples is None else samples

    def desk(mine: list[tuple[list[tuple], list[dict]]]) -> Callable[[], None]:
        def work() -> None:
            with _pg(url) as conn:
                for events, records in mine:
                    t0 = time.perf_counter()
                    now = datetime.now().replace(microsecond=0)
                    with conn.transaction(), conn.cursor() as cur:
                        cur.executemany(_INSERT_EVENT, events)
                        cur.executemany(
                            "UPDATE base_dossiers SET status = 10, status_changed_at = %s, returned_at = %s, "
                            "record = %s, updated_at = %s WHERE code = %s",
                            [(now, now, json.dumps(r, ensure_ascii=False), now, r["MaHoSo"]) for r in records])
                        cur.executemany(
                            "INSERT INTO base_changes (id, kind, unit_code, desk_number, entity_key, payload, "
                            "created_at) VALUES (nextval('changes_id_seq'), 'dossier.status', %s, %s, %s, %s, %s)",
                            [(r["MaDonVi"], r["SoQuay"], r["MaHoSo"],
                              json.dumps({"code": r["MaHoSo"], "to": 10, "correction": True}), now) for r in records])
                    timed.append(time.perf_counter() - t0)
        return work

    return run_threads([desk(m) for m in prepared])


def baseline_steps(url: str, officers: int, dossier_codes: list[str], stop: threading.Event, samples: list[float],
                   interval: float) -> list[Callable[[], None]]:
    """Officers' steps as the database alone runs them (the baseline of ``back_office_load``): a
    transaction per step that locks the dossier with its unit's name, updates it, adds a handoff row
    and a feed entry, at the same pace, on the baseline's copies of the tables, while the
    ``executemany`` baseline writes, until ``stop``. Their latency is what the database under that load gives a step."""
    def officer(mine: list[str]) -> Callable[[], None]:
        def work() -> None:
            with _pg(url) as conn:
                for code in mine:
                    for to in (4, 9):
                        if stop.is_set():
                            return
                        t0 = time.perf_counter()
                        with conn.transaction():
                            row = conn.execute(
                                "SELECT d.id, d.unit_code, d.desk_number, u.name FROM base_dossiers d "
                                "LEFT JOIN units u ON u.code = d.unit_code WHERE d.code = %s FOR UPDATE OF d",
                                (code,)).fetchone()
                            if row is None:
                                raise RuntimeError(f"baseline step: no dossier {code}")
                            conn.execute("UPDATE base_dossiers SET status = %s, status_changed_at = now(), "
                                         "updated_at = now(), in_feed = true WHERE id = %s", (to, row[0]))
                            conn.execute("INSERT INTO base_handoffs (dossier_id, position, from_unit, to_unit, given_by, "
                                         "taken_by, at, result, note) VALUES (%s, %s, %s, %s, 'Cán bộ', 'Cán bộ', now(), "
                                         "'', '')", (row[0], to, row[3] or "", AGENCY))
                            conn.execute("INSERT INTO base_changes (id, kind, unit_code, desk_number, entity_key, "
                                         "payload, created_at) VALUES (nextval('changes_id_seq'), 'dossier.status', "
                                         "%s, %s, %s, %s, now())",
                                         (row[1], row[2], code, json.dumps({"code": code, "to": to})))
                        samples.append(time.perf_counter() - t0)
                        if interval:
                            stop.wait(max(0.0, t0 + interval - time.perf_counter()))
        return work

    return [officer(dossier_codes[i::officers]) for i in range(officers)]


def touch_all(central: Central) -> None:
    """The back office has moved every dossier to "result ready" (set-up, not timed; set-based SQL
    with what ``backoffice.move`` writes that matters here: status, result, ``in_feed`` and a feed
    entry per dossier, numbered at once)."""
    with _pg(central.database_url) as conn:
        conn.execute("UPDATE dossiers SET status = 9, status_changed_at = now(), result_ready_at = now(), "
                     "result_type = 'Giấy khai sinh', in_feed = true, updated_at = now()")
        conn.execute(
            "INSERT INTO changes (kind, unit_code, desk_number, entity_key, payload, created_at) "
            "SELECT 'dossier.status', unit_code, desk_number, code, json_build_object('code', code, 'from', 4, "
            "'to', 9, 'at', to_char(now(), 'YYYY-MM-DD HH24:MI:SS'), 'agency', %s::text, 'officer', 'Lê Văn Nam', "
            "'note', '', 'correction', false, 'result', json_build_object('type', 'Giấy khai sinh', 'number', '', "
            "'summary', ''))::text, now() FROM dossiers ORDER BY code", (AGENCY,))
        conn.execute("UPDATE changes SET position = id WHERE position IS NULL")


def back_office_load(url: str, tokens: list[str], dossier_codes: list[str], stop: threading.Event,
                     samples: list[float], interval: float = 0.0) -> list[Callable[[], None]]:
    """Officers moving dossiers (process, then result) over HTTP until ``stop``; each starts a step
    at most every ``interval`` seconds (0: one step after the other, as fast as they are answered)."""
    def officer(token: str, mine: list[str]) -> Callable[[], None]:
        made = client_of(url, token)  # before the clock, as the desks'

        def work() -> None:
            with made as client:
                for code in mine:
                    for action, body in (("process", {}), ("result", {"result_type": "Giấy khai sinh"})):
                        if stop.is_set():
                            return
                        t0 = time.perf_counter()
                        r = client.post(f"{p.BACKOFFICE_PATH}/{code}/{action}", json=body)
                        samples.append(time.perf_counter() - t0)
                        r.raise_for_status()
                        if interval:
                            stop.wait(max(0.0, t0 + interval - time.perf_counter()))
        return work

    return [officer(t, dossier_codes[i::len(tokens)]) for i, t in enumerate(tokens)]


# ---------------------------------------------------------------- pulling

def pull_all(url: str, tokens: list[str], page: int = 500) -> tuple[float, int, list[float]]:
    total = [0]
    samples: list[float] = []
    lock = threading.Lock()

    def desk(token: str) -> Callable[[], None]:
        def work() -> None:
            cursor = 0
            with client_of(url, token) as client:  # made on the clock, as the baseline's connections
                while True:
                    t0 = time.perf_counter()
                    r = client.get(p.CHANGES_PATH, params={"after": cursor, "limit": page})
                    samples.append(time.perf_counter() - t0)
                    r.raise_for_status()
                    body = r.json()
                    with lock:
                        total[0] += len(body["changes"])
                    cursor = body["cursor"]
                    if not body["changes"] or body["remaining"] <= 0:
                        return
        return work

    elapsed = run_threads([desk(t) for t in tokens])
    return elapsed, total[0], samples


def baseline_pull(url: str, addresses: list[tuple[str, int]], page: int = 500) -> tuple[float, int]:
    """The same pages read with a raw SELECT per scope (global, unit, desk), JSON payloads decoded."""
    total = [0]
    lock = threading.Lock()
    scopes = ("SELECT position, kind, created_at, entity_key, payload FROM changes WHERE {} AND position > %s "
              "ORDER BY position LIMIT %s")
    where = ("unit_code IS NULL AND desk_number IS NULL", "unit_code = %s AND desk_number IS NULL",
             "unit_code = %s AND desk_number = %s")

    def desk(unit: str, number: int) -> Callable[[], None]:
        def work() -> None:
            cursor = 0
            with _pg(url) as conn:
                while True:
                    rows = []
                    with conn.transaction():
                        for w, params in zip(where, ((), (unit,), (unit, number)), strict=True):
                            rows += conn.execute(scopes.format(w), (*params, cursor, page)).fetchall()
                    rows.sort(key=lambda r: r[0])
                    rows = rows[:page]
                    _ = [json.loads(r[4]) for r in rows]
                    with lock:
                        total[0] += len(rows)
                    if len(rows) < page:
                        return
                    cursor = rows[-1][0]
        return work

    return run_threads([desk(u, d) for u, d in addresses]), total[0]


def empty_polls(central: Central, tokens: list[str], cursors: dict[str, int], rounds: int) -> dict[str, float]:
    samples: list[float] = []

    def desk(token: str) -> Callable[[], None]:
        def work() -> None:
            with httpx.Client(base_url=central.url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
                for _ in range(rounds):
                    t0 = time.perf_counter()
                    r = c.get(p.CHANGES_PATH, params={"after": cursors.get(token, 0), "limit": 500})
                    samples.append(time.perf_counter() - t0)
                    r.raise_for_status()
                    assert r.json()["changes"] == []
        return work

    cpu0 = central.cpu_seconds()
    elapsed = run_threads([desk(t) for t in tokens])
    cpu = central.cpu_seconds() - cpu0
    n = len(samples)
    return {"polls": n, "per_second": round(n / elapsed), "central_cpu_ms_per_poll": round(cpu * 1000 / n, 2),
            **latency(samples)}


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""


def sessions_opened(url: str) -> int:
    """Connections ever opened to the benchmark's database (PostgreSQL's own count, after its
    statistics are flushed): the difference over a phase is the connections the phase opened."""
    time.sleep(1.2)  # backends report their statistics at most once a second
    with _pg(url) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        row = conn.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()").fetchone()
    return int(row[0]) - 1 if row else 0  # less this connection


def http_floor(central: Central, n: int) -> float:
    """Central CPU (ms) of the cheapest request, ``/livez`` (no database): the framework's floor,
    measured in the same run beside the empty polls."""
    cpu0 = central.cpu_seconds()
    with httpx.Client(base_url=central.url, timeout=60) as c:
        for _ in range(n):
            c.get("/livez").raise_for_status()
    return round((central.cpu_seconds() - cpu0) * 1000 / n, 2)


def final_cursors(central: Central, tokens: list[str]) -> dict[str, int]:
    out = {}
    for token in tokens:
        cursor = 0
        with httpx.Client(base_url=central.url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
            while True:
                body = c.get(p.CHANGES_PATH, params={"after": cursor, "limit": 2000}).json()
                cursor = body["cursor"]
                if not body["changes"]:
                    break
        out[token] = cursor
    return out


# ---------------------------------------------------------------- the run

PHASES = ("receipts", "returns", "pull", "polls")


def back_office_alone(central: Central, token: str, dossier_codes: list[str]) -> dict[str, Any]:
    """Back-office steps with nothing else running (one officer, one step at a time): the central's
    CPU per step and the step's latency on a quiet central."""
    samples: list[float] = []
    stop = threading.Event()
    cpu0 = central.cpu_seconds()
    for work in back_office_load(central.url, [token], dossier_codes, stop, samples):
        work()
    cpu = central.cpu_seconds() - cpu0
    return {"steps": len(samples), "central_cpu_ms_per_step": round(cpu * 1000 / max(1, len(samples)), 2),
            **latency(samples)}


def run(desks: int = 50, batches: int = 12, batch: int = 200, workers: int = 2, officers: int = 4,
        phases: tuple[str, ...] = PHASES, env: dict[str, str] | None = None,
        officer_interval: float = 0.25) -> dict[str, Any]:
    """``phases``: which of PHASES to measure (what a later phase needs is still done, unmeasured:
    the returns need the receipts pushed, the pull and polls a feed)."""
    results: dict[str, Any] = {"desks": desks, "batches": batches, "batch": batch, "workers": workers, "central_env": env or {},
                               "officers": officers, "officer_interval_ms": round(officer_interval * 1000),
                               "phases": list(phases),
                               "postgresql": "fsync, synchronous_commit, full_page_writes on; max_wal_size 4GB, "
                                             "checkpoint_timeout 15min; each push phase and baseline starts "
                                             "vacuumed and checkpointed",
                               "load_average_at_start": os.getloadavg()[0],
                               "uptime_at_start": _uptime()}
    with tempfile.TemporaryDirectory(prefix="central-load-") as tmp:
        pg, central, url = start_cluster(Path(tmp), workers, env)
        try:
            addresses = desk_addresses(desks)
            tokens = register(central, addresses)
            bo_tokens = back_office_token(central, officers)
            central.start()
            # 1. receipts
            bodies = push_bodies(addresses, batches, batch, received_event)
            n = desks * batches * batch
            samples: list[float] = []
            if "receipts" not in phases:
                push_all(central.url, tokens, bodies, samples)
            else:
                settle(url)
                opened0 = sessions_opened(url)
                cpu0, pg0 = central.cpu_seconds(), postgres_cpu_seconds(pg)
                with GcPauses() as pauses:  # the clients' process too: a pause of it is not the central's
                    pauses.restart()
                    clients0 = time.process_time()
                    elapsed = push_all(central.url, tokens, bodies, samples)
                    clients = time.process_time() - clients0
                cpu, pg1 = central.cpu_seconds() - cpu0, postgres_cpu_seconds(pg)
                opened = sessions_opened(url) - opened0
                baseline_setup(url)
                settle(url)
                pg2 = postgres_cpu_seconds(pg)
                base_samples: list[float] = []
                base = baseline_receipts(url, bodies, base_samples)
                pg3 = postgres_cpu_seconds(pg)
                results["receipts"] = {"events": n, "events_per_s": round(n / elapsed),
                                       "baseline_executemany_per_s": round(n / base),
                                       "ratio": round(base / elapsed, 2), "batch": latency(samples),
                                       "baseline_batch": latency(base_samples),
                                       "central_cpu_ms_per_event": round(cpu * 1000 / n, 3),
                                       "postgres_cpu_ms_per_event": round((pg1 - pg0) * 1000 / n, 3),
                                       "baseline_postgres_cpu_ms_per_event": round((pg3 - pg2) * 1000 / n, 3),
                                       "connections_opened": opened,
                                       "client_longest_gc_pause_ms": pauses.longest_ms(),
                                       "clients_cpu_ms_per_event": round(clients * 1000 / n, 3)}
            if not {"returns", "pull", "polls"} & set(phases):
                results["load_average_at_end"] = os.getloadavg()[0]
                results["uptime_at_end"] = _uptime()
                return results
            # 2. returns of dossiers the back office has touched, with the back office working meanwhile
            touch_all(central)
            extra = push_bodies(addresses, 1, batch, received_event, first_seq=batches * batch + 1,
                                first_k=batches * batch)  # fresh dossiers for the officers to move
            push_all(central.url, tokens, extra, [])
            bodies = push_bodies(addresses, batches, batch, returned_event, first_seq=(batches + 1) * batch + 1)
            bo_codes = [dossier_code(u, d, batches * batch + j) for u, d in addresses for j in range(batch)]
            if "returns" in phases:  # a few steps alone first: CPU per step and latency on a quiet central
                quiet, bo_codes = bo_codes[:50], bo_codes[50:]
                results["back_office_alone"] = back_office_alone(central, bo_tokens[0], quiet)
            samples, bo_samples = [], []
            stop = threading.Event()
            bo = back_office_load(central.url, bo_tokens, bo_codes, stop, bo_samples, officer_interval)
            bo_threads = [threading.Thread(target=w, daemon=True) for w in bo]
            if "returns" in phases:
                settle(url)
            opened0 = sessions_opened(url)
            cpu0, pg0 = central.cpu_seconds(), postgres_cpu_seconds(pg)
            with GcPauses() as pauses:
                pauses.restart()
                clients0 = time.process_time()
                for t in bo_threads:
                    t.start()
                elapsed = push_all(central.url, tokens, bodies, samples)
                clients = time.process_time() - clients0
            stop.set()
            for t in bo_threads:
                t.join()
            cpu, pg1 = central.cpu_seconds() - cpu0, postgres_cpu_seconds(pg)
            opened = sessions_opened(url) - opened0
            if "returns" in phases:
                baseline_setup(url, copy_dossiers=True)
                settle(url)
                pg2 = postgres_cpu_seconds(pg)
                base_samples, base_steps, base_elapsed = [], [], []
                stop = threading.Event()

                def returns_baseline() -> None:
                    try:
                        base_elapsed.append(baseline_returns(url, bodies, base_samples))
                    finally:
                        stop.set()  # the baseline's officers end with it

                run_threads([returns_baseline, *baseline_steps(url, officers, bo_codes, stop, base_steps,
                                                               officer_interval)])
                base = base_elapsed[0]
                pg3 = postgres_cpu_seconds(pg)
                results["returns_touched"] = {
                    "events": n, "events_per_s": round(n / elapsed),
                    "baseline_executemany_per_s": round(n / base), "ratio": round(base / elapsed, 2),
                    "batch": latency(samples), "baseline_batch": latency(base_samples),
                    "back_office_step": latency(bo_samples), "baseline_back_office_step": latency(base_steps),
                    "back_office_steps": len(bo_samples), "central_cpu_ms_per_event": round(cpu * 1000 / n, 3),
                    "postgres_cpu_ms_per_event": round((pg1 - pg0) * 1000 / n, 3),
                    "baseline_postgres_cpu_ms_per_event": round((pg3 - pg2) * 1000 / n, 3),
                    "connections_opened": opened, "client_longest_gc_pause_ms": pauses.longest_ms(),
                    "clients_cpu_ms_per_event": round(clients * 1000 / n, 3)}
                alone = results.get("back_office_alone", {}).get("central_cpu_ms_per_step")
                if alone:  # the officers' steps are the central's CPU too: what the pushes took
                    results["returns_touched"]["central_cpu_ms_per_event_less_steps"] = round(
                        (cpu * 1000 - alone * len(bo_samples)) / n, 3)
            # 3. pull every desk's feed
            if "pull" in phases:
                opened0 = sessions_opened(url)
                cpu0 = central.cpu_seconds()
                elapsed, pulled, page_samples = pull_all(central.url, tokens)
                cpu = central.cpu_seconds() - cpu0
                opened = sessions_opened(url) - opened0
                base, base_rows = baseline_pull(url, addresses)
                results["pull"] = {"entries": pulled, "entries_per_s": round(pulled / elapsed),
                                   "baseline_select_per_s": round(base_rows / base),
                                   "ratio": round(base / elapsed, 2), "page": latency(page_samples),
                                   "central_cpu_ms_per_entry": round(cpu * 1000 / max(1, pulled), 3),
                                   "connections_opened": opened}
            # 4. empty polls, beside the cheapest request of all
            if "polls" in phases:
                cursors = final_cursors(central, tokens)
                opened0 = sessions_opened(url)
                results["empty_poll"] = empty_polls(central, tokens, cursors, rounds=10)
                results["empty_poll"]["connections_opened"] = sessions_opened(url) - opened0
                results["empty_poll"]["livez_cpu_ms_per_request"] = http_floor(central, 500)
            results["central_rss_mb"] = central.rss_mb()
            results["central_pss_mb"] = central.pss_mb()
            results["load_average_at_end"] = os.getloadavg()[0]
            results["uptime_at_end"] = _uptime()
        finally:
            central.stop()
            pg.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.central_load")
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--batches", type=int, default=12)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--officers", type=int, default=4, help="back-office officers during the returns")
    parser.add_argument("--officer-interval", type=float, default=250.0, metavar="MS",
                        help="each officer starts a step at most every MS milliseconds (default 250; 0: back to back)")
    parser.add_argument("--push-concurrency", type=int, default=None,
                        help="the central's CENTRAL_PUSH_CONCURRENCY (default: its own)")
    parser.add_argument("--central-env", action="append", default=[], metavar="NAME=VALUE",
                        help="an environment variable for the central (e.g. CENTRAL_SWITCH_INTERVAL_MS=5)")
    parser.add_argument("--phases", default=",".join(PHASES),
                        help=f"comma-separated, of {','.join(PHASES)} (default: all)")
    args = parser.parse_args(argv)
    phases = tuple(x.strip() for x in args.phases.split(",") if x.strip())
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    env = dict(item.split("=", 1) for item in args.central_env)
    if args.push_concurrency:
        env["CENTRAL_PUSH_CONCURRENCY"] = str(args.push_concurrency)
    print(json.dumps(run(args.desks, args.batches, args.batch, args.workers, args.officers, phases, env or None,
                         args.officer_interval / 1000),
                     indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
