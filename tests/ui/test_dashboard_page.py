"""The supervisor dashboard with real widgets, on the known mix of tests/supervision_data.py.

The day shown is Wed 29/4/2026 with the real clock, so the unfinished snapshot is taken at the
end of that day (30/4 00:00; due-soon threshold Tue 5/5 07:00 across the holidays) and the watch
lists are "now" (every open dossier with a due moment is long overdue). Screenshots go to
the run's screenshot directory (the ``shot`` fixture in tests/ui/conftest.py).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDateTime, QPoint, Qt
from PySide6.QtWidgets import QApplication

from counter_app.services import stats
from counter_app.services.errors import PermissionDeniedError
from counter_app.ui.dashboard_models import BreakdownModel, SecondPassModel, WatchModel
from counter_app.ui.dashboard_page import DashboardPage
from counter_app.ui.events import DeskEvents
from counter_app.ui.main_window import MainWindow
from tests.supervision_data import RECEPTION_ONLY, SUPERVISOR, login
from tests.ui.qt_helpers import show_active

D = date(2026, 4, 29)


def wait_for(qtbot, page: DashboardPage, day: date = D) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not page.is_refreshing and page.stats is not None and page.stats.start == day,
                    timeout=10_000)


@pytest.fixture
def page(db, mix, qtbot):
    events = DeskEvents()
    page = DashboardPage(db, login(db, SUPERVISOR), events)
    page.resize(1400, 860)
    show_active(qtbot, page)
    page.set_day(D)
    wait_for(qtbot, page)
    page.events_for_test = events
    return page


def table_rows(view) -> dict[str, tuple[str, ...]]:  # noqa: ANN001
    model = view.model()
    return {model.index(r, 0).data(): tuple(model.index(r, c).data() for c in range(1, model.columnCount()))
            for r in range(model.rowCount())}


def test_tiles_show_every_counter_of_the_day(page, shot):
    tiles = {key: (tile.value.text(), tile.detail.text()) for key, tile in page.tiles.items()}
    assert tiles == {
        "received": ("7", "trực tiếp 5, trực tuyến 1, bưu chính 1"),
        "supplements": ("2", "lần hai: 1"),
        "refusals": ("1", ""),
        "returned": ("3", "trước hạn 1, đúng hạn 1, quá hạn 1"),
        "closed": ("2", "rút 1, dừng 1"),
        "apologies": ("1", "ban hành sau hạn: 1"),
        # at 30/4 00:00: d2 d10 d11 on track, d1 d14 d15 d16 due by Tue 5/5 07:00, d9 paused, d7 d8 overdue
        "unfinished": ("10", "đến 00:00 30/04/2026"),
        "within": ("8", "tạm dừng tính thời gian: 1"),
        "due_soon": ("4", ""),
        "overdue": ("2", ""),
    }
    shot(page, "dashboard_day.png")


def test_breakdown_tables_and_sorting(page, qtbot):
    #              received supp refusals returned late unfinished due_soon overdue
    assert table_rows(page.tables["desk"]) == {
        "Quầy số 1": ("3", "1", "1", "1", "0", "6", "2", "1"),  # due soon: d1 d15
        "Quầy số 2": ("4", "1", "0", "2", "1", "4", "2", "1"),  # due soon: d14 d16
    }
    assert table_rows(page.tables["officer"]) == {
        "Nguyễn Thị Minh Thư": ("2", "1", "1", "1", "0", "5", "2", "1"),
        "Lê Văn Hùng": ("5", "1", "0", "2", "1", "5", "2", "1"),
    }
    assert table_rows(page.tables["field"]) == {
        "Hộ tịch": ("4", "2", "1", "2", "1", "8", "3", "2"),
        "Chứng thực": ("3", "0", "0", "1", "0", "2", "1", "0"),
    }
    procedures = page.tables["procedure"]
    assert procedures.model().rowCount() == 3
    # a click on "Tiếp nhận" sorts by the number, not by text
    page.breakdown_tabs.setCurrentWidget(procedures)
    header = procedures.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(1) + 5, header.height() // 2))
    column = [procedures.model().index(r, 1).data() for r in range(3)]
    assert column == ["1", "3", "3"]
    # the sort survives a refresh
    page.refresh()
    qtbot.waitUntil(lambda: not page.is_refreshing)
    assert [procedures.model().index(r, 1).data() for r in range(3)] == column


def test_table_models_pass_the_model_tester(page, qtmodeltester):
    for model in (*page.models.values(), page.overdue_model, page.due_soon_model, page.second_pass_model):
        qtmodeltester.check(model, force_py=True)
    empty = BreakdownModel("Quầy")
    qtmodeltester.check(empty, force_py=True)
    assert isinstance(page.overdue_model, WatchModel) and isinstance(page.second_pass_model, SecondPassModel)


def test_chart_shows_received_and_returned_per_working_day(page):
    values = page.chart.values()
    assert len(values) == 30
    assert values[-1] == (date(2026, 4, 29), 7, 3)
    assert values[-2] == (date(2026, 4, 28), 4, 0)
    assert values[-3][0] == date(2026, 4, 24)  # 25–27/4: weekend, Giỗ Tổ and its substitute day
    labels = page.chart.axis_x.categoriesLabels()
    assert labels[-1] == "29/04"


def test_watch_lists(page, mix):
    s = page.stats
    assert page.overdue_model.rowCount() == 9 == s.overdue_total  # every open dossier with a due moment
    first = page.overdue_model.row_object(0)
    assert first.code == mix.codes["d7"]  # most overdue first (due 28/4 17:00)
    assert page.watch_tabs.tabText(0) == "Quá hạn (9)"
    assert page.selected_item().code == mix.codes["d7"] and page.apology_button.isEnabled()  # ready for Ctrl+L
    assert page.due_soon_model.rowCount() == 0
    assert page.second_pass_model.index(0, 5).data() == "Phạm Thị Lan"
    assert page.watch_tabs.tabText(2) == "Yêu cầu bổ sung lần hai (1)"


def test_numbers_match_the_service_and_refresh_after_a_change(page, db, mix, qtbot):
    assert page.stats.to_json()["received"] == stats.dashboard(db, D).to_json()["received"]
    # another desk action: the dashboard refreshes on dossiers_changed
    from counter_app.services import supervision

    supervision.withdraw(db, login(db, SUPERVISOR), mix.codes["d2"], "Người nộp rút hồ sơ", print_notice=False)
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        page.events_for_test.dossiers_changed.emit()
    # d2 leaves today's watch list; the counters of 29/4 (taken at 30/4 00:00) still had it open
    assert page.watch_tabs.tabText(0) == "Quá hạn (8)"
    assert page.tiles["unfinished"].value.text() == "10"


def test_period_mode(page, qtbot):
    page.set_period(date(2026, 4, 28), D)
    qtbot.waitUntil(lambda: not page.is_refreshing and page.stats.end == D and page.stats.start == date(2026, 4, 28),
                    timeout=10_000)
    assert page.end.isVisible()
    assert page.tiles["received"].value.text() == "11"  # 4 on 28/4 + 7 on 29/4


def _select_overdue(page, code: str) -> None:  # noqa: ANN001
    page.watch_tabs.setCurrentIndex(0)
    for r in range(page.overdue_model.rowCount()):
        if page.overdue_model.row_object(r).code == code:
            page.overdue_table.selectRow(r)
            return
    raise AssertionError(code)


def test_apology_from_the_watch_list_validates_at_the_field_then_prints(page, db, mix, qtbot, shot):
    _select_overdue(page, mix.codes["d1"])  # due Mon 4/5 08:00
    page.overdue_table.setFocus()
    qtbot.keyClick(page.overdue_table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.agency.hasFocus() or dialog.focusWidget() is dialog.agency
    dialog.agency.insert("Phòng Tư pháp - Hộ tịch")  # keyClicks cannot type Vietnamese letters
    dialog.reason.setPlainText("Chờ kết quả xác minh")
    dialog.new_due.setDateTime(QDateTime(datetime(2026, 5, 4, 7, 30)))  # before the current appointment
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert dialog.field_error("new_due_at") == (
        "Thời điểm hẹn trả mới phải sau thời điểm hẹn trả hiện tại (08:00 ngày 04/05/2026).")
    dialog.new_due.setDateTime(QDateTime(datetime(2026, 9, 2, 9, 0)))  # Quốc khánh
    dialog.submit()
    assert "02/09/2026 là ngày nghỉ (Quốc khánh)" in dialog.field_error("new_due_at")
    assert dialog.agency.text() == "Phòng Tư pháp - Hộ tịch"  # nothing typed is lost
    shot(dialog, "apology_dialog_error.png")
    dialog.new_due.setDateTime(QDateTime(datetime(2030, 12, 4, 16, 0)))  # a Wednesday, far ahead of "now"
    # d1 is overdue: form 04 comes before the due moment, a late one needs the supervisor's explicit approval
    assert dialog.approve_late.isVisible() and not dialog.approve_late.isChecked()
    dialog.submit()
    assert dialog.isVisible() and "phải ban hành trước thời điểm hẹn trả" in dialog.field_error("late_approved")
    assert dialog.focusWidget() is dialog.approve_late
    qtbot.keyClick(dialog.approve_late, Qt.Key.Key_Space)
    assert dialog.approve_late.isChecked()
    shot(dialog, "apology_dialog_late_approval.png")
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        dialog.submit()
    assert not dialog.isVisible()
    assert page.preview is not None and page.preview.page_count == 1
    assert "hẹn trả mới 16:00 04/12/2030" in page.message.text()
    page.preview.close()
    assert page.tiles["apologies"].value.text() == "1"  # 29/4 shown; the new letter is dated today
    assert mix.codes["d1"] not in [w.code for w in page.stats.overdue_list]  # within its new deadline
    assert page.watch_tabs.tabText(0) == "Quá hạn (8)"


def test_stop_and_withdraw_dialogs(page, db, mix, qtbot):
    _select_overdue(page, mix.codes["d16"])
    dialog = page.open_closure(withdraw=False)
    dialog.reason.setPlainText("ok")
    dialog.submit()
    assert dialog.field_error("reason") == "Hãy ghi rõ lý do dừng giải quyết hồ sơ (ít nhất 5 ký tự)."
    dialog.reason.setPlainText("Người nộp không bổ sung hồ sơ theo yêu cầu")
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        dialog.submit()
    assert page.preview is not None and page.preview.page_count == 1
    page.preview.close()
    assert page.overdue_model.rowCount() == 8
    _select_overdue(page, mix.codes["d15"])
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.overdue_table.setFocus()
    qtbot.keyClick(page.overdue_table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert dialog.withdraw and dialog.windowTitle() == "Rút hồ sơ theo đề nghị của người nộp"
    dialog.reason.setPlainText("Người nộp có đơn đề nghị rút hồ sơ")
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    page.preview.close()
    assert page.overdue_model.rowCount() == 7


def test_export_buttons_write_the_same_numbers(page, tmp_path, qtbot):
    done: list[Path] = []
    page.export("report", "xlsx", tmp_path / "ngay.xlsx", on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    ws = openpyxl.load_workbook(done[0])["Chỉ số"]
    values = {row[2]: row[1] for row in ws.iter_rows(min_row=6, values_only=True)}
    assert values["received.total"] == int(page.tiles["received"].value.text())
    assert values["unfinished.overdue"] == int(page.tiles["overdue"].value.text())


def test_a_reception_officer_gets_no_dashboard(db, mix, qtbot):
    clerk = login(db, RECEPTION_ONLY)
    with pytest.raises(PermissionDeniedError):
        DashboardPage(db, clerk, DeskEvents())
    window = MainWindow(db, clerk)
    qtbot.addWidget(window)
    assert not hasattr(window, "dashboard_page")
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Bảng theo dõi" not in titles and "Quản lý cán bộ" not in titles


def test_supervisor_window_has_the_dashboard(db, mix, qtbot):
    window = MainWindow(db, login(db, SUPERVISOR))
    show_active(qtbot, window)
    window.show_page(window.dashboard_page)
    assert window.pages.currentWidget() is window.dashboard_page
    assert window.dashboard_page.overdue_table.hasFocus()
    qtbot.waitUntil(lambda: not window.dashboard_page.is_refreshing, timeout=10_000)
    QApplication.processEvents()
