"""The central's apply of a push, in one process: CPU per event of ``apply_push`` and of PostgreSQL.

Run: ``.venv/bin/python -m bench.apply_bench [--desks 4] [--batches 5] [--rounds 3] [--profile]``.
No HTTP, no parsing timed: the bodies of ``bench/central_load.py`` (batches of 200 "dossier.received"
events, then returns of the same dossiers after the back office touched them: status "result
ready", ``in_feed``, a feed entry each) are validated before the clock starts; what is timed is
``db.run_write`` of ``apply_push`` + ``auth.touch`` as the push route runs it (commit included), on
a throw-away PostgreSQL with production durability. Reported per phase: the central's CPU per event
(this process, its garbage collector set as a serving worker's), the PostgreSQL backend's CPU per
event (the one pooled connection's process) and
all of PostgreSQL's (background writers included), best of ``--rounds`` (each round pushes new
dossiers, so the tables grow as in a day's work).

``--against REF``: the batches alternate between this tree's ``central/push.py`` and the one of the git
revision REF (loaded beside it, on this tree's other modules), desk by desk and round by round, on the
same database and connection; each side's central and backend CPU per event is summed over its own
batches and the ratios printed. On a shared host this pairs every measurement with its baseline taken
the same seconds: the ratios move a few percent where separate runs move tens.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.central_load import (  # noqa: E402
    desk_addresses,
    postgres_cpu_seconds,
    push_bodies,
    received_event,
    returned_event,
)
from tests.integration.harness import PostgresServer, postgres_available  # noqa: E402


def _proc_cpu(pid: int) -> float:
    """CPU seconds of a process so far, to the nanosecond (``/proc/PID/schedstat``; ``stat`` counts ticks)."""
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9


def _touch(url: str, dossier_codes: list[str]) -> None:
    """What the back office leaves on a dossier it moved (bench/central_load.touch_all, for these codes)."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        conn.execute("UPDATE dossiers SET status = 9, status_changed_at = now(), result_ready_at = now(), "
                     "result_type = 'Giấy khai sinh', in_feed = true, updated_at = now() WHERE code = ANY(%s)",
                     (dossier_codes,))
        conn.execute(
            "INSERT INTO changes (kind, unit_code, desk_number, entity_key, payload, created_at) "
            "SELECT 'dossier.status', unit_code, desk_number, code, json_build_object('code', code, 'to', 9, "
            "'correction', false)::text, now() FROM dossiers WHERE code = ANY(%s) ORDER BY code", (dossier_codes,))
        conn.execute("UPDATE changes SET position = id WHERE position IS NULL")


def _run_receipts(db: Any, work: Any) -> Any:  # one function per phase: a sampling profiler tells them apart
    return db.run_write(work)


def _run_returns(db: Any, work: Any) -> Any:
    return db.run_write(work)


