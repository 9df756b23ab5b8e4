"""The forms as officials print them: each form rendered from the database and read back, for a
citizen, a business and a proxy submitter; the processing-stage notice at desk and central."""

from __future__ import annotations

from datetime import date, datetime

import pypdf
import pytest
from sqlalchemy import select

from counter_app.models import ApplicantKind, DocumentDecision, Dossier, DossierStatus, Intake
from counter_app.services import catalog, documents, processing, reception, return_documents, settings
from counter_app.services.applicants import ApplicantInput, SubmitterInput
from counter_app.services.errors import ValidationError
from counter_app.services.reception import DocumentCheck, IntakeForm

WHEN = datetime(2026, 11, 25, 9, 15)
CITIZEN = ApplicantInput(id_number="096185001234", name="Nguyễn Thị Ánh Tuyết", date_of_birth=date(1985, 9, 5),
                         address="ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", phone="0912 345 678")
BUSINESS = ApplicantInput(kind=ApplicantKind.BUSINESS, id_number="2000123456", name="Hộ kinh doanh Tạp hóa Minh Phát",
                          address="ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", phone="0912 345 679")
PROXY = SubmitterInput(name="Lê Văn Tám", id_number="096090001111", phone="0987 654 321")


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def _receive(db, ctx, applicant, submitter=SubmitterInput(), code="2.000908"):  # noqa: ANN001, ANN202, B008 - immutable
    import inspect

    with db.read() as s:
        case = catalog.get_detail(s, code=code).cases[0]
    checks = tuple(DocumentCheck(d.id, DocumentDecision.PROVIDED, "", d.originals, d.certified_copies,
                                 d.photocopies) for d in case.documents)
    form = IntakeForm(case.id, applicant, checks, submitter=submitter)
    kwargs = {"now": WHEN}
    if "print_slip" in inspect.signature(reception.receive).parameters:
        kwargs["print_slip"] = False
    return reception.receive(db, ctx, form, **kwargs).dossier_code


def test_header_lines_default_for_a_commune_and_are_unit_settings(db, desk_context, tmp_path):
    code = _receive(db, desk_context, CITIZEN)
    text = text_of(documents.write_receipt(db, code, tmp_path / "a.pdf"))
    # the demo unit is "Trung tâm Phục vụ hành chính công xã Tân Thành", a commune centre
    assert "ỦY BAN NHÂN DÂN XÃ TÂN THÀNH" in text and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" not in text and "ỦY BAN NHÂN DÂN TỈNH" not in text
    with db.write() as s:
        documents.set_header_lines(s, "Ủy ban nhân dân phường An Xuyên", "Bộ phận tiếp nhận và trả kết quả")
    text = text_of(documents.write_receipt(db, code, tmp_path / "b.pdf"))
    assert "ỦY BAN NHÂN DÂN PHƯỜNG AN XUYÊN" in text and "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert "TRUNG TÂM PHỤC VỤ" not in text


def test_province_centre_header_default():
    from counter_app.models import Unit, UnitLevel

    unit = Unit(agency_code="000.00.00.H12", name="Trung tâm Phục vụ hành chính công tỉnh Cà Mau",
                parent_name="Ủy ban nhân dân tỉnh Cà Mau", level=UnitLevel.PROVINCE.value)
    assert documents.default_header(unit) == ("Ủy ban nhân dân tỉnh Cà Mau", "Trung tâm Phục vụ hành chính công")


def test_form_01_for_a_citizen(db, desk_context, tmp_path):
    code = _receive(db, desk_context, CITIZEN)
    text = text_of(documents.write_receipt(db, code, tmp_path / "r.pdf"))
    for expected in ("Số: 1/TNHS", "Ông/Bà: Nguyễn Thị Ánh Tuyết", "Số định danh cá nhân/CCCD: 096185001234",
                     "6. Đăng ký nhận kết quả tại", "Phí, lệ phí: 2.000 đồng", "NGƯỜI NỘP HỒ SƠ"):
        assert expected in text, expected
    assert "Nơi nhận kết quả" not in text and "nộp thay" not in text
    # the owner signs as the submitter
    assert text.count("Nguyễn Thị Ánh Tuyết") >= 4  # name line and signature, on both copies


