"""Full receptions driven by the keyboard alone, as an officer with a queue would do them."""

from __future__ import annotations

import pypdfium2
import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from counter_app.models import Dossier, Intake, IntakeOutcome, SupplementNotice
from counter_app.ui.events import DeskEvents
from counter_app.ui.reception_page import ReceptionPage
from tests.ui.qt_helpers import show_active, type_by_hand, type_text

APPLICANT = ["096185001234", "Nguyễn Thị Ánh Tuyết", "05/09/1985", "ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau",
             "0912 345 678"]


@pytest.fixture
def page(db, desk_context, qtbot):
    page = ReceptionPage(db, desk_context, DeskEvents())
    show_active(qtbot, page)
    yield page
    for dialog in (page.preview, getattr(page, "override_dialog", None), getattr(page, "refusal_dialog", None)):
        if dialog is not None:
            dialog.close()


def focused():
    return QApplication.focusWidget()


def type_here(qtbot, text: str) -> None:
    type_text(focused(), text)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)
    QApplication.processEvents()  # item editors close through queued calls


def choose_procedure(qtbot, page, text: str) -> None:
    assert focused() is page.procedure_search
    type_here(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)


def type_applicant(qtbot, page, values=APPLICANT) -> None:
    """ID → name → birth date → address → phone → email, Tab between them."""
    assert focused() is page.field("id_number")
    for value in values:
        type_here(qtbot, value)
        press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)  # email left empty → the "submitted by someone else" box
    assert focused() is page.submitter_check
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.checklist


def decide(qtbot, keys: str) -> None:
    for key in keys:
        press(qtbot, getattr(Qt.Key, f"Key_{key}"))


def count(db, model) -> int:
    with db.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def decode_first_page(path) -> list[str]:
    pdf = pypdfium2.PdfDocument(str(path))
    image = pdf[0].render(scale=3).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(image)]


def test_receive_by_keyboard_prints_the_slip(db, page, qtbot):
    choose_procedure(qtbot, page, "dang ky khai sinh")
    type_applicant(qtbot, page)
    decide(qtbot, "114")  # declaration and birth certificate provided, proxy letter not applicable
    assert page.confirm_button.text().startswith("Tiếp nhận")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with db.read() as s:
        dossier = s.execute(select(Dossier)).scalar_one()
        assert dossier.applicant.name == "Nguyễn Thị Ánh Tuyết" and dossier.applicant.phone == "0912345678"
        assert dossier.intake.outcome == IntakeOutcome.RECEIVED
        code = dossier.code
    assert code in page.message.text()
    assert page.preview is not None and page.preview.isVisible() and page.preview.page_count == 2
    assert code in decode_first_page(page.preview.pdf_path)
    # The preview has the keyboard (Ctrl+P prints); Esc closes it and the next citizen can start.
    assert focused() is page.preview.print_button
    press(qtbot, Qt.Key.Key_Escape)
    assert not page.preview.isVisible()
    qtbot.waitUntil(lambda: focused() is page.procedure_search)
    assert page.field("name").text() == ""


def test_missing_documents_give_one_notice_then_the_return_visit_is_scanned(db, page, qtbot):
    choose_procedure(qtbot, page, "khai sinh")
    type_applicant(qtbot, page)
    decide(qtbot, "1")
    decide(qtbot, "3")  # birth certificate not valid: the reason cell opens
    type_here(qtbot, "Giấy chứng sinh bị tẩy xóa")
    press(qtbot, Qt.Key.Key_Return)
    decide(qtbot, "2")  # the proxy letter is needed and missing
    assert "2 giấy tờ" in page.outcome_label.text()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with db.read() as s:
        notice = s.execute(select(SupplementNotice)).scalar_one()
        assert [(i.name, i.reason) for i in notice.items] == [
            ("Giấy chứng sinh", "Giấy chứng sinh bị tẩy xóa"), ("Văn bản ủy quyền", "Chưa nộp giấy tờ này")]
        notice_code = notice.code
    assert count(db, Dossier) == 0
    assert notice_code in decode_first_page(page.preview.pdf_path)
    page.preview.close()
    qtbot.waitUntil(lambda: focused() is page.procedure_search)

    # Two days later the applicant is back: the scanner types the notice code and Enter.
    press(qtbot, Qt.Key.Key_F3)
    assert focused() is page.notice_edit
    type_here(qtbot, notice_code)
    press(qtbot, Qt.Key.Key_Return)
    assert page.notice_code == notice_code and "Chỉ các giấy tờ trong phiếu" in page.notice_banner.text()
    assert page.field("name").text() == "Nguyễn Thị Ánh Tuyết"
    assert focused() is page.checklist and page.checklist.currentIndex().row() == 1  # first row on the notice
    decide(qtbot, "11")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with db.read() as s:
        dossier = s.execute(select(Dossier)).scalar_one()
        assert dossier.intake_id == s.execute(select(Intake.id)).scalar_one()  # the same intake, reopened
        assert s.execute(select(SupplementNotice.resolved_at)).scalar() is not None


