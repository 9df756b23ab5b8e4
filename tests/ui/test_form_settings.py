"""Form settings in the GUI (issue #16): the header lines with the right default for a commune and a
province centre, A4/A5 for forms 01–06, the extensions allowed, and form 06 printed blank with the
receipt — set on the Settings page, audited, and seen on the printed PDFs."""

from __future__ import annotations

import json

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from reportlab.lib.pagesizes import A5
from sqlalchemy import select

from counter_app.models import AuditEvent, Role, Unit, UnitLevel
from counter_app.services import documents, return_documents, supervision
from counter_app.services.org import DeskContext
from counter_app.ui.events import DeskEvents
from counter_app.ui.reception_page import ReceptionPage
from counter_app.ui.settings_page import SettingsPage
from tests.ui.qt_helpers import show_active, type_text
from tests.ui.test_reprint import intake, key

CTRL = Qt.KeyboardModifier.ControlModifier


def text_of(path) -> str:  # noqa: ANN001
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


@pytest.fixture
def settings_page(db, desk_context, qtbot) -> SettingsPage:  # noqa: ANN001
    page = SettingsPage(db, desk_context)
    page.resize(1166, 740)  # the page beside the 200-pixel navigation on a 1366×768 screen
    show_active(qtbot, page)
    return page


