"""Payments, voids and ratings reach the central exactly once (issue #14), over real HTTP."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from central.models import Payment as CentralPayment
from central.models import Rating as CentralRating
from counter_app.models import Dossier
from counter_app.services import payments, ratings, returns
from counter_app.sync import protocol as p
from counter_app.sync.service import SyncService

from .harness import connect, make_desk, register_desk, web, wire_events

WHEN = datetime(2026, 11, 2, 9, 0)


def _owe(desk, code: str, amount: int) -> None:  # noqa: ANN001
    with desk.db.write() as s:
        s.execute(select(Dossier).where(Dossier.code == code)).scalar_one().fee_due = amount


def test_payments_and_voids_sync_exactly_once(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    token = register_desk(central_db, desk)
    connect(desk, central.url, token)
    codes = desk.receive(2)
    _owe(desk, codes[0], 15_500)
    _owe(desk, codes[1], 2_000)
    first = payments.record_payment(desk.db, desk.context, codes[0], method="online", reference="PAYGOV-1",
                                    now=WHEN)
    second = payments.record_payment(desk.db, desk.context, codes[1], method="cash", now=WHEN)
    # the first dossier's result is ready on time (recorded at this in-house desk), the citizens rate
    returns.mark_result_ready(desk.db, desk.context, codes[0], "Giấy khai sinh", "12/2026", "", processed_by="Lê Tư",
                              now=WHEN)
    ratings.record_rating(desk.db, codes[0], desk.context.officer_id, "return", 2, "fast", now=WHEN)
    ratings.record_rating(desk.db, codes[1], desk.context.officer_id, "receipt", 3, "wait", now=WHEN)
    sync = SyncService(desk.db)
    sync.sync_once()
    payments.void_payment(desk.db, desk.context, second.number, username="desk1", password="demo",
                          reason="Thu nhầm hồ sơ")
    sync.sync_once()
    sync.sync_once()
    # The whole outbox sent again, as a desk whose acknowledgement was lost would: nothing doubles.
    again = web.post(central.url + p.PUSH_PATH, json={"events": wire_events(desk)},
                       headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert again.status_code == 200 and again.json()["duplicates"] == len(wire_events(desk))
    with central_db.read() as s:
        rows = {r.number: r for r in s.execute(select(CentralPayment)).scalars()}
    assert set(rows) == {first.number, second.number}
    assert (rows[first.number].amount, rows[first.number].method, rows[first.number].reference) == (
        15_500, "online", "PAYGOV-1")
    assert rows[first.number].voided_at is None
    assert rows[second.number].voided_at is not None and rows[second.number].void_reason == "Thu nhầm hồ sơ"
    with central_db.read() as s:
        rated = {r.dossier_code: (r.score, r.reason, r.stage) for r in s.execute(select(CentralRating)).scalars()}
    assert rated == {codes[0]: (2, "fast", "return"), codes[1]: (3, "wait", "receipt")}
    # Province-wide counters: the same definitions as the desk's dashboard (domain/indicators.py).
    r = web.get(central.url + p.COUNTERS_PATH, params={"from": "2026-11-01", "to": "2026-11-30"},
                  headers={"Authorization": f"Bearer {token}"}, timeout=30)
    (unit,) = r.json()["units"]
    got = unit["indicators"]
    assert (got["resolved"], got["resolved_on_time"], got["received"], got["received_online"]) == (1, 1, 2, 0)
    assert (got["payments"], got["payments_online"], got["fees_online_rate"]) == (1, 1, 100.0)  # the void is out
    assert (got["ratings"], got["satisfied"], got["satisfaction_rate"]) == (2, 1, 50.0)
    assert got["digitised_rate"] is None
    assert r.json()["total"]["indicators"]["satisfaction_rate"] == 50.0