def test_form_01_for_a_business_has_its_own_labels(db, desk_context, tmp_path):
    code = _receive(db, desk_context, BUSINESS, PROXY)
    text = text_of(documents.write_receipt(db, code, tmp_path / "r.pdf"))
    assert "Tên doanh nghiệp/hộ kinh doanh: Hộ kinh doanh Tạp hóa Minh Phát" in text
    assert "Mã số thuế/Mã số doanh nghiệp, hộ kinh doanh: 2000123456" in text
    assert "Ông/Bà: Hộ kinh doanh" not in text and "Số định danh cá nhân/CCCD: 2000123456" not in text


def test_form_01_prints_the_proxy_who_submitted(db, desk_context, tmp_path):
    code = _receive(db, desk_context, CITIZEN, PROXY)
    text = text_of(documents.write_receipt(db, code, tmp_path / "r.pdf"))
    assert "Người nộp hồ sơ (nộp thay): Lê Văn Tám" in text
    assert "096090001111" in text and "0987 654 321".replace(" ", "") in text.replace(" ", "")
    # the proxy signs the "NGƯỜI NỘP HỒ SƠ" block, not the owner
    sign = text.split("NGƯỜI NỘP HỒ SƠ", 1)[1]
    assert "Lê Văn Tám" in sign.split("Liên 2")[0] if "Liên 2" in sign else "Lê Văn Tám" in sign


def test_form_03_refusal_has_its_number(db, desk_context, tmp_path):
    with db.read() as s:
        case = catalog.get_detail(s, code="2.000908").cases[0]
    checks = tuple(DocumentCheck(d.id, DocumentDecision.PROVIDED, "", d.originals) for d in case.documents)
    result = reception.refuse(db, desk_context, IntakeForm(case.id, BUSINESS, checks, submitter=PROXY),
                              "Thủ tục không thuộc thẩm quyền của xã", now=WHEN)
    with db.read() as s:
        intake = s.execute(select(Intake).order_by(Intake.id.desc()).limit(1)).scalar_one()
    path = getattr(result, "pdf_path", None) or documents.write_refusal(db, intake.id, tmp_path / "tc.pdf")
    text = text_of(path)
    assert "Số: 1/TCHS" in text and "Tên doanh nghiệp/hộ kinh doanh" in text


def test_processing_stage_notice_recorded_and_printed_at_the_desk(db, desk_context, tmp_path):
    code = _receive(db, desk_context, CITIZEN, code="1.000894")
    result = processing.request_supplement(
        db, desk_context, code, "Phòng Văn hóa - Xã hội", [("Giấy xác nhận tình trạng hôn nhân", "Đã hết hạn")],
        now=datetime(2026, 11, 25, 14, 0))
    with db.read() as s:
        dossier = s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
        assert (dossier.status, dossier.due_at) == (DossierStatus.SUPPLEMENT_REQUESTED, None)
    text = text_of(result.pdf_path)
    for expected in ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Phòng Văn hóa - Xã hội",
                     "Giấy xác nhận tình trạng hôn nhân", "Đã hết hạn", "mỗi cơ quan chỉ yêu cầu một lần",
                     "dichvucong.gov.vn", "1.000894"):
        assert expected in text, expected
    # the same agency cannot ask twice, with the central's own message
    due = processing.supplement_received(db, desk_context, code, now=datetime(2026, 11, 26, 8, 0))
    assert due == datetime(2026, 11, 27, 8, 0)  # the full working day (8 h) again from the complete dossier
    with pytest.raises(ValidationError, match="mỗi cơ quan chỉ được yêu cầu bổ sung một lần"):
        processing.request_supplement(db, desk_context, code, "phòng văn hóa -  xã hội", [("Tờ khai", "Sai")])
    # another agency may
    processing.request_supplement(db, desk_context, code, "Công an xã", [("Tờ khai", "Thiếu chữ ký")],
                                  print_notice=False)


