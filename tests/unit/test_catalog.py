"""Catalog import (national JSON shape) and accent-insensitive search."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from counter_app.models import Procedure, ProcedureVersion, RequiredDocument
from counter_app.services import catalog
from counter_app.services.errors import CatalogImportError
from tests.conftest import SMALL_CATALOG


def _load() -> dict:
    return json.loads(SMALL_CATALOG.read_text(encoding="utf-8"))


def _write(tmp_path, data) -> str:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _counts(db) -> tuple[int, int]:
    with db.read() as s:
        return (s.execute(select(func.count()).select_from(Procedure)).scalar_one(),
                s.execute(select(func.count()).select_from(RequiredDocument)).scalar_one())


def test_import_reads_cases_times_fees_and_documents(db):
    with db.read() as s:
        birth = catalog.get_detail(s, code="1.001193")
        marriage = catalog.get_detail(s, code="1.000894")
        copy = catalog.get_detail(s, code="2.000908")
    assert birth.field_name == "Hộ tịch"
    (case,) = birth.cases
    assert case.processing_text == "01 ngày làm việc"  # the direct channel, not the online one
    assert [d.name for d in case.documents] == [
        "Tờ khai đăng ký khai sinh", "Giấy chứng sinh", "Văn bản ủy quyền"]
    proxy = case.documents[2]
    assert (proxy.mandatory, proxy.certified_copies, proxy.condition) == (False, 1, "Khi người khác nộp thay")
    assert "Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014" in birth.legal_basis
    assert [c.name for c in marriage.cases] == ["Hai bên cư trú trong nước", "Cần xác minh điều kiện kết hôn"]
    assert [len(c.documents) for c in marriage.cases] == [1, 2]  # shared group + the case's own
    assert marriage.cases[1].processing_text == "05 ngày làm việc"
    assert copy.cases[0].processing_text == "04 giờ làm việc"
    assert copy.cases[0].fee_amount == 2000 and copy.levels == "Cấp Xã, Cấp Tỉnh"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["procedures"][1].pop("TENTTHC"), "Bản ghi thứ 2 (MATTHC 2.000908): trường TENTTHC"),
        (lambda d: d["procedures"][0]["THANHPHANHOSO"][0]["GIAYTO"][1].update(SOBANCHINH="hai"),
         "MATTHC 1.001193): trường THANHPHANHOSO[0].GIAYTO[1].SOBANCHINH"),
        (lambda d: d["procedures"][2]["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0].update(DONVITINH="Tuần"),
         "MATTHC 1.000894): trường CACHTHUCTHUCHIEN[0].THOIGIAN[0].DONVITINH «Tuần»"),
        (lambda d: d["procedures"][2]["THANHPHANHOSO"][1].update(TRUONGHOP="ZZ"),
         "trường THANHPHANHOSO[1].TRUONGHOP trường hợp «ZZ» không có"),
        (lambda d: d["procedures"][2].update(MATTHC="1.001193"), "Bản ghi thứ 3 (MATTHC 1.001193): mã thủ tục trùng"),
        (lambda d: d["procedures"][0].update(CAPTHUCHIEN=[]), "trường CAPTHUCHIEN không được để trống"),
        (lambda d: d["procedures"][1]["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0].update(THOIGIANGIAIQUYET=-1),
         "THOIGIANGIAIQUYET phải là số không âm"),
    ],
)
def test_bad_file_is_rejected_whole_naming_record_and_field(db, tmp_path, mutate, expected):
    data = _load()
    data["procedures"][0]["TENTTHC"] = "Tên đã đổi"  # a valid change that must not land either
    mutate(data)
    before = _counts(db)
    with pytest.raises(CatalogImportError) as err:
        catalog.import_file(db, _write(tmp_path, data))
    assert expected in err.value.message
    assert _counts(db) == before
    with db.read() as s:
        assert catalog.get_detail(s, code="1.001193").name == "Thủ tục đăng ký khai sinh"


@pytest.mark.parametrize("content", ["{not json", "[]", '{"procedures": 5}', "\xff\xfe"])
def test_unreadable_files_get_a_clear_message(db, tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content.encode("latin-1"))
    with pytest.raises(CatalogImportError) as err:
        catalog.import_file(db, path)
    assert err.value.message  # Vietnamese sentence, no traceback
    assert _counts(db)[0] == 3


def test_reimport_updates_in_place_and_keeps_history(db, tmp_path):
    data = _load()
    data["procedures"][0]["TENTTHC"] = "Thủ tục đăng ký khai sinh (sửa đổi)"
    data["procedures"][0]["THANHPHANHOSO"][0]["GIAYTO"].pop(1)  # "Giấy chứng sinh" dropped
    summary = catalog.import_file(db, _write(tmp_path, data))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    with db.read() as s:
        detail = catalog.get_detail(s, code="1.001193")
        versions = s.execute(select(ProcedureVersion.version, ProcedureVersion.raw_json)
                             .join(Procedure).where(Procedure.code == "1.001193")
                             .order_by(ProcedureVersion.version)).all()
        procedure_count = s.execute(select(func.count()).select_from(Procedure)).scalar_one()
    assert detail.name == "Thủ tục đăng ký khai sinh (sửa đổi)" and detail.version == 2
    assert [d.name for d in detail.cases[0].documents] == ["Tờ khai đăng ký khai sinh", "Văn bản ủy quyền"]
    assert [v for v, _ in versions] == [1, 2]
    assert "Giấy chứng sinh" in versions[0][1] and "Giấy chứng sinh" not in versions[1][1]
    assert procedure_count == 3


@pytest.mark.parametrize(
    ("query", "first_code"),
    [
        ("dang ky khai sinh", "1.001193"),
        ("Khai sinh", "1.001193"),
        ("KHAI SINH", "1.001193"),
        ("đăng ký kết hôn", "1.000894"),
        ("ket hon", "1.000894"),
        ("1.001193", "1.001193"),
        ("1.0011", "1.001193"),
        ("2.000", "2.000908"),
        ("chung thuc ban sao", "2.000908"),
        ("ban sao chung thuc", "2.000908"),  # word order does not matter
    ],
)
def test_search_is_accent_and_case_insensitive_and_matches_codes(db, query, first_code):
    with db.read() as s:
        hits = catalog.search(s, query)
    assert hits and hits[0].code == first_code


@pytest.mark.parametrize(
    ("query", "first_code"),
    [
        ("dang ki khai sinh", "1.001193"),  # i for y
        ("Đăng kí kết hôn", "1.000894"),
        ("dang ky khai sinnh", "1.001193"),  # one letter too many
        ("dang ky khia sinh", "1.001193"),  # two letters swapped
        ("chung thuk ban sao", "2.000908"),  # one letter wrong
        ("chng thuc ban sao", "2.000908"),  # one letter missing
    ],
)
def test_search_tolerates_i_for_y_and_one_typo(db, query, first_code):
    with db.read() as s:
        hits = catalog.search(s, query)
    assert hits and hits[0].code == first_code, (query, hits)


def test_a_typo_needs_a_word_long_enough_and_one_letter_only(db):
    with db.read() as s:
        assert catalog.search(s, "khai sxnnh") == []  # two letters off
        assert catalog.search(s, "kat hon") == []  # short words are matched as typed
        assert catalog.search(s, "ket hon")[0].code == "1.000894"


def test_search_finds_nothing_for_unrelated_text_and_escapes_wildcards(db):
    with db.read() as s:
        assert catalog.search(s, "giay phep lai xe") == []
        assert catalog.search(s, "%") == []
        assert catalog.search(s, "_") == []
        assert len(catalog.search(s, "")) == 3


def test_bundled_catalog_is_valid_and_large_enough():
    records = catalog.load_catalog_file(catalog.BUNDLED_CATALOG)
    assert len(records) >= 40
    # issue 16: at least 100 commune-level procedures, none of the police's residence procedures
    assert sum("Cấp Xã" in r.levels for r in records) >= 100
    assert not {"1.004222", "1.004194", "1.003197", "1.010041"} & {r.code for r in records}
    sources = (catalog.BUNDLED_CATALOG.parent / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"| {r.code} |" in sources for r in records)  # every entry has its source row
    estimated = [r for r in records if '"UOCTINH"' in r.raw_json]
    assert estimated and all("ƯỚC TÍNH" in sources.split(f"| {r.code} |", 1)[1].split("\n", 1)[0] for r in estimated)
    fields = {r.field_name for r in records}
    assert {"Hộ tịch", "Chứng thực"} <= fields
    assert all(r.source for r in records)
    codes = [r.code for r in records]
    assert len(codes) == len(set(codes))
