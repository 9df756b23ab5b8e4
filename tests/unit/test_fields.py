"""One set of field limits (counter_app/domain/fields.py): the desk's forms, the catalog importer and
officer administration refuse exactly what the central's schemas refuse (issue #11)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from pydantic import ValidationError as PydanticError

from central.schemas import RecordIn, ResultIn
from counter_app.domain import fields
from counter_app.models import ApplicantKind, Role
from counter_app.services import applicants, catalog, officers
from counter_app.services.errors import CatalogImportError, ValidationError
from counter_app.services.officers import NewOfficer
from tests.conftest import SMALL_CATALOG

CITIZEN = applicants.ApplicantInput(ApplicantKind.CITIZEN, "096085001234", "Trần Văn Đức", date(1985, 9, 5),
                                    "ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", "0912345678", "duc@example.vn")


def test_clean_normalises_and_refuses_by_rule():
    decomposed = "Nguye\u0302\u0303n  Va\u0306n\tA\n"
    assert fields.clean(fields.APPLICANT_NAME, decomposed) == "Nguyễn Văn A"
    assert fields.clean(fields.NOTE, " dòng 1 \r\n\r\n\r\n\r\n  dòng\t2 ") == "dòng 1\n\ndòng 2"
    for bad in ("ấp 1\x00", "a\x07b", "a\ud800b"):
        with pytest.raises(fields.FieldError) as err:
            fields.clean(fields.ADDRESS, bad)
        assert "Địa chỉ chứa" in err.value.message
    assert fields.clean(fields.ADDRESS, "x" * 500) == "x" * 500
    with pytest.raises(fields.FieldError, match="Địa chỉ dài 501 ký tự, tối đa 500 ký tự"):
        fields.clean(fields.ADDRESS, "x" * 501)
    with pytest.raises(fields.FieldError, match="Hãy nhập loại giấy tờ kết quả"):
        fields.clean(fields.RESULT_TYPE, "   ")


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"address": "ấp Tân Hưng " + "x" * 500}, "address", "Địa chỉ dài 512 ký tự, tối đa 500"),
    ({"email": "a" * 250 + "@example.vn"}, "email", "Email dài 261 ký tự, tối đa 255"),
    ({"address": "ấp Tân Hưng\x00, Cà Mau"}, "address", "Địa chỉ chứa ký tự NUL"),
    ({"email": "duc@exam\x00ple.vn"}, "email", "Email chứa ký tự NUL"),
    ({"kind": ApplicantKind.BUSINESS, "id_number": "0312345678", "date_of_birth": None,
      "name": "Công ty TNHH\x00 Minh Thư"}, "name", "chứa ký tự NUL"),
    ({"kind": ApplicantKind.BUSINESS, "id_number": "0312345678", "date_of_birth": None,
      "name": "Công ty " * 40}, "name", "tối đa 255"),
])
def test_the_desk_refuses_under_the_field_what_the_central_would_refuse(change, field, message):
    data = replace(CITIZEN, **change)
    with pytest.raises(ValidationError) as err:
        applicants.validate(data, today=date(2026, 11, 25))
    assert err.value.field == field and message in err.value.message
    # … and the central's schema refuses the same value in the sync record.
    record = {"MaHoSo": "000.00.01.H12-261125-1001", "MaDonVi": "000.00.01.H12", "SoQuay": 1,
              "TrangThaiHoSo": 2, "NgayTiepNhan": "20261125080000",
              "ChuHoSo": data.name, "DiaChi": data.address, "Email": data.email}
    with pytest.raises(PydanticError):
        RecordIn.model_validate(record)


def test_what_the_desk_saves_the_central_accepts():
    clean = applicants.validate(replace(CITIZEN, address="  ấp Tân Hưng,\n xã Tân Thành " + "x" * 460),
                                today=date(2026, 11, 25))
    rec = RecordIn.model_validate({"MaHoSo": "000.00.01.H12-261125-1001", "MaDonVi": "000.00.01.H12",
                                   "SoQuay": 1, "TrangThaiHoSo": 2, "NgayTiepNhan": "20261125080000",
                                   "ChuHoSo": clean.name, "DiaChi": clean.address, "Email": clean.email})
    assert rec.DiaChi == clean.address
    with pytest.raises(PydanticError, match="Loại giấy tờ kết quả dài 256"):
        ResultIn.model_validate({"result_type": "x" * 256})


def test_officer_full_name_over_the_limit_is_refused(db):
    from counter_app.services import org

    admin = org.login(db, org.DEMO_USERNAME, org.DEMO_PASSWORD)
    with pytest.raises(ValidationError) as err:
        officers.create(db, admin, NewOfficer("vo.thi.hong", "Võ Thị Hồng " * 30, "matkhau123",
                                              frozenset({Role.RECEPTION})))
    assert err.value.field == "full_name" and "tối đa 255" in err.value.message
    with pytest.raises(ValidationError) as err:
        officers.create(db, admin, NewOfficer("vo.thi.hong", "Võ Thị\x00 Hồng", "matkhau123",
                                              frozenset({Role.RECEPTION})))
    assert err.value.field == "full_name" and "NUL" in err.value.message


def _catalog_with(tmp_path, mutate):  # noqa: ANN001, ANN202
    data = json.loads(SMALL_CATALOG.read_text(encoding="utf-8"))
    records = data["procedures"] if isinstance(data, dict) else data
    mutate(records[0])
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda r: r.update(TENTTHC="Đăng ký " * 140), "TENTTHC dài 1.119 ký tự, tối đa 1.000 ký tự"),
    (lambda r: r.update(MATTHC="1." + "0" * 40), "MATTHC dài 42 ký tự, tối đa 40 ký tự"),
    (lambda r: r.update(TENTTHC="Đăng ký\x00 khai sinh"), "TENTTHC chứa ký tự điều khiển"),
    (lambda r: r["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0].update(THOIGIANGIAIQUYET=1_000_000),
     "vượt mức tối đa 730"),
])
def test_catalog_import_refuses_values_over_the_limits(db, tmp_path, mutate, message):
    with pytest.raises(CatalogImportError) as err:
        catalog.import_file(db, _catalog_with(tmp_path, mutate))
    assert message in err.value.message
