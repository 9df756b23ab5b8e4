"""The desk's real screens: every window fits 1366×768 and 1280×720, the checklist stays readable.

The offscreen platform is given both screens (tests/data/screens.json, see tests/conftest.py);
each test opens the main window on one of them as ``start()`` does, and measures what shows.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication

from counter_app.ui.main_window import MainWindow
from counter_app.ui.reception_layout import NAME_COLUMN_MIN
from tests.ui.qt_helpers import type_text

SCREENS = {"1366x768": "1-desk-1366x768", "1280x720": "2-desk-1280x720"}  # primary: the first by name
SHOTS = os.environ.get("COUNTER_SCREENSHOTS")  # a directory: save a PNG of every page there


def desk_screen(name: str):
    screen = next((s for s in QGuiApplication.screens() if s.name() == SCREENS[name]), None)
    if screen is None:
        pytest.skip("needs the offscreen platform with tests/data/screens.json")
    return screen


@pytest.fixture
def bundled_db(db_path):
    """The real bundled catalog (long names, multi-case "Đăng ký khai sinh") and the demo desk."""
    from counter_app.services.desk_database import open_desk_database

    db = open_desk_database(db_path, demo_setup=True)
    yield db
    db.dispose()


def open_window(qtbot, db, context, screen_name: str) -> MainWindow:
    screen = desk_screen(screen_name)
    window = MainWindow(db, context)
    qtbot.addWidget(window)
    window.move(screen.geometry().topLeft())
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.isMaximized(), timeout=3000)
    qtbot.waitUntil(lambda: screen.geometry().contains(window.frameGeometry()), timeout=3000)
    return window


def within(outer: QRect, inner: QRect) -> bool:
    return outer.contains(inner)


def visible_rows(view) -> int:
    viewport = view.viewport().rect()
    return sum(1 for row in range(view.model().rowCount())
               if viewport.contains(view.visualRect(view.model().index(row, 1))))


def row_capacity(view) -> float:
    """How many rows of the current height fit the table's viewport."""
    rows = range(view.model().rowCount())
    heights = [view.rowHeight(r) for r in rows] or [view.verticalHeader().defaultSectionSize()]
    return view.viewport().height() / max(heights)


def fully_visible_columns(view, columns) -> bool:
    """Each column lies inside the viewport: no sideways scrolling needed to read it."""
    header = view.horizontalHeader()
    width = view.viewport().width()
    return all(not view.isColumnHidden(c) and header.sectionViewportPosition(c) >= 0
               and header.sectionViewportPosition(c) + header.sectionSize(c) <= width for c in columns)