def test_a_desk_with_a_central_leaves_processing_requests_to_it(db, desk_context):
    code = _receive(db, desk_context, CITIZEN)
    with db.write() as s:
        settings.put(s, "sync.central_url", "http://127.0.0.1:1")
    with pytest.raises(ValidationError, match="hệ thống trung tâm"):
        processing.request_supplement(db, desk_context, code, "Phòng Tư pháp", [("Tờ khai", "Sai")])


def test_form_06_blank_at_receipt_and_filled_later(db, desk_context, tmp_path):
    code = _receive(db, desk_context, CITIZEN, PROXY, code="1.001193")
    blank = text_of(return_documents.write_control_slip(db, code, tmp_path / "blank.pdf", blank=True))
    for expected in ("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Kèm theo hồ sơ của: Nguyễn Thị Ánh Tuyết",
                     "Cơ quan phối hợp giải quyết", "Người giao (ký)", "Người nhận (ký)",
                     "Cơ quan (bộ phận) giải quyết hồ sơ: Ủy ban nhân dân cấp xã"):
        assert expected in blank, expected
    assert blank.count("Người giao (ký)") == return_documents.BLANK_ROWS_AT_RECEIPT
    processing.request_supplement(db, desk_context, code, "Phòng Văn hóa - Xã hội", [("Tờ khai", "Thiếu")],
                                  now=datetime(2026, 11, 25, 14, 0), print_notice=False)
    filled = text_of(return_documents.write_control_slip(db, code, tmp_path / "filled.pdf"))
    assert "Phòng Văn hóa - Xã hội" in filled and "Yêu cầu bổ sung\nhồ sơ: Tờ khai" in filled


def test_processing_stage_notice_prints_at_the_central(tmp_path):
    from central.backoffice import Step, move, supplement_notice_data
    from central.db import CentralDatabase
    from central.models import Dossier as CentralDossier
    from central.models import Unit as CentralUnit
    from counter_app.printing.supplement import render_supplement_notice

    cdb = CentralDatabase(f"sqlite:///{tmp_path / 'central.sqlite'}")
    cdb.upgrade()
    with cdb.write() as s:
        s.add(CentralUnit(code="000.00.01.H12", name="UBND xã Tân Thành"))
        s.add(CentralDossier(code="000.00.01.H12-261125-1001", unit_code="000.00.01.H12", desk_number=1,
                             procedure_code="1.000894", procedure_name="Thủ tục đăng ký kết hôn",
                             applicant_name="Nguyễn Thị Ánh Tuyết", applicant_kind="citizen", id_number="096185001234",
                             received_at=WHEN, due_at=datetime(2026, 11, 26, 9, 15), status=2,
                             status_changed_at=WHEN))
    code = "000.00.01.H12-261125-1001"
    with cdb.write() as s:
        move(s, code, Step("process", "Phòng Văn hóa - Xã hội", "Lê Văn Hùng"), now=datetime(2026, 11, 25, 10))
    with cdb.write() as s:
        move(s, code, Step("supplement", "Phòng Văn hóa - Xã hội", "Lê Văn Hùng",
                           items=[{"name": "Giấy xác nhận tình trạng hôn nhân", "reason": "Đã hết hạn"}]),
             now=datetime(2026, 11, 25, 14))
    with cdb.read() as s:
        data = supplement_notice_data(s, code)
    render_supplement_notice(data, tmp_path / "central-02.pdf")
    text = text_of(tmp_path / "central-02.pdf")
    for expected in ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "PHÒNG VĂN HÓA - XÃ HỘI", "Nguyễn Thị Ánh Tuyết",
                     "Giấy xác nhận tình trạng hôn nhân", "Đã hết hạn", "dichvucong.gov.vn", "Lê Văn Hùng"):
        assert expected in text, expected
    # the once-per-agency rule, with the desk's message
    from central.errors import SupplementOnce

    with pytest.raises(SupplementOnce, match="mỗi cơ quan chỉ được yêu cầu bổ sung một lần"):
        with cdb.write() as s:
            move(s, code, Step("process", "Phòng Văn hóa - Xã hội", "Lê Văn Hùng"), now=datetime(2026, 11, 26, 8))
            move(s, code, Step("supplement", "phòng văn hóa - xã hội", "Lê Văn Hùng",
                               items=[{"name": "Tờ khai", "reason": "Sai"}]), now=datetime(2026, 11, 26, 9))
    cdb.dispose()


