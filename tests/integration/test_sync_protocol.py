"""Desk ↔ central over real HTTP: the round trip, auth, input validation, idempotency, ordering."""

from __future__ import annotations

import itertools
import json
import os
import threading
from datetime import date

import httpx
import pytest
from sqlalchemy import func, select

from central.models import DeskStream, ReceivedEvent
from central.models import Handoff as CentralHandoff
from counter_app.models import ClockPause, Dossier, DossierStatus, SupplementNotice
from counter_app.services import changes, returns
from counter_app.sync import protocol as p
from counter_app.sync.client import AuthError, RejectedError
from counter_app.sync.service import SyncService, status

from .harness import (
    central_statuses,
    connect,
    make_desk,
    register_back_office,
    register_desk,
    run_central_cli,
    run_desk_cli,
    web,
    wire_events,
)

S = DossierStatus
_UNITS = itertools.count(31)


def _fresh_unit() -> str:
    """A unit of its own for each test on the shared central, so their desks never meet."""
    return f"000.00.{next(_UNITS):02d}.H12"


def _received_count(central_db) -> int:  # noqa: ANN001
    with central_db.read() as s:
        return s.execute(select(func.count()).select_from(ReceivedEvent)).scalar_one()


def _push(central, token: str, body) -> httpx.Response:  # noqa: ANN001
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return web.post(central.url + p.PUSH_PATH, content=content, headers=headers, timeout=30)


