"""Faults on purpose: a lossy link, a central killed mid-batch, days offline, a desk clock hours off."""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from central.db import CentralDatabase
from central.errors import CentralError
from central.models import Dossier as CentralDossier
from central.models import ReceivedEvent
from counter_app.models import Dossier, DossierStatus
from counter_app.services import changes, returns
from counter_app.sync.client import OfflineError, SyncError
from counter_app.sync.service import Backoff, SyncService, status

from .harness import (
    FaultProxy,
    back_office,
    central_statuses,
    connect,
    free_port,
    make_desk,
    register_desk,
    run_desk_cli,
)

S = DossierStatus


def _desk_view(desk) -> dict[str, tuple]:  # noqa: ANN001
    with desk.db.read() as s:
        return {code: (st, due, rt) for code, st, due, rt in s.execute(
            select(Dossier.code, Dossier.status, Dossier.due_at, Dossier.result_type))}


def _central_view(cdb) -> dict[str, tuple]:  # noqa: ANN001
    with cdb.read() as s:
        return {code: (st, due, rt) for code, st, due, rt in s.execute(
            select(CentralDossier.code, CentralDossier.status, CentralDossier.due_at, CentralDossier.result_type))}


def _back_office_round(cdb, rng: random.Random, codes: list[str], n: int) -> None:  # noqa: ANN001
    """Random legal-or-not steps; the central refuses illegal ones, like a real back office would see."""
    statuses = central_statuses(cdb)
    known = [c for c in codes if c in statuses]
    for code in rng.sample(known, min(n, len(known))):
        action = rng.choice(["process", "process", "result", "supplement", "stop"])
        fields = {"result": {"result_type": "Giấy khai sinh", "result_number": f"{rng.randint(1, 999)}/2026"},
                  "supplement": {"items": [{"name": "Tờ khai", "reason": "Thiếu chữ ký"}]},
                  "stop": {"reason": "Không đủ điều kiện giải quyết"}}.get(action, {})
        try:
            back_office(cdb, code, action, **fields)
        except CentralError:
            pass


def _desk_round(desk, rng: random.Random) -> None:  # noqa: ANN001
    """What the desk does meanwhile: hand over ready results, accept a few withdrawals."""
    st = desk.statuses()
    for code in [c for c, s in st.items() if s == S.RESULT_READY][:3]:
        returns.hand_over(desk.db, desk.context, code, returns.Receiver("Trần Văn Đức", ""))
    received = [c for c, s in st.items() if s == S.RECEIVED]
    for code in rng.sample(received, min(1, len(received))):
        with desk.db.write() as s:
            d = s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
            changes.change_status(s, d, S.WITHDRAWN, officer=None, reason="Công dân xin rút hồ sơ")


def _drain(sync: SyncService, desk, attempts: int = 80) -> int:  # noqa: ANN001
    """Sync until a clean pass moves nothing either way; returns how many passes failed."""
    failed = 0
    for _ in range(attempts):
        try:
            report = sync.sync_once()
        except SyncError:
            failed += 1
            continue
        if desk.pending() == 0 and report.pushed == 0 and report.pulled == 0:
            return failed
    raise AssertionError("desk and central did not converge")


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_lossy_link_converges_without_loss_or_duplicates(tmp_path, central_factory, backend):
    central = central_factory(backend)
    cdb = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    seed = int(os.environ.get("SYNC_FAULT_SEED", "20261125"))  # another seed: another fault pattern
    proxy = FaultProxy(central.port, seed=seed).start()
    connect(desk, proxy.url, register_desk(cdb, desk))
    sync = SyncService(desk.db, batch_size=15, page_size=10, timeout=5.0)
    rng = random.Random(seed)
    codes: list[str] = []
    failed = 0
    try:
        for round_no in range(25):
            codes += desk.receive(12, start=datetime(2026, 11, 2 + round_no % 4, 7, 30), per_day=12)
            _desk_round(desk, rng)
            _back_office_round(cdb, rng, codes, 10)
            try:
                sync.sync_once()
            except SyncError:
                failed += 1
        failed += _drain(sync, desk)
    finally:
        proxy.stop()

    stats = proxy.stats
    assert stats.dropped and stats.cut_requests and stats.cut_responses and stats.delays, stats
    assert failed >= 5  # the link really was bad
    desk_view, central_view = _desk_view(desk), _central_view(cdb)
    assert len(desk_view) == 300 and desk_view == central_view
    reached = {s for s, _, _ in desk_view.values()}
    assert reached >= {S.RECEIVED, S.RETURNED, S.WITHDRAWN} and len(reached & {S.PROCESSING, S.STOPPED}) == 2
    uuids = desk.outbox_uuids()
    assert len(uuids) > 300
    with cdb.read() as s:
        stored = s.execute(select(ReceivedEvent.uuid, ReceivedEvent.seq).order_by(ReceivedEvent.seq)).all()
        assert s.execute(select(func.count(func.distinct(CentralDossier.code)))).scalar_one() == 300
    assert [u for u, _ in stored] == uuids and [q for _, q in stored] == list(range(1, len(uuids) + 1))
    assert central.error_lines() == []
    cdb.dispose()