def test_forms_01_to_06_print_on_a5_where_the_office_prints_a5(db, desk_context, tmp_path):
    from reportlab.lib.pagesizes import A5

    code = _receive(db, desk_context, CITIZEN, PROXY)
    with db.write() as s:
        documents.set_paper(s, "a5")
    receipt = pypdf.PdfReader(str(documents.write_receipt(db, code, tmp_path / "a5.pdf")))
    slip = pypdf.PdfReader(str(return_documents.write_control_slip(db, code, tmp_path / "06.pdf", blank=True)))
    for reader in (receipt, slip):
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (round(A5[0]), round(A5[1]))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in receipt.pages[0].extract_text()
    with pytest.raises(ValidationError, match="A4 hoặc A5"):
        with db.write() as s:
            documents.set_paper(s, "Letter")


def test_catalog_show_marks_estimates(empty_db, db_path, capsys):
    import json

    from counter_app.cli import main

    catalog.import_file(empty_db, catalog.BUNDLED_CATALOG)
    assert main(["catalog", "show", "2.000806", "--json", "--db", str(db_path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["estimated"] == ["THOIGIAN", "PHILEPHI", "THANHPHANHOSO"]
    assert record["cases"][0]["fee_dong"] == 1_000_000


def test_commands_for_desks_without_a_central(db, db_path, desk_context, tmp_path, capsys):
    from counter_app.cli import main

    code = _receive(db, desk_context, CITIZEN, code="1.000894")
    args = ["--db", str(db_path)]
    assert main(["dossier", "supplement", code, "--agency", "Phòng Văn hóa - Xã hội", "--item",
                 "Giấy xác nhận tình trạng hôn nhân: Đã hết hạn", "--officer", "demo",
                 "--out", str(tmp_path / "02.pdf"), *args]) == 0
    assert "PHIẾU YÊU CẦU BỔ SUNG" in text_of(tmp_path / "02.pdf")
    assert main(["dossier", "supplement", code, "--agency", "phòng văn hóa - xã hội", "--item", "Tờ khai: Sai",
                 "--officer", "demo", *args]) == 1
    assert "mỗi cơ quan chỉ được yêu cầu bổ sung một lần" in capsys.readouterr().err
    assert main(["dossier", "supplemented", code, "--officer", "demo", *args]) == 0
    assert main(["slip", code, "--form", "06", "--blank", "--out", str(tmp_path / "06.pdf"), *args]) == 0
    assert text_of(tmp_path / "06.pdf").count("Người giao (ký)") == return_documents.BLANK_ROWS_AT_RECEIPT
    assert main(["slip", code, "--blank", "--out", str(tmp_path / "x.pdf"), *args]) == 1
    assert main(["forms", "--paper", "A5", "--governing", "Ủy ban nhân dân phường An Xuyên", *args]) == 0
    out = capsys.readouterr().out
    assert "form_paper\tA5" in out and "form_header_governing\tỦy ban nhân dân phường An Xuyên" in out
    assert main(["forms", "--paper", "B5", *args]) == 1
    assert "A4 hoặc A5" in capsys.readouterr().err
