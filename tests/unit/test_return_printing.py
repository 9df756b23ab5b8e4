"""The return receipt and the control slip (form 06): rendered, read back, barcode decoded."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from counter_app.printing import AgencyInfo, ApplicantInfo, place_date_text
from counter_app.printing.control_slip import render_control_slip
from counter_app.printing.data import (
    ControlSlipData,
    ControlSlipRow,
    ReceiverInfo,
    ResultDocumentInfo,
    ReturnReceiptData,
)
from counter_app.printing.return_receipt import render_return_receipt

CODE = "000.00.01.H12-261123-1001"


def read_pdf(path: Path, scale: float = 3.0) -> tuple[list[str], list[dict[str, list[str]]]]:
    """Per page: the text (white space collapsed) and the decoded barcodes, as a scanner sees them."""
    pdf = pdfium.PdfDocument(str(path))
    texts, codes = [], []
    try:
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(" ".join(textpage.get_text_range().split()))
            textpage.close()
            found: dict[str, list[str]] = {}
            for result in zxingcpp.read_barcodes(page.render(scale=scale).to_pil()):
                found.setdefault(result.format.name, []).append(result.text)
            codes.append(found)
    finally:
        pdf.close()
    return texts, codes


@pytest.fixture
def agency() -> AgencyInfo:
    return AgencyInfo(parent_name="ỦY BAN NHÂN DÂN TỈNH CÀ MAU", name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
                      agency_code="000.00.01.H12", place="Cà Mau")


@pytest.fixture
def receipt(agency: AgencyInfo) -> ReturnReceiptData:
    return ReturnReceiptData(
        agency=agency, dossier_code=CODE, place_date=place_date_text("Cà Mau", date(2026, 11, 25)),
        procedure_name="Thủ tục đăng ký khai sinh", procedure_code="1.001193",
        owner=ApplicantInfo("Trần Văn Đức", "096085001234", "ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", "0912345678"),
        receiver=ReceiverInfo("Lê Thị Hoa", "096190004321", "0987654321", is_applicant=False),
        documents=(ResultDocumentInfo("Giấy khai sinh", "125/2026",
                                      "Bản chính giấy khai sinh của cháu Trần Minh Khang"),),
        received_at=datetime(2026, 11, 23, 9, 0), due_at=datetime(2026, 11, 25, 9, 0),
        returned_at=datetime(2026, 11, 25, 9, 30), officer_name="Nguyễn Thị Minh Thư",
    )


@pytest.fixture
def slip(agency: AgencyInfo) -> ControlSlipData:
    return ControlSlipData(
        agency=agency, dossier_code=CODE, place_date=place_date_text("Cà Mau", date(2026, 11, 25)),
        procedure_name="Thủ tục đăng ký khai sinh", procedure_code="1.001193", owner_name="Trần Văn Đức",
        received_at=datetime(2026, 11, 23, 9, 0), due_at=datetime(2026, 11, 25, 9, 0),
        processing_units="Bộ phận chuyên môn",
        rows=(
            ControlSlipRow(1, "Bộ phận tiếp nhận và trả kết quả", "Bộ phận chuyên môn", datetime(2026, 11, 23, 9, 0),
                           "Nguyễn Thị Minh Thư", "Lê Văn Tư", "", "Chuyển xử lý trong đơn vị"),
            ControlSlipRow(2, "Bộ phận chuyên môn", "Bộ phận tiếp nhận và trả kết quả", datetime(2026, 11, 24, 10, 0),
                           "Lê Văn Tư", "Nguyễn Thị Minh Thư", "Trước hạn", "Có kết quả: Giấy khai sinh"),
            ControlSlipRow(3, "Bộ phận tiếp nhận và trả kết quả", "Tổ chức, cá nhân", datetime(2026, 11, 25, 9, 30),
                           "Nguyễn Thị Minh Thư", "Lê Thị Hoa", "Trước hạn", "Trả kết quả cho người được ủy quyền"),
        ),
    )


def test_return_receipt_two_copies_with_everything_the_receiver_signs_for(tmp_path, receipt):
    out = tmp_path / "return.pdf"
    render_return_receipt(receipt, out)
    texts, codes = read_pdf(out)
    assert len(texts) == 2
    assert "Liên 1: Lưu" in texts[0] and "Liên 2: Giao người nhận kết quả" in texts[1]
    for text, found in zip(texts, codes, strict=True):
        assert unicodedata.is_normalized("NFC", text)
        for expected in (
            "GIẤY BIÊN NHẬN TRẢ KẾT QUẢ", f"Mã hồ sơ: {CODE}", "Cà Mau, ngày 25 tháng 11 năm 2026",
            "Thủ tục: Thủ tục đăng ký khai sinh (Mã thủ tục: 1.001193)",
            "1. Chủ hồ sơ:", "Ông/Bà: Trần Văn Đức", "096085001234",
            "2. Người nhận kết quả (người được chủ hồ sơ ủy quyền):", "Ông/Bà: Lê Thị Hoa", "096190004321",
            "0987654321", "Giấy khai sinh", "125/2026", "Bản chính giấy khai sinh của cháu Trần Minh Khang",
            "Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 23 tháng 11 năm 2026",
            "4. Thời gian trả kết quả: 09 giờ 30 phút, ngày 25 tháng 11 năm 2026",
            "NGƯỜI NHẬN KẾT QUẢ", "NGƯỜI TRẢ KẾT QUẢ", "Nguyễn Thị Minh Thư",
        ):
            assert expected in text, expected
        assert found.get("Code128") == [CODE]


def test_return_receipt_by_the_applicant_and_without_a_document_number(tmp_path, receipt):
    data = dataclasses.replace(receipt, receiver=ReceiverInfo("Trần Văn Đức", "096085001234", "", True),
                               documents=(ResultDocumentInfo("Giấy khai sinh"),), due_at=None)
    out = tmp_path / "return-self.pdf"
    render_return_receipt(data, out)
    text = read_pdf(out)[0][0]
    assert "2. Người nhận kết quả (chủ hồ sơ):" in text
    assert "Thời gian hẹn trả kết quả: …………………" in text


def test_control_slip_lists_every_handoff_with_people_and_result(tmp_path, slip):
    out = tmp_path / "slip.pdf"
    render_control_slip(slip, out)
    texts, codes = read_pdf(out)
    assert len(texts) == 1
    text = texts[0]
    for expected in (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", f"Mã hồ sơ: {CODE}",
        "Liên: Lưu tại Bộ phận tiếp nhận và trả kết quả", "Kèm theo hồ sơ của: Trần Văn Đức",
        "Cơ quan phối hợp giải quyết:", "Người giao (ký)", "Người nhận (ký)",
        "Cơ quan (bộ phận) giải quyết hồ sơ: Bộ phận chuyên môn", "Mẫu số 06 — Phụ lục I",
        "Tên cơ quan", "Thời gian giao, nhận hồ sơ", "Ghi chú",
        "10 giờ 00 phút, ngày 24/11/2026", "Người giao (ký) Lê Văn Tư", "Người nhận (ký) Nguyễn Thị Minh Thư",
        "Nhận: Tổ chức, cá nhân", "Lê Thị Hoa", "Trả kết quả cho người được ủy quyền",
    ):
        assert expected in text, expected
    assert text.count("Trước hạn") == 2
    assert codes[0].get("Code128") == [CODE]


def test_a_long_history_runs_over_pages_with_the_header_repeated(tmp_path, slip):
    rows = tuple(ControlSlipRow(i, f"Phòng chuyên môn số {i}", f"Phòng chuyên môn số {i + 1}",
                                datetime(2026, 11, 23, 9, 0), "Người giao", "Người nhận", "Đúng hạn", f"Bước {i}")
                 for i in range(1, 31))
    out = tmp_path / "slip-long.pdf"
    render_control_slip(dataclasses.replace(slip, rows=rows), out)
    texts, _ = read_pdf(out, scale=1)
    assert len(texts) >= 2
    assert all("Thời gian giao, nhận hồ sơ" in t for t in texts)  # header row on every page
    joined = " ".join(texts)
    assert all(f"Bước {i}" in joined for i in range(1, 31))
