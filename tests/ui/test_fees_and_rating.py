"""Issue #14 on screen: the fee line at receipt, the payment dialog, the citizen's rating window."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit
from sqlalchemy import select

from counter_app.models import Dossier, DossierStatus, OutboxEvent
from counter_app.models.payments import Payment, Rating
from counter_app.services import catalog, changes, returns
from counter_app.ui.main_window import MainWindow
from tests.helpers import make_dossier
from tests.ui.qt_helpers import scan_burst, show_active

S = DossierStatus
CTRL = Qt.KeyboardModifier.ControlModifier
FEES = {"procedures": [
    {"MATTHC": "2.000815", "TENTTHC": "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
     "LINHVUCTHUCHIEN": [{"MALINHVUC": "CT", "TENLINHVUC": "Chứng thực"}], "CAPTHUCHIEN": ["Cấp Xã"],
     "CACHTHUCTHUCHIEN": [{"KENH": "Trực tiếp", "THOIGIAN": [{
         "THOIGIANGIAIQUYET": 1, "DONVITINH": "Ngày làm việc",
         "PHILEPHI": [{"MAPHILEPHI": "LP1", "SOTIEN": "2.000 đồng/trang", "TUTRANG": 3, "SOTIENTUTRANG": 1000,
                       "TOIDA": 200000, "MOTA": "Phí chứng thực bản sao"}],
         "MIENGIAM": [{"MAMIENGIAM": "HN", "DOITUONG": "Người thuộc hộ nghèo", "CANCU": "Điều 5 Thông tư 226/2016"}]}]}],
     "THANHPHANHOSO": [{"GIAYTO": [{"TENGIAYTO": "Bản chính giấy tờ làm cơ sở chứng thực", "SOBANCHINH": 1}]}]},
]}


def ready(db, ctx) -> str:  # noqa: ANN001
    with db.write() as s:
        dossier = make_dossier(s, received_at=datetime(2026, 11, 23, 9, 0))
        changes.change_status(s, dossier, S.PROCESSING, officer=None)
        code = dossier.code
    returns.mark_result_ready(db, ctx, code, "Giấy khai sinh", "125/2026", "Bản chính", processed_by="Lê Văn Tư",
                              now=datetime(2026, 11, 24, 10, 0))
    return code


def visible_texts(root) -> str:  # noqa: ANN001
    """Everything the officer's window shows in words: labels, buttons, inputs, tooltips, status bar."""
    parts = [root.windowTitle(), root.statusBar().currentMessage()]
    for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton) + root.findChildren(QLineEdit):
        parts += [w.text(), w.toolTip()]
    return "\n".join(p for p in parts if p)


def test_rating_by_keys_is_stored_for_the_officer_and_dossier_and_never_shown_to_the_officer(
        db, desk_context, qtbot, shot):
    code = ready(db, desk_context)
    window = MainWindow(db, desk_context)
    window.resize(1366, 768)
    show_active(qtbot, window)
    window.show_page(window.return_page)
    scan_burst(qtbot, window.return_page.scan, code)
    rating = window.rating.window
    with qtbot.waitSignal(window.events.rating_requested, timeout=20_000):
        qtbot.keyClick(window.return_page.scan, Qt.Key.Key_Return, CTRL)
    assert rating.isVisible() and rating.stack.currentWidget() is rating.ask_page
    assert window.rating_status.text() == "⌛ Chờ đánh giá"
    assert window.rating_status.toolTip() == f"Đang chờ công dân đánh giá (hồ sơ {code})…"
    shot(rating, "rating-window-ask")
    qtbot.keyClick(rating, Qt.Key.Key_1)  # very satisfied
    assert rating.stack.currentWidget() is rating.why_page
    shot(rating, "rating-window-reasons")
    qtbot.keyClick(rating, Qt.Key.Key_5)  # "Nhanh chóng, đúng hẹn"
    assert rating.stack.currentWidget() is rating.thanks
    with db.read() as s:
        row = s.execute(select(Rating)).scalar_one()
        dossier_id = s.execute(select(Dossier.id).where(Dossier.code == code)).scalar_one()
        assert (row.dossier_id, row.officer_id, row.stage, row.score, row.reason) == (
            dossier_id, desk_context.officer_id, "return", 1, "fast")
        event = s.execute(select(OutboxEvent).where(OutboxEvent.kind == "rating.given")).scalar_one()
        assert json.loads(event.payload)["details"]["rating"]["score"] == 1
    assert window.rating_status.text() == "✓ Đã đánh giá"
    assert window.rating_status.toolTip() == f"Công dân đã đánh giá hồ sơ {code}."
    shown = visible_texts(window)
    for secret in ("Rất hài lòng", "Nhanh chóng, đúng hẹn", "Không hài lòng"):
        assert secret not in shown
    shot(window, "officer-window-after-rating")

    # Not editable: asked again for the same dossier, the second answer is refused and nothing changes.
    window.events.rating_requested.emit(code, "return")
    qtbot.keyClick(rating, Qt.Key.Key_3)
    qtbot.keyClick(rating, Qt.Key.Key_0)
    with db.read() as s:
        assert [(r.score, r.reason) for r in s.execute(select(Rating)).scalars()] == [(1, "fast")]
    assert "đã được đánh giá" in window.rating_status.toolTip()
    assert "Không hài lòng" not in visible_texts(window)


