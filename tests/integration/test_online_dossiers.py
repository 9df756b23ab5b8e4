"""Online dossiers (issue #15, item 3): a JSON export of portal dossiers with their files imported at
the central, the unit's queue at the desks, received (keeping the portal's code) / sent back once for
supplements / refused with the counter's rules, offline first, the central confirming; counters by
channel; a second desk deciding the same dossier is set aside with the reason."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from central import online as central_online
from central import portal_schema
from central import stats as central_stats
from central.db import CentralDatabase
from central.errors import Malformed
from central.models import Dossier as CentralDossier
from central.models import OnlineDossier, PortalDelivery
from counter_app.domain import records
from counter_app.models import DocumentDecision, Dossier
from counter_app.services import catalog, online, reception
from counter_app.services.applicants import ApplicantInput
from counter_app.services.reception import DocumentCheck, IntakeForm
from counter_app.sync.service import SyncService

from .harness import connect, make_desk, register_desk, run_central_cli

UNIT = "000.00.01.H12"
CODES = ("G22.39-251124-0001", "G22.39-251124-0002", "G22.39-251124-0003")


def write_export(directory: Path, codes=CODES, *, submitted: str = "20261124073000", unit: str = UNIT) -> Path:  # noqa: ANN001
    """A portal export: dossiers in the national record's terms, uploaded files beside the JSON."""
    files = directory / "tep"
    files.mkdir(parents=True, exist_ok=True)
    dossiers = []
    for n, code in enumerate(codes):
        scan = files / f"{code}-to-khai.pdf"
        scan.write_bytes(b"%PDF-1.4 to khai " + code.encode() + b" " + submitted.encode())
        dossiers.append({
            "MaHoSo": code, "MaTTHC": "1.001193", "TenTTHC": "Thủ tục đăng ký khai sinh", "KenhThucHien": 3,
            "ChuHoSo": ("Lê Thị Hồng", "Trần Văn Minh", "Phạm Thị Lan")[n % 3], "LoaiDoiTuong": 1,
            "DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": f"09618500{n:04d}"}],
            "SoGiayToChuHoSo": f"09618500{n:04d}", "SoDienThoai": "0912345678", "Email": "",
            "DiaChi": "ấp Tân Hưng, xã Tân Thành", "NgayNopHoSo": submitted,
            "TaiLieuNop": [{"MaThanhPhanHoSo": "TK", "TenTaiLieu": "Tờ khai đăng ký khai sinh",
                            "TepDinhKem": [{"TenTep": "to-khai.pdf", "DuongDan": f"tep/{scan.name}"}]}],
            "DonViTiepNhan": {"MaDonVi": unit, "TenDonVi": "UBND xã Tân Thành"},
            "TruongKhongDung": "the portal sends more than we read",
        })
    path = directory / "hoso-truc-tuyen.json"
    path.write_text(json.dumps({"HoSo": dossiers}, ensure_ascii=False), encoding="utf-8")
    return path


def form(desk, code: str, decisions: list[DocumentDecision] | None = None) -> IntakeForm:  # noqa: ANN001
    """The checklist of an online dossier as the officer fills it (all provided unless told)."""
    start = online.start(desk.db, code)
    case = next(c for c in catalog.procedure_detail(desk.db, start.procedure_id).cases if c.id == start.case_id)
    decisions = decisions or [DocumentDecision.PROVIDED] * len(case.documents)
    checks = tuple(DocumentCheck(d.id, decision, "Chưa nộp bản chụp" if decision is DocumentDecision.MISSING else "",
                                 max(1, d.originals) if decision is DocumentDecision.PROVIDED else 0)
                   for d, decision in zip(case.documents, decisions, strict=True))
    return IntakeForm(start.case_id, ApplicantInput(**{**start.applicant.__dict__,
                                                       "date_of_birth": datetime(1985, 9, 5).date()}), checks)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def setup(tmp_path, central_factory, monkeypatch, request):  # noqa: ANN001
    monkeypatch.setenv("CENTRAL_PORTAL_URL", "http://127.0.0.1:9/portal")  # queued, not delivered here
    monkeypatch.setenv("CENTRAL_PORTAL_DELIVERY", "0")
    central = central_factory(request.param)
    central_db = CentralDatabase(central.database_url)
    desks = []
    for number in (1, 2):
        desk = make_desk(tmp_path / f"d{number}", number=number)
        connect(desk, central.url, register_desk(central_db, desk))
        desks.append(desk)
    yield central, central_db, desks
    central_db.dispose()


