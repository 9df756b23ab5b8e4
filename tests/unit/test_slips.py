"""Printed forms filled from the database: barcodes read back by zxing, text with diacritics intact."""

from __future__ import annotations

import pypdfium2
import zxingcpp

from counter_app.cli import main
from counter_app.models import DocumentDecision
from counter_app.services import documents, reception
from tests.unit.test_reception import WHEN, birth_form

P, M, NA = DocumentDecision.PROVIDED, DocumentDecision.MISSING, DocumentDecision.NOT_APPLICABLE


def read_pdf(path) -> tuple[list[str], list[str], int]:
    """(barcode texts of page 1, text of every page, page count)."""
    pdf = pypdfium2.PdfDocument(str(path))
    codes = [r.text for r in zxingcpp.read_barcodes(pdf[0].render(scale=3).to_pil())]
    texts = [page.get_textpage().get_text_range() for page in pdf]
    return codes, texts, len(pdf)


def test_slip_command_writes_the_receipt_with_barcode_qr_and_names(db, db_path, desk_context, tmp_path, capsys):
    code = reception.receive(db, desk_context, birth_form(db, [P, P, NA]), now=WHEN).dossier_code
    out = tmp_path / "reprint.pdf"
    assert main(["slip", code, "--out", str(out), "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    barcodes, texts, pages = read_pdf(out)
    assert code in barcodes
    assert f"https://dichvucong.camau.gov.vn/tra-cuu/{code}" in barcodes
    assert pages == 2 and "Liên 1" in texts[0] and "Liên 2" in texts[1]
    assert "Nguyễn Thị Ánh Tuyết" in texts[0] and "Nguyễn Thị Minh Thư" in texts[0]
    assert "Tờ khai đăng ký khai sinh" in texts[0] and "Văn bản ủy quyền" not in texts[0]  # only what was handed in
    assert "26 tháng 11 năm 2026" in texts[0]  # the appointment


def test_slip_of_an_unknown_code_or_unwritable_file_fails_cleanly(db, db_path, desk_context, capsys):
    assert main(["slip", "000.00.01.H12-261125-1999", "--out", "/tmp/x.pdf", "--db", str(db_path)]) == 1
    assert "Không tìm thấy hồ sơ" in capsys.readouterr().err
    code = reception.receive(db, desk_context, birth_form(db, [P, P, NA]), now=WHEN).dossier_code
    assert main(["slip", code, "--out", "/dev/full", "--db", str(db_path)]) == 1  # disk full
    assert "Không ghi được tệp" in capsys.readouterr().err


def test_supplement_notice_pdf_lists_every_gap_with_its_own_barcode(db, desk_context):
    result = reception.issue_supplement(db, desk_context, birth_form(db, [M, P, M], {0: "Tờ khai thiếu chữ ký"}),
                                        now=WHEN)
    path = documents.write_supplement_notice(db, result.notice_code)
    barcodes, texts, _ = read_pdf(path)
    assert barcodes == [result.notice_code]
    assert "Tờ khai thiếu chữ ký" in texts[0] and "Văn bản ủy quyền" in texts[0]
    assert f"{result.notice_number}" in texts[0] and "PHIẾU YÊU CẦU BỔ SUNG" in texts[0]
    assert path.parent.parts[-2:] == ("2026", "11")  # archived by month


def test_refusal_pdf_has_the_reason(db, desk_context):
    result = reception.refuse(db, desk_context, birth_form(db, [P, P, NA]), "Hồ sơ không thuộc thẩm quyền của xã",
                              now=WHEN)
    _, texts, _ = read_pdf(documents.write_refusal(db, result.intake_id))
    assert "Hồ sơ không thuộc thẩm quyền của xã" in texts[0] and "TỪ CHỐI" in texts[0]