def test_round_trip_back_office_steps_reach_the_return_desk(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    codes = desk.receive(2)
    sync = SyncService(desk.db)
    assert sync.sync_once().pushed == 2
    assert central_statuses(central_db) == {codes[0]: S.RECEIVED, codes[1]: S.RECEIVED}

    bo = {"Authorization": f"Bearer {register_back_office(central_db)}"}
    api = central.url + p.BACKOFFICE_PATH
    assert web.post(f"{api}/{codes[0]}/process", json={}, headers=bo).status_code == 200
    r = web.post(f"{api}/{codes[0]}/supplement", headers=bo,
                   json={"items": [{"name": "Giấy chứng sinh", "reason": "Bản chụp bị mờ, không đọc được"}]})
    assert r.status_code == 200
    again = web.post(f"{api}/{codes[0]}/supplement", headers=bo, json={"items": [{"name": "Tờ khai"}]})
    assert again.status_code == 409 and again.json()["error"] == p.ERR_SUPPLEMENT_ONCE
    assert "chỉ được yêu cầu bổ sung một lần" in again.json()["message"]
    assert web.post(f"{api}/{codes[0]}/process", json={"note": "Đã bổ sung"}, headers=bo).status_code == 200
    r = web.post(f"{api}/{codes[0]}/result", headers=bo,
                   json={"result_type": "Giấy khai sinh", "result_number": "125/2026", "summary": "Bản chính"})
    assert r.status_code == 200
    illegal = web.post(f"{api}/{codes[0]}/process", json={}, headers=bo)
    assert illegal.status_code == 409 and "Không thể chuyển hồ sơ" in illegal.json()["message"]
    assert web.post(f"{api}/{codes[1]}/stop", json={"reason": "Không đủ điều kiện"}, headers=bo).status_code == 200

    report = sync.sync_once()
    assert report.pulled == 5 and sorted(set(report.changed_codes)) == sorted(codes)
    ready = returns.detail(desk.db, codes[0])
    assert ready.can_hand_over and ready.result_document.type == "Giấy khai sinh"
    assert ready.result_document.number == "125/2026"
    assert [h.source for h in ready.handoffs][-4:] == ["central"] * 4
    assert ready.handoffs[-1].to_unit.startswith("Bộ phận tiếp nhận và trả kết quả")
    with desk.db.read() as s:
        notice = s.execute(select(SupplementNotice)).scalar_one()
        assert (notice.stage, notice.agency) == ("processing", "Phòng Tư pháp")
        assert [(i.name, i.reason) for i in notice.items] == [("Giấy chứng sinh", "Bản chụp bị mờ, không đọc được")]
        assert notice.resolved_at is not None
        pause = s.execute(select(ClockPause)).scalar_one()
        assert pause.ended_at is not None
        d0 = s.execute(select(Dossier).where(Dossier.code == codes[0])).scalar_one()
        assert d0.due_at is not None and d0.due_at > d0.original_due_at  # restarted after the supplement
        assert s.execute(select(Dossier.status).where(Dossier.code == codes[1])).scalar() == S.STOPPED
    assert returns.detail(desk.db, codes[1]).why_not  # stopped: nothing to hand over

    # Pulled changes are not echoed back; the recomputed deadline is the desk's own news.
    assert desk.pending() == 1
    returns.hand_over(desk.db, desk.context, codes[0], returns.Receiver("Trần Văn Đức", ""))
    assert sync.sync_once().pushed == 2 and desk.pending() == 0
    view = web.get(f"{api}/{codes[0]}", headers=bo).json()
    assert view["status"] == S.RETURNED and view["returned_at"] is not None
    assert view["due_at"] == d0.due_at.strftime(p.MOMENT_FORMAT)
    assert [h["to_unit"] for h in view["handoffs"]] == ["Phòng Tư pháp", "Bộ phận tiếp nhận và trả kết quả "
                                                       "(UBND xã Tân Thành)", "Phòng Tư pháp",
                                                       "Bộ phận tiếp nhận và trả kết quả (UBND xã Tân Thành)"]
    page = web.get(f"{central.url}/tra-cuu/{codes[0]}")
    assert page.status_code == 200 and "Đã trả kết quả" in page.text
    assert "Nơi nhận kết quả" in page.text and "Ngày hẹn trả kết quả" in page.text
    # Personal data is off by default: not even the masked initials (they identify in a small commune).
    assert "Tr***" not in page.text and "Trần Văn Đức" not in page.text and "0960850" not in page.text
    missing = web.get(f"{central.url}/tra-cuu/000.00.01.H12-261231-9999")
    assert missing.status_code == 404 and "Không tìm thấy hồ sơ" in missing.text
    assert central.error_lines() == []


def test_auth_no_token_wrong_token_wrong_kind(tmp_path, shared_central, shared_central_db):
    central, central_db = shared_central, shared_central_db  # every request here is refused
    desk = make_desk(tmp_path, unit_code=_fresh_unit())
    token = register_desk(central_db, desk)
    bo_token = register_back_office(central_db)
    desk.receive(1)
    body = {"events": wire_events(desk)}

    no_token = _push(central, "", body)
    assert no_token.status_code == 401 and no_token.json() == {
        "error": p.ERR_MISSING_TOKEN, "message": "Thiếu mã truy cập (Authorization: Bearer …)."}
    wrong = _push(central, token[:-2] + "xx", body)
    assert wrong.status_code == 401 and wrong.json()["message"] == "Mã truy cập không đúng."
    as_back_office = _push(central, bo_token, body)
    assert as_back_office.status_code == 403 and "quầy tiếp nhận" in as_back_office.json()["message"]
    desk_on_back_office = web.post(f"{central.url}{p.BACKOFFICE_PATH}/X/process", json={},
                                     headers={"Authorization": f"Bearer {token}"})
    assert desk_on_back_office.status_code == 403
    assert _received_count(central_db) == 0

    connect(desk, central.url, token[:-2] + "xx")
    with pytest.raises(AuthError) as err:
        SyncService(desk.db).sync_once()
    assert "không chấp nhận mã truy cập" in err.value.message and desk.pending() == 1
    assert status(desk.db).state == "auth"


def test_revoked_token_keeps_the_outbox_and_a_new_token_resumes(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    desk.receive(1)
    SyncService(desk.db).sync_once()

    revoked = run_central_cli(central.database_url, "desk", "revoke", "--unit", desk.unit_code, "--desk", "1")
    assert revoked.returncode == 0 and "Đã thu hồi 1 mã truy cập" in revoked.stdout
    second = desk.receive(1)[0]
    with pytest.raises(AuthError) as err:
        SyncService(desk.db).sync_once()
    assert err.value.revoked and "đã bị thu hồi" in err.value.message
    assert "vẫn được giữ nguyên trên máy" in err.value.message
    assert desk.pending() == 1 and status(desk.db).state == "revoked"
    cli = run_desk_cli(desk.path, "sync", "--once")
    assert cli.returncode == 1 and "Mã truy cập của quầy đã bị thu hồi" in cli.stderr
    assert desk.pending() == 1

    issued = run_central_cli(central.database_url, "desk", "add", "--unit", desk.unit_code, "--desk", "1")
    assert issued.returncode == 0 and "chỉ hiển thị một lần" in issued.stderr
    new_token = issued.stdout.strip()
    assert len(new_token) >= 40 and new_token not in (central.log_path.read_text())
    cli = run_desk_cli(desk.path, "sync", "--once", "--central", central.url,
                       env={**os.environ, "COUNTER_APP_SYNC_TOKEN": new_token})
    assert cli.returncode == 0, cli.stderr
    assert "Đồng bộ xong: gửi 1 sự kiện" in cli.stdout
    assert desk.pending() == 0 and central_statuses(central_db)[second] == S.RECEIVED
    with central_db.read() as s:  # only hashes are stored
        from central.models import Credential

        assert all(len(c.token_hash) == 64 and c.token_hash != new_token
                   for c in s.execute(select(Credential)).scalars())


def test_a_desk_cannot_write_another_desks_dossiers(tmp_path, central, central_db):
    desk1 = make_desk(tmp_path / "a", number=1)
    desk2_token = register_desk(central_db, make_desk(tmp_path / "b", number=2))
    other_unit_token = register_desk(central_db, make_desk(tmp_path / "c", unit_code="000.00.02.H12", number=1))
    desk1.receive(2)
    connect(desk1, central.url, desk2_token)
    with pytest.raises(RejectedError) as err:
        SyncService(desk1.db).sync_once()
    assert err.value.status == 403
    assert "không thuộc quầy số 2 của đơn vị 000.00.01.H12" in err.value.message
    assert desk1.pending() == 2

    # Forged records: the record claims the sender's unit, the code belongs to someone else.
    events = wire_events(desk1)
    forged = json.loads(json.dumps(events))
    for e in forged:
        e["payload"]["record"]["MaDonVi"] = "000.00.02.H12"
    r = _push(central, other_unit_token, {"events": forged})
    assert r.status_code == 403 and r.json()["error"] == p.ERR_FORBIDDEN
    assert _received_count(central_db) == 0 and central_statuses(central_db) == {}

    # The right desk may; afterwards nobody else may touch those dossiers either.
    desk1_token = register_desk(central_db, desk1)
    assert _push(central, desk1_token, {"events": events}).json()["applied"] == 2
    with central_db.write() as s:
        from central import admin

        forged_again = admin.add_desk(s, desk1.unit_code, 2, replace=True)
    change = json.loads(json.dumps(events[0]))
    change.update(uuid="8f1e6a52-3c1d-4f5e-9d7a-0123456789ab", seq=1)
    change["payload"]["record"]["SoQuay"] = 2
    r = _push(central, forged_again, {"events": [change]})
    assert r.status_code == 403


@pytest.mark.parametrize(("mutate", "where"), [
    (lambda b: b.update(events="không phải danh sách"), "events"),
    (lambda b: b["events"][1].pop("payload"), "events.1.payload"),
    (lambda b: b["events"][1].update(uuid="not-a-uuid"), "events.1.uuid"),
    (lambda b: b["events"][1].update(seq=1), "trùng"),
    (lambda b: b.update(extra=1), "extra"),
])
def test_malformed_batches_are_rejected_whole(tmp_path, shared_central, shared_central_db, mutate, where):
    central, central_db = shared_central, shared_central_db  # every batch here is refused
    desk = make_desk(tmp_path, unit_code=_fresh_unit())
    token = register_desk(central_db, desk)
    code = desk.receive(1)[0]
    with desk.db.write() as s:
        d = s.execute(select(Dossier)).scalar_one()
        changes.change_status(s, d, S.WITHDRAWN, officer=None, reason="Công dân xin rút")
    body = {"events": wire_events(desk)}
    mutate(body)
    r = _push(central, token, body)
    assert r.status_code == 422 and r.json()["error"] == p.ERR_MALFORMED
    assert where in r.json()["message"] and r.json()["message"].startswith(("Dữ liệu gửi lên không hợp lệ", "Lô"))
    assert _received_count(central_db) == 0 and code not in central_statuses(central_db)
    invalid_json = _push(central, token, b'{"events": [')
    assert invalid_json.status_code == 422


@pytest.mark.parametrize(("mutate", "where"), [
    (lambda b: b["events"][1]["payload"]["record"].update(NgayTiepNhan="20261399000000"), "NgayTiepNhan"),
    (lambda b: b["events"][1]["payload"]["details"].update(to=11), "details"),
])
def test_a_malformed_payload_is_quarantined_and_the_rest_applied(tmp_path, central, central_db, mutate, where):
    """The envelope is checked for the whole batch (above); a payload the rules refuse is kept aside
    with its reason and acknowledged (issue #11: no single record stops a desk)."""
    desk = make_desk(tmp_path)
    token = register_desk(central_db, desk)
    code = desk.receive(1)[0]
    with desk.db.write() as s:
        d = s.execute(select(Dossier)).scalar_one()
        changes.change_status(s, d, S.WITHDRAWN, officer=None, reason="Công dân xin rút")
    body = {"events": wire_events(desk)}
    mutate(body)
    r = _push(central, token, body)
    assert r.status_code == 200 and r.json()["expected_seq"] == 3 and r.json()["applied"] == 1
    [held] = r.json()["quarantined"]
    assert held["seq"] == 2 and where in held["reason"]
    assert central_statuses(central_db) == {code: S.RECEIVED}  # the withdrawal was not applied
    metrics = web.get(f"{central.url}/metrics", timeout=10).text  # the admin's alert counts it
    assert "central_quarantined_events_total 1.0" in metrics, metrics


def test_oversized_batches_get_413_and_change_nothing(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    token = register_desk(central_db, desk)
    desk.receive(1)
    event = wire_events(desk)[0]
    big = dict(event, payload={**event["payload"], "details": {"note": "x" * (p.MAX_BODY_BYTES + 10)}})
    r = _push(central, token, {"events": [big]})
    assert r.status_code == 413 and r.json()["error"] == p.ERR_TOO_LARGE
    assert "quá lớn" in r.json()["message"]
    many = [dict(event, seq=i + 1, uuid=f"00000000-0000-4000-8000-{i:012d}") for i in range(p.MAX_BATCH_EVENTS + 1)]
    r = _push(central, token, {"events": many})
    assert r.status_code == 413 and "tối đa" in r.json()["message"]
    assert _received_count(central_db) == 0
    connect(desk, central.url, token)
    assert SyncService(desk.db).sync_once().pushed == 1  # the real desk never exceeds the limits


def test_same_batch_delivered_twice_is_applied_once(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    token = register_desk(central_db, desk)
    desk.receive(6)
    events = wire_events(desk)
    first = _push(central, token, {"events": events[:3]}).json()
    again = _push(central, token, {"events": events[:3]}).json()
    assert (first["applied"], first["duplicates"]) == (3, 0)
    assert (again["applied"], again["duplicates"], again["expected_seq"]) == (0, 3, 4)

    results = []
    threads = [threading.Thread(target=lambda: results.append(_push(central, token, {"events": events[3:]}).json()))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r["applied"] for r in results) == [0, 0, 3]
    assert _received_count(central_db) == 6 and len(central_statuses(central_db)) == 6

    connect(desk, central.url, token)
    report = SyncService(desk.db).sync_once()  # the desk never saw those acks: resending is harmless
    assert report.pushed == 6 and desk.pending() == 0 and _received_count(central_db) == 6


def test_reordered_events_are_applied_in_desk_order(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    token = register_desk(central_db, desk)
    codes = desk.receive(2)
    with desk.db.write() as s:
        for d in s.execute(select(Dossier).order_by(Dossier.id)).scalars():
            changes.change_status(s, d, S.WITHDRAWN, officer=None, reason="Công dân xin rút")
    e1, e2, e3, e4 = wire_events(desk)  # received, received, withdrawn, withdrawn

    later = _push(central, token, {"events": [e4, e3]}).json()
    assert (later["applied"], later["deferred"], later["expected_seq"]) == (0, 2, 1)
    assert central_statuses(central_db) == {}
    shuffled = _push(central, token, {"events": [e3, e2, e1]}).json()  # withdrawal listed before receipt
    assert (shuffled["applied"], shuffled["expected_seq"]) == (3, 4)
    assert central_statuses(central_db) == {codes[0]: S.WITHDRAWN, codes[1]: S.RECEIVED}

    connect(desk, central.url, token)
    assert SyncService(desk.db).sync_once().pushed == 4
    assert central_statuses(central_db) == {codes[0]: S.WITHDRAWN, codes[1]: S.WITHDRAWN}
    with central_db.read() as s:
        assert s.get(DeskStream, (desk.unit_code, 1)).next_seq == 5


def test_status_conflict_converges_on_the_central(tmp_path, central, central_db):
    """The desk withdraws while offline; the back office stops the same dossier meanwhile."""
    from .harness import back_office

    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    code = desk.receive(1)[0]
    SyncService(desk.db).sync_once()
    back_office(central_db, code, "stop", reason="Hồ sơ giả mạo")
    with desk.db.write() as s:
        changes.change_status(s, s.execute(select(Dossier)).scalar_one(), S.WITHDRAWN, officer=None)
    report = SyncService(desk.db).sync_once()
    assert report.conflicts == 1
    assert desk.statuses() == central_statuses(central_db) == {code: S.STOPPED}
    with desk.db.read() as s:
        from counter_app.models import AuditEvent

        actions = s.execute(select(AuditEvent.action).where(AuditEvent.entity_key == code)).scalars().all()
    assert actions[-1] == "dossier.status_adopted_from_central"


def test_catalog_and_calendar_overrides_reach_the_desk(tmp_path, central, central_db):
    from counter_app.services import catalog, office_calendar
    from tests.conftest import SMALL_CATALOG

    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    data = json.loads(SMALL_CATALOG.read_text(encoding="utf-8"))
    data["procedures"][0]["TENTTHC"] = "Thủ tục đăng ký khai sinh (mẫu 2026)"
    updated = tmp_path / "catalog.json"
    updated.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = run_central_cli(central.database_url, "catalog", "import", str(updated))
    assert out.returncode == 0 and "3 thủ tục mới" in out.stdout
    saturday = date(2026, 12, 5)
    out = run_central_cli(central.database_url, "calendar", "set", "2026-12-05", "--working", "--note", "Làm bù")
    assert out.returncode == 0 and "05/12/2026 là ngày làm việc" in out.stdout

    report = SyncService(desk.db).sync_once()
    assert report.catalog_changed and report.pulled == 4
    with desk.db.read() as s:
        assert [h.name for h in catalog.search(s, "mau 2026")] == ["Thủ tục đăng ký khai sinh (mẫu 2026)"]
        assert office_calendar.calendar_for(s).is_working_day(saturday)
    run_central_cli(central.database_url, "calendar", "remove", "2026-12-05")
    assert SyncService(desk.db).sync_once().pulled == 1
    with desk.db.read() as s:
        assert not office_calendar.calendar_for(s).is_working_day(saturday)


def test_province_counters_match_the_desk_dashboard(tmp_path, central, central_db):
    from datetime import datetime, time, timedelta

    from counter_app.services import stats

    from .harness import back_office

    desk = make_desk(tmp_path)
    token = register_desk(central_db, desk)
    connect(desk, central.url, token)
    today = date.today()
    old = desk.receive(3, start=datetime.combine(today - timedelta(days=60), time(8, 0)), per_day=1)  # overdue
    recent = desk.receive(4, start=datetime.combine(today, time(7, 0)), per_day=4)  # due tomorrow or later
    SyncService(desk.db).sync_once()
    back_office(central_db, old[0], "result", result_type="Giấy khai sinh")
    back_office(central_db, recent[0], "result", result_type="Giấy khai sinh")
    back_office(central_db, recent[1], "supplement", items=[{"name": "Tờ khai", "reason": "Thiếu chữ ký"}])
    SyncService(desk.db).sync_once()
    returns.hand_over(desk.db, desk.context, recent[0], returns.Receiver("Trần Văn Đức", ""))
    SyncService(desk.db).sync_once()

    start, end = today - timedelta(days=70), today
    dashboard = stats.dashboard(desk.db, start, end)
    r = web.get(f"{central.url}{p.COUNTERS_PATH}", params={"from": start.isoformat(), "to": end.isoformat()},
                  headers={"Authorization": f"Bearer {token}"})
    (unit,) = r.json()["units"]
    assert unit["unit_code"] == desk.unit_code and unit["unit_name"] == "UBND xã Tân Thành"
    assert (unit["received"], unit["returned"], unit["unfinished_on_time"], unit["unfinished_overdue"]) == (
        dashboard.received, dashboard.returned.total, dashboard.unfinished.within_deadline,
        dashboard.unfinished.overdue)
    assert (unit["received"], unit["returned"], unit["unfinished_on_time"], unit["unfinished_overdue"]) == (7, 1, 3, 2)
    with central_db.read() as s:
        assert s.execute(select(func.count()).select_from(CentralHandoff)).scalar_one() == 3
    assert web.get(f"{central.url}{p.COUNTERS_PATH}").status_code == 401


def test_a_change_the_desk_cannot_apply_is_skipped_not_blocking(tmp_path, central, central_db, caplog):
    """A newer central may publish kinds this desk does not know: skipped, audited, the rest applied."""
    from central import feed
    from counter_app.models import AuditEvent

    from .harness import back_office

    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    code = desk.receive(1)[0]
    SyncService(desk.db).sync_once()
    with central_db.write() as s:
        feed.publish(s, "dossier.archived", {"code": code}, unit_code=desk.unit_code, desk_number=1)
    back_office(central_db, code, "process")
    report = SyncService(desk.db).sync_once()
    assert report.pulled == 2 and len(report.skipped) == 1 and "chưa được hỗ trợ" in report.skipped[0]
    assert desk.statuses() == {code: S.PROCESSING}
    with desk.db.read() as s:
        assert s.execute(select(AuditEvent.action).where(AuditEvent.action == "sync.change_skipped")).scalar()
    assert SyncService(desk.db).sync_once().pulled == 0  # the cursor moved past it
    assert any("skipped" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")


def test_reception_outcomes_travel_with_the_dossiers(tmp_path, central, central_db):
    """Refusals and intake supplement notices (no dossier) are pushed and kept; receipts make dossiers."""
    from counter_app.models import DocumentDecision
    from counter_app.services import catalog, reception
    from counter_app.services.applicants import ApplicantInput
    from counter_app.services.reception import DocumentCheck, IntakeForm

    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    with desk.db.read() as s:
        case = catalog.get_detail(s, code="1.001193").cases[0]
    who = ApplicantInput(id_number="096185001234", name="Nguyễn Thị Ánh Tuyết", date_of_birth=date(1985, 9, 5),
                         address="ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", phone="0912 345 678")

    def form(*decisions):  # noqa: ANN002, ANN202
        return IntakeForm(case.id, who, tuple(DocumentCheck(d.id, dec, "Thiếu" if dec != "provided" else "",
                                                            d.originals, d.certified_copies, d.photocopies)
                                              for d, dec in zip(case.documents, decisions, strict=True)))

    P, M, NA = DocumentDecision.PROVIDED, DocumentDecision.MISSING, DocumentDecision.NOT_APPLICABLE
    notice = reception.issue_supplement(desk.db, desk.context, form(P, M, NA))
    reception.refuse(desk.db, desk.context, form(P, P, NA), "Thủ tục không thuộc thẩm quyền của xã")
    received = reception.receive(desk.db, desk.context, form(P, P, NA))
    report = SyncService(desk.db).sync_once()
    assert report.pushed == 3 and desk.pending() == 0
    assert central_statuses(central_db) == {received.dossier_code: S.RECEIVED}
    with central_db.read() as s:
        kinds = dict(s.execute(select(ReceivedEvent.kind, ReceivedEvent.outcome)).all())
        stored = s.execute(select(ReceivedEvent.payload).where(
            ReceivedEvent.kind == "intake.supplement_requested")).scalar_one()
    assert kinds == {"intake.supplement_requested": "stored", "intake.refused": "stored",
                     "dossier.received": "applied"}
    assert json.loads(stored)["record"]["MaPhieuBoSung"] == notice.notice_code


def test_central_commands_for_back_office_scripts(tmp_path, central, central_db):
    desk = make_desk(tmp_path)
    connect(desk, central.url, register_desk(central_db, desk))
    code = desk.receive(1)[0]
    SyncService(desk.db).sync_once()
    url = central.database_url
    who = ("--agency", "Phòng Tư pháp", "--officer", "Lê Văn Nam")

    out = run_central_cli(url, "dossier", "process", code, *who)
    assert out.returncode == 0 and out.stdout.strip() == f"Hồ sơ {code}: «Đã tiếp nhận» → «Đang giải quyết»."
    out = run_central_cli(url, "dossier", "supplement", code, *who, "--item", "Giấy chứng sinh: bản chụp mờ")
    assert out.returncode == 0
    out = run_central_cli(url, "dossier", "supplement", code, *who, "--item", "Tờ khai")
    assert out.returncode == 1 and "chỉ được yêu cầu bổ sung một lần" in out.stderr
    out = run_central_cli(url, "dossier", "result", code, *who, "--type", "Giấy khai sinh")
    assert out.returncode == 1 and "«Yêu cầu bổ sung» sang «Đã có kết quả»" in out.stderr
    assert run_central_cli(url, "dossier", "process", code, *who).returncode == 0
    assert run_central_cli(url, "dossier", "result", code, *who, "--type", "Giấy khai sinh",
                           "--number", "12/2026").returncode == 0
    shown = json.loads(run_central_cli(url, "dossier", "show", code).stdout)
    assert shown["status_label"] == "Đã có kết quả" and shown["result"]["number"] == "12/2026"
    assert [h["note"] for h in shown["handoffs"]] == [
        "Nhận hồ sơ để giải quyết", "Yêu cầu bổ sung hồ sơ: Giấy chứng sinh",
        "Nhận hồ sơ đã bổ sung để tiếp tục giải quyết", "Chuyển kết quả: Giấy khai sinh 12/2026"]
    assert shown["supplements"][0]["items"] == [{"name": "Giấy chứng sinh", "reason": "bản chụp mờ"}]
    counters = json.loads(run_central_cli(url, "counters").stdout)
    assert counters["total"]["received"] == 1 and counters["total"]["unfinished"] == 0
    assert SyncService(desk.db).sync_once().pulled == 4  # the four steps, in order
    assert returns.detail(desk.db, code).can_hand_over
