"""The importer over the national procedure API's own shape, and Vietnamese money formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.services import catalog, catalog_format
from counter_app.services.errors import CatalogImportError

NATIONAL = Path(__file__).parent.parent / "data" / "catalog_national_api.json"


def _data() -> dict:
    return json.loads(NATIONAL.read_text(encoding="utf-8"))


def _write(tmp_path, data) -> Path:
    path = tmp_path / "api.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_national_api_shape_imports(empty_db):
    summary = catalog.import_file(empty_db, NATIONAL)
    assert summary.created == 4
    with empty_db.read() as s:
        extract = catalog.get_detail(s, code="2.000635")
        status = catalog.get_detail(s, code="1.004873")
        signature = catalog.get_detail(s, code="2.000884")
        big = catalog.get_detail(s, code="1.000000")
    # {"result": […]} wrapper, CAPTHUCHIEN as objects
    assert extract.levels == "Cấp Xã, Cấp Tỉnh"
    (case,) = extract.cases
    # "8.000" is eight thousand đồng, never eight; the direct channel's fee, not the online one
    assert case.fee_amount == 8000
    assert case.fee_text.startswith("8.000 đồng (Phí cấp bản sao trích lục")
    # same-day from the processing-time text, string counts read as numbers
    assert case.processing_unit == "Trong ngày" and case.processing_text == "Trong ngày"
    assert [(d.originals, d.certified_copies, d.mandatory) for d in case.documents] == [(1, 0, True), (0, 1, False)]
    # case names inside THANHPHANHOSO.TRUONGHOP and THOIGIAN.TRUONGHOP define the cases
    assert [(c.code, c.name) for c in status.cases] == [
        ("TH1", "Trường hợp thông thường"), ("TH2", "Trường hợp cần xác minh")]
    assert [c.processing_text for c in status.cases] == ["03 ngày làm việc", "13 ngày làm việc"]
    assert [len(c.documents) for c in status.cases] == [1, 2]
    assert [(c.fee_amount, c.fee_text) for c in status.cases] == [
        (0, "Miễn (Theo Nghị quyết HĐND tỉnh)"), (0, "Không")]
    # "Trong ngày" as the processing time itself; "10.000 đồng/trường hợp"
    assert signature.cases[0].processing_unit == "Trong ngày"
    assert signature.cases[0].fee_amount == 10000
    # every money format adds up exactly
    assert big.cases[0].fee_amount == 1_500_000 + 50_000 + 200_000 + 0


@pytest.mark.parametrize(("raw", "expected"), [
    ("8.000", 8000), ("8.000 đồng", 8000), ("8.000đ", 8000), ("8.000 VNĐ", 8000), ("8000", 8000),
    ("1.200.000 đồng", 1_200_000), ("8.000 đồng/bản", 8000), ("8.000,00", 8000), (8000, 8000), (8000.0, 8000),
    ("Không", 0), ("Miễn", 0), ("Miễn phí", 0), ("miễn lệ phí", 0), ("0", 0), (0, 0),
])
def test_money_formats(raw, expected):
    assert catalog_format._money(raw, "SOTIEN")[0] == expected


@pytest.mark.parametrize("raw", ["8,000", "8.5", "8.00", "0,5%", "Theo quy định", "", "-8.000", 8.5, True, None,
                                 "8.000 USD", [8000]])
def test_unreadable_money_is_refused_with_the_json_path(empty_db, tmp_path, raw):
    data = _data()
    data["result"][0]["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["PHILEPHI"][0]["SOTIEN"] = raw
    with pytest.raises(CatalogImportError) as err:
        catalog.import_file(empty_db, _write(tmp_path, data))
    assert ("Bản ghi thứ 1 (MATTHC 2.000635): trường CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN"
            in err.value.message)
    assert err.value.field == "CACHTHUCTHUCHIEN[0].THOIGIAN[0].PHILEPHI[0].SOTIEN"


@pytest.mark.parametrize(("mutate", "path"), [
    (lambda d: d["result"][1]["CAPTHUCHIEN"].__setitem__(0, {"MACAPTHUCHIEN": "3"}), "CAPTHUCHIEN[0]"),
    (lambda d: d["result"][1]["CAPTHUCHIEN"].__setitem__(0, {"TENCAPTHUCHIEN": "Cấp Bộ"}), "CAPTHUCHIEN[0]"),
    (lambda d: d["result"][2]["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0].update(THOIGIANGIAIQUYET="vài ngày"),
     "CACHTHUCTHUCHIEN[0].THOIGIAN[0].DONVITINH"),
    (lambda d: d["result"][1]["THANHPHANHOSO"][0]["GIAYTO"][0].update(SOBANCHINH="một"),
     "THANHPHANHOSO[0].GIAYTO[0].SOBANCHINH"),
])
def test_other_unreadable_fields_name_their_path(empty_db, tmp_path, mutate, path):
    data = _data()
    mutate(data)
    with pytest.raises(CatalogImportError) as err:
        catalog.import_file(empty_db, _write(tmp_path, data))
    assert f"trường {path}" in err.value.message


def test_wrapper_without_a_list_is_refused(tmp_path, empty_db):
    with pytest.raises(CatalogImportError, match="danh sách thủ tục"):
        catalog.import_file(empty_db, _write(tmp_path, {"result": {"total": 0}}))
    assert catalog.import_file(empty_db, _write(tmp_path, {"result": {"data": _data()["result"][:1]}})).created == 1


def test_the_bundled_catalog_imports_and_marks_same_day_procedures(empty_db):
    catalog.import_file(empty_db, catalog.BUNDLED_CATALOG)
    with empty_db.read() as s:
        birth = catalog.get_detail(s, code="1.001193")
    assert birth.cases[0].processing_unit == "Trong ngày"


def test_every_text_the_importer_reads_keeps_the_shared_field_limits(empty_db, tmp_path):
    """counter_app/domain/fields.py is the one source of the limits: a case named (not coded) in
    THANHPHANHOSO.TRUONGHOP may be as long as a case name, a field without MALINHVUC gets a code
    within the code's limit, and a level or an estimate mark with a control character is refused."""
    from counter_app.domain import fields

    data = _data()
    status = data["result"][1]  # 1.004873: its cases are named inside THANHPHANHOSO / THOIGIAN
    long_name = "Trường hợp " + "cần xác minh thêm thông tin tại nơi cư trú trước đây của người yêu cầu " * 3
    long_name = long_name.strip()
    assert fields.CASE_CODE.max_length < len(long_name) <= fields.CASE_NAME.max_length
    old = "Trường hợp cần xác minh"
    text = json.dumps(status, ensure_ascii=False).replace(f'"{old}"', json.dumps(long_name, ensure_ascii=False))
    data["result"][1] = json.loads(text)
    data["result"][1]["LINHVUCTHUCHIEN"] = [{"TENLINHVUC": "Lĩnh vực " + "chứng thực và hộ tịch có yếu tố nước ngoài "
                                                           * 3}]
    catalog.import_file(empty_db, _write(tmp_path, data))
    with empty_db.read() as s:
        detail = catalog.get_detail(s, code="1.004873")
        assert [c.name for c in detail.cases] == ["Trường hợp thông thường", long_name]
        from counter_app.models import Field

        codes = [f.code for f in s.query(Field).all()]
    assert all(len(code) <= fields.FIELD_CODE.max_length for code in codes)

    too_long = _data()
    too_long["result"][1]["THANHPHANHOSO"][0]["TRUONGHOP"] = "x" * (fields.CASE_NAME.max_length + 1)
    with pytest.raises(CatalogImportError, match="THANHPHANHOSO\\[0\\].TRUONGHOP dài 1.001 ký tự, tối đa 1.000"):
        catalog.import_file(empty_db, _write(tmp_path, too_long))
    bad_level = _data()
    bad_level["result"][1]["CAPTHUCHIEN"] = ["Cấp\x00Xã"]
    with pytest.raises(CatalogImportError, match=r"CAPTHUCHIEN\[0\] chứa ký tự điều khiển"):
        catalog.import_file(empty_db, _write(tmp_path, bad_level))
    bad_mark = _data()
    bad_mark["result"][0]["UOCTINH"] = ["PHILEPHI\x07"]
    with pytest.raises(CatalogImportError, match=r"UOCTINH\[0\] chứa ký tự điều khiển"):
        catalog.import_file(empty_db, _write(tmp_path, bad_mark))