def _wait_for_write_lock(path, deadline: float) -> bool:  # noqa: ANN001
    """True as soon as another connection holds SQLite's write lock (the central mid-transaction)."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        while time.monotonic() < deadline:
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:
                return True
            time.sleep(0.001)
        return False
    finally:
        probe.close()


@pytest.mark.slow
def test_central_killed_mid_batch_then_restarted(tmp_path, central_factory):
    central = central_factory("sqlite")
    cdb = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(cdb, desk))
    codes = desk.receive(1500, per_day=500)
    sync = SyncService(desk.db, batch_size=1000, timeout=30.0)
    outcome: list[object] = []
    pusher = threading.Thread(target=lambda: outcome.append(_try(sync.sync_once)))
    pusher.start()
    locked = _wait_for_write_lock(central.database_url.removeprefix("sqlite:///"), time.monotonic() + 20)
    central.kill()
    pusher.join(30)
    assert locked, "the central never started writing the batch"
    assert isinstance(outcome[0], OfflineError) and "Không kết nối được" in outcome[0].message
    with cdb.read() as s:  # the transaction died with the process: none of the batch is there
        assert s.execute(select(func.count()).select_from(ReceivedEvent)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(CentralDossier)).scalar_one() == 0
    assert desk.pending() == 1500 and status(desk.db).state == "offline"

    central.start()
    report = sync.sync_once()
    assert report.pushed == 1500 and desk.pending() == 0
    assert central_statuses(cdb) == dict.fromkeys(codes, S.RECEIVED)
    cdb.dispose()


def _try(fn):  # noqa: ANN001, ANN202
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - the test inspects it
        return exc


def test_central_down_for_days_desk_keeps_working_and_catches_up(tmp_path, central_factory):
    desk = make_desk(tmp_path)
    port = free_port()  # nothing listens here yet
    connect(desk, f"http://127.0.0.1:{port}", "chua-co-ma")
    sync = SyncService(desk.db, timeout=2.0)
    day = datetime(2026, 11, 2, 7, 30)
    for n in range(3):  # three working days without a link
        desk.receive(5, start=day + timedelta(days=n), per_day=5)
        with pytest.raises(OfflineError) as err:
            sync.sync_once()
        assert "Không kết nối được máy chủ trung tâm" in err.value.message
        assert "vẫn được giữ nguyên trên máy" in err.value.message
        assert "không mở được kết nối" in err.value.message and "Error" not in err.value.message
    st = status(desk.db)
    assert (st.state, st.pending, st.last_success_at) == ("offline", 15, None)

    backoff = Backoff(base=5, cap=600, rng=random.Random(1))
    delays = [backoff.next_delay() for _ in range(12)]
    assert 2.5 <= delays[0] <= 5 and all(d <= 600 for d in delays) and delays[-1] >= 300
    assert len({round(d, 3) for d in delays[-4:]}) == 4  # jittered even at the cap

    central = central_factory("sqlite")
    cdb = CentralDatabase(central.database_url)
    connect(desk, central.url, register_desk(cdb, desk))
    report = sync.sync_once()
    assert report.pushed == 15 and status(desk.db).state == "ok" and status(desk.db).last_success_at
    assert len(central_statuses(cdb)) == 15
    cdb.dispose()


def _shifted_tz(hours: int) -> str:
    """A POSIX TZ string whose local time is ``hours`` ahead of this process's local time."""
    offset = round((datetime.now() - datetime.utcnow()).total_seconds() / 3600) + hours
    return f"XXX{-offset:+d}"


@pytest.mark.slow
def test_desk_clock_hours_off_central_keeps_its_own_time(tmp_path, central_factory):
    central = central_factory("sqlite")
    cdb = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    token = register_desk(cdb, desk)
    env = {**os.environ, "TZ": _shifted_tz(7)}
    before = datetime.now()
    made = run_desk_cli_python(desk.path, env)
    code = made.stdout.strip()
    assert made.returncode == 0, made.stderr
    out = run_desk_cli(desk.path, "sync", "--once", "--central", central.url,
                       env={**env, "COUNTER_APP_SYNC_TOKEN": token})
    assert out.returncode == 0, out.stderr
    assert "Đồng bộ xong: gửi 1 sự kiện" in out.stdout
    assert "Cảnh báo: đồng hồ máy quầy nhanh 7 giờ" in out.stderr
    after = datetime.now()

    with cdb.read() as s:
        event = s.execute(select(ReceivedEvent)).scalar_one()
        dossier = s.execute(select(CentralDossier)).scalar_one()
    assert before - timedelta(seconds=2) <= event.received_at <= after + timedelta(seconds=2)
    assert abs((event.desk_created_at - event.received_at) - timedelta(hours=7)) < timedelta(minutes=1)
    assert before - timedelta(seconds=2) <= dossier.first_seen_at <= after + timedelta(seconds=2)
    assert dossier.received_at > after + timedelta(hours=6)  # the slip's time, as the desk printed it

    # A back-office step made "seven hours before" the desk's clock still reaches it: the feed is a
    # cursor, not a timestamp.
    back_office(cdb, code, "process")
    out = run_desk_cli(desk.path, "sync", "--once", env=env)
    assert out.returncode == 0 and "nhận 1 thay đổi" in out.stdout
    assert desk.statuses() == {code: S.PROCESSING}
    assert status(desk.db).clock_warning
    cdb.dispose()


def run_desk_cli_python(db_path, env):  # noqa: ANN001, ANN201
    """Receive one dossier in a process running on the (wrong) desk clock."""
    import subprocess
    import sys

    from .harness import REPO

    script = ("import sys\nfrom counter_app.models.db import Database\nfrom tests.helpers import make_dossier\n"
              f"db = Database({str(db_path)!r})\n"
              "with db.write() as s:\n    print(make_dossier(s).code)\n")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, env=env,
                          timeout=60)