def test_online_dossiers_received_supplemented_refused_with_the_central_confirming(tmp_path, setup):
    central, central_db, (desk, other) = setup
    export = write_export(tmp_path / "export")
    done = run_central_cli(central.database_url, "online", "import", str(export))
    assert done.returncode == 0, done.stderr
    assert "Đã nhận 3 hồ sơ trực tuyến mới" in done.stdout
    again = central_db.run_write(lambda s: central_online.import_file(s, export))
    assert again == {"created": 0, "returned": 0, "unchanged": 3}  # an export imported twice changes nothing

    sync, sync_other = SyncService(desk.db), SyncService(other.db)
    sync.sync_once()
    sync_other.sync_once()
    waiting = online.queue(desk.db)
    assert [i.code for i in waiting] == list(CODES)
    assert all(f.downloaded for i in waiting for f in i.files)
    assert waiting[0].files[0].name == "to-khai.pdf" and waiting[0].status_text == "Chờ tiếp nhận"
    opened = online.open_file(desk.db, waiting[0].files[0].id, tmp_path / "xem")
    assert opened.read_bytes().startswith(b"%PDF-1.4 to khai " + CODES[0].encode())

    # Offline at the desk: the three decisions are recorded and printed at once.
    received, supplemented, refused = CODES
    result = reception.receive(desk.db, desk.context, form(desk, received), online_code=received)
    assert result.dossier_code == received  # the portal's code is kept
    n_docs = len(form(desk, supplemented).checks)
    notice = reception.issue_supplement(desk.db, desk.context, form(
        desk, supplemented, [DocumentDecision.PROVIDED] * (n_docs - 1) + [DocumentDecision.MISSING]),
        online_code=supplemented)
    reception.refuse(desk.db, desk.context, form(desk, refused), "Hồ sơ không thuộc thẩm quyền của xã.",
                     online_code=refused)
    assert online.queue(desk.db) == []
    assert [i.status_text for i in online.decided(desk.db)] == [
        "Đã từ chối — chờ đồng bộ", "Đã yêu cầu bổ sung — chờ đồng bộ", "Đã tiếp nhận — chờ đồng bộ"]
    with pytest.raises(Exception, match="đã được xử lý"):
        reception.refuse(desk.db, desk.context, _any_form(desk), "Lý do khác nữa", online_code=refused)
    with desk.db.read() as s:
        dossier = s.execute(select(Dossier).where(Dossier.code == received)).scalar_one()
        assert (dossier.channel, dossier.origin, dossier.submitted_at) == ("online", "online",
                                                                          datetime(2026, 11, 24, 7, 30))

    # The other desk, offline too, receives the one already received here: set aside at the central.
    reception.receive(other.db, other.context, form(other, received), online_code=received)
    sync.sync_once()
    report = sync_other.sync_once()
    assert report.pushed == 1
    with central_db.read() as s:
        states = dict(s.execute(select(OnlineDossier.code, OnlineDossier.state)).tuples().all())
        assert states == {received: "received", supplemented: "supplement", refused: "refused"}
        central_dossier = s.execute(select(CentralDossier).where(CentralDossier.code == received)).scalar_one()
        assert (central_dossier.channel, central_dossier.desk_number) == ("online", 1)
        queued = {r.dossier_code: json.loads(r.record) for r in s.execute(select(PortalDelivery)).scalars()}
    from central.models import QuarantinedEvent

    with central_db.read() as s:
        held = s.execute(select(QuarantinedEvent)).scalars().all()
    assert len(held) == 1 and "đã được quầy số 1 xử lý" in held[0].reason

    # The central confirms: the deciding desk sees it, the other desk's queue is empty.
    sync.sync_once()
    sync_other.sync_once()
    assert [i.status_text for i in online.decided(desk.db)] == [
        "Đã từ chối — trung tâm đã xác nhận", "Đã yêu cầu bổ sung — trung tâm đã xác nhận",
        "Đã tiếp nhận — trung tâm đã xác nhận"]
    assert online.queue(other.db) == []

    # The portal gets each decision: received (2, online channel), supplement (5) with what is missing, refused (3).
    for record in queued.values():
        portal_schema.validate(record)
    assert (queued[received]["TrangThaiHoSo"], queued[received]["KenhThucHien"]) == (2, 3)
    assert queued[received]["NgayNopHoSo"] == "20261124073000" and queued[received]["MaHoSo"] == received
    assert queued[supplemented]["TrangThaiHoSo"] == 5 and "Chưa nộp bản chụp" in queued[supplemented]["GhiChu"]
    assert queued[supplemented]["NgayTiepNhan"] is None
    assert (queued[refused]["TrangThaiHoSo"], queued[refused]["GhiChu"]) == (3, "Hồ sơ không thuộc thẩm quyền của xã.")
    with central_db.read() as s:  # and the record of a dossier still waiting (status 1) passes as well
        row = s.execute(select(OnlineDossier).where(OnlineDossier.code == received)).scalar_one()
        portal_schema.validate(records.national_record(json.loads(row.record) | {"TrangThaiHoSo": 1}))

    # Counters split by channel, at the central.
    counters = json.loads(run_central_cli(central.database_url, "counters").stdout)
    assert counters["total"]["received_by_channel"] == {"direct": 0, "post": 0, "online": 1}
    assert counters["total"]["online_waiting"] == 0

    # The applicant supplements on the portal: the dossier comes back, and the same intake continues.
    back = write_export(tmp_path / "export2", (supplemented,), submitted="20261125080000")
    assert central_db.run_write(lambda s: central_online.import_file(s, back))["returned"] == 1
    sync.sync_once()
    (item,) = online.queue(desk.db)
    assert item.code == supplemented and item.notice_code == notice.notice_code
    assert item.status_text == "Chờ tiếp nhận (đã bổ sung)" and len(item.files) == 2
    done = reception.receive(desk.db, desk.context, form(desk, supplemented), notice_code=notice.notice_code,
                             online_code=supplemented)
    assert done.dossier_code == supplemented
    sync.sync_once()
    with central_db.read() as s:
        assert central_stats.counters(s)["total"]["received_by_channel"]["online"] == 2
    assert central.error_lines() == []


