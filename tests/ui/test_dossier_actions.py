"""Actions on one dossier from its detail (issue #16): a processing agency's supplement request with
form 02, "the documents came", and the supervisor's correction of a result or its return — driven
from the keyboard on real widgets, with the database and the printed PDF read back."""

from __future__ import annotations

import json
from datetime import datetime

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter_app.models import AuditEvent, Dossier, DossierStatus, OutboxEvent, ResultReturn, Role
from counter_app.services import changes, returns, settings
from counter_app.services.org import DeskContext
from counter_app.services.returns import Receiver
from counter_app.ui.dossier_actions import CorrectionDialog, SupplementedDialog, SupplementRequestDialog
from counter_app.ui.events import DeskEvents
from counter_app.ui.return_page import ReturnPage
from tests.helpers import make_dossier
from tests.ui.qt_helpers import scan_burst, show_active, type_text

S = DossierStatus
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def text_of(path) -> str:  # noqa: ANN001
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def new_dossier(db, *path: S) -> str:  # noqa: ANN001
    with db.write() as s:
        dossier = make_dossier(s, procedure_code="1.001193", received_at=datetime(2026, 11, 23, 9, 0))
        for target in path:
            changes.change_status(s, dossier, target, officer=None)
        return dossier.code


def status_of(db, code: str) -> int:  # noqa: ANN001
    with db.read() as s:
        return s.execute(select(Dossier.status).where(Dossier.code == code)).scalar_one()


def focused():  # noqa: ANN201
    return QApplication.focusWidget()


def wait_dialog(qtbot, detail, cls):  # noqa: ANN001, ANN201
    qtbot.waitUntil(lambda: isinstance(detail.action_dialog, cls) and detail.action_dialog.isVisible())
    dialog = detail.action_dialog
    dialog.activateWindow()  # a window manager activates the new dialog; offscreen needs asking
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_into_focus(qtbot, text: str) -> None:  # noqa: ANN001
    type_text(focused(), text)


@pytest.fixture
def events() -> DeskEvents:
    return DeskEvents()


@pytest.fixture
def page(db, desk_context, events, qtbot) -> ReturnPage:  # noqa: ANN001
    widget = ReturnPage(db, desk_context, events)
    widget.resize(1250, 760)
    show_active(qtbot, widget)
    return widget