@pytest.fixture
def fee_db(db, tmp_path: Path):  # noqa: ANN001
    path = tmp_path / "fees.json"
    path.write_text(json.dumps(FEES, ensure_ascii=False), encoding="utf-8")
    catalog.import_file(db, path)
    return db


def test_fee_line_at_receipt_then_payment_dialog_collects_and_prints(fee_db, desk_context, qtbot, shot, monkeypatch):
    from counter_app.ui import reception_papers as rp  # the page's papers are delivered from here
    from counter_app.ui.reception_page import ReceptionPage

    window = MainWindow(fee_db, desk_context)
    window.resize(1366, 768)
    show_active(qtbot, window)
    page: ReceptionPage = window.reception_page
    with fee_db.read() as s:
        detail = catalog.get_detail(s, code="2.000815")
    page.set_procedure(detail)
    panel = page.fee_panel
    assert panel.isVisible() and panel.amount.text() == "2.000 đồng"
    copies, pages = panel.spins["LP1"]
    copies.setValue(2)
    pages.setValue(4)  # 2 + 2 + 1 + 1 = 6.000 a copy
    assert panel.amount.text() == "12.000 đồng"
    panel.exemption.setCurrentIndex(1)
    assert panel.amount.text() == "0 đồng"
    panel.exemption.setCurrentIndex(0)
    for name, text in (("id_number", "096085001234"), ("name", "Trần Văn Đức"), ("date_of_birth", "05/09/1985"),
                       ("address", "ấp 3, xã Tân Thành"), ("phone", "0912345678")):
        page.field(name).setText(text)
    page.checklist.setFocus()
    page.checklist.setCurrentIndex(page.checklist_model.index(0, 0))
    qtbot.keyClick(page.checklist, Qt.Key.Key_1)
    shot(window, "reception-with-fee-line")
    delivered: list[str] = []
    monkeypatch.setattr(rp, "deliver", lambda parent, path, title, direct: (delivered.append(str(path)) and None, ""))
    page.confirm()
    assert "Đã tiếp nhận" in page.message.text(), (page.message.text(), page.checklist_error.text(), [b.error.text() for b in page.fields.values()])
    with fee_db.read() as s:
        d = s.execute(select(Dossier)).scalars().all()[-1]
        assert (d.fee_due, d.status) == (12_000, S.RECEIVED)
    dialog = page.payment_dialog
    assert dialog.isVisible() and dialog.amount_edit.text() == "12000"
    assert dialog.words.text() == "Mười hai nghìn đồng"
    shot(dialog, "payment-dialog")
    dialog.set_method(dialog.method.itemData(2))  # online without its reference: told at the field
    dialog.submit()
    assert dialog.isVisible() and dialog.boxes["reference"].error.isVisible()
    assert "mã giao dịch" in dialog.boxes["reference"].error.text()
    dialog.reference_edit.setText("PAYGOV-2026-77")
    dialog.submit()
    assert not dialog.isVisible()
    with fee_db.read() as s:
        pay = s.execute(select(Payment)).scalar_one()
        assert (pay.amount, pay.method, pay.reference) == (12_000, "online", "PAYGOV-2026-77")
    assert len(delivered) == 2, (delivered, page.message.text())
    assert delivered[-1].endswith(".pdf") and "bien-lai" in delivered[-1]
    assert "Đã thu 12.000 đồng" in page.message.text()


