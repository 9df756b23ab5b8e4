"""The national portal adapter (issue #15, item 2) against a fake portal on loopback: create, update
when the portal has the dossier, its validation errors kept per dossier, outages retried with
backoff without holding up desk sync, and every change delivered exactly once across a crash
between the portal's answer and our commit and across a restart of the central."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from central import portal
from central.db import CentralDatabase
from central.models import PortalDelivery
from counter_app.sync.service import SyncService
from tests.portal_fake import FakePortal

from .harness import back_office, connect, make_desk, register_back_office, register_desk, run_central_cli, web


@pytest.fixture
def fake_portal():
    server = FakePortal().start()
    yield server
    server.stop()


def _rows(central_db) -> list[PortalDelivery]:  # noqa: ANN001
    with central_db.read() as s:
        return list(s.execute(select(PortalDelivery).order_by(PortalDelivery.id)).scalars())


def _state(central_db, code: str) -> dict:  # noqa: ANN001
    with central_db.read() as s:
        return portal.status(s, code=code)["items"][0]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def test_create_update_refusal_outage_and_exactly_once(tmp_path, central_factory, fake_portal, monkeypatch, backend):
    monkeypatch.setenv(portal.URL_ENV, fake_portal.url)
    monkeypatch.setenv(portal.DELIVERY_ENV, "0")  # the test runs the rounds itself, with its own clock
    monkeypatch.setenv(portal.RETRY_ENV, "60")
    central = central_factory(backend)
    central_db = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    sync = SyncService(desk.db)
    a, b, c = desk.receive(3)
    assert sync.sync_once().pushed == 3
    fake_portal.records[b] = {"MaHoSo": b}  # the portal already has B (entered there by hand, say)
    fake_portal.refuse[c] = "Thủ tục 1.001193 chưa được công bố tại đơn vị này"
    config = portal.PortalConfig.from_env()
    assert config is not None

    def clock(ahead: float = 0) -> datetime:
        """The central queues with its own clock: rounds run at (or beyond) that clock."""
        return datetime.now().replace(microsecond=0) + timedelta(seconds=1 + ahead)

    first = portal.deliver(central_db, config, now=clock())
    assert (first.sent, first.updated, first.failed, first.retried) == (2, 1, 1, 0)
    assert [(m, code, st) for _k, m, code, st in fake_portal.applied] == [("POST", a, 2), ("PUT", b, 2)]
    assert _state(central_db, c)["state"] == "failed"
    assert "chưa được công bố" in _state(central_db, c)["message"]

    # An outage: the change waits with a backoff; desks keep syncing meanwhile.
    back_office(central_db, a, "process")
    fake_portal.outage = True
    now = clock()
    down = portal.deliver(central_db, config, now=now)
    assert (down.sent, down.retried) == (0, 1) and "bảo trì" in down.errors[0]
    waiting = _state(central_db, a)
    assert waiting["state"] == "pending" and waiting["attempts"] == 1
    assert waiting["next_attempt_at"] == (now + timedelta(seconds=60)).isoformat(sep=" ")
    (d,) = desk.receive(1, start=datetime(2026, 11, 2, 9, 30))
    assert sync.sync_once().pushed == 1  # desk sync never waits for the portal
    again = portal.deliver(central_db, config, now=clock())  # D is tried (and waits); A is not due yet
    assert (again.sent, again.retried) == (0, 1) and _state(central_db, a)["attempts"] == 1
    assert _state(central_db, d)["state"] == "pending"
    fake_portal.outage = False
    assert portal.deliver(central_db, config, now=clock(61)).sent == 2  # A (processing) then D

    # The portal applies a change but the answer never arrives (we crashed, the link died): the row is
    # sent again with the same Idempotency-Key and the portal does not apply it twice.
    back_office(central_db, a, "result", result_type="Giấy khai sinh", result_number="12/2026")
    fake_portal.drop_after_apply = 1
    cut = portal.deliver(central_db, config, now=clock(61))
    assert cut.retried == 1 and _state(central_db, a)["state"] == "pending"
    assert portal.deliver(central_db, config, now=clock(122)).sent == 1
    assert _state(central_db, a)["state"] == "sent"

    # The refused one, put right at the portal's side, is queued again by the admin and goes.
    del fake_portal.refuse[c]
    requeued = run_central_cli(central.database_url, "portal", "requeue", c)
    assert requeued.returncode == 0 and "chờ gửi" in requeued.stdout, requeued.stderr
    assert portal.deliver(central_db, config, now=clock(122)).sent == 1

    sent = [r for r in _rows(central_db) if r.state == "sent"]
    keys = Counter(k for k, *_ in fake_portal.applied)
    assert all(n == 1 for n in keys.values())  # nothing applied twice
    assert {r.uuid for r in sent} == set(keys)  # every sent change is one the portal applied
    assert fake_portal.records[a]["TrangThaiHoSo"] == 9 and fake_portal.records[c]["TrangThaiHoSo"] == 2

    listed = run_central_cli(central.database_url, "portal", "status")
    data = json.loads(listed.stdout)
    assert data["dossiers"] == {"pending": 0, "sent": 4, "failed": 0}
    assert "4 hồ sơ đã gửi, 0 chờ gửi, 0 lỗi" in listed.stderr
    bo = {"Authorization": f"Bearer {register_back_office(central_db)}"}
    seen = web.get(f"{central.url}/api/v1/portal", params={"code": c}, headers=bo, timeout=30).json()
    assert seen["dossiers"]["sent"] == 1 and seen["items"][0]["code"] == c and seen["items"][0]["state"] == "sent"
    assert web.get(f"{central.url}/api/v1/portal", timeout=30).status_code == 401  # not for everyone
    failed = [r for r in _rows(central_db) if r.state == "failed"]
    assert len(failed) == 1 and failed[0].dossier_code == c  # the refused change stays on record
    central_db.dispose()


def test_serve_delivers_by_itself_through_an_outage_and_a_restart(tmp_path, central_factory, fake_portal,
                                                                   monkeypatch):
    monkeypatch.setenv(portal.URL_ENV, fake_portal.url)
    monkeypatch.setenv(portal.RETRY_ENV, "0.2")
    central = central_factory("sqlite")
    central_db = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    sync = SyncService(desk.db)
    fake_portal.outage = True
    codes = desk.receive(5)
    sync.sync_once()

    def wait_for(condition, what: str, timeout: float = 30.0) -> None:  # noqa: ANN001
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, what
            time.sleep(0.05)

    wait_for(lambda: fake_portal.requests >= 2, "the central retries while the portal is down")
    central.kill()  # SIGKILL mid-retry
    fake_portal.outage = False
    codes += desk.receive(2, start=datetime(2026, 11, 3, 8, 0))
    central.start()
    sync.sync_once()
    wait_for(lambda: all(r.state == "sent" for r in _rows(central_db)) and len(_rows(central_db)) == 7,
             "every change delivered after the restart")
    applied = Counter(code for _k, _m, code, _s in fake_portal.applied)
    assert applied == Counter(codes)  # each of the 7 changes exactly once
    with central_db.read() as s:
        assert portal.status(s)["dossiers"] == {"pending": 0, "sent": 7, "failed": 0}
    assert central.error_lines() == []
    central_db.dispose()
