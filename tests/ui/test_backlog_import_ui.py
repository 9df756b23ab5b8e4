"""The supervisor's backlog import from the dashboard (issue #15): refused rows listed, then the
corrected book imported; real widgets offscreen."""

from __future__ import annotations

from sqlalchemy import func, select

from bench.backlog_book import FIRST_ROW, write_book
from counter_app.models import Dossier
from counter_app.services import org
from counter_app.ui.dashboard_page import DashboardPage
from counter_app.ui.events import DeskEvents
from tests.ui.qt_helpers import show_active


def test_refused_rows_are_listed_then_the_corrected_book_imports(db, qtbot, tmp_path, shot):
    events = DeskEvents()
    page = DashboardPage(db, org.login(db, org.DEMO_USERNAME, org.DEMO_PASSWORD), events)
    page.resize(1366, 740)
    show_active(qtbot, page)
    qtbot.waitUntil(lambda: not page.is_refreshing, timeout=10_000)
    texts = [a.text() for a in page.export_button.menu().actions()]
    assert "Nhập hồ sơ tồn từ sổ theo dõi (XLSX)…" in texts

    page.backlog.start(write_book(tmp_path / "so-cu.xlsx", 200, bad=[50, 150]))
    qtbot.waitUntil(lambda: page.backlog.dialog is not None and page.backlog.dialog.isVisible(), timeout=30_000)
    dialog = page.backlog.dialog
    assert "Không nhập hồ sơ nào: 2 trong 200 dòng" in dialog.summary.text()
    model = dialog.table.model()
    rows = sorted(((model.index(r, 0).data(), model.index(r, 2).data()) for r in range(model.rowCount())),
                  key=lambda row: int(row[0]))
    assert rows == [(str(FIRST_ROW + 50), "thủ tục mã 9.999999 không có trong danh mục của quầy"),
                    (str(FIRST_ROW + 150), "thiếu số giấy tờ của chủ hồ sơ")]
    assert "2 dòng không hợp lệ" in page.message.text()
    shot(dialog, "backlog-refused")
    dialog.close()
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Dossier)).scalar_one() == 0

    with qtbot.waitSignal(events.dossiers_changed, timeout=30_000):
        page.backlog.start(write_book(tmp_path / "so-cu-da-sua.xlsx", 200))
    assert "Đã nhập 200 hồ sơ tồn" in page.message.text()
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Dossier)).scalar_one() == 200
    shot(page, "backlog-imported-dashboard")