def _push_of(revision: str) -> Any:
    """``central/push.py`` as it was at ``revision``, as a module of the ``central`` package (its relative
    imports are this tree's modules)."""
    import importlib.util

    text = subprocess.run(["git", "show", f"{revision}:central/push.py"], cwd=REPO, check=True,
                          capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp(prefix="apply-bench-")) / "push_against.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location("central._push_against", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run(desks: int = 4, batches: int = 5, batch: int = 200, rounds: int = 3, profile: str = "",
        against: str = "") -> dict[str, Any]:
    reason = postgres_available()
    if reason:
        raise RuntimeError(reason)
    os.environ["CENTRAL_DB_POOL"] = "1"  # one backend: its CPU is the push's
    from central import admin, auth, serving
    from central.bodies import parse_push
    from central.db import CentralDatabase
    from central.models import Credential
    from central.push import apply_push
    from central.schemas import PushIn

    other = _push_of(against).apply_push if against else None
    paired: dict[str, list[float]] = {}  # (phase, side) -> [central s, backend s, events]

    pg = PostgresServer(durable=True)
    pg.start()
    db = None
    try:
        url = pg.create_database("apply")
        db = CentralDatabase(url)
        db.upgrade()
        addresses = desk_addresses(desks)
        with db.write() as s:
            for unit, desk in addresses:
                admin.add_desk(s, unit, desk, unit_name=f"UBND xã {unit}")
        with db.read() as s:
            creds = {(c.unit_code, c.desk_number): c for c in s.query(Credential).all()}
            principals = [auth.Principal(creds[a].id, creds[a].kind, a[0], a[1], creds[a].name, creds[a].agency)
                          for a in addresses]
            backend = s.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar_one()

        def parsed(bodies: list[list[bytes]]) -> list[list[PushIn]]:
            return [[parse_push(b)[0] for b in mine] for mine in bodies]  # the route's own reading

        def apply_phase(pushes: list[list[PushIn]], prof: cProfile.Profile | None, returns: bool,
                        r: int = 0) -> dict[str, float]:
            n = sum(len(x.events) for mine in pushes for x in mine)
            per_batch: list[float] = []
            c0, b0, g0 = time.process_time(), _proc_cpu(backend), postgres_cpu_seconds(pg)
            t0 = time.perf_counter()
            for i in range(batches):  # desks in turn, as their batches would arrive
                for j, (principal, mine) in enumerate(zip(principals, pushes, strict=True)):
                    events = mine[i].events
                    side = "against" if other is not None and (i + j + r) % 2 else "tree"
                    apply = other if side == "against" else apply_push

                    def work(session: Any, principal: auth.Principal = principal, events: Any = events,
                             apply: Any = apply) -> Any:
                        result = apply(session, principal, events, "")
                        auth.touch(session, principal, skew_seconds=0)
                        return result

                    if other is not None:
                        time.sleep(0.002)  # the backend's CPU of the batch before is counted (schedstat)
                        b_start = _proc_cpu(backend)
                    start = time.process_time()
                    if prof is not None:
                        prof.enable()
                    result = (_run_returns if returns else _run_receipts)(db, work)
                    if prof is not None:
                        prof.disable()
                    per_batch.append(time.process_time() - start)
                    if other is not None:
                        time.sleep(0.002)
                        sums = paired.setdefault(f"{'returns_touched' if returns else 'receipts'} {side}", [0.0] * 3)
                        sums[0] += per_batch[-1]
                        sums[1] += _proc_cpu(backend) - b_start
                        sums[2] += len(events)
                    if result.deferred or result.conflicts or result.quarantined:
                        raise RuntimeError(f"push answer {result}")
            wall = time.perf_counter() - t0
            central = time.process_time() - c0
            time.sleep(0.3)  # let the backend's counters settle
            return {"events": n, "central_ms_per_event": round(central * 1000 / n, 4),
                    "backend_ms_per_event": round((_proc_cpu(backend) - b0) * 1000 / n, 4),
                    "postgres_ms_per_event": round((postgres_cpu_seconds(pg) - g0) * 1000 / n, 4),
                    "batch_cpu_median_ms": round(statistics.median(per_batch) * 1000, 2),
                    "events_per_s_one_thread": round(n / wall)}

        serving.tune_gc()  # as in a serving worker (its collector settings change a push's CPU)
        out: dict[str, list[dict[str, float]]] = {"receipts": [], "returns_touched": []}
        prof = cProfile.Profile(time.process_time) if profile else None
        for r in range(rounds):
            first_seq, first_k = 1 + r * 2 * batches * batch, r * batches * batch
            receipts = parsed(push_bodies(addresses, batches, batch, received_event, first_seq=first_seq,
                                          first_k=first_k))
            out["receipts"].append(apply_phase(receipts, prof if profile == "receipts" else None, False, r))
            _touch(url, [e.entity_key for mine in receipts for x in mine for e in x.events])
            returns = parsed(push_bodies(addresses, batches, batch, returned_event,
                                         first_seq=first_seq + batches * batch, first_k=first_k))
            out["returns_touched"].append(apply_phase(returns, prof if profile == "returns" else None, True, r))
        best = {phase: {key: (min(r[key] for r in runs) if "ms" in key else max(r[key] for r in runs))
                        for key in runs[0]} for phase, runs in out.items()}
        if prof is not None:
            pstats.Stats(prof).sort_stats("tottime").print_stats(45)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(60)
        report: dict[str, Any] = {"desks": desks, "batches": batches, "batch": batch, "rounds": out, "best": best,
                                  "uptime": os.getloadavg()}
        if other is not None:
            per_event = {key: {"central_ms_per_event": round(c * 1000 / n, 4),
                               "backend_ms_per_event": round(b * 1000 / n, 4), "events": int(n)}
                         for key, (c, b, n) in paired.items()}
            report["against"] = {"revision": against, **per_event}
            for phase in ("receipts", "returns_touched"):
                tree, base = per_event[f"{phase} tree"], per_event[f"{phase} against"]
                report["against"][f"{phase} tree/against"] = {
                    "central": round(tree["central_ms_per_event"] / base["central_ms_per_event"], 3),
                    "backend": round(tree["backend_ms_per_event"] / base["backend_ms_per_event"], 3),
                    "both": round((tree["central_ms_per_event"] + tree["backend_ms_per_event"])
                                  / (base["central_ms_per_event"] + base["backend_ms_per_event"]), 3)}
        return report
    finally:
        if db is not None:
            db.dispose()
        pg.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desks", type=int, default=4)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", choices=("", "receipts", "returns"), default="",
                        help="cProfile that phase's pushes and print the top functions")
    parser.add_argument("--against", default="", metavar="REF",
                        help="alternate the batches with central/push.py of git revision REF; print the ratios")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory():
        result = run(args.desks, args.batches, args.batch, args.rounds, args.profile, args.against)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
