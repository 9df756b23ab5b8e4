"""The national record of each status 1–10 against the strict schema, and what the schema refuses."""

from __future__ import annotations

import copy
from datetime import datetime

import pytest

from central import portal_schema
from counter_app.domain import records
from tests.helpers import make_dossier

RESULT = [{"TenGiayTo": "Giấy khai sinh", "SoKyHieu": "125/2026", "TrichYeu": ""}]


@pytest.fixture
def sync_record(db) -> dict:  # noqa: ANN001
    with db.write() as s:
        return records.dossier_record(make_dossier(s, received_at=datetime(2026, 11, 24, 8, 0)))


def _at(sync: dict, status: int) -> dict:
    """The sync record as the central sees it at ``status`` (what it owns laid over the desk's)."""
    view = copy.deepcopy(sync) | {"TrangThaiHoSo": status}
    if status in (1, 3, 7):
        # An online dossier before reception: the portal's code and submission, no desk receipt.
        view |= {"KenhThucHien": "online", "NguonHoSo": "online", "NgayNopHoSo": "20261124073000",
                 "NgayHenTra": None, "CanBoTiepNhan": ""}
        view.pop("NgayTiepNhan")
    if status == 3:
        view["LyDo"] = "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan."
    if status in (5, 6):
        view["NgayHenTra"] = None  # the clock is stopped
    if status in (9, 10):
        view["DanhSachGiayToKetQua"] = RESULT
        view["NgayCoKetQua"] = "20261126100000"
    if status == 10:
        view["NgayTraKetQua"] = "20261127090000"
    return view


@pytest.mark.parametrize("status", range(1, 11))
def test_each_status_maps_to_a_record_the_schema_accepts(sync_record, status):
    record = records.national_record(_at(sync_record, status))
    parsed = portal_schema.validate(record)
    assert parsed.TrangThaiHoSo == status
    assert parsed.KenhThucHien == (3 if status in (1, 3, 7) else 1)
    assert (parsed.NgayTiepNhan is None) == (status in (1, 3, 7))
    assert (parsed.NgayTra is not None) == (status == 10)
    assert parsed.DinhDanhCHS[0].LoaiDinhDanh == records.ID_CCCD
    assert parsed.TaiLieuNop == [] and parsed.DonViTiepNhan.MaDonVi == sync_record["MaDonVi"]


def _problem(record: dict) -> str:
    with pytest.raises(ValueError) as err:
        portal_schema.validate(record)
    return str(err.value)


