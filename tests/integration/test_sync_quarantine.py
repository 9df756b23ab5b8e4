"""No single record stops a desk's sync (issue #11): a record the central refuses is quarantined,
the dossiers before and after it arrive, both sides show it, and a correction clears it. Also: two
syncs at once on one desk file are one after the other, never a false "sequence" error."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import select

from central.db import CentralDatabase
from central.models import Dossier as CentralDossier
from counter_app.models import Dossier, OutboxEvent, Role
from counter_app.models.db import Database
from counter_app.services import org
from counter_app.services.applicants import ApplicantInput
from counter_app.services.errors import PermissionDeniedError, ValidationError
from counter_app.sync import attention
from counter_app.sync import protocol as p
from counter_app.sync.service import SyncService, status

from .harness import central_statuses, connect, make_desk, register_back_office, register_desk, run_central_cli, web

POISON_ADDRESS = "ấp Tân Hưng, " + "rất dài " * 80  # 653 characters: stored by an older desk version


def _poison(desk, code: str) -> None:  # noqa: ANN001
    """What an older desk version let through: an over-long address with a NUL, already in the file
    and in the dossier's outbox event (services refuse it now, so it is written underneath them)."""
    with desk.db.write() as s:
        dossier = s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
        dossier.applicant.address = POISON_ADDRESS + "\x00"
        event = s.execute(select(OutboxEvent).where(OutboxEvent.entity_key == code)).scalar_one()
        payload = json.loads(event.payload)
        payload["record"]["DiaChi"] = POISON_ADDRESS + "\x00"
        event.payload = json.dumps(payload, ensure_ascii=False)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def test_a_poison_record_is_quarantined_shown_and_cleared_by_a_correction(tmp_path, central_factory, backend):
    central = central_factory(backend)
    central_db = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    bo = {"Authorization": f"Bearer {register_back_office(central_db)}"}
    before, poison, after = desk.receive(3)
    _poison(desk, poison)

    report = SyncService(desk.db).sync_once()
    assert report.pushed == 3 and report.quarantined == 1 and report.attention == 1
    assert set(central_statuses(central_db)) == {before, after}  # the good ones before and after it arrived
    for code in (before, after):
        assert web.get(f"{central.url}/tra-cuu/{code}").status_code == 200
    st = status(desk.db)
    assert st.state == "ok" and st.pending == 0 and st.attention == 1  # auto-sync goes on

    # Visible on both sides, with the reason in Vietnamese.
    [item] = attention.items(desk.db)
    assert item.entity_key == poison and item.applicant_name == "Trần Văn Đức"
    assert "Địa chỉ chứa ký tự NUL" in item.reason and item.kind_label == "Tiếp nhận hồ sơ"
    listed = web.get(central.url + p.QUARANTINE_PATH, headers=bo).json()
    assert listed["open"] == 1 and listed["events"][0]["entity_key"] == poison
    cli = run_central_cli(central.database_url, "quarantine", "list")
    assert cli.returncode == 0 and json.loads(cli.stdout)[0]["reason"] == item.reason
    counters = web.get(central.url + p.COUNTERS_PATH, headers=bo).json()
    assert counters["total"]["quarantined"] == 1 and counters["units"][0]["quarantined"] == 1
    # Pushing again changes nothing (the quarantined event is acknowledged, not retried).
    assert SyncService(desk.db).sync_once().pushed == 0

    # Only an officer with the right role corrects; the correction is checked by the shared rules.
    with desk.db.write() as s:
        unit = s.execute(select(org.Unit)).scalar_one()
        org.create_officer(s, unit, username="tra.ket.qua", full_name="Lê Thị Trả", password="demo1234",
                           roles={Role.RETURN})
    clerk = org.login(desk.db, "tra.ket.qua", "demo1234")
    fixed = attention.current_applicant(desk.db, poison)
    assert fixed.address.startswith("ấp Tân Hưng")
    with pytest.raises(PermissionDeniedError):
        attention.correct(desk.db, clerk, poison, fixed)
    with pytest.raises(ValidationError) as err:  # still the bad address
        attention.correct(desk.db, desk.context, poison,
                          replace(fixed, id_number="096085101234", date_of_birth=date(1985, 9, 5)))
    assert err.value.field == "address"
    good = ApplicantInput(fixed.kind, "096085101234", fixed.name, date(1985, 9, 5), "ấp Tân Hưng, xã Tân Thành",
                          "0912345678", "")
    assert attention.correct(desk.db, desk.context, poison, good) == p.EVENT_DOSSIER_CORRECTED

    report = SyncService(desk.db).sync_once()
    assert report.pushed == 1 and report.quarantined == 0 and report.attention == 0
    assert set(central_statuses(central_db)) == {before, poison, after}
    with central_db.read() as s:
        assert s.execute(select(CentralDossier.address).where(CentralDossier.code == poison)).scalar() == \
            "ấp Tân Hưng, xã Tân Thành"
    assert attention.items(desk.db) == [] and status(desk.db).attention == 0
    assert web.get(central.url + p.QUARANTINE_PATH, headers=bo).json()["open"] == 0
    assert web.get(central.url + p.COUNTERS_PATH, headers=bo).json()["total"]["quarantined"] == 0
    all_rows = web.get(central.url + p.QUARANTINE_PATH, params={"all": "true"}, headers=bo).json()["events"]
    assert len(all_rows) == 1 and all_rows[0]["resolved_at"] is not None
    central_db.dispose()


def test_the_central_admin_can_settle_a_quarantined_event(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    [code] = desk.receive(1)
    _poison(desk, code)
    assert SyncService(desk.db).sync_once().attention == 1
    uuid = json.loads(run_central_cli(central.database_url, "quarantine", "list").stdout)[0]["uuid"]
    done = run_central_cli(central.database_url, "quarantine", "resolve", uuid, "--note", "đã nhập tay")
    assert done.returncode == 0 and "Đã xử lý xong" in done.stdout
    assert SyncService(desk.db).sync_once().attention == 0 and attention.items(desk.db) == []


@pytest.mark.slow
def test_two_syncs_at_once_on_one_desk_50_rounds(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    second_window = Database(desk.path)  # another window (or process) on the same desk file
    errors: list[Exception] = []
    received: list[str] = []
    start = datetime(2026, 11, 2, 8, 0)
    for round_ in range(50):
        received += desk.receive(3, start=start.replace(day=2 + round_ // 20))
        barrier = threading.Barrier(2)

        def run(db, barrier=barrier) -> None:  # noqa: ANN001
            barrier.wait()
            try:
                SyncService(db).sync_once()
            except Exception as exc:  # noqa: BLE001 - every error is a failure of the test
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(db,)) for db in (desk.db, second_window)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    assert errors == []
    assert status(desk.db).state == "ok" and desk.pending() == 0
    assert set(central_statuses(central_db)) == set(received) and len(received) == 150
    second_window.dispose()


def test_a_second_sync_that_cannot_wait_says_so(tmp_path, central, central_db):
    from filelock import FileLock

    from counter_app.sync.service import SyncBusyError, sync_lock_path

    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    desk.receive(1)
    with FileLock(sync_lock_path(desk.path)):  # a pass running in another window
        with pytest.raises(SyncBusyError) as err:
            SyncService(desk.db).sync_once(wait=0.1)
    assert "Đang đồng bộ ở cửa sổ/tiến trình khác" in err.value.message
    assert desk.pending() == 1 and status(desk.db).state == ""  # nothing recorded as a failure
    assert SyncService(desk.db).sync_once().pushed == 1