def test_dashboard_shows_the_service_index_indicators(db, desk_context, qtbot, shot):
    from counter_app.ui.dashboard_page import DashboardPage
    from tests.unit.test_indicators import DAY, build_known_mix

    build_known_mix(db)
    window = MainWindow(db, desk_context)
    window.resize(1366, 768)
    show_active(qtbot, window)
    page: DashboardPage = window.dashboard_page
    window.show_page(page)
    page.set_day(DAY)
    qtbot.waitUntil(lambda: not page.is_refreshing and page.stats is not None and page.stats.start == DAY,
                    timeout=10_000)
    page.breakdown_tabs.setCurrentWidget(page.indicator_table)
    model = page.indicator_model
    rows = {model.index(r, 0).data(): tuple(model.index(r, c).data() for c in range(1, model.columnCount()))
            for r in range(model.rowCount())}
    assert rows["Toàn đơn vị"] == ("75,0% (3/4)", "40,0% (2/5)", "—", "—", "33,3% (1/3)", "66,7% (2/3)")
    assert rows["Cán bộ: Phạm Thị Thu"][0] == "100,0% (1/1)"
    assert "Lĩnh vực: Hộ tịch" in rows and "Quầy số 1" in rows
    shot(window, "dashboard-indicators")



def test_status_6_dossier_collected_from_the_detail_with_f7_and_a_receipt_voided(db, desk_context, qtbot, shot,
                                                                                 monkeypatch):
    from counter_app.services import payments
    from counter_app.ui import dossier_detail as dd

    with db.write() as s:
        dossier = make_dossier(s, received_at=datetime(2026, 11, 23, 9, 0))
        dossier.fee_due = 15_500
        code = dossier.code
    payments.await_payment(db, desk_context, code, now=datetime(2026, 11, 23, 10, 0))
    window = MainWindow(db, desk_context)
    window.resize(1366, 768)
    show_active(qtbot, window)
    window.show_page(window.return_page)
    scan_burst(qtbot, window.return_page.scan, code)
    detail = window.return_page.detail
    assert "còn phải nộp 15.500 đồng" in detail.fees.text() and "chờ nộp" in detail.fees.text()
    assert detail.pay_button.isVisible() and not detail.void_button.isVisible()
    shot(window, "detail-awaiting-payment")
    monkeypatch.setattr(dd.DossierDetailWidget, "show_preview", lambda self, path, title: None)
    qtbot.keyClick(window.return_page.scan, Qt.Key.Key_F7)
    dialog = detail.payment_dialog
    assert dialog.isVisible() and dialog.amount_edit.text() == "15500" and dialog.later_button is None
    assert dialog.words.text() == "Mười lăm nghìn năm trăm đồng"
    qtbot.keyClick(dialog.method, Qt.Key.Key_2)  # bank transfer
    dialog.reference_edit.setText("FT2632712345")
    dialog.submit()
    with db.read() as s:
        d = s.execute(select(Dossier).where(Dossier.code == code)).scalar_one()
        assert d.status == S.PROCESSING and d.due_at is not None
    assert "Hồ sơ tiếp tục giải quyết" in detail.print_message.text()
    assert detail.void_button.isVisible() and not detail.pay_button.isVisible()
    detail.void_payment()
    void = detail.void_dialog
    void.reason.setText("Khách chuyển nhầm, hoàn tiền")
    void.username.setText("demo")
    void.password.setText("sai")
    void.submit()
    assert void.isVisible() and void.boxes["override_username"].error.isVisible()
    void.password.setText("demo")
    void.submit()
    assert not void.isVisible() and "Đã hủy biên lai" in detail.print_message.text()
    assert "còn phải nộp 15.500 đồng" in detail.fees.text()
