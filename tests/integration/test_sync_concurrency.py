"""Twenty desks pushing at once to one PostgreSQL-backed central, the back office working meanwhile."""

from __future__ import annotations

import random
import threading
from collections import Counter

import pytest
from sqlalchemy import select

from central.db import CentralDatabase
from central.errors import CentralError
from central.models import ReceivedEvent
from counter_app.models import Dossier, DossierStatus
from counter_app.services import changes
from counter_app.sync.service import SyncService

from .harness import back_office, central_statuses, connect, make_desk, register_desk

S = DossierStatus
UNITS = ["000.00.01.H12", "000.00.02.H12", "000.00.03.H12"]


@pytest.mark.slow
def test_twenty_desks_push_concurrently_every_event_applied_once(tmp_path, central_factory):
    central = central_factory("postgresql")
    cdb = CentralDatabase(central.database_url)
    desks = [make_desk(tmp_path / f"desk{i}", unit_code=UNITS[i // 9], number=i % 9 + 1) for i in range(20)]
    for desk in desks:
        connect(desk, central.url, register_desk(cdb, desk))
        desk.receive(12)
        with desk.db.write() as s:  # a few withdrawals: status events interleaved with receipts
            for d in s.execute(select(Dossier).order_by(Dossier.id).limit(5)).scalars():
                changes.change_status(s, d, S.WITHDRAWN, officer=None, reason="Công dân xin rút")

    start = threading.Barrier(len(desks) + 1)
    done = threading.Event()
    back_office_busy = threading.Event()  # set once the back office has moved dossiers of the first round
    errors: list[BaseException] = []
    steps = Counter()

    def desk_worker(desk) -> None:  # noqa: ANN001
        start.wait()
        try:
            SyncService(desk.db, batch_size=5).sync_once()  # many small batches: maximum interleaving
            # The second round is pushed while the back office works on the first one, whatever the speed
            # of either side: this is what makes desk pushes and back-office steps really interleave.
            assert back_office_busy.wait(60), "the back office did no step while the desks were pushing"
            desk.receive(13)
            SyncService(desk.db, batch_size=5).sync_once()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def back_office_worker() -> None:
        rng = random.Random(3)
        start.wait()
        while not done.is_set():
            known = [c for c, st in central_statuses(cdb).items() if st == S.RECEIVED]
            for code in rng.sample(known, min(5, len(known))):
                try:
                    back_office(cdb, code, rng.choice(["process", "result"]), result_type="Giấy khai sinh")
                    steps["ok"] += 1
                except CentralError:
                    steps["refused"] += 1  # e.g. the desk's withdrawal got there first
                if steps["ok"] >= 10:
                    back_office_busy.set()

    threads = [threading.Thread(target=desk_worker, args=(d,)) for d in desks]
    threads.append(threading.Thread(target=back_office_worker))
    for t in threads:
        t.start()
    for t in threads[:-1]:
        t.join(120)
    done.set()
    threads[-1].join(30)
    assert errors == []
    assert steps["ok"] >= 10

    for desk in desks:  # pull what the back office did (and push nothing twice)
        SyncService(desk.db).sync_once()
    expected = {u: desk for desk in desks for u in desk.outbox_uuids()}
    with cdb.read() as s:
        rows = s.execute(select(ReceivedEvent.uuid, ReceivedEvent.unit_code, ReceivedEvent.desk_number,
                                ReceivedEvent.seq)).all()
    assert len(rows) == len(expected) == 20 * 30
    assert {r.uuid for r in rows} == set(expected)
    for desk in desks:
        seqs = sorted(r.seq for r in rows if (r.unit_code, r.desk_number) == (desk.unit_code, desk.number))
        assert seqs == list(range(1, 31))
    central = central_statuses(cdb)
    assert len(central) == 20 * 25
    for desk in desks:
        mine = desk.statuses()
        assert desk.pending() == 0 and mine == {c: central[c] for c in mine}
    assert sum(st == S.WITHDRAWN for st in central.values()) >= 20 * 5 - steps["ok"]
    cdb.dispose()
