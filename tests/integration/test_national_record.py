"""The national dossier record (issue #15, item 1): desk → central → portal record, every status
checked against the strict schema, and the sync record and the national record kept in step."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from central import portal_schema
from central.models import PortalDelivery
from counter_app.domain import records
from counter_app.models import DocumentDecision, Dossier, DossierStatus, Officer
from counter_app.services import catalog, changes, reception, returns
from counter_app.services.applicants import ApplicantInput
from counter_app.services.reception import DocumentCheck, IntakeForm
from counter_app.sync.service import SyncService

from .harness import REPO, back_office, connect, make_desk, register_desk

S = DossierStatus
APPLICANT = ApplicantInput(id_number="096185001234", name="Nguyễn Thị Ánh Tuyết", date_of_birth=date(1985, 9, 5),
                           address="ấp Tân Hưng, xã Tân Thành",
                           phone="0912345678")


def _receive(desk, when: datetime) -> str:  # noqa: ANN001
    """A real reception through the checklist (every document provided)."""
    with desk.db.read() as s:
        case = catalog.get_detail(s, code="1.001193").cases[0]
    checks = tuple(DocumentCheck(d.id, DocumentDecision.PROVIDED, "", max(1, d.originals), d.certified_copies,
                                 d.photocopies) for d in case.documents)
    return reception.receive(desk.db, desk.context, IntakeForm(case.id, APPLICANT, checks), now=when).dossier_code


def _desk_move(desk, code: str, target: S) -> None:  # noqa: ANN001
    with desk.db.write() as s:
        dossier = s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
        officer = s.execute(select(Officer).order_by(Officer.id)).scalars().first()
        changes.change_status(s, dossier, target, officer=officer, reason="test")


def _queued(central_db, code: str) -> list[dict]:  # noqa: ANN001
    with central_db.read() as s:
        return [json.loads(r) for r in s.execute(select(PortalDelivery.record).where(
            PortalDelivery.dossier_code == code).order_by(PortalDelivery.id)).scalars()]


@pytest.fixture
def portal_central(central_factory, monkeypatch):  # noqa: ANN001
    # Records are queued once a portal is configured; nothing listens there (delivery is item 3's test).
    monkeypatch.setenv("CENTRAL_PORTAL_URL", "http://127.0.0.1:9/portal")
    return central_factory("sqlite")


def test_round_trip_desk_central_portal_record_for_each_path(tmp_path, portal_central):
    from central.db import CentralDatabase

    central_db = CentralDatabase(portal_central.database_url)
    desk = make_desk(tmp_path)
    connect(desk, portal_central.url, register_desk(central_db, desk))
    sync = SyncService(desk.db)
    day = datetime(2026, 11, 24, 8, 0)
    received, supplemented, paid, returned, withdrawn, stopped = (
        _receive(desk, day.replace(minute=m)) for m in range(6))
    _desk_move(desk, paid, S.AWAITING_PAYMENT)
    _desk_move(desk, withdrawn, S.WITHDRAWN)
    sync.sync_once()
    for code in (supplemented, paid, returned, stopped):
        if code != paid:
            back_office(central_db, code, "process")
    back_office(central_db, supplemented, "supplement", items=[{"name": "Giấy chứng sinh", "reason": "Bản mờ"}])
    back_office(central_db, supplemented, "process", note="Đã bổ sung")
    back_office(central_db, paid, "process", note="Đã nộp lệ phí")
    for code in (supplemented, paid, returned):
        back_office(central_db, code, "result", result_type="Giấy khai sinh", result_number="125/2026")
    back_office(central_db, stopped, "stop", reason="Người nộp đề nghị dừng")
    sync.sync_once()
    returns.hand_over(desk.db, desk.context, returned, returns.Receiver(APPLICANT.name, APPLICANT.id_number))
    sync.sync_once()

    seen: dict[str, list[int]] = {}
    for code in (received, supplemented, paid, returned, withdrawn, stopped):
        queued = _queued(central_db, code)
        for record in queued:
            portal_schema.validate(record)  # every change's record passes the strict schema
        statuses = [r["TrangThaiHoSo"] for r in queued]
        # A status can be queued twice in a row: the desk's recomputed deadline after a supplement
        # is a change of the record the portal must get too.
        seen[code] = [s for i, s in enumerate(statuses) if i == 0 or statuses[i - 1] != s]
    assert seen[received] == [2]
    assert seen[supplemented] == [2, 4, 5, 4, 9]
    assert seen[paid] == [2, 6, 4, 9]
    assert seen[returned] == [2, 4, 9, 10]
    assert seen[withdrawn] == [2, 7]
    assert seen[stopped] == [2, 4, 8]

    last = _queued(central_db, returned)[-1]
    assert last["KenhThucHien"] == 1 and last["LoaiDoiTuong"] == 1
    assert last["DinhDanhCHS"] == [{"LoaiDinhDanh": records.ID_CCCD, "SoDinhDanh": APPLICANT.id_number}]
    assert last["SoGiayToChuHoSo"] == APPLICANT.id_number
    assert last["NgayTiepNhan"] == "20261124080300" and last["NgayTra"] and len(last["NgayTra"]) == 14
    assert last["DanhSachGiayToKetQua"] == [{"TenGiayTo": "Giấy khai sinh", "SoKyHieu": "125/2026", "TrichYeu": ""}]
    assert [d["TenTaiLieu"] for d in last["TaiLieuNop"]] and all(
        d["DuocSoHoa"] is False and d["DuocTaiSuDung"] is False for d in last["TaiLieuNop"])
    steps = [(s["ThuTu"], s["DenDonVi"]) for s in last["QuaTrinhXuLy"]]
    assert steps[0] == (1, "Phòng Tư pháp") and steps[-1][1] and len(steps) == 3  # process, result, hand-over
    assert last["DonViTiepNhan"]["MaDonVi"] == desk.unit_code and last["CanBoTiepNhan"]
    history = _queued(central_db, supplemented)
    assert history[2]["NgayHenTra"] is None  # the clock stops while the applicant supplements
    assert history[-1]["NgayHenTra"]  # then the desk's recomputed deadline reaches the portal
    central_db.dispose()


def test_sync_record_and_national_record_do_not_drift(tmp_path):
    """Every national field reads sync-record keys the desk sends and the central's schema declares,
    and every key the desk sends is declared there (nothing rides on ``extra``)."""
    from central.schemas import RecordIn

    desk = make_desk(tmp_path)
    code = _receive(desk, datetime(2026, 11, 24, 8, 0))
    with desk.db.read() as s:
        sync = records.dossier_record(s.execute(select(Dossier).where(Dossier.code == code)).scalar_one())
    declared = set(RecordIn.model_fields)
    assert set(sync) <= declared, set(sync) - declared
    central_only = {"LyDo"}  # a refusal's reason: an online dossier refused (central/online.py)
    for spec in records.NATIONAL_FIELDS:
        assert set(spec.sources) <= set(sync) | central_only, spec
    national = records.national_record(sync)
    assert list(national) == [f.name for f in records.NATIONAL_FIELDS]
    assert set(portal_schema.NationalRecord.model_fields) == set(national)
    portal_schema.validate(national)
    table = (REPO / "docs" / "national-record.md").read_text(encoding="utf-8")
    for spec in records.NATIONAL_FIELDS:  # the field table documents every field
        assert f"| `{spec.name}` |" in table, spec.name