def save_shot(window, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.mark.parametrize("screen_name", ["1366x768", "1280x720"])
@pytest.mark.parametrize(("query", "cases"), [("dang ky khai sinh", 3), ("khai sinh ket hop nhan cha me con", 1)])
def test_reception_checklist_is_readable(bundled_db, qtbot, screen_name, query, cases):
    from counter_app.services import org

    context = org.login(bundled_db, org.DEMO_USERNAME, org.DEMO_PASSWORD)
    window = open_window(qtbot, bundled_db, context, screen_name)
    screen = desk_screen(screen_name)
    assert within(screen.availableGeometry(), window.frameGeometry()), window.frameGeometry()
    page = window.reception_page
    type_text(page.procedure_search, query)
    qtbot.keyClick(page.procedure_search, Qt.Key.Key_Return)
    assert page.procedure is not None and len(page.procedure.cases) == cases
    if cases > 1:
        assert page.case_list.isVisible() and page.case_list.hasFocus()
        qtbot.keyClick(page.case_list, Qt.Key.Key_Return)
    assert page.field("id_number").hasFocus()
    QGuiApplication.processEvents()
    view = page.checklist
    name_width = view.columnWidth(1)
    assert name_width >= NAME_COLUMN_MIN, name_width
    assert view.wordWrap()
    assert fully_visible_columns(view, range(view.model().columnCount()))
    assert view.model().rowCount() >= 3
    assert visible_rows(view) >= min(5, view.model().rowCount())
    assert row_capacity(view) >= 5, (row_capacity(view), view.viewport().height())
    # Every widget of the page is inside the window (nothing cut off at the bottom or the right).
    for widget in (page.confirm_button, page.refuse_button, page.new_button, page.notice_edit, page.delivery_box,
                   window.statusBar()):
        top_left = widget.mapTo(window, widget.rect().topLeft())
        assert window.rect().contains(QRect(top_left, widget.size())), widget.objectName()
    save_shot(window, f"reception_{screen_name}_{cases}")


@pytest.mark.parametrize("screen_name", ["1366x768", "1280x720"])
def test_reception_buttons_show_their_whole_text_in_every_state(bundled_db, qtbot, screen_name):
    """The confirm button's text changes with the checklist (receive / supplement notice): never cut."""
    from PySide6.QtWidgets import QPushButton

    from counter_app.services import org

    context = org.login(bundled_db, org.DEMO_USERNAME, org.DEMO_PASSWORD)
    window = open_window(qtbot, bundled_db, context, screen_name)
    page = window.reception_page
    type_text(page.procedure_search, "khai sinh ket hop nhan cha me con")
    qtbot.keyClick(page.procedure_search, Qt.Key.Key_Return)
    model = page.checklist_model

    def all_buttons_whole(state: str) -> None:
        QGuiApplication.processEvents()
        for button in page.findChildren(QPushButton):
            if button.isVisible():
                needed = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
                assert button.width() >= needed, (state, button.text(), button.width(), needed)

    all_buttons_whole("undecided")
    page.checklist.setFocus()
    for row in range(model.rowCount()):
        page.checklist.setCurrentIndex(model.index(row, 1))
        qtbot.keyClick(page.checklist, Qt.Key.Key_1)
    assert "Tiếp nhận" in page.confirm_button.text()
    all_buttons_whole("receive")
    page.checklist.setCurrentIndex(model.index(0, 1))
    qtbot.keyClick(page.checklist, Qt.Key.Key_2)
    assert "bổ sung" in page.confirm_button.text()
    all_buttons_whole("supplement")
    save_shot(window, f"reception_buttons_{screen_name}")


# Shortcuts several pages share, with the same meaning on each.
SHARED_MEANINGS = {
    "Ctrl+Return": "the page's main action (receive / hand over)", "Ctrl+Enter": "the same, keypad Enter",
    "Esc": "back to the page's first field", "Ctrl+F": "the page's search field",
    "Ctrl+N": "start a new one (citizen / officer account)",
    "F7": "collect the fees of the dossier shown (the dossier detail on the return and search pages)",
}


def test_one_meaning_per_shortcut_and_unique_mnemonics_per_page(db, desk_context, qtbot):
    import re

    from PySide6.QtGui import QKeySequence, QShortcut
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    window = MainWindow(db, desk_context)
    qtbot.addWidget(window)
    owners: dict[str, set[str]] = {}
    for action in window.actions():
        for seq in action.shortcuts():
            owners.setdefault(seq.toString(), set()).add("window")
    for index in range(window.pages.count()):
        page = window.pages.widget(index)
        name = type(page).__name__
        letters = []
        for widget in (*page.findChildren(QLabel), *page.findChildren(QAbstractButton), *page.findChildren(QGroupBox)):
            text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
            letters += [m.lower() for m in re.findall(r"(?<!&)&([^&\s])", text.replace("&&", ""))]
        duplicates = sorted({m for m in letters if letters.count(m) > 1})
        assert not duplicates, (name, duplicates)
        for shortcut in page.findChildren(QShortcut):
            seq = shortcut.key().toString(QKeySequence.SequenceFormat.PortableText)
            owners.setdefault(seq, set()).add(name)
    clashes = {seq: who for seq, who in owners.items() if len(who) > 1 and seq not in SHARED_MEANINGS}
    assert not clashes, clashes
    assert owners["Ctrl+R"] == {"ReceptionPage"}


@pytest.mark.parametrize("screen_name", ["1366x768", "1280x720"])
def test_dashboard_and_search_tables_show_their_key_columns(bundled_db, qtbot, screen_name):
    from counter_app.services import demo, org

    demo.generate(bundled_db, 60, days=3)
    context = org.login(bundled_db, org.DEMO_USERNAME, org.DEMO_PASSWORD)
    window = open_window(qtbot, bundled_db, context, screen_name)

    window.show_page(window.search_page)
    search = window.search_page
    search.run_search()
    qtbot.waitUntil(lambda: search.model.rowCount() > 0, timeout=20_000)
    QGuiApplication.processEvents()
    # Code, applicant, procedure, due, status, due state: in view without scrolling sideways.
    assert fully_visible_columns(search.results, (0, 1, 4, 6, 7, 8))
    assert search.results.columnWidth(4) >= 150 and search.results.columnWidth(1) >= 150

    dashboard = window.dashboard_page
    window.show_page(dashboard)
    with qtbot.waitSignal(dashboard.refreshed, timeout=20000):
        dashboard.refresh()
    for key, table in dashboard.tables.items():
        dashboard.breakdown_tabs.setCurrentWidget(table)
        QGuiApplication.processEvents()
        assert fully_visible_columns(table, range(table.model().columnCount())), key  # overdue: the last
    table = dashboard.overdue_table
    assert fully_visible_columns(table, (0, 1, 5, 6)), [table.columnWidth(c) for c in range(8)]
    save_shot(window, f"dashboard_{screen_name}")
