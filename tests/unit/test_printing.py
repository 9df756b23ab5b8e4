"""Printed forms: fonts, registry, vector barcodes, and the rendered PDFs of forms 01–03.

The PDFs are checked the way a desk uses them: page 1 is rasterised (pypdfium2) and the
barcodes are decoded (zxing-cpp) as a scanner would; the text layer (pypdf) must carry
the Vietnamese names intact, in NFC.
"""

from __future__ import annotations

import dataclasses
import io
import json
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from reportlab.lib.pagesizes import A4

from counter_app.printing import (
    AgencyInfo,
    ApplicantInfo,
    DocumentLine,
    ReceiptData,
    RefusalData,
    SupplementItem,
    SupplementNoticeData,
    all_forms,
    font_paths,
    form_info,
    place_date_text,
    register_fonts,
    render_receipt,
    render_refusal,
    render_supplement_notice,
    vn_date,
    vn_datetime,
)
from counter_app.printing import fonts as fonts_mod
from counter_app.printing.barcodes import Code128Flowable, bar_runs, code128_modules
from counter_app.printing.registry import UnknownFormError, load_registry

DOSSIER_CODE = "000.00.01.H12-251125-1001"
NOTICE_CODE = "BS-000.00.01.H12-251125-1002"
LOOKUP_TEMPLATE = "https://dichvucong.camau.gov.vn/tra-cuu-ho-so?ma={code}"

VIETNAMESE_BASES = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def vietnamese_letters() -> set[str]:
    letters = set("đĐ")
    for base in VIETNAMESE_BASES:
        for tone in TONE_MARKS:
            letters.add(unicodedata.normalize("NFC", base + tone))
    return letters


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def agency() -> AgencyInfo:
    return AgencyInfo(
        parent_name="ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
        name="TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        agency_code="000.00.01.H12",
        place="Cà Mau",
        lookup_url_template=LOOKUP_TEMPLATE,
    )


@pytest.fixture
def receipt_data(agency: AgencyInfo) -> ReceiptData:
    return ReceiptData(
        agency=agency,
        dossier_code=DOSSIER_CODE,
        place_date=place_date_text("Cà Mau", date(2025, 11, 25)),
        applicant=ApplicantInfo(
            name="Nguyễn Thị Ánh Tuyết",
            id_number="096185001234",
            address="Số 12, đường Trần Hưng Đạo, phường An Xuyên, tỉnh Cà Mau",
            phone="0912 345 678",
            email="anhtuyet@example.vn",
        ),
        procedure_name="Đăng ký khai sinh kết hợp đăng ký thường trú, cấp thẻ bảo hiểm y tế "
        "cho trẻ em dưới 6 tuổi",
        procedure_code="1.001193",
        documents=(
            DocumentLine(1, "Tờ khai đăng ký khai sinh", 1, 0, 0),
            DocumentLine(2, "Giấy chứng sinh do cơ sở y tế cấp", 1, 0, 0),
            DocumentLine(3, "Giấy chứng nhận kết hôn của cha, mẹ", 0, 1, 0),
            DocumentLine(4, "Căn cước của người đi đăng ký", 0, 0, 1),
        ),
        sets=1,
        processing_time_text="03 ngày làm việc",
        received_at=datetime(2025, 11, 25, 8, 30),
        due_at=datetime(2025, 11, 28, 16, 0),
        delivery_method="Tại Bộ phận Một cửa",
        book_volume="01",
        book_number="1001",
        officer_name="Trần Văn Đức",
        lookup_url=LOOKUP_TEMPLATE.format(code=DOSSIER_CODE),
    )


@pytest.fixture
def supplement_data(agency: AgencyInfo) -> SupplementNoticeData:
    return SupplementNoticeData(
        agency=agency,
        notice_code=NOTICE_CODE,
        number="15/HDHS",
        place_date=place_date_text("Cà Mau", date(2025, 11, 25)),
        applicant=ApplicantInfo("Trần Văn Đức", "096085009999",
                                "Ấp Tân Hưng, xã Lý Văn Lâm, tỉnh Cà Mau", "0987 654 321"),
        procedure_name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        items=(
            SupplementItem(1, "Bản vẽ thiết kế xây dựng",
                           "Thiếu bản vẽ mặt bằng móng và mặt cắt móng"),
            SupplementItem(2, "Giấy chứng nhận quyền sử dụng đất",
                           "Bản photo không rõ số thửa, cần bản sao có chứng thực"),
            SupplementItem(3, "Đơn đề nghị cấp giấy phép xây dựng",
                           "Chưa ghi diện tích sàn xây dựng và chiều cao công trình"),
            SupplementItem(4, "Văn bản ủy quyền",
                           "Người nộp không phải chủ hộ, cần ủy quyền có chứng thực chữ ký"),
        ),
        officer_name="Lê Thị Mỹ Hạnh",
        officer_phone="0290 3 831 234",
        help_line="Đường dây nóng của Trung tâm: 0290 3 999 888",
    )


