"""Printing fit for a queue: papers printed again from the desk and the dossier, and printing
straight to the default printer (both copies) with the preview only when asked."""

from __future__ import annotations

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from counter_app.services import documents, returns
from counter_app.ui import pdf_preview
from counter_app.ui.dossier_detail import DossierDetailWidget
from counter_app.ui.events import DeskEvents
from counter_app.ui.reception_page import ReceptionPage
from tests.ui.qt_helpers import show_active, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
APPLICANT = ["096185001234", "Nguyễn Thị Ánh Tuyết", "05/09/1985", "ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", ""]


@pytest.fixture
def page(db, desk_context, qtbot):
    page = ReceptionPage(db, desk_context, DeskEvents())
    show_active(qtbot, page)
    yield page
    for dialog in (page.preview, getattr(page, "paper_dialog", None), getattr(page, "refusal_dialog", None)):
        if dialog is not None:
            dialog.close()


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)
    QApplication.processEvents()


def intake(qtbot, page, procedure: str, decisions: str) -> None:  # noqa: ANN001
    type_text(page.procedure_search, procedure)
    key(qtbot, Qt.Key.Key_Return)
    for value in APPLICANT:
        if value:
            type_text(QApplication.focusWidget(), value)
        key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.checklist
    for k in decisions:
        key(qtbot, getattr(Qt.Key, f"Key_{k}"))


def close_preview(qtbot, page) -> None:  # noqa: ANN001
    page.preview.close()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.procedure_search)


def test_forms_01_02_03_are_printed_again_from_the_desk(db, page, qtbot):
    intake(qtbot, page, "khai sinh", "114")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    close_preview(qtbot, page)
    intake(qtbot, page, "khai sinh", "124")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    close_preview(qtbot, page)
    intake(qtbot, page, "khai sinh", "")
    key(qtbot, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(page.refusal_dialog.isActiveWindow)
    type_text(page.refusal_dialog.reason, "Thủ tục không thuộc thẩm quyền của xã")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    close_preview(qtbot, page)

    key(qtbot, Qt.Key.Key_P, CTRL)
    dialog = page.paper_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert [p.form for p in dialog.papers] == ["03", "02", "01"]
    assert QApplication.focusWidget() is dialog.list
    for row, (form, pages, text) in enumerate([("03", 1, "Thủ tục không thuộc thẩm quyền"),
                                              ("02", 1, "Giấy chứng sinh"), ("01", 2, "Liên 2")]):
        if row:
            key(qtbot, Qt.Key.Key_P, CTRL)
            dialog = page.paper_dialog
            qtbot.waitUntil(dialog.isActiveWindow)
            for _ in range(row):
                key(qtbot, Qt.Key.Key_Down)
        key(qtbot, Qt.Key.Key_Return)
        assert not dialog.isVisible() and page.preview.isVisible(), form
        assert page.preview.page_count == pages, form
        reader = pypdf.PdfReader(str(page.preview.pdf_path))
        assert text in " ".join(" ".join(p.extract_text().split()) for p in reader.pages), form
        assert "Đã in lại" in page.message.text()
        close_preview(qtbot, page)


def test_direct_printing_prints_both_copies_without_a_preview(db, page, qtbot, tmp_path, monkeypatch):
    printed = tmp_path / "printer-output.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(pdf_preview, "printer_factory", pdf_printer)
    documents.set_direct_print(db, True)
    intake(qtbot, page, "khai sinh", "114")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.preview is None
    assert "Đã in 2 trang" in page.message.text() and "Đã tiếp nhận hồ sơ" in page.message.text()
    assert len(pypdf.PdfReader(str(printed)).pages) == 2  # "Liên 1" and "Liên 2"
    assert QApplication.focusWidget() is page.procedure_search  # the next citizen at once

    # No printer on this PC: the preview opens instead, and says why.
    monkeypatch.setattr(pdf_preview, "printer_factory", lambda: None)
    intake(qtbot, page, "khai sinh", "114")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert page.preview is not None and page.preview.isVisible() and "máy in mặc định" in page.message.text()


def test_form_01_and_02_printed_again_from_the_dossier_detail(db, desk_context, page, qtbot):
    intake(qtbot, page, "khai sinh", "124")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    close_preview(qtbot, page)
    page.open_notice(page.last_result.notice_code)
    page.checklist.setCurrentIndex(page.checklist_model.index(1, 2))
    key(qtbot, Qt.Key.Key_1)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    code = page.last_result.dossier_code
    close_preview(qtbot, page)

    detail = DossierDetailWidget(db)
    show_active(qtbot, detail)
    detail.set_detail(returns.detail(db, code))
    detail.intake_papers_button.click()
    dialog = detail.paper_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert sorted(p.form for p in dialog.papers) == ["01", "02"]
    row = next(i for i, p in enumerate(dialog.papers) if p.form == "01")
    dialog.list.setCurrentRow(row)
    key(qtbot, Qt.Key.Key_Return)
    assert detail.preview.isVisible() and detail.preview.page_count == 2
    detail.preview.close()
