"""A province day: N desks (default 300), each with its own desk database, syncing through a real
central on PostgreSQL (production durability), with a back office moving dossiers and citizens
opening the lookup page.

Run: ``.venv/bin/python -m bench.province_day [--desks 300] [--day-seconds 60]`` or
``make bench BENCH_ARGS="--only province --province 300"``.

1. **Yesterday** (set-up, not timed): every desk receives ``--received`` dossiers and syncs; the
   back office processes most of them (result ready for most, a few supplement requests); every
   desk syncs again and so knows its results.
2. **The afternoon and the night**: the link is down. Every desk receives ``--night`` more and hands
   over up to ``--night`` results (returns of dossiers the back office touched: the central checks
   them and echoes them back), so its outbox grows; the back office moves most dossiers still open,
   so every desk's feed grows too.
3. **07:30**: every desk comes online at once and syncs (push then pull) through
   ``--sync-threads`` concurrent passes. *Convergence time*: until every desk's outbox is empty,
   its cursor at the end of its feed, and every dossier's status equal at desk and central.
4. **The day** (``--day-seconds``): desks receive and return at a steady rate and sync every
   ``--interval`` seconds; back-office officers keep moving dossiers over HTTP; citizens open
   ``/tra-cuu/<code>``. Latencies of every push, pull page, back-office step and lookup are kept.

Reported: events/s pushed and pulled, push/pull/back-office/lookup latency percentiles,
convergence time, the central's CPU seconds and peak memory (all its processes, sampled every
second), the host's load average at start and end. The desks share one template file (migrated
once, with the test catalog), copied per desk.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bench.central_load import AGENCY, Central, back_office_token, desk_addresses, latency, start_cluster  # noqa: E402
from bench.timing import GcPauses  # noqa: E402
from counter_app.models import Dossier, DossierStatus  # noqa: E402
from counter_app.services import returns, settings  # noqa: E402
from counter_app.sync import client as sync_client  # noqa: E402
from counter_app.sync import protocol as p  # noqa: E402
from counter_app.sync.service import CURSOR_KEY, SyncService, save_config  # noqa: E402
from tests.integration.harness import Desk, make_desk  # noqa: E402

S = DossierStatus


class Timings:
    """Latency of every push and pull request the desks make (the client is wrapped in this process)."""

    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = {"push": [], "pull": []}
        self.lock = threading.Lock()
        self._push, self._changes = sync_client.CentralClient.push, sync_client.CentralClient.changes

    def __enter__(self) -> Timings:
        timings = self

        def push(client, events, **kw):  # noqa: ANN001, ANN003, ANN202
            t0 = time.perf_counter()
            try:
                return timings._push(client, events, **kw)
            finally:
                timings.add("push", time.perf_counter() - t0)

        def changes(client, after, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
            t0 = time.perf_counter()
            try:
                return timings._changes(client, after, *args, **kw)
            finally:
                timings.add("pull", time.perf_counter() - t0)

        sync_client.CentralClient.push, sync_client.CentralClient.changes = push, changes
        return self

    def __exit__(self, *exc: object) -> None:
        sync_client.CentralClient.push, sync_client.CentralClient.changes = self._push, self._changes

    def add(self, what: str, seconds: float) -> None:
        with self.lock:
            self.samples.setdefault(what, []).append(seconds)

    def reset(self) -> None:
        with self.lock:
            for v in self.samples.values():
                v.clear()


def _desks(tmp: Path, n: int, central: Central) -> list[Desk]:
    from central import admin
    from central.db import CentralDatabase

    addresses = desk_addresses(n)
    db = CentralDatabase(central.database_url)
    desks = []
    try:
        with db.write() as s:
            tokens = [admin.add_desk(s, unit, number, unit_name=f"UBND xã {unit}") for unit, number in addresses]
        for i, ((unit, number), token) in enumerate(zip(addresses, tokens, strict=True)):
            desk = make_desk(tmp / f"d{i}", unit_code=unit, number=number, unit_name=f"UBND xã {unit}")
            save_config(desk.db, central.url, token)
            desks.append(desk)
    finally:
        db.dispose()
    return desks


class PeakMemory:
    """The central's memory (all its processes), sampled every second; the peaks are kept: the sum of
    resident sizes (pages shared by its processes counted in each) and the proportional set size
    (each shared page counted once in all: what the central takes of the machine)."""

    def __init__(self, central: Central) -> None:
        self.central, self.peak, self.peak_pss = central, 0.0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self._sample()

    def _sample(self) -> None:
        self.peak = max(self.peak, self.central.rss_mb())
        self.peak_pss = max(self.peak_pss, self.central.pss_mb())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def _sync_all(desks: list[Desk], threads: int) -> tuple[int, int, float]:
    """One sync pass of every desk, ``threads`` at a time; (pushed, pulled, seconds)."""
    totals = [0, 0]
    lock = threading.Lock()

    def one(desk: Desk) -> None:
        for attempt in range(5):
            try:
                report = SyncService(desk.db, timeout=120).sync_once()
                break
            except sync_client.SyncError:
                if attempt == 4:
                    raise
                time.sleep(0.5)
        with lock:
            totals[0] += report.pushed
            totals[1] += report.pulled

    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, desks))
    return totals[0], totals[1], time.perf_counter() - t0


def _central_state(central: Central) -> tuple[dict[str, int], dict[tuple[str, int], int]]:
    """Every dossier's status, and every desk's last feed position (global entries included)."""
    from sqlalchemy import func

    from central.db import CentralDatabase
    from central.models import Change
    from central.models import Dossier as CentralDossier

    db = CentralDatabase(central.database_url)
    try:
        with db.read() as s:
            statuses = dict(s.execute(select(CentralDossier.code, CentralDossier.status)).all())
            heads = {(u, d): pos for u, d, pos in s.execute(
                select(Change.unit_code, Change.desk_number, func.max(Change.position))
                .group_by(Change.unit_code, Change.desk_number)).all()}
    finally:
        db.dispose()
    return statuses, heads


def _converged(desks: list[Desk], central: Central) -> bool:
    statuses, heads = _central_state(central)
    everyone = heads.get((None, None)) or 0
    for desk in desks:
        if desk.pending():
            return False
        with desk.db.read() as s:
            cursor = int(settings.get(s, CURSOR_KEY, 0) or 0)
        if cursor < max(everyone, heads.get((desk.unit_code, None)) or 0,
                        heads.get((desk.unit_code, desk.number)) or 0):
            return False
        if any(statuses.get(code) != st for code, st in desk.statuses().items()):
            return False
    return True


def _return_some(desk: Desk, rng: random.Random, k: int) -> int:
    with desk.db.read() as s:
        ready = list(s.execute(select(Dossier.code).where(Dossier.status == S.RESULT_READY)).scalars())
    done = 0
    for code in rng.sample(ready, min(k, len(ready))):
        returns.hand_over(desk.db, desk.context, code, returns.Receiver("Trần Văn Đức", ""))
        done += 1
    return done


def _back_office_codes(database_url: str, status: int, limit: int) -> list[str]:
    from central.db import CentralDatabase
    from central.models import Dossier as CentralDossier

    db = CentralDatabase(database_url)
    try:
        with db.read() as s:
            return list(s.execute(select(CentralDossier.code).where(CentralDossier.status == status)
                                  .order_by(CentralDossier.updated_at).limit(limit)).scalars())
    finally:
        db.dispose()


def _night_back_office(central: Central, share: float, rng: random.Random) -> int:
    """Overnight the back office moves most received dossiers (direct, like a batch of the day's work)."""
    from central import backoffice
    from central.db import CentralDatabase

    db = CentralDatabase(central.database_url)
    steps = 0
    try:
        received = _back_office_codes(central.database_url, S.RECEIVED, 10**9)
        chosen = rng.sample(received, int(len(received) * share))
        for i in range(0, len(chosen), 500):
            def work(s, chunk=chosen[i:i + 500]):  # noqa: ANN001, ANN202
                n = 0
                for code in chunk:
                    backoffice.move(s, code, backoffice.Step("process", AGENCY, "Lê Văn Nam"))
                    n += 1
                    roll = rng.random()
                    if roll < 0.7:
                        backoffice.move(s, code, backoffice.Step("result", AGENCY, "Lê Văn Nam",
                                                                 result_type="Giấy khai sinh"))
                        n += 1
                    elif roll < 0.75:
                        backoffice.move(s, code, backoffice.Step(
                            "supplement", AGENCY, "Lê Văn Nam", items=[{"name": "Tờ khai", "reason": "Thiếu chữ ký"}]))
                        n += 1
                return n
            steps += db.run_write(work)
    finally:
        db.dispose()
    return steps


def run(desks: int = 300, received: int = 10, night: int = 5, day_seconds: float = 60.0, interval: float = 15.0,
        sync_threads: int = 16, officers: int = 4, workers: int = 2, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    load0 = os.getloadavg()[0]
    out: dict[str, Any] = {"desks": desks, "received_yesterday_per_desk": received, "night_events_per_desk": night,
                           "day_seconds": day_seconds, "sync_interval_s": interval, "sync_threads": sync_threads,
                           "central_workers": workers,
                           "postgresql": "fsync, synchronous_commit, full_page_writes on; max_wal_size 4GB, checkpoint_timeout 15min"}
    with tempfile.TemporaryDirectory(prefix="province-day-") as tmp_name:
        tmp = Path(tmp_name)
        # The citizens come from one address here, from thousands in a province: no per-address limit.
        pg, central, _url = start_cluster(tmp, workers, env={"CENTRAL_LOOKUP_RATE": "1000000/minute"})
        try:
            central.start()
            t0 = time.perf_counter()
            fleet = _desks(tmp, desks, central)
            out["setup_seconds"] = round(time.perf_counter() - t0, 1)
            bo_tokens = back_office_token(central, officers)
            with Timings() as timings, PeakMemory(central) as memory, GcPauses() as pauses:
                # 1. yesterday morning: receptions, synced; the back office's day; desks learn of it
                for desk in fleet:
                    desk.receive(received, start=datetime(2026, 11, 30, 8, 0))
                _sync_all(fleet, sync_threads)
                out["yesterday_back_office_steps"] = _night_back_office(central, 0.6, rng)
                _sync_all(fleet, sync_threads)
                # 2. the afternoon and the night: the link is down, desks receive and hand results over
                #    (returns of dossiers the back office touched), the back office works on
                night_events = 0
                for desk in fleet:
                    desk.receive(night, start=datetime(2026, 11, 30, 15, 0))
                    night_events += night + _return_some(desk, rng, night)
                out["night_desk_events"] = night_events
                out["night_back_office_steps"] = _night_back_office(central, 0.8, rng)
                # 3. 07:30: everyone at once
                pauses.restart()
                timings.reset()
                cpu0, t0 = central.cpu_seconds(), time.perf_counter()
                pushed, pulled, burst = _sync_all(fleet, sync_threads)
                while not _converged(fleet, central):  # a desk whose pull raced a publication goes again
                    more = _sync_all(fleet, sync_threads)
                    pushed, pulled = pushed + more[0], pulled + more[1]
                    if time.perf_counter() - t0 > 1800:
                        raise RuntimeError("no convergence in 30 minutes")
                converge = time.perf_counter() - t0
                cpu = central.cpu_seconds() - cpu0
                out["burst_0730"] = {
                    "pushed": pushed, "pulled": pulled, "first_pass_seconds": round(burst, 1),
                    "convergence_seconds": round(converge, 1),
                    "events_per_s": round((pushed + pulled) / converge),
                    "push": latency(timings.samples["push"]), "pull": latency(timings.samples["pull"]),
                    "central_cpu_seconds": round(cpu, 1), "simulator_longest_gc_pause_ms": pauses.longest_ms()}
                # 4. the day
                pauses.restart()
                timings.reset()
                out["day"] = _day(central, fleet, bo_tokens, timings, day_seconds, interval, sync_threads, rng)
                out["day"]["simulator_longest_gc_pause_ms"] = pauses.longest_ms()
            out["central_rss_mb"] = memory.peak
            out["central_pss_mb"] = memory.peak_pss
            out["load_average"] = {"start": load0, "end": os.getloadavg()[0]}
        finally:
            central.stop()
            pg.stop()
    return out


def _run_for(works: tuple[Callable[[], None], ...], seconds: float, errors: list[BaseException],
             stop: threading.Event) -> None:
    """Each of ``works`` in a thread for ``seconds`` (or until one fails: its error is kept in
    ``errors``, reported after the day, and ``stop`` ends the others)."""
    def guarded(fn: Callable[[], None]) -> None:
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - reported after the day
            errors.append(exc)
            stop.set()

    threads = [threading.Thread(target=guarded, args=(w,), daemon=True) for w in works]
    for t in threads:
        t.start()
    stop.wait(seconds)
    stop.set()
    for t in threads:
        t.join(600)


def _officers_and_citizens(url: str, database_url: str, bo_tokens: list[str], codes: list[str], seconds: float,
                           ready: Any, go: Any, answer: Any) -> None:  # noqa: ANN401 - multiprocessing's objects
    """A process of its own (see ``_day``): officers moving dossiers and citizens looking theirs up for
    ``seconds`` after ``go``; their latencies, counts and first error are sent back on ``answer``."""
    stop = threading.Event()
    counts = {"back_office_steps": 0, "lookups": 0}
    lock = threading.Lock()
    errors: list[BaseException] = []

    samples: dict[str, list[float]] = {"back_office": [], "lookup": []}

    def add(what: str, value: float) -> None:
        with lock:
            samples[what].append(value)

    timings = SimpleNamespace(add=add)

    def officer(token: str) -> Callable[[], None]:
        def run() -> None:
            local = random.Random(token)
            with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
                while not stop.is_set():
                    todo = _back_office_codes(database_url, local.choice([S.RECEIVED, S.PROCESSING]), 20)
                    for code in todo:
                        if stop.is_set():
                            return
                        status = None
                        t0 = time.perf_counter()
                        r = c.post(f"{p.BACKOFFICE_PATH}/{code}/process", json={})
                        if r.status_code == 409:  # moved meanwhile (by a colleague or the desk)
                            r = c.post(f"{p.BACKOFFICE_PATH}/{code}/result", json={"result_type": "Giấy khai sinh"})
                        status = r.status_code
                        timings.add("back_office", time.perf_counter() - t0)
                        if status not in (200, 409):
                            raise RuntimeError(f"back office step {status}: {r.text[:200]}")
                        with lock:
                            counts["back_office_steps"] += 1
                    stop.wait(0.2)
        return run

    def citizens() -> None:
        local = random.Random(3)
        with httpx.Client(base_url=url, timeout=60) as c:
            while not stop.is_set():
                code = local.choice(codes)
                t0 = time.perf_counter()
                r = c.get(f"{p.LOOKUP_PATH}/{code}")
                timings.add("lookup", time.perf_counter() - t0)
                if r.status_code not in (200, 404):
                    raise RuntimeError(f"lookup {r.status_code}")
                with lock:
                    counts["lookups"] += 1
                stop.wait(0.1)

    ready.set()
    go.wait()
    _run_for((citizens, *[officer(t) for t in bo_tokens]), seconds, errors, stop)
    answer.send((samples, counts, repr(errors[0]) if errors else ""))


def _day(central: Central, fleet: list[Desk], bo_tokens: list[str], timings: Timings, seconds: float,
         interval: float, sync_threads: int, rng: random.Random) -> dict[str, Any]:
    stop = threading.Event()
    counts = {"received": 0, "returned": 0, "back_office_steps": 0, "lookups": 0, "pushed": 0, "pulled": 0}
    lock = threading.Lock()
    errors: list[BaseException] = []

    def desks_work() -> None:  # receptions and returns spread over the day
        local = random.Random(rng.random())
        while not stop.is_set():
            desk = local.choice(fleet)
            if local.random() < 0.6:
                desk.receive(1, start=datetime(2026, 12, 1, 8, 0))
                key = "received"
            else:
                key = "returned" if _return_some(desk, local, 1) else None
            if key:
                with lock:
                    counts[key] += 1
            stop.wait(0.05)

    def sync_rounds() -> None:  # every desk syncs every ``interval`` seconds
        while not stop.is_set():
            t0 = time.perf_counter()
            pushed, pulled, _ = _sync_all(fleet, sync_threads)
            with lock:
                counts["pushed"] += pushed
                counts["pulled"] += pulled
            stop.wait(max(0.0, interval - (time.perf_counter() - t0)))

    # The officers and the citizens work from PCs of their own: here a process of their own, so
    # their requests never wait for this process's interpreter lock, which the 300 desks' threads
    # hold most of the time (their latency, timed in this process, was up to ~0.3 s of waiting for it).
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    ready, go = context.Event(), context.Event()
    mine, theirs = context.Pipe(duplex=False)
    codes = [c for d in fleet[:50] for c in d.statuses()]
    street = context.Process(target=_officers_and_citizens, daemon=True, name="officers-and-citizens",
                             args=(central.url, central.database_url, bo_tokens, codes, seconds, ready, go, theirs))
    street.start()
    theirs.close()
    if not ready.wait(120):
        street.kill()
        raise RuntimeError("the officers' and citizens' process did not start")
    cpu0, t0 = central.cpu_seconds(), time.perf_counter()
    go.set()
    _run_for((desks_work, sync_rounds), seconds, errors, stop)
    elapsed = time.perf_counter() - t0
    street_samples, street_counts, street_error = mine.recv() if mine.poll(600) else ({}, {}, "no answer")
    street.join(60)
    if errors:
        raise errors[0]
    if street_error:
        raise RuntimeError(f"officers and citizens: {street_error}")
    for what, values in street_samples.items():
        for value in values:
            timings.add(what, value)
    counts.update(street_counts)
    cpu = central.cpu_seconds() - cpu0
    return {**counts, "seconds": round(elapsed, 1),
            "events_per_s": round((counts["pushed"] + counts["pulled"]) / elapsed, 1),
            "central_cpu_seconds": round(cpu, 1), "central_cpu_share": round(cpu / elapsed, 2),
            **{what: latency(timings.samples.get(what, [])) for what in ("push", "pull", "back_office", "lookup")}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.province_day")
    parser.add_argument("--desks", type=int, default=300)
    parser.add_argument("--received", type=int, default=10, help="dossiers per desk yesterday")
    parser.add_argument("--night", type=int, default=5, help="dossiers per desk received while offline")
    parser.add_argument("--day-seconds", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=15.0)
    parser.add_argument("--sync-threads", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    result = run(args.desks, args.received, args.night, args.day_seconds, args.interval, args.sync_threads,
                 workers=args.workers)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
