"""Catalog browser: typing without diacritics finds the procedure; keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.services import catalog
from counter_app.ui.catalog_page import CatalogPage, ProcedureHitModel
from counter_app.ui.qt_models import OBJECT_ROLE
from tests.ui.qt_helpers import show_active


def test_hit_model_passes_qt_model_checks(db, qtmodeltester):
    model = ProcedureHitModel()
    with db.read() as s:
        model.set_rows(catalog.search(s, ""))
    qtmodeltester.check(model, force_py=True)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data() for r in range(3)] == ["2.000908", "1.001193", "1.000894"]
    assert model.index(0, 1).data(OBJECT_ROLE).code == "2.000908"


def test_typing_without_diacritics_shows_the_procedure_and_its_documents(db, qtbot):
    page = CatalogPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.search, "dang ky khai sinh")
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "1.001193"
    assert page.count_label.text() == "1 thủ tục"
    text = page.view.toPlainText()
    assert "Thủ tục đăng ký khai sinh" in text
    assert "Giấy chứng sinh" in text and "Có điều kiện" in text and "Khi người khác nộp thay" in text
    assert "01 ngày làm việc" in text and "Luật Hộ tịch" in text


def test_keyboard_moves_from_search_to_results_and_cases(db, qtbot):
    page = CatalogPage(db)
    show_active(qtbot, page)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "ket hon")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.results.hasFocus()
    assert page.current_hit().code == "1.000894"
    assert page.case_box.isVisible() and page.case_box.count() == 2
    page.case_box.setCurrentIndex(1)
    assert "Giấy xác nhận tình trạng hôn nhân" in page.view.toPlainText()
    assert "05 ngày làm việc" in page.view.toPlainText()


def test_no_match_says_so(db, qtbot):
    page = CatalogPage(db)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.search, "xyz khong co")
    assert page.model.rowCount() == 0
    assert "Không có thủ tục phù hợp" in page.view.toPlainText()
