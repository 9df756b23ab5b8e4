"""Dossier search page: the table model (qtmodeltester), filters, keyboard, detail and form 06."""

from __future__ import annotations

import threading
from datetime import datetime

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush

from counter_app.domain.due_state import DueState
from counter_app.models import DossierStatus
from counter_app.services import returns, search
from counter_app.services.returns import Receiver
from counter_app.services.search import SearchQuery
from counter_app.ui.dossier_detail import HandoffModel
from counter_app.ui.events import DeskEvents
from counter_app.ui.qt_models import OBJECT_ROLE
from counter_app.ui.search_page import DossierSearchModel, SearchPage
from tests.helpers import applicant, make_dossier
from tests.ui.qt_helpers import show_active

S = DossierStatus
NOW = datetime(2026, 11, 25, 10, 0)
PEOPLE = [  # name, id, status, received, due
    ("Nguyễn Thị Ánh Tuyết", "096185001234", S.PROCESSING, datetime(2026, 11, 20, 9), datetime(2026, 11, 24, 16)),
    ("Trần Văn Đức", "096085001234", S.RECEIVED, datetime(2026, 11, 23, 9), datetime(2026, 11, 25, 15)),
    ("Nguyễn Văn An", "096080000001", S.RECEIVED, datetime(2026, 11, 25, 8), datetime(2026, 12, 30, 8)),
    ("Lê Thị Hoa", "096190004321", S.SUPPLEMENT_REQUESTED, datetime(2026, 11, 18, 9), None),
    ("Phạm Quốc Việt", "096099001111", S.RETURNED, datetime(2026, 10, 1, 9), datetime(2026, 10, 2, 9)),
]


@pytest.fixture
def codes(db) -> dict[str, str]:  # noqa: ANN001
    found = {}
    with db.write() as s:
        for name, id_number, status, received, due in PEOPLE:
            applicant(s, id_number, name)
            d = make_dossier(s, received_at=received, id_number=id_number)
            d.status, d.due_at = status.value, due
            if status is S.RETURNED:
                d.result_ready_at = d.returned_at = due
            found[name] = d.code
    return found


def test_search_model_passes_qt_model_checks_and_sorts(db, codes, qtmodeltester):
    model = DossierSearchModel()
    qtmodeltester.check(model, force_py=True)
    model.set_rows(search.search(db, SearchQuery(), now=NOW).rows)
    assert model.rowCount() == 5 and model.columnCount() == 9
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Mã hồ sơ"
    assert model.headerData(8, Qt.Orientation.Horizontal) == "Hạn xử lý"

    model.sort(5, Qt.SortOrder.AscendingOrder)  # received, by the moment (not the dd/mm text)
    assert [model.index(r, 1).data() for r in range(5)] == [
        "Phạm Quốc Việt", "Lê Thị Hoa", "Nguyễn Thị Ánh Tuyết", "Trần Văn Đức", "Nguyễn Văn An"]
    assert model.index(0, 5).data() == "09:00 01/10/2026"
    model.sort(6, Qt.SortOrder.AscendingOrder)  # due: paused (no due moment) last
    assert model.index(4, 1).data() == "Lê Thị Hoa" and model.index(4, 6).data() == "—"
    model.sort(8, Qt.SortOrder.AscendingOrder)  # due state: most urgent first
    assert [model.index(r, 8).data() for r in range(3)] == ["Quá hạn", "Sắp đến hạn", "Tạm dừng tính thời gian"]
    assert model.index(0, 1).data(OBJECT_ROLE).code == codes["Nguyễn Thị Ánh Tuyết"]
    brush = model.index(0, 8).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color().name() == "#b71c1c"
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    model.set_rows([])  # the tester stays connected: resets and sorts above were checked as they happened
    assert model.rowCount() == 0