def _any_form(desk) -> IntakeForm:  # noqa: ANN001
    """A valid checklist of the same procedure (the online dossier itself can no longer be started)."""
    with desk.db.read() as s:
        case = catalog.get_detail(s, code="1.001193").cases[0]
    checks = tuple(DocumentCheck(d.id, DocumentDecision.PROVIDED, "", max(1, d.originals)) for d in case.documents)
    return IntakeForm(case.id, ApplicantInput(id_number="096185009999", name="Lê Văn Khác", address="ấp Tân Hưng, xã Tân Thành",
                                              date_of_birth=datetime(1985, 9, 5).date()), checks)


@pytest.fixture
def central_db_only(tmp_path):  # noqa: ANN001
    """The central's database with the unit's desk registered: what the import command needs."""
    from central import admin

    db = CentralDatabase(f"sqlite:///{tmp_path / 'central.sqlite'}")
    db.upgrade()
    with db.write() as s:
        admin.add_desk(s, UNIT, 1, unit_name="UBND xã Tân Thành")
    yield db
    db.dispose()


def test_a_bad_export_is_refused_whole(tmp_path, central_db_only):
    central_db = central_db_only
    export = write_export(tmp_path / "export")
    data = json.loads(export.read_text(encoding="utf-8"))
    data["HoSo"][2]["NgayNopHoSo"] = "2026-11-24"
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_central_cli(central_db.url, "online", "import", str(export))
    assert result.returncode == 1 and "HoSo.2.NgayNopHoSo" in result.stderr and "Traceback" not in result.stderr
    data["HoSo"][2]["NgayNopHoSo"] = "20261124073000"
    data["HoSo"][1]["TaiLieuNop"][0]["TepDinhKem"][0]["DuongDan"] = "../ngoai.pdf"
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Malformed, match="nằm ngoài thư mục"):
        central_db.run_write(lambda s: central_online.import_file(s, export))
    data["HoSo"][1]["TaiLieuNop"][0]["TepDinhKem"][0]["DuongDan"] = "tep/khong-co.pdf"
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Malformed, match="không đọc được tệp đính kèm «tep/khong-co.pdf»"):
        central_db.run_write(lambda s: central_online.import_file(s, export))
    data["HoSo"][1]["TaiLieuNop"][0]["TepDinhKem"] = []
    data["HoSo"][0]["DonViTiepNhan"]["MaDonVi"] = "000.00.77.H12"
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Malformed, match="000.00.77.H12 chưa có quầy nào"):
        central_db.run_write(lambda s: central_online.import_file(s, export))
    deep = tmp_path / "sau.json"
    deep.write_text('{"HoSo": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = run_central_cli(central_db.url, "online", "import", str(deep))
    assert result.returncode == 1 and "lồng nhau quá sâu" in result.stderr and "Traceback" not in result.stderr
    with central_db.read() as s:
        assert s.execute(select(OnlineDossier)).scalars().all() == []  # all or nothing