def test_processing_stage_supplement_request_and_supplemented_from_the_keyboard(db, desk_context, events, page,
                                                                                qtbot, shot, tmp_path):
    code = new_dossier(db, S.PROCESSING)
    scan_burst(qtbot, page.scan, code)
    d = page.detail
    assert d.supplement_button.isVisible() and not d.supplemented_button.isVisible()
    assert not d.correct_button.isVisible()  # no result yet
    shot(page, "detail-processing-actions")

    qtbot.keyClick(page.scan, Qt.Key.Key_U, ALT)  # Yêu cầu bổ s&ung
    dialog = wait_dialog(qtbot, d, SupplementRequestDialog)
    assert focused() is dialog.agency
    type_into_focus(qtbot, "Công chức Tư pháp - Hộ tịch")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.item_edits[0][0]
    type_into_focus(qtbot, "Giấy chứng sinh")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.item_edits[0][1]
    type_into_focus(qtbot, "Bản chụp mờ, không đọc được")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.item_edits[1][0]
    type_into_focus(qtbot, "Tờ khai đăng ký khai sinh")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    # a row without its reason: refused, the dialog stays with everything typed, the cursor on that reason
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and status_of(db, code) == S.PROCESSING
    assert "Hãy ghi lý do cần bổ sung «Tờ khai đăng ký khai sinh»" in dialog.items_error.text()
    assert focused() is dialog.item_edits[1][1]
    assert dialog.agency.text() == "Công chức Tư pháp - Hộ tịch"
    assert dialog.item_edits[0][1].text() == "Bản chụp mờ, không đọc được"
    type_into_focus(qtbot, "Thiếu chữ ký của người đi khai")
    assert len(dialog.item_edits) >= 3  # a new empty row opens below the last one used
    shot(dialog, "supplement-request-dialog")

    with qtbot.waitSignal(events.dossiers_changed, timeout=20_000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert status_of(db, code) == S.SUPPLEMENT_REQUESTED
    assert d.status.text() == "Yêu cầu bổ sung"
    assert d.supplemented_button.isVisible() and not d.supplement_button.isVisible()
    assert "thời gian giải quyết tạm dừng" in d.print_message.text()
    preview = d.preview
    assert preview is not None and preview.isVisible()
    text = text_of(preview.pdf_path)
    for expected in ("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Công chức Tư pháp - Hộ tịch", "Giấy chứng sinh",
                     "Bản chụp mờ, không đọc được", "Tờ khai đăng ký khai sinh", "Thiếu chữ ký của người đi khai",
                     code):
        assert expected in text, expected
    qtbot.wait(600)  # QPdfView renders pages asynchronously
    shot(preview, "supplement-request-form-02")
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not preview.isVisible())
    page.activateWindow()
    qtbot.waitUntil(page.scan.hasFocus)  # back to the scan field

    # the documents came: Alt+G, Ctrl+Enter — processing again, a new due moment
    qtbot.keyClick(page.scan, Qt.Key.Key_G, ALT)
    done = wait_dialog(qtbot, d, SupplementedDialog)
    assert "Giấy chứng sinh" in done.requests.text() and "Công chức Tư pháp - Hộ tịch" in done.requests.text()
    shot(done, "supplemented-dialog")
    with qtbot.waitSignal(events.dossiers_changed, timeout=20_000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert status_of(db, code) == S.PROCESSING
    assert "hẹn trả mới" in d.print_message.text() and d.due.text() != "tạm dừng tính thời gian"
    page.activateWindow()
    qtbot.waitUntil(page.scan.hasFocus)

    # the same agency again: the once-per-agency rule's message in the dialog, nothing typed lost
    qtbot.keyClick(page.scan, Qt.Key.Key_U, ALT)
    again = wait_dialog(qtbot, d, SupplementRequestDialog)
    type_into_focus(qtbot, "công chức tư pháp -  hộ tịch")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_into_focus(qtbot, "Giấy tờ tùy thân")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_into_focus(qtbot, "Hết hạn")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert again.isVisible() and status_of(db, code) == S.PROCESSING
    assert "mỗi cơ quan chỉ được yêu cầu bổ sung một lần" in again.field_error("agency")
    assert focused() is again.agency
    assert [again.item_edits[0][0].text(), again.item_edits[0][1].text()] == ["Giấy tờ tùy thân", "Hết hạn"]
    qtbot.wait(100)
    shot(again, "supplement-request-once-rule")
    # another agency may ask
    again.agency.selectAll()
    type_into_focus(qtbot, "Công an xã Tân Thành")
    with qtbot.waitSignal(events.dossiers_changed, timeout=20_000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert status_of(db, code) == S.SUPPLEMENT_REQUESTED
    d.preview.close()


def test_the_reprint_list_of_the_detail_offers_the_processing_notice(db, desk_context, page, qtbot):
    from counter_app.services import documents, processing

    code = new_dossier(db, S.PROCESSING)
    result = processing.request_supplement(db, desk_context, code, "Phòng Văn hóa - Xã hội",
                                           [("Tờ khai", "Thiếu chữ ký")], print_notice=False)
    papers = documents.papers_of_dossier(db, code)
    assert [(p.form, p.key) for p in papers][0] == ("02", result.notice_code)
    path = documents.write_paper(db, papers[0])
    assert "Phòng Văn hóa - Xã hội" in text_of(path)


def test_no_supplement_actions_where_the_central_records_them(db, desk_context, page, qtbot):
    with db.write() as s:
        settings.put(s, "sync.central_url", "http://127.0.0.1:1")
    code = new_dossier(db, S.PROCESSING)
    scan_burst(qtbot, page.scan, code)
    assert page.current is not None
    assert not page.detail.supplement_button.isVisible() and not page.detail.supplemented_button.isVisible()


def ready_and_returned(db, ctx) -> str:  # noqa: ANN001
    code = new_dossier(db, S.PROCESSING)
    returns.mark_result_ready(db, ctx, code, "Giấy khai sinh", "125/2026", "Bản chính", processed_by="Lê Văn Tư",
                              now=datetime(2026, 11, 24, 10, 0))
    returns.hand_over(db, ctx, code, Receiver("Trần Văn Đức", "096085001234", "", True),
                      returns.ResultDocument("Giấy khai sinh", "125/2026", "Bản chính"),
                      now=datetime(2026, 11, 24, 14, 0))
    return code


def test_supervisor_corrects_a_returned_result_audited_and_synced(db, desk_context, events, page, qtbot, shot):
    code = ready_and_returned(db, desk_context)
    scan_burst(qtbot, page.scan, code)
    d = page.detail
    assert d.correct_button.isVisible() and not d.supplement_button.isVisible()
    qtbot.keyClick(page.scan, Qt.Key.Key_Q, ALT)  # Đính chính kết &quả
    dialog = wait_dialog(qtbot, d, CorrectionDialog)
    assert focused() is dialog.reason
    assert dialog.result_number.text() == "125/2026" and dialog.receiver_name.text() == "Trần Văn Đức"
    # no reason: refused under the reason, nothing changed
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.result_type
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.result_number
    dialog.result_number.selectAll()
    type_into_focus(qtbot, "126/2026")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.isVisible() and "lý do" in dialog.field_error("reason").lower()
    assert focused() is dialog.reason and dialog.result_number.text() == "126/2026"
    type_into_focus(qtbot, "Ghi nhầm số giấy khai sinh khi trả kết quả")
    shot(dialog, "correction-dialog")
    with qtbot.waitSignal(d.changed, timeout=20_000):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    with db.read() as s:
        dossier = s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
        assert (dossier.status, dossier.result_number) == (S.RETURNED, "126/2026")
        row = s.execute(select(ResultReturn)).scalar_one()
        assert row.result_number == "126/2026"
        audit = s.execute(select(AuditEvent).where(AuditEvent.action == "dossier.result_corrected")).scalar_one()
        details = json.loads(audit.details) if isinstance(audit.details, str) else audit.details
        assert details["result_before"]["number"] == "125/2026"
        assert details["corrected_result"]["number"] == "126/2026"
        assert "Ghi nhầm số" in details["reason"]
        assert s.execute(select(OutboxEvent).where(OutboxEvent.kind == "dossier.result_corrected")).scalars().all()
    assert "126/2026" in d.documents.text() and "Đã đính chính" in d.print_message.text()
    page.activateWindow()
    qtbot.waitUntil(page.scan.hasFocus)

    # a return recorded by mistake is recalled: back to "result ready", the hand-over possible again
    qtbot.keyClick(page.scan, Qt.Key.Key_Q, ALT)
    recall = wait_dialog(qtbot, d, CorrectionDialog)
    type_into_focus(qtbot, "Trả nhầm hồ sơ, người nhận chưa đến")
    qtbot.keyClick(focused(), Qt.Key.Key_T, ALT)  # &Thu hồi việc trả kết quả
    qtbot.waitUntil(recall.recall.isChecked)  # a mnemonic clicks with a short animation
    assert not recall.receiver_name.isEnabled()
    with qtbot.waitSignal(events.dossiers_changed, timeout=20_000):
        qtbot.keyClick(recall.reason, Qt.Key.Key_Return, CTRL)
    assert status_of(db, code) == S.RESULT_READY
    assert page.hand_over_button.isEnabled() and d.returned.isHidden()


def test_only_a_supervisor_sees_the_correction(db, desk_context, events, qtbot):
    code = ready_and_returned(db, desk_context)
    clerk = DeskContext(**{**desk_context.__dict__, "roles": frozenset({Role.RETURN})})
    page = ReturnPage(db, clerk, events)
    show_active(qtbot, page)
    scan_burst(qtbot, page.scan, code)
    assert page.current is not None and not page.detail.correct_button.isVisible()
    qtbot.keyClick(page.scan, Qt.Key.Key_Q, ALT)
    assert page.detail.action_dialog is None


@pytest.mark.parametrize("screen_name", ["1366x768", "1280x720"])
def test_the_actions_and_their_dialogs_fit_the_desk_screen(db, desk_context, qtbot, shot, screen_name):
    from PySide6.QtCore import QRect

    from tests.ui.test_screen_fit import open_window

    code = new_dossier(db, S.PROCESSING)
    window = open_window(qtbot, db, desk_context, screen_name)
    window.show_page(window.return_page)
    page = window.return_page
    qtbot.waitUntil(page.scan.hasFocus)
    scan_burst(qtbot, page.scan, code)
    button = page.detail.supplement_button
    assert button.isVisible()
    assert window.rect().contains(QRect(button.mapTo(window, button.rect().topLeft()), button.size()))
    qtbot.keyClick(page.scan, Qt.Key.Key_U, ALT)
    dialog = wait_dialog(qtbot, page.detail, SupplementRequestDialog)
    screen = window.screen().availableGeometry()
    assert screen.contains(dialog.frameGeometry()), (dialog.frameGeometry(), screen)
    shot(window, f"return-page-actions-{screen_name}")
    shot(dialog, f"supplement-request-dialog-{screen_name}")
    dialog.reject()
