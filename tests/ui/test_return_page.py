"""The return desk driven like a USB scanner does it: a burst of keys, then Enter.

Each scenario asserts what the officer sees and what the database holds afterwards.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from counter_app.models import AuditEvent, Dossier, DossierStatus, OutboxEvent, ResultReturn, Role
from counter_app.services import catalog, changes, reception, returns
from counter_app.services.applicants import ApplicantInput
from counter_app.services.reception import DocumentCheck, DocumentDecision, IntakeForm
from counter_app.ui.events import DeskEvents
from counter_app.ui.return_page import ReturnPage
from tests.helpers import make_dossier
from tests.ui.qt_helpers import scan_burst, show_active, type_text

S = DossierStatus
CTRL = Qt.KeyboardModifier.ControlModifier


def new_dossier(db, *path: S, id_number: str = "096085001234") -> str:  # noqa: ANN001
    with db.write() as s:
        dossier = make_dossier(s, received_at=datetime(2026, 11, 23, 9, 0), id_number=id_number)
        for target in path:
            changes.change_status(s, dossier, target, officer=None)
        return dossier.code


def ready(db, ctx) -> str:  # noqa: ANN001
    code = new_dossier(db, S.PROCESSING)
    returns.mark_result_ready(db, ctx, code, "Giấy khai sinh", "125/2026",
                              "Bản chính giấy khai sinh của cháu Trần Minh Khang", processed_by="Lê Văn Tư",
                              now=datetime(2026, 11, 24, 10, 0))
    return code


def state(db) -> dict[str, object]:  # noqa: ANN001
    with db.read() as s:
        return {
            "statuses": dict(s.execute(select(Dossier.code, Dossier.status)).all()),
            "returns": s.execute(select(func.count()).select_from(ResultReturn)).scalar_one(),
            "audit": s.execute(select(func.count()).select_from(AuditEvent)).scalar_one(),
            "outbox": s.execute(select(func.count()).select_from(OutboxEvent)).scalar_one(),
        }


def scan(qtbot, page: ReturnPage, code: str) -> None:  # noqa: ANN001
    """What a USB scanner does: the whole code as key presses within milliseconds, then Enter."""
    scan_burst(qtbot, page.scan, code)


@pytest.fixture
def events() -> DeskEvents:
    return DeskEvents()


@pytest.fixture
def page(db, desk_context, events, qtbot) -> ReturnPage:  # noqa: ANN001
    widget = ReturnPage(db, desk_context, events)
    widget.resize(1250, 760)
    show_active(qtbot, widget)
    assert widget.scan.hasFocus()  # focus on the scan field as soon as the page shows
    return widget


def test_ready_dossier_is_scanned_and_handed_over_without_the_mouse(db, desk_context, events, page, qtbot, db_path,
                                                                    shot):
    code = ready(db, desk_context)
    scan(qtbot, page, code)

    assert page.scan.text() == "" and page.scan.hasFocus()
    assert page.message.text() == f"Hồ sơ {code}: đã có kết quả, sẵn sàng trả."
    d = page.detail
    assert d.code.text() == code
    assert d.procedure.text().startswith("Thủ tục đăng ký khai sinh (1.001193)")
    assert "Trần Văn Đức" in d.applicant.text() and "096085001234" in d.applicant.text()
    assert d.received.text().startswith("09:00 23/11/2026") and d.due.text() == "09:00 25/11/2026"
    assert d.status.text() == "Đã có kết quả"
    assert d.due_state.text() == "Trước hạn" and "#1b5e20" in d.due_state.styleSheet()
    assert d.handoff_model.rowCount() == 2
    assert d.handoff_model.index(1, 2).data() == "Bộ phận chuyên môn → Bộ phận tiếp nhận và trả kết quả"
    assert d.handoff_model.index(1, 3).data() == "Lê Văn Tư → Nguyễn Thị Minh Thư"
    assert d.handoff_model.index(1, 4).data() == "Trước hạn"
    assert "Giấy khai sinh" in d.documents.text() and "125/2026" in d.documents.text()
    # prefilled from the applicant and the result-ready record
    assert page.receiver_is_applicant.isChecked() and page.receiver_name.text() == "Trần Văn Đức"
    assert page.receiver_id.text() == "096085001234" and page.receiver_name.isReadOnly()
    assert page.result_type.text() == "Giấy khai sinh" and page.hand_over_button.isEnabled()
    shot(page, "return-page-ready")

    with qtbot.waitSignal(events.dossiers_changed, timeout=20_000):
        qtbot.keyClick(page.scan, Qt.Key.Key_Return, CTRL)

    after = state(db)
    assert after["statuses"][code] == S.RETURNED and after["returns"] == 1
    with db.read() as s:
        row = s.execute(select(ResultReturn)).scalar_one()
        assert (row.receiver_name, row.receiver_is_applicant, row.result_number) == ("Trần Văn Đức", True, "125/2026")
    assert page.message.text() == f"Đã trả kết quả hồ sơ {code} cho Trần Văn Đức."
    assert d.status.text() == "Đã trả kết quả" and "cho <b>Trần Văn Đức</b>" in d.returned.text()
    assert d.handoff_model.rowCount() == 3 and not page.hand_over_button.isEnabled()

    preview = d.preview
    assert preview is not None and preview.isVisible() and preview.page_count == 2
    archived = db_path.parent / "archive" / "2026" / "11" / f"{code}-bien-nhan-tra-ket-qua.pdf"
    assert preview.pdf_path == archived and archived.stat().st_size > 10_000
    qtbot.wait(800)  # QPdfView renders pages asynchronously
    shot(preview, "return-receipt-preview")
    shot(page, "return-page-returned")
    preview.activateWindow()  # a window manager activates the new dialog; offscreen needs asking
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not preview.isVisible())
    page.activateWindow()
    qtbot.waitUntil(page.scan.hasFocus)  # back to the scan field for the next citizen


def test_dossier_still_processing_says_why_and_changes_nothing(db, desk_context, page, qtbot, shot):
    code = new_dossier(db, S.PROCESSING)
    before = state(db)
    scan(qtbot, page, code)
    assert page.detail.status.text() == "Đang giải quyết"
    assert page.detail.due_state.text() in ("Đúng hạn", "Sắp đến hạn", "Quá hạn")
    why = "Chưa thể trả kết quả: hồ sơ đang được giải quyết, chưa có kết quả (hẹn trả 09:00 ngày 25/11/2026)."
    assert page.why_not.text() == why and page.why_not.isVisible()
    assert not page.hand_over_button.isEnabled() and not page.receiver_name.isEnabled()
    assert page.ready_button.isEnabled()  # an in-house unit may record the result here
    shot(page, "return-page-processing")
    qtbot.keyClick(page.scan, Qt.Key.Key_Return, CTRL)
    assert page.message.text() == why
    assert page.scan.hasFocus()
    assert state(db) == before


def test_unknown_code_clears_the_field_and_waits_for_the_next_scan(db, desk_context, page, qtbot, shot):
    code = ready(db, desk_context)
    scan(qtbot, page, code)
    before = state(db)
    scan(qtbot, page, "000.00.01.H12-261125-1999")
    assert page.message.text() == "Không tìm thấy hồ sơ có mã «000.00.01.H12-261125-1999» trên máy này."
    assert "#b00020" in page.message.styleSheet()
    assert page.scan.text() == "" and page.scan.hasFocus()
    assert page.current is None and page.detail.empty.isVisible()  # the earlier dossier is gone from screen
    qtbot.keyClick(page.scan, Qt.Key.Key_Return, CTRL)  # nothing to hand over
    assert page.message.text() == "Hãy quét mã hồ sơ trước."
    scan(qtbot, page, "8935049500123")
    assert "không phải mã hồ sơ hay mã phiếu bổ sung" in page.message.text()
    shot(page, "return-page-unknown")
    assert state(db) == before
    scan(qtbot, page, code)  # the next scan works at once
    assert page.current is not None and page.current.code == code


def test_notice_code_goes_to_reception(db, desk_context, events, page, qtbot):
    with db.read() as s:
        case = catalog.get_detail(s, code="1.001193").cases[0]
    checks = (DocumentCheck(case.documents[0].id, DocumentDecision.MISSING),
              DocumentCheck(case.documents[1].id, DocumentDecision.PROVIDED, "", 1),
              DocumentCheck(case.documents[2].id, DocumentDecision.NOT_APPLICABLE))
    applicant = ApplicantInput(id_number="096185001234", name="Nguyễn Thị Ánh Tuyết", date_of_birth=date(1985, 9, 5),
                               address="ấp Tân Hưng, xã Tân Thành", phone="0912345678")
    notice = reception.issue_supplement(db, desk_context, IntakeForm(case.id, applicant, checks)).notice_code
    before = state(db)
    with qtbot.waitSignal(events.notice_scanned, timeout=20_000) as signal:
        scan(qtbot, page, notice.lower())
    assert signal.args == [notice]
    assert "mã phiếu yêu cầu bổ sung" in page.message.text()
    assert page.scan.text() == "" and page.current is None
    assert state(db) == before


def test_the_same_code_twice_is_harmless(db, desk_context, page, qtbot):
    code = ready(db, desk_context)
    before = state(db)
    scan(qtbot, page, code)
    scan(qtbot, page, code)
    assert page.current.code == code and page.hand_over_button.isEnabled()
    assert state(db) == before
    qtbot.keyClick(page.scan, Qt.Key.Key_Return, CTRL)
    page.detail.preview.close()
    returned = state(db)
    assert returned["statuses"][code] == S.RETURNED and returned["returns"] == 1

    scan(qtbot, page, code)
    scan(qtbot, page, code)
    assert page.detail.status.text() == "Đã trả kết quả"
    assert page.why_not.text().startswith("Hồ sơ đã được trả kết quả lúc ")
    assert page.why_not.text().endswith(" cho Trần Văn Đức.")
    qtbot.keyClick(page.scan, Qt.Key.Key_Return, CTRL)
    assert page.message.text() == page.why_not.text()
    assert state(db) == returned


def test_authorised_person_typed_in_and_a_wrong_id_is_pointed_at(db, desk_context, page, qtbot, shot):
    code = ready(db, desk_context)
    scan(qtbot, page, code)
    qtbot.keyClick(page.scan, Qt.Key.Key_Tab)
    assert page.receiver_is_applicant.hasFocus()
    qtbot.keyClick(page.receiver_is_applicant, Qt.Key.Key_Space)
    assert not page.receiver_is_applicant.isChecked()
    assert page.receiver_name.hasFocus() and page.receiver_name.text() == "" and not page.receiver_name.isReadOnly()
    type_text(page.receiver_name, "Lê Thị Hoa")
    qtbot.keyClick(page.receiver_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.receiver_id, "09619000432")  # one digit short
    qtbot.keyClick(page.receiver_id, Qt.Key.Key_Return)
    assert page.message.text() == "Người nhận kết quả: Số CCCD phải gồm đúng 12 chữ số."
    assert page.receiver_id.hasFocus() and state(db)["returns"] == 0
    shot(page, "return-page-authorised-error")
    page.receiver_id.clear()
    qtbot.keyClicks(page.receiver_id, "096190004321")
    qtbot.keyClick(page.receiver_id, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.receiver_phone, "0987 654 321")
    qtbot.keyClick(page.receiver_phone, Qt.Key.Key_Return)
    with db.read() as s:
        row = s.execute(select(ResultReturn)).scalar_one()
        assert (row.receiver_name, row.receiver_id_number, row.receiver_phone, row.receiver_is_applicant) == (
            "Lê Thị Hoa", "096190004321", "0987654321", False)
    page.detail.preview.close()


def test_result_ready_at_the_desk_then_hand_over(db, desk_context, events, page, qtbot):
    code = new_dossier(db, S.PROCESSING)
    scan(qtbot, page, code)
    assert page.ready_button.isVisible() and page.ready_button.isEnabled()
    qtbot.keyClick(page.scan, Qt.Key.Key_K, CTRL)  # no result document yet
    assert page.message.text() == "Hãy ghi loại giấy tờ kết quả (ví dụ: Giấy khai sinh)."
    assert page.result_type.hasFocus()
    type_text(page.result_type, "Giấy khai sinh")
    with qtbot.waitSignal(events.dossiers_changed, timeout=20_000):
        qtbot.keyClick(page.result_type, Qt.Key.Key_K, CTRL)
    assert state(db)["statuses"][code] == S.RESULT_READY
    assert page.message.text().startswith(f"Đã ghi nhận hồ sơ {code} có kết quả: Giấy khai sinh.")
    assert page.scan.hasFocus() and page.hand_over_button.isEnabled() and not page.ready_button.isEnabled()
    assert page.detail.handoff_model.rowCount() == 2
    qtbot.keyClick(page.scan, Qt.Key.Key_Enter, CTRL)  # keypad Enter works too
    assert state(db)["statuses"][code] == S.RETURNED
    page.detail.preview.close()


def test_without_the_return_role_the_page_only_shows_status(db, desk_context, qtbot):
    code = ready(db, desk_context)
    page = ReturnPage(db, replace(desk_context, roles=frozenset({Role.RECEPTION})), DeskEvents())
    show_active(qtbot, page)
    scan(qtbot, page, code)
    assert page.detail.status.text() == "Đã có kết quả"
    assert not page.form.isVisible() and not page.ready_button.isVisible()
    before = state(db)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(page.scan, Qt.Key.Key_K, CTRL)
    assert page.message.text() == "Tài khoản này không có quyền trả kết quả."
    assert state(db) == before


def test_main_window_page_takes_focus_and_routes_notices(db, desk_context, qtbot, shot):
    from counter_app.ui.main_window import MainWindow

    window = MainWindow(db, desk_context)
    show_active(qtbot, window)
    window.show_page(window.return_page)
    assert window.return_page.scan.hasFocus()
    window.show_page(window.search_page)
    assert window.search_page.text.hasFocus()
    window.show_page(window.return_page)
    assert window.return_page.scan.hasFocus()
    shot(window, "main-window-return-page")
    with db.read() as s:
        case = catalog.get_detail(s, code="1.001193").cases[0]
    checks = (DocumentCheck(case.documents[0].id, DocumentDecision.MISSING),
              DocumentCheck(case.documents[1].id, DocumentDecision.PROVIDED, "", 1),
              DocumentCheck(case.documents[2].id, DocumentDecision.NOT_APPLICABLE))
    applicant = ApplicantInput(id_number="096185001234", name="Nguyễn Thị Ánh Tuyết", date_of_birth=date(1985, 9, 5),
                               address="ấp Tân Hưng, xã Tân Thành", phone="0912345678")
    notice = reception.issue_supplement(db, desk_context, IntakeForm(case.id, applicant, checks)).notice_code
    scan(qtbot, window.return_page, notice)
    assert window.pages.currentWidget() is window.reception_page


def test_a_scan_after_stray_typing_still_finds_the_dossier(db, desk_context, page, qtbot, scanner_clock):
    code = new_dossier(db, S.PROCESSING)
    qtbot.keyClicks(page.scan, "abc")  # typed by hand, not cleared
    scanner_clock.pause(0.15)
    scan(qtbot, page, code)  # the scanner's burst follows
    assert page.current is not None and page.current.code == code
    qtbot.keyClicks(page.scan, code[:-4])  # typed by hand, one key at a time
    for ch in code[-4:]:
        scanner_clock.pause(0.08)
        qtbot.keyClick(page.scan, ch)
    qtbot.keyClick(page.scan, Qt.Key.Key_Enter)
    assert page.current.code == code and page.scan.text() == ""


def test_notice_scanned_by_an_officer_without_reception_role(db, desk_context, qtbot):
    from counter_app.ui.main_window import MainWindow

    window = MainWindow(db, replace(desk_context, roles=frozenset({Role.RETURN})))
    show_active(qtbot, window)
    assert not hasattr(window, "reception_page")
    window.show_page(window.return_page)
    window.events.notice_scanned.emit("000.00.01.H12-261125-BS1001")
    assert "phiếu yêu cầu bổ sung: mời công dân sang quầy tiếp nhận" in window.statusBar().currentMessage()
