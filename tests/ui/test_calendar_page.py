"""The office-calendar page: days off, make-up days and office hours edited at the desk."""

from __future__ import annotations

import os
from datetime import date

from PySide6.QtCore import QDate

from counter_app.models import Role
from counter_app.services import office_calendar, org
from counter_app.ui.calendar_page import CalendarPage


def test_a_supervisor_declares_a_day_off_and_office_hours(qtbot, db, desk_context, tmp_path):
    page = CalendarPage(db, desk_context)
    qtbot.addWidget(page)
    page.resize(1366 - 220, 768 - 80)
    page.show()
    page.year.setValue(2026)
    texts = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert "17/02/2026" in texts  # Tết, from the law
    page.day_edit.setDate(QDate(2026, 11, 30))
    page.note_edit.setText("Nghỉ theo quyết định của UBND xã")
    page.day_off_button.click()
    assert "Đã ghi ngày 30/11/2026 là ngày nghỉ" in page.message.text()
    rows = {page.table.item(r, 0).text(): page.table.item(r, 3).text() for r in range(page.table.rowCount())}
    assert rows["30/11/2026"] == "Tại quầy"
    page.hour_edits[5].setText("07:30-11:30")
    page.cutoff_edit.setText("16:00")
    page.save_hours_button.click()
    assert page.message.text() == "Đã lưu giờ làm việc."
    with db.read() as s:
        assert office_calendar.overrides(s)[date(2026, 11, 30)] is False
        current = office_calendar.current_settings(s)
    assert (current.hours[5], current.same_day_cutoff, current.weekend_counts) == ("07:30-11:30", "16:00", False)
    page.hour_edits[1].setText("17:00-07:00")
    page.save_hours_button.click()
    assert "không hợp lệ" in page.message.text()
    shots = os.environ.get("COUNTER_SCREENSHOTS")
    if shots:
        page.layout().activate()
        page.grab().save(os.path.join(shots, "calendar_page.png"))


def test_an_officer_without_the_role_only_sees_it(qtbot, db, desk_context):
    clerk = org.DeskContext(**{**desk_context.__dict__, "roles": frozenset({Role.RECEPTION})})
    page = CalendarPage(db, clerk)
    qtbot.addWidget(page)
    assert not page.day_off_button.isEnabled() and not page.save_hours_button.isEnabled()
    assert "Chỉ lãnh đạo" in page.message.text()