def test_refusal_by_keyboard(db, page, qtbot):
    choose_procedure(qtbot, page, "ket hon")
    assert focused() is page.case_list  # two cases: choose in the list with the arrows, then Enter
    press(qtbot, Qt.Key.Key_Down)
    assert page.case.name == "Cần xác minh điều kiện kết hôn"
    press(qtbot, Qt.Key.Key_Return)
    type_applicant(qtbot, page)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = page.refusal_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    type_text(dialog.reason, "ngắn")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "lý do" in dialog.error.text()
    type_text(dialog.reason, " — hai bên chưa đủ tuổi kết hôn theo Luật Hôn nhân và gia đình")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    with db.read() as s:
        intake = s.execute(select(Intake)).scalar_one()
        assert intake.outcome == IntakeOutcome.REFUSED and "chưa đủ tuổi" in intake.refusal_reason
    assert count(db, Dossier) == 0
    assert page.preview.isVisible()


def test_second_pass_needs_the_supervisor_in_the_dialog(db, page, qtbot):
    choose_procedure(qtbot, page, "khai sinh")
    type_applicant(qtbot, page)
    decide(qtbot, "124")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with db.read() as s:
        code = s.execute(select(SupplementNotice.code)).scalar_one()
    page.preview.close()
    qtbot.waitUntil(lambda: focused() is page.procedure_search)
    page.open_notice(code)
    page.checklist.setCurrentIndex(page.checklist_model.index(0, 2))
    decide(qtbot, "2")  # the declaration was fine last time: asking for it now is a second pass
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog = page.override_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.username, "demo")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.password, "sai")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Tab)
    type_text(dialog.reason, "Tờ khai ghi sai ngày sinh")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and "không đúng" in dialog.error.text()
    assert count(db, SupplementNotice) == 1
    qtbot.keyClicks(dialog.password, "demo")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    with db.read() as s:
        second = s.execute(select(SupplementNotice).where(SupplementNotice.second_pass.is_(True))).scalar_one()
        assert second.override_reason == "Tờ khai ghi sai ngày sinh"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "0961850012", "12 chữ số"),
        ("name", "Nguyễn Văn 3", "chỉ gồm chữ cái"),
        ("date_of_birth", "31/02/1985", "ngày/tháng/năm"),
        ("address", "x", "địa chỉ"),
        ("phone", "12345", "không hợp lệ"),
        ("email", "a@b", "email"),
    ],
)
def test_bad_input_is_shown_at_the_field_and_nothing_is_written(db, page, qtbot, field, value, message):
    choose_procedure(qtbot, page, "khai sinh")
    type_applicant(qtbot, page)
    decide(qtbot, "114")
    page.field(field).setText(value)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    box = page.fields[field]
    assert box.error.isVisible() and message.lower() in box.error.text().lower()
    assert focused() is page.field(field)
    assert page.field(field).text() == value and page.field("name").text()  # nothing typed is lost
    assert count(db, Dossier) == 0 and count(db, Intake) == 0


def test_undecided_documents_block_the_confirm(db, page, qtbot):
    choose_procedure(qtbot, page, "khai sinh")
    type_applicant(qtbot, page)
    decide(qtbot, "1")
    assert not page.confirm_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Còn 2 giấy tờ chưa kiểm tra" in page.checklist_error.text()
    assert page.checklist.currentIndex().row() == 1
    assert count(db, Intake) == 0


def test_unknown_scan_in_the_notice_field(db, page, qtbot):
    press(qtbot, Qt.Key.Key_F3)
    type_by_hand(qtbot, focused(), "000.00.01.H12-261125-1001")  # typed, not scanned: read as a notice code
    press(qtbot, Qt.Key.Key_Return)
    assert "không phải mã phiếu yêu cầu bổ sung" in page.notice_field.error.text()
    assert page.notice_edit.text() == "" and focused() is page.notice_edit
    type_here(qtbot, "000.00.01.H12-261125-BS1999")
    press(qtbot, Qt.Key.Key_Return)
    assert "Không tìm thấy phiếu" in page.notice_field.error.text()


def test_returning_applicant_is_prefilled(db, page, qtbot, desk_context):
    choose_procedure(qtbot, page, "khai sinh")
    type_applicant(qtbot, page)
    decide(qtbot, "114")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page.preview.close()
    qtbot.waitUntil(lambda: focused() is page.procedure_search)
    choose_procedure(qtbot, page, "chung thuc ban sao")
    type_here(qtbot, "096185001234")
    press(qtbot, Qt.Key.Key_Tab)
    assert page.field("name").text() == "Nguyễn Thị Ánh Tuyết"
    assert page.field("date_of_birth").text() == "05/09/1985"
    assert "đã có trong hệ thống" in page.applicant_hint.text()


def test_applicant_without_the_notice_paper_is_found_by_id(db, page, qtbot):
    choose_procedure(qtbot, page, "khai sinh")
    type_applicant(qtbot, page)
    decide(qtbot, "124")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page.preview.close()
    qtbot.waitUntil(lambda: focused() is page.procedure_search)
    choose_procedure(qtbot, page, "khai sinh")
    type_here(qtbot, "096185001234")
    press(qtbot, Qt.Key.Key_Tab)
    assert "Ctrl+O" in page.applicant_hint.text()
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert page.notice_code is not None and page.notice_code in page.notice_banner.text()
    assert [r.on_notice for r in page.checklist_model.rows()] == [False, True, False]