def test_header_lines_and_paper_set_on_the_settings_page(db, desk_context, settings_page, qtbot, shot, tmp_path):
    page = settings_page
    # a commune centre: the commune People's Committee, then the centre
    assert page.governing_edit.text() == "" and page.unit_line_edit.text() == ""
    assert page.governing_edit.placeholderText() == "Mặc định: Ủy ban nhân dân xã Tân Thành"
    assert page.unit_line_edit.placeholderText() == "Mặc định: Trung tâm Phục vụ hành chính công"
    assert page.paper_box.currentText() == "A4" and page.extensions_box.value() == 1
    assert page.governing_edit.isEnabled()
    shot(page, "settings-forms")

    page.governing_edit.setFocus()
    type_text(page.governing_edit, "Ủy ban nhân dân phường An Xuyên")
    qtbot.keyClick(page.governing_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.unit_line_edit
    type_text(page.unit_line_edit, "x" * 121)  # too long: refused, nothing saved, the text kept
    qtbot.keyClick(page.unit_line_edit, Qt.Key.Key_Return)
    assert "tối đa 120 ký tự" in page.forms_message.text()
    assert QApplication.focusWidget() is page.unit_line_edit and page.unit_line_edit.text() == "x" * 121
    assert documents.read_form_settings(db).governing == ""
    page.unit_line_edit.clear()
    type_text(page.unit_line_edit, "Bộ phận tiếp nhận và trả kết quả")
    page.paper_box.setCurrentIndex(page.paper_box.findData("A5"))
    page.extensions_box.setValue(2)
    qtbot.keyClick(page.unit_line_edit, Qt.Key.Key_Return)
    assert page.forms_message.text().startswith("Đã lưu.")
    saved = documents.read_form_settings(db)
    assert (saved.governing, saved.unit_line, saved.paper, saved.max_extensions) == (
        "Ủy ban nhân dân phường An Xuyên", "Bộ phận tiếp nhận và trả kết quả", "A5", 2)
    with db.read() as s:
        assert supervision.max_extensions(s) == 2  # the one setting the form 04 rule reads
        actions = {a.action: a for a in s.execute(select(AuditEvent)).scalars()}
        assert {"settings.form_header_set", "settings.form_paper_set", "settings.max_extensions_set"} <= set(actions)
        assert actions["settings.form_header_set"].officer_id == desk_context.officer_id
        assert json.loads(actions["settings.form_paper_set"].details)["paper"] == "A5"
    shot(page, "settings-forms-saved")

    # the printed forms follow: the new header, on A5
    from tests.helpers import make_dossier

    with db.write() as s:
        code = make_dossier(s).code
    path = documents.write_receipt(db, code, tmp_path / "01.pdf")
    text = text_of(path)
    assert "ỦY BAN NHÂN DÂN PHƯỜNG AN XUYÊN" in text and "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in text
    assert "TRUNG TÂM PHỤC VỤ" not in text
    box = pypdf.PdfReader(str(path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(A5[0]), round(A5[1]))

    # emptied: back to the default
    page.governing_edit.clear()
    page.unit_line_edit.clear()
    page.save_forms()
    text = text_of(documents.write_receipt(db, code, tmp_path / "01b.pdf"))
    assert "ỦY BAN NHÂN DÂN XÃ TÂN THÀNH" in text and "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text


def test_a_province_centre_defaults_to_the_province(db, desk_context, qtbot):
    with db.write() as s:
        unit = s.execute(select(Unit)).scalars().first()
        unit.name, unit.parent_name = "Trung tâm Phục vụ hành chính công tỉnh Cà Mau", "Ủy ban nhân dân tỉnh Cà Mau"
        unit.level = UnitLevel.PROVINCE.value
    page = SettingsPage(db, desk_context)
    show_active(qtbot, page)
    assert page.governing_edit.placeholderText() == "Mặc định: Ủy ban nhân dân tỉnh Cà Mau"
    assert page.unit_line_edit.placeholderText() == "Mặc định: Trung tâm Phục vụ hành chính công"


def test_only_supervisors_and_admins_change_the_forms(db, desk_context, qtbot):
    clerk = DeskContext(**{**desk_context.__dict__, "roles": frozenset({Role.RECEPTION})})
    page = SettingsPage(db, clerk)
    show_active(qtbot, page)
    assert not page.governing_edit.isEnabled() and not page.save_forms_button.isEnabled()
    assert "Chỉ lãnh đạo hoặc quản trị" in page.forms_message.text()


@pytest.fixture
def reception(db, desk_context, qtbot):  # noqa: ANN001
    page = ReceptionPage(db, desk_context, DeskEvents())
    show_active(qtbot, page)
    yield page
    for dialog in (page.preview, getattr(page, "paper_dialog", None)):
        if dialog is not None:
            dialog.close()


def test_form_06_blank_goes_with_the_receipt_when_the_desk_says_so(db, desk_context, reception, qtbot, shot):
    documents.save_form_settings(db, control_slip_at_receipt=True, officer_id=desk_context.officer_id)
    intake(qtbot, reception, "khai sinh", "114")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    receipt = reception.preview
    assert receipt is not None and receipt.isVisible() and "Giấy tiếp nhận" in receipt.windowTitle()
    code = reception.last_result.dossier_code
    receipt.close()  # the receipt's preview closed: the blank control slip comes next
    qtbot.waitUntil(lambda: reception.preview is not receipt and reception.preview is not None)
    slip = reception.preview
    assert slip.isVisible() and "Phiếu kiểm soát" in slip.windowTitle()
    text = text_of(slip.pdf_path)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text and code in text
    assert text.count("Người giao (ký)") == return_documents.BLANK_ROWS_AT_RECEIPT
    assert "Kèm Phiếu kiểm soát (Mẫu 06) để trống." in reception.message.text()
    qtbot.wait(600)  # QPdfView renders pages asynchronously
    shot(slip, "form-06-blank-at-receipt")
    slip.close()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reception.procedure_search)  # the next citizen

    # offered again in the reprint list (Ctrl+P), right after the receipt
    key(qtbot, Qt.Key.Key_P, CTRL)
    dialog = reception.paper_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert [(p.form, p.key) for p in dialog.papers] == [("01", code), ("06", code)]
    assert "phiếu kiểm soát để trống" in dialog.list.item(1).text()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    assert "PHIẾU KIỂM SOÁT" in text_of(reception.preview.pdf_path)


def test_without_the_setting_the_receipt_prints_alone(db, reception, qtbot):
    intake(qtbot, reception, "khai sinh", "114")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    receipt = reception.preview
    receipt.close()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reception.procedure_search)
    assert reception.preview is receipt
    assert [p.form for p in documents.recent_papers(db, 1)] == ["01"]