def test_handoff_model_passes_qt_model_checks(db, desk_context, codes, qtmodeltester):
    code = codes["Nguyễn Thị Ánh Tuyết"]
    detail = returns.mark_result_ready(db, desk_context, code, "Giấy khai sinh", now=NOW)
    model = HandoffModel()
    model.set_rows(detail.handoffs)
    qtmodeltester.check(model, force_py=True)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "2" and model.index(0, 4).data() == "Quá hạn"


@pytest.fixture
def page(db, desk_context, qtbot) -> SearchPage:  # noqa: ANN001
    events = DeskEvents()
    widget = SearchPage(db, desk_context, events)
    widget.events = events
    widget.resize(1250, 800)
    show_active(qtbot, widget)
    return widget


def test_typing_a_name_without_diacritics_then_opening_a_row_by_keyboard(db, desk_context, codes, page, qtbot,
                                                                           db_path, shot):
    assert page.text.hasFocus()
    qtbot.keyClicks(page.text, "nguyen")
    qtbot.keyClick(page.text, Qt.Key.Key_Return)
    assert page.searching and page.count_label.text() == "Đang tìm…"  # off the GUI thread
    qtbot.waitUntil(lambda: not page.searching)
    assert page.model.rowCount() == 2 and page.count_label.text() == "2 hồ sơ"
    assert {page.model.index(r, 1).data() for r in range(2)} == {"Nguyễn Thị Ánh Tuyết", "Nguyễn Văn An"}
    qtbot.keyClick(page.text, Qt.Key.Key_Down)
    assert page.results.hasFocus()
    qtbot.keyClick(page.results, Qt.Key.Key_Down)
    chosen = page.results.currentIndex().data(OBJECT_ROLE)
    qtbot.keyClick(page.results, Qt.Key.Key_Return)
    assert page.detail.detail is not None and page.detail.code.text() == chosen.code
    assert page.detail.applicant.text().startswith(f"<b>{chosen.applicant_name}</b>")

    qtbot.keyClick(page.results, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # In phiếu kiểm soát
    qtbot.waitUntil(lambda: page.detail.preview is not None)  # a mnemonic "animates" the click first
    preview = page.detail.preview
    assert preview is not None and preview.isVisible()
    assert preview.pdf_path.name == f"{chosen.code}-phieu-kiem-soat.pdf"
    pdf = pdfium.PdfDocument(str(preview.pdf_path))
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    pdf.close()
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text and chosen.applicant_name in text
    assert "(Chưa có lượt giao, nhận hồ sơ)" in text
    shot(page, "search-page")
    preview.close()


def test_filters_status_due_state_and_dates(db, codes, page, qtbot):
    page.status.setCurrentIndex(page.status.findData(S.RECEIVED.value))
    qtbot.keyClick(page.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.searching)
    assert {page.model.index(r, 1).data() for r in range(page.model.rowCount())} == {"Trần Văn Đức", "Nguyễn Văn An"}
    page.status.setCurrentIndex(0)
    page.due_state.setCurrentIndex(page.due_state.findData(DueState.PAUSED.value))
    page.run_search()
    qtbot.waitUntil(lambda: not page.searching)
    assert page.model.rowCount() == 1 and page.model.index(0, 1).data() == "Lê Thị Hoa"
    page.due_state.setCurrentIndex(0)
    page.use_dates.setChecked(True)
    page.date_from.setDate(QDate(2026, 10, 1))
    page.date_to.setDate(QDate(2026, 10, 31))
    page.run_search()
    qtbot.waitUntil(lambda: not page.searching)
    assert page.model.rowCount() == 1 and page.model.index(0, 1).data() == "Phạm Quốc Việt"
    page.date_from.setDate(QDate(2026, 11, 30))
    page.run_search()
    qtbot.waitUntil(lambda: not page.searching)
    assert page.count_label.text() == "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."
    assert page.model.rowCount() == 1  # the last good result stays


def test_results_refresh_after_a_hand_over_elsewhere(db, desk_context, codes, page, qtbot):
    code = codes["Trần Văn Đức"]
    qtbot.keyClicks(page.text, code)
    qtbot.keyClick(page.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.searching)
    page.open_current()
    assert page.model.index(0, 7).data() == "Đã tiếp nhận"
    returns.mark_result_ready(db, desk_context, code, "Giấy khai sinh")
    returns.hand_over(db, desk_context, code, Receiver())
    page.events.dossiers_changed.emit()
    qtbot.waitUntil(lambda: not page.searching)
    assert page.model.index(0, 7).data() == "Đã trả kết quả"
    assert page.detail.status.text() == "Đã trả kết quả" and page.detail.receipt_button.isVisible()


def test_only_the_newest_search_is_shown(db, codes, page, qtbot):
    """Two searches in flight: whatever finishes last, the answer of the one typed last is shown."""
    page.text.setText("tran")
    page.run_search()
    page.text.setText("nguyen")
    page.run_search()
    qtbot.waitUntil(lambda: not page.searching)
    assert {page.model.index(r, 1).data() for r in range(page.model.rowCount())} == {
        "Nguyễn Thị Ánh Tuyết", "Nguyễn Văn An"}


def test_more_hits_arrive_page_by_page_through_the_worker(db, codes, page, qtbot):
    """Pages of 2: the first page is shown with "more"; arrowing down to the last row fetches the
    next page off the GUI thread and appends it, until the last page."""
    with db.write() as s:
        for i in range(3):
            applicant(s, f"0960800001{i:02d}", f"Nguyễn Văn Bình {i}")
            make_dossier(s, received_at=datetime(2026, 11, 2 + i, 9), id_number=f"0960800001{i:02d}")
    whole = [r.code for r in search.search(db, SearchQuery(text="nguyen"), now=NOW).rows]
    assert len(whole) == 5
    page.page_size = 2
    qtbot.keyClicks(page.text, "nguyen")
    qtbot.keyClick(page.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.searching)
    assert page.model.rowCount() == 2 and not page.fetching_more
    assert page.count_label.text() == "2 hồ sơ đầu tiên (kéo xuống cuối danh sách để xem thêm)"
    qtbot.keyClick(page.text, Qt.Key.Key_Down)  # into the list, first row
    qtbot.keyClick(page.results, Qt.Key.Key_Down)  # the last row shown: the next page is asked for
    assert page.fetching_more
    qtbot.waitUntil(lambda: not page.fetching_more)
    assert page.model.rowCount() == 4 and page.results.currentIndex().row() == 1  # the cursor stays put
    page.results.scrollToBottom()
    page.results.selectRow(3)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5 and not page.fetching_more)
    assert [page.model.index(r, 0).data() for r in range(5)] == whole  # the service's order, no row twice
    assert page.count_label.text() == "5 hồ sơ"
    page.results.selectRow(4)
    assert not page.fetching_more  # nothing more to fetch


def test_a_newer_search_supersedes_the_one_still_running(db, codes, page, qtbot, monkeypatch):
    """The first search is held in its worker until the second has started: the worker sees it was
    superseded (its query is interrupted), and only the second answer reaches the table."""
    started, release = threading.Event(), threading.Event()
    superseded: list[bool] = []
    real = search.search

    def held(db_, query, **kwargs):  # noqa: ANN001, ANN003, ANN202
        if query.text == "tran":
            started.set()
            release.wait(10)
            superseded.append(kwargs["cancelled"]())
        return real(db_, query, **kwargs)

    monkeypatch.setattr(search, "search", held)
    page.text.setText("tran")
    page.run_search()
    assert started.wait(10)
    page.text.setText("nguyen")
    page.run_search()
    release.set()
    qtbot.waitUntil(lambda: not page.searching)
    assert superseded == [True]
    assert {page.model.index(r, 1).data() for r in range(page.model.rowCount())} == {
        "Nguyễn Thị Ánh Tuyết", "Nguyễn Văn An"}
