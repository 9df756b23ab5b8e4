"""Pushes applied in push processes of their own (central/push_pool.py), on PostgreSQL: at a lower OS
priority than the worker, and a push process killed mid-push (or mid-load) neither loses nor applies
anything twice: its push gets a 503 at once, the desk sends again, a new process takes its place."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import select

from central.db import CentralDatabase
from central.models import ReceivedEvent
from counter_app.sync import protocol as p
from counter_app.sync.client import SyncError
from counter_app.sync.service import SyncService

from .harness import connect, make_desk, register_desk, until, wire_events

UNIT = "000.00.01.H12"


def _stat(pid: int) -> list[str]:
    """/proc/PID/stat's fields after the command name: [0] is the state, [1] the parent, [16] nice."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _push_processes(root: int) -> list[int]:
    """The central's push processes: the children of its fork server (a descendant of ``root``)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(_stat(int(entry.name))[1])
            except (OSError, IndexError, ValueError):
                continue

    def descends(pid: int) -> bool:
        while pid > 1:
            if pid == root:
                return True
            pid = parents.get(pid, 0)
        return False

    def forkserver(pid: int) -> bool:
        try:
            return b"multiprocessing.forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False

    return sorted(pid for pid, parent in parents.items()
                  if descends(pid) and forkserver(pid) and forkserver(parent) and _stat(pid)[0] != "Z")


def _broker_of(pid: int) -> int | None:
    """The push broker ``pid`` descends from (central/push_broker.py), if any."""
    while pid > 1:
        if b"central.push_broker" in Path(f"/proc/{pid}/cmdline").read_bytes():
            return pid
        pid = int(_stat(pid)[1])
    return None


@pytest.mark.parametrize("workers", [1, 2])
def test_push_processes_run_nicer_and_one_killed_mid_push_loses_and_doubles_nothing(tmp_path, central_factory,
                                                                                    workers):
    central = central_factory("postgresql", "--push-concurrency", "2", "--push-nice", "7", "--workers", str(workers))
    assert central.proc is not None
    db = CentralDatabase(central.database_url)
    try:
        pids = _push_processes(central.proc.pid)
        assert len(pids) == 2 * workers, pids  # one per push admitted at once, per worker
        # One worker keeps its own; several share one broker's, in one line.
        assert {_broker_of(pid) for pid in pids} == ({None} if workers == 1 else {_broker_of(pids[0])} - {None})
        worker_nice = int(_stat(central.proc.pid)[16])
        assert {int(_stat(pid)[16]) for pid in pids} == {min(19, worker_nice + 7)}

        desks = [make_desk(tmp_path / f"desk{n}", UNIT, n) for n in (1, 2, 3)]
        tokens = [register_desk(db, d) for d in desks]
        desks[0].receive(3)
        body = json.dumps({"events": wire_events(desks[0])}).encode()

        def push() -> httpx.Response:
            return httpx.post(central.url + p.PUSH_PATH, content=body, timeout=30,
                              headers={"Authorization": f"Bearer {tokens[0]}", "Content-Type": "application/json"})

        pg_url = central.database_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(pg_url) as holder, psycopg.connect(pg_url, autocommit=True) as watcher, \
                ThreadPoolExecutor(1) as pool:
            # Desk 1's push stops inside its transaction (its stream row is held here); then every
            # push process is killed, the one applying it among them.
            holder.execute("SELECT 1 FROM desk_streams WHERE unit_code = %s AND desk_number = 1 FOR UPDATE", (UNIT,))
            pending = pool.submit(push)
            until(lambda: watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                           "AND datname = current_database()").fetchone()[0] == 1,
                   "desk 1's push applying, blocked on its stream row")
            for pid in pids:
                os.kill(pid, signal.SIGKILL)
            answer = pending.result(timeout=10)  # at once: not after the desk's 30 s timeout
            assert answer.status_code == 503
            assert answer.json()["message"] == ("Máy chủ trung tâm đang bận, lô sự kiện chưa được ghi nhận; "
                                                "quầy sẽ tự gửi lại sau.")
            holder.rollback()
        until(lambda: len(new := _push_processes(central.proc.pid)) == len(pids) and not set(new) & set(pids),
               "new push processes")
        again = push()  # the killed transaction was rolled back: everything is applied now, once
        assert again.status_code == 200, again.text
        assert (again.json()["applied"], again.json()["duplicates"]) == (3, 0)
        # A refusal comes back from the push process as the route's answer: status, code, message.
        events = json.loads(body)["events"]
        events[0]["uuid"] = str(uuid.uuid4())
        body = json.dumps({"events": events[:1]}).encode()
        refused = push()
        assert refused.status_code == 409, refused.text
        assert refused.json() == {"error": p.ERR_SEQUENCE_CONFLICT, "message": (
            "Sự kiện số 1 của quầy đã được nhận trước đây với nội dung khác. Có thể cơ sở dữ liệu của quầy đã bị "
            "thay thế hoặc khôi phục từ bản sao cũ; hãy liên hệ quản trị hệ thống trung tâm.")}

        # Mid-load: two desks sync in small batches while push processes are killed now and then;
        # each desk syncs again until nothing is pending (a 503 is a "retry later" for a desk).
        for desk, token in zip(desks[1:], tokens[1:], strict=True):
            connect(desk, central.url, token)
            desk.receive(8)
        stop = threading.Event()

        def sync_until_done(desk) -> None:  # noqa: ANN001
            while desk.pending():
                try:
                    SyncService(desk.db, batch_size=2).sync_once()
                except SyncError:
                    pass

        def killer() -> int:
            kills = 0
            while not stop.is_set() and kills < 4:
                for pid in _push_processes(central.proc.pid)[:1]:
                    os.kill(pid, signal.SIGKILL)
                    kills += 1
                time.sleep(0.05)
            return kills

        with ThreadPoolExecutor(3) as pool:
            killed = pool.submit(killer)
            for result in [pool.submit(sync_until_done, d) for d in desks[1:]]:
                result.result(timeout=120)
            stop.set()
            assert killed.result() >= 1
        expected = {u for d in desks for u in d.outbox_uuids()}
        with db.read() as s:
            rows = s.execute(select(ReceivedEvent.uuid)).scalars().all()
        assert len(rows) == len(expected) == 3 + 2 * 8 and set(rows) == expected
        assert "Traceback" not in central.log_path.read_text()
        until(lambda: len(_push_processes(central.proc.pid)) == len(pids), "the killed push processes replaced")
        left = _push_processes(central.proc.pid)
        central.stop()  # a graceful stop ends the push processes (and their fork server) with it
        until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in left), "no push process left")
    finally:
        db.dispose()


@pytest.mark.parametrize("value", ["20", "-1", "abc"])
def test_push_nice_must_be_0_to_19_as_option_and_from_the_environment(monkeypatch, value):
    from central.cli import main
    from tests.helpers import run_main

    for argv in (["serve", "--push-nice", value], ["serve"]):
        monkeypatch.setenv("CENTRAL_PUSH_NICE", value if argv == ["serve"] else "")
        result = run_main(main, argv)
        assert result.returncode == 2
        assert f"«{value}» phải là một số từ 0 đến 19" in result.stderr and "Traceback" not in result.stderr


def test_a_killed_push_broker_is_replaced_and_its_push_processes_end_with_it(tmp_path, central_factory):
    central = central_factory("postgresql", "--push-concurrency", "1", "--workers", "2")
    assert central.proc is not None
    db = CentralDatabase(central.database_url)
    try:
        old = _push_processes(central.proc.pid)
        broker = _broker_of(old[0])
        assert broker is not None and len(old) == 2
        desk = make_desk(tmp_path / "desk", UNIT, 1)
        token = register_desk(db, desk)
        desk.receive(2)
        body = json.dumps({"events": wire_events(desk)}).encode()

        def push() -> httpx.Response:
            return httpx.post(central.url + p.PUSH_PATH, content=body, timeout=30,
                              headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})

        os.kill(broker, signal.SIGKILL)
        answers = []
        until(lambda: answers.append(push()) or answers[-1].status_code == 200, "a push applied by a new broker")
        assert {a.status_code for a in answers} <= {200, 503}  # meanwhile "busy, send again later", never a 500
        assert (answers[-1].json()["applied"], answers[-1].json()["duplicates"]) == (2, 0)
        new = _push_processes(central.proc.pid)
        assert len(new) == 2 and _broker_of(new[0]) not in (None, broker)
        until(lambda: not any(Path(f"/proc/{pid}").exists() and _stat(pid)[0] != "Z" for pid in old),
              "the old broker's push processes gone")
        assert "Traceback" not in central.log_path.read_text()
    finally:
        db.dispose()