@pytest.mark.parametrize(("change", "expected"), [
    ({"NgayTiepNhan": "2026112408"}, "NgayTiepNhan"),
    ({"NgayTiepNhan": "20261324080000"}, "không phải thời điểm hợp lệ"),
    ({"NgayTra": "20261127090000"}, "NgayTra chỉ có khi TrangThaiHoSo = 10"),
    ({"KenhThucHien": 0}, "KenhThucHien"),
    ({"KenhThucHien": "1"}, "KenhThucHien"),  # strict: a number, not a numeric string
    ({"LoaiDoiTuong": 5}, "LoaiDoiTuong"),
    ({"TrangThaiHoSo": 11}, "TrangThaiHoSo"),
    ({"DinhDanhCHS": [{"LoaiDinhDanh": 1, "SoDinhDanh": "09618500123"}]}, "12 chữ số"),
    ({"DinhDanhCHS": []}, "DinhDanhCHS"),
    ({"SoGiayToChuHoSo": "012345678901"}, "SoGiayToChuHoSo phải là một trong"),
    ({"MaHoSo": "000.00.01.h12-261124-1001"}, "MaHoSo"),
    ({"NgayHenTra": None}, "NgayHenTra bắt buộc khi TrangThaiHoSo = 2"),
    ({"NgayHenTra": "20261120080000"}, "NgayHenTra trước NgayTiepNhan"),
    ({"ChuHoSo": "Trần\x00Văn"}, "ký tự NUL"),
    ({"MaTTHC": ""}, "MaTTHC"),
    ({"Extra": 1}, "Extra"),
    ({"TaiLieuNop": [{"TenTaiLieu": "Tờ khai", "DuocSoHoa": False}]}, "DuocTaiSuDung"),
    ({"TaiLieuNop": [{"TenTaiLieu": "Tờ khai", "DuocSoHoa": "no", "DuocTaiSuDung": False}]}, "DuocSoHoa"),
    ({"DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "SoTien": 8000.5}]}, "SoTien"),
    ({"QuaTrinhXuLy": [{"ThuTu": 1, "TuDonVi": "A", "DenDonVi": "B", "ThoiDiem": "2026"}]}, "ThoiDiem"),
])
def test_the_schema_is_strict(sync_record, change, expected):
    record = records.national_record(_at(sync_record, 2)) | change
    assert expected in _problem(record)


def test_a_result_is_required_once_processed(sync_record):
    record = records.national_record(_at(sync_record, 9)) | {"DanhSachGiayToKetQua": []}
    assert "DanhSachGiayToKetQua bắt buộc khi TrangThaiHoSo = 9" in _problem(record)


def test_refusal_needs_its_reason(sync_record):
    record = records.national_record(_at(sync_record, 3)) | {"GhiChu": ""}
    assert "GhiChu bắt buộc khi TrangThaiHoSo = 3" in _problem(record)


@pytest.mark.parametrize(("kind", "number", "expected"), [
    ("citizen", "096185001234", records.ID_CCCD), ("citizen", "361234567", records.ID_CMND),
    ("citizen", "C1234567", records.ID_PASSPORT), ("citizen", "B12345678", records.ID_PASSPORT),
    ("business", "0312345678", records.ID_TAX), ("organisation", "QHNS-1234", records.ID_ORGANISATION),
    ("citizen", "ABC", records.ID_OTHER),
])
def test_identification_type_from_kind_and_number(kind, number, expected):
    assert records.id_type(kind, number) == expected


def test_documents_carry_their_digitised_and_reused_flags(db, desk_context, tmp_path):
    """TaiLieuNop from issue #13's attachments: a paper reused from an earlier dossier of the applicant
    is digitised and reused, with its file by content; the others are neither."""
    import json
    from dataclasses import replace

    from sqlalchemy import select

    from counter_app.models import OutboxEvent
    from counter_app.services import attachments, catalog, reception
    from tests.unit.test_attachments import pdf_bytes
    from tests.unit.test_reception import NA, WHEN, P, birth_form

    first = reception.receive(db, desk_context, birth_form(db, [P, P, NA]), now=WHEN)
    pdf = tmp_path / "chung-sinh.pdf"
    pdf.write_bytes(pdf_bytes())
    attachments.attach(db, desk_context, first.dossier_code, [pdf], document="Giấy chứng sinh")
    offer = attachments.reusable(db, "096185001234")[0]
    with db.read() as s:
        docs = [d.id for d in catalog.get_detail(s, code="1.001193").cases[0].documents]
    second = reception.receive(db, desk_context, replace(birth_form(db, [P, P, NA]),
                                                         reuse=((docs[1], offer.attachment_id),)),
                               now=WHEN.replace(day=26))
    with db.read() as s:
        payload = json.loads(s.execute(select(OutboxEvent.payload).where(
            OutboxEvent.entity_key == second.dossier_code, OutboxEvent.kind == "dossier.received")).scalar_one())
    documents = payload["record"]["TaiLieuNop"]
    assert [(d["DuocSoHoa"], d["DuocTaiSuDung"]) for d in documents] == [(False, False), (True, True)]
    assert documents[1]["TepDinhKem"][0]["DuongDan"].startswith("sha256:")
    portal_schema.validate(records.national_record(payload["record"]))