@pytest.fixture
def refusal_data(agency: AgencyInfo) -> RefusalData:
    return RefusalData(
        agency=agency,
        place_date=place_date_text("Cà Mau", date(2025, 11, 25)),
        applicant=ApplicantInfo("Phạm Quốc Việt", "096099001111",
                                "Khóm 5, phường Tân Thành, tỉnh Cà Mau", "0903 111 222"),
        procedure_name="Đăng ký hộ kinh doanh",
        reason="Hồ sơ thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã nơi đặt địa "
        "điểm kinh doanh, không thuộc thẩm quyền tiếp nhận của Trung tâm.",
        officer_name="Lê Thị Mỹ Hạnh",
        officer_phone="0290 3 831 234",
    )


# --------------------------------------------------------------------------- helpers


def page_texts(pdf_path: Path) -> list[str]:
    """Text of every page, whitespace collapsed (wrapped lines joined by one space)."""
    reader = pypdf.PdfReader(str(pdf_path))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def decode_page(pdf_path: Path, index: int = 0, scale: float = 3.0) -> dict[str, list[str]]:
    """Decode every barcode on a page rendered at ``scale`` (3 = 216 dpi)."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        image = pdf[index].render(scale=scale).to_pil()
    finally:
        pdf.close()
    found: dict[str, list[str]] = {}
    for result in zxingcpp.read_barcodes(image):
        found.setdefault(result.format.name, []).append(result.text)
    return found


# --------------------------------------------------------------------------- fonts


def test_font_files_and_licence_are_shipped() -> None:
    paths = font_paths()
    assert set(paths) == {"regular", "bold", "italic", "bold_italic"}
    for path in paths.values():
        assert path.is_file() and path.stat().st_size > 100_000
    licence = fonts_mod.license_path()
    assert licence.is_file()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence.read_text(encoding="utf-8")


def test_fonts_cover_every_vietnamese_letter() -> None:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    letters = vietnamese_letters()
    assert len(letters) == 2 + 24 * 6
    for name in (fonts_mod.REGULAR, fonts_mod.BOLD, fonts_mod.ITALIC, fonts_mod.BOLD_ITALIC):
        cmap = pdfmetrics.getFont(name).face.charToGlyph
        missing = sorted(c for c in letters if ord(c) not in cmap)
        assert not missing, f"{name} lacks {missing}"


def test_register_fonts_is_idempotent_and_maps_the_family() -> None:
    from reportlab.lib.fonts import tt2ps
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    before = pdfmetrics.getFont(fonts_mod.REGULAR)
    register_fonts()
    assert pdfmetrics.getFont(fonts_mod.REGULAR) is before  # not re-parsed
    assert tt2ps(fonts_mod.FAMILY, 1, 0) == fonts_mod.BOLD
    assert tt2ps(fonts_mod.FAMILY, 0, 1) == fonts_mod.ITALIC
    assert tt2ps(fonts_mod.FAMILY, 1, 1) == fonts_mod.BOLD_ITALIC


# --------------------------------------------------------------------------- registry


def test_registry_lists_annex_i_forms_and_return_receipt() -> None:
    expected = {
        "receipt": ("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        "supplement_notice": ("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        "refusal": ("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        "apology": ("04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
        "stop_notice": ("05", "Thông báo dừng giải quyết hồ sơ"),
        "control_slip": ("06", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
        "tracking_book": ("07", "Sổ theo dõi hồ sơ"),
        "return_receipt": (None, "Giấy biên nhận trả kết quả"),
        "period_report": (None, "Báo cáo tình hình tiếp nhận và giải quyết hồ sơ"),
        "payment_receipt": (None, "Biên lai thu phí, lệ phí"),
        "cash_report": (None, "Bảng kê thu phí, lệ phí trong ngày"),
    }
    assert {f.key for f in all_forms()} == set(expected)
    for key, (number, title) in expected.items():
        info = form_info(key)
        assert (info.number, info.title) == (number, title)
        assert "03/2025/TT-VPCP" in info.legal_basis
        if number:
            assert info.legal_basis.startswith(f"Mẫu số {number} — Phụ lục I")
    assert form_info("receipt").printed_title == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    with pytest.raises(UnknownFormError):
        form_info("no_such_form")


def test_registry_is_data(tmp_path: Path) -> None:
    """A new circular is a JSON edit: the loader takes number/title/legal basis verbatim."""
    path = tmp_path / "registry.json"
    path.write_text(json.dumps({"forms": {"receipt": {
        "number": "01", "title": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "legal_basis": "Mẫu số 01 — Phụ lục I, Thông tư số 99/2030/TT-VPCP",
    }}}, ensure_ascii=False), encoding="utf-8")
    forms = load_registry(path)
    assert forms["receipt"].legal_basis == "Mẫu số 01 — Phụ lục I, Thông tư số 99/2030/TT-VPCP"


# --------------------------------------------------------------------------- text helpers


def test_vietnamese_date_formats() -> None:
    # Decree 30/2020: days below 10 and months 1, 2 get a leading zero.
    assert vn_date(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert vn_date(date(2025, 3, 9)) == "ngày 09 tháng 3 năm 2025"
    assert vn_date(date(2025, 11, 25)) == "ngày 25 tháng 11 năm 2025"
    assert vn_datetime(datetime(2025, 11, 28, 7, 5)) == "07 giờ 05 phút, ngày 28 tháng 11 năm 2025"
    assert place_date_text("Cà Mau", date(2025, 2, 1)) == "Cà Mau, ngày 01 tháng 02 năm 2025"


# --------------------------------------------------------------------------- barcodes


def test_code128_flowable_draws_python_barcode_modules() -> None:
    modules = code128_modules(DOSSIER_CODE)
    assert set(modules) == {"0", "1"} and modules.startswith("11010")  # START B/C
    flowable = Code128Flowable(DOSSIER_CODE, module_width=1.0, quiet_zone=10)
    assert flowable.modules == modules
    assert flowable.wrap(1000, 1000)[0] == pytest.approx(len(modules) + 20)
    runs = bar_runs(modules)
    assert sum(length for _, length in runs) == modules.count("1")


# --------------------------------------------------------------------------- form 01


def test_receipt_two_copies_barcode_qr_and_text(tmp_path: Path, receipt_data: ReceiptData) -> None:
    out = tmp_path / "receipt.pdf"
    render_receipt(receipt_data, out)

    texts = page_texts(out)
    assert len(texts) == 2
    assert "Liên 1: Lưu" in texts[0] and "Liên 2" not in texts[0]
    assert "Liên 2: Giao người nộp hồ sơ" in texts[1] and "Liên 1" not in texts[1]
    for text in texts:
        assert unicodedata.is_normalized("NFC", text)
        assert "Nguyễn Thị Ánh Tuyết" in text
        assert "Trần Văn Đức" in text
        assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
        assert "Cà Mau, ngày 25 tháng 11 năm 2025" in text
        assert f"Mã hồ sơ: {DOSSIER_CODE}" in text
        assert "08 giờ 30 phút, ngày 25 tháng 11 năm 2025" in text
        assert "16 giờ 00 phút, ngày 28 tháng 11 năm 2025" in text
        assert "03 ngày làm việc" in text
        assert "Quyển số: 01, Số thứ tự: 1001" in text
        assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
        assert "Mẫu số 01 — Phụ lục I" in text
        for line in receipt_data.documents:
            assert line.name in text
        for header in ("Tên giấy tờ", "Bản chính", "Bản chứng thực", "Bản photo"):
            assert header in text

    for page in (0, 1):
        found = decode_page(out, page)
        assert found.get("Code128") == [DOSSIER_CODE]
        assert found.get("QRCode") == [receipt_data.lookup_url]


def test_receipt_barcodes_are_vector(tmp_path: Path, receipt_data: ReceiptData) -> None:
    out = tmp_path / "receipt.pdf"
    render_receipt(receipt_data, out)
    for page in pypdf.PdfReader(str(out)).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        assert not any(xobjects[k].get_object().get("/Subtype") == "/Image" for k in xobjects)


def test_receipt_lookup_url_defaults_to_agency_template(
    tmp_path: Path, receipt_data: ReceiptData
) -> None:
    data = dataclasses.replace(receipt_data, lookup_url="")
    out = tmp_path / "receipt.pdf"
    render_receipt(data, out)
    assert decode_page(out).get("QRCode") == [LOOKUP_TEMPLATE.format(code=DOSSIER_CODE)]


def test_receipt_to_binary_stream(receipt_data: ReceiptData) -> None:
    buf = io.BytesIO()
    render_receipt(receipt_data, buf)
    assert buf.getvalue().startswith(b"%PDF-")
    assert len(pypdf.PdfReader(io.BytesIO(buf.getvalue())).pages) == 2


def test_receipt_overflow_keeps_copies_on_their_own_pages(
    tmp_path: Path, receipt_data: ReceiptData
) -> None:
    docs = tuple(
        DocumentLine(i, f"Giấy tờ thứ {i}: bản kê khai nguồn gốc đất và tài sản gắn liền với đất",
                     1, i % 2, 1)
        for i in range(1, 41)
    )
    out = tmp_path / "receipt-long.pdf"
    render_receipt(dataclasses.replace(receipt_data, documents=docs), out)
    texts = page_texts(out)
    assert len(texts) % 2 == 0 and len(texts) >= 4
    half = len(texts) // 2
    assert all("Liên 1: Lưu" in t for t in texts[:half])
    assert all("Liên 2: Giao người nộp hồ sơ" in t for t in texts[half:])
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in texts[half]  # copy 2 starts on a fresh page
    # signatures never end up alone: the closing lines share their page
    assert "Quyển số" in texts[half - 1] and "NGƯỜI TIẾP NHẬN HỒ SƠ" in texts[half - 1]
    joined = " ".join(texts)
    for line in docs:
        assert joined.count(line.name) == 2


def test_nfd_input_is_printed_as_nfc(tmp_path: Path, receipt_data: ReceiptData) -> None:
    def nfd(s: str) -> str:
        return unicodedata.normalize("NFD", s)

    data = dataclasses.replace(
        receipt_data,
        applicant=dataclasses.replace(receipt_data.applicant, name=nfd("Nguyễn Thị Ánh Tuyết"),
                                      address=nfd(receipt_data.applicant.address)),
        procedure_name=nfd(receipt_data.procedure_name),
        officer_name=nfd("Trần Văn Đức"),
        documents=tuple(dataclasses.replace(d, name=nfd(d.name)) for d in receipt_data.documents),
    )
    assert data.applicant.name != "Nguyễn Thị Ánh Tuyết"  # really decomposed input
    out = tmp_path / "receipt-nfd.pdf"
    render_receipt(data, out)
    for text in page_texts(out):
        assert unicodedata.is_normalized("NFC", text)
        assert "Nguyễn Thị Ánh Tuyết" in text
        assert "Trần Văn Đức" in text
        assert receipt_data.procedure_name in text
        assert "\u0303" not in text and "\u0323" not in text  # no loose combining marks


# --------------------------------------------------------------------------- form 02


def test_supplement_notice_lists_every_item(
    tmp_path: Path, supplement_data: SupplementNoticeData
) -> None:
    out = tmp_path / "supplement.pdf"
    render_supplement_notice(supplement_data, out)
    texts = page_texts(out)
    assert len(texts) == 1
    text = texts[0]
    assert unicodedata.is_normalized("NFC", text)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Số: 15/HDHS" in text
    assert "Trần Văn Đức" in text
    assert supplement_data.procedure_name in text
    for item in supplement_data.items:
        assert item.name in text
        assert item.reason in text
    assert "Tổng số: 04 nội dung" in text
    assert "Lê Thị Mỹ Hạnh" in text and "0290 3 831 234" in text
    assert supplement_data.help_line in text
    assert "NGƯỜI HƯỚNG DẪN" in text
    assert "Mẫu số 02 — Phụ lục I" in text
    assert decode_page(out).get("Code128") == [NOTICE_CODE]


def test_supplement_notice_with_many_items_keeps_all(
    tmp_path: Path, supplement_data: SupplementNoticeData
) -> None:
    items = tuple(SupplementItem(i, f"Giấy tờ cần bổ sung số {i}", f"Lý do cụ thể thứ {i}")
                  for i in range(1, 61))
    out = tmp_path / "supplement-long.pdf"
    render_supplement_notice(dataclasses.replace(supplement_data, items=items), out)
    joined = " ".join(page_texts(out))
    for item in items:
        assert f"{item.name} {item.reason}" in joined
    assert "Tổng số: 60 nội dung" in joined


# --------------------------------------------------------------------------- form 03


def test_refusal(tmp_path: Path, refusal_data: RefusalData) -> None:
    out = tmp_path / "refusal.pdf"
    render_refusal(refusal_data, out)
    texts = page_texts(out)
    assert len(texts) == 1
    text = texts[0]
    assert unicodedata.is_normalized("NFC", text)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Phạm Quốc Việt" in text
    assert refusal_data.procedure_name in text
    assert refusal_data.reason in text
    assert "Lê Thị Mỹ Hạnh" in text and "0290 3 831 234" in text
    assert "NGƯỜI NỘP HỒ SƠ" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert "Mẫu số 03 — Phụ lục I" in text


def test_an_organisation_signs_with_its_representative_name_not_its_own(tmp_path: Path,
                                                                         refusal_data: RefusalData) -> None:
    """Under "NGƯỜI NỘP HỒ SƠ" a person's name is printed; an organisation's representative writes theirs."""
    org = ApplicantInfo(LONG_NAME, "2001234567", "Khóm 5, phường Tân Thành", kind="organisation")
    out = tmp_path / "refusal.pdf"
    render_refusal(dataclasses.replace(refusal_data, applicant=org), out)
    text = " ".join(page_texts(out))
    assert text.count("Đồng bằng sông Cửu Long") == 1  # in the body once, not again as a signature name
    render_refusal(refusal_data, out)
    assert " ".join(page_texts(out)).count("Phạm Quốc Việt") == 2  # the body and the signature


# --------------------------------------------------------------------------- form 01 at the queue

LONG_NAME = ("Công ty trách nhiệm hữu hạn một thành viên Thương mại Dịch vụ Xuất nhập khẩu Thủy sản và "
             "Nông sản Đồng bằng sông Cửu Long, chi nhánh Cà Mau tại xã Tân Thành, tỉnh Cà Mau, Việt Nam, "
             "mã số thuế 2001234567")
LONG_ADDRESS = ("Số 123/45A, đường Nguyễn Tất Thành, khóm 3, ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau; văn phòng "
                "giao dịch tại lô B2-15, khu công nghiệp Khánh An, xã Khánh An, tỉnh Cà Mau, gần chợ Tân Thành, "
                "cạnh bến xe")


def long_receipt(receipt_data: ReceiptData, documents: int) -> ReceiptData:
    """200-character name and address, ``documents`` rows with names of ~115 characters (the
    longest quarter of the bundled catalog's document names)."""
    name, address = LONG_NAME[:200], LONG_ADDRESS[:200]
    assert len(name) == len(address) == 200
    docs = tuple(DocumentLine(i, f"Giấy tờ số {i:02d}: bản sao có chứng thực giấy tờ chứng minh quan hệ nhân thân "
                                 f"hoặc nơi cư trú của người yêu cầu (trường hợp thứ {i})", 1, i % 2, 1)
                 for i in range(1, documents + 1))
    assert all(100 <= len(d.name) <= 130 for d in docs)
    return dataclasses.replace(receipt_data, documents=docs,
                               applicant=dataclasses.replace(receipt_data.applicant, name=name, address=address))


def test_receipt_copy_fits_one_page_with_12_documents_and_long_names(tmp_path: Path, receipt_data: ReceiptData):
    out = tmp_path / "receipt-12.pdf"
    pages = render_receipt(long_receipt(receipt_data, 12), out)
    texts = page_texts(out)
    assert pages == len(texts) == 2  # one A4 page per copy
    assert "Liên 1: Lưu" in texts[0] and "Liên 2: Giao người nộp hồ sơ" in texts[1]
    for index, text in enumerate(texts):
        assert "Giấy tờ số 12" in text and "Quyển số" in text and "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
        assert decode_page(out, index)["Code128"] == [DOSSIER_CODE]
    assert pypdf.PdfReader(str(out)).pages[0].mediabox.height == pytest.approx(A4[1], abs=1)


def test_receipt_beyond_one_page_repeats_the_code_and_barcode_on_every_page(tmp_path: Path,
                                                                           receipt_data: ReceiptData):
    out = tmp_path / "receipt-30.pdf"
    pages = render_receipt(long_receipt(receipt_data, 30), out)
    texts = page_texts(out)
    assert pages == len(texts) and pages >= 4 and pages % 2 == 0
    for index, text in enumerate(texts):
        assert DOSSIER_CODE in text, index
        assert decode_page(out, index, scale=2.5)["Code128"] == [DOSSIER_CODE], index
    half = pages // 2
    assert "(tiếp theo)" in texts[1] and "(tiếp theo)" not in texts[half]  # copy 2 starts with its own block
