"""Office calendar page: days off, make-up working days and office hours of this desk's office.

Desks with or without a central system edit the same things; a day the central system decided
is shown as such and cannot be changed here (its decisions win when synced). Supervisors and
admins edit; everyone else sees the calendar.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import tr
from counter_app.models import Role
from counter_app.models.db import Database
from counter_app.services import office_calendar
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext


class CalendarPage(QWidget):
    def __init__(self, db: Database, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.context = context
        self.can_edit = bool(context.roles & {Role.SUPERVISOR, Role.ADMIN})

        self.year = QSpinBox(objectName="calendarYear", minimum=2000, maximum=2100, value=date.today().year)
        self.table = QTableWidget(0, 5, objectName="calendarDays")
        self.table.setHorizontalHeaderLabels([tr("Ngày"), tr("Thứ"), tr("Loại"), tr("Nguồn"), tr("Ghi chú")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.day_edit = QDateEdit(objectName="overrideDay", calendarPopup=True, displayFormat="dd/MM/yyyy")
        self.day_edit.setDate(QDate.currentDate())
        self.note_edit = QLineEdit(objectName="overrideNote", placeholderText=tr("Lý do, văn bản quyết định"))
        self.note_edit.setMaxLength(office_calendar.NOTE_MAX)
        self.day_off_button = QPushButton(tr("Ghi ngày nghỉ"), objectName="declareDayOff")
        self.working_button = QPushButton(tr("Ghi ngày làm bù"), objectName="declareWorkingDay")
        self.remove_button = QPushButton(tr("Xóa điều chỉnh của đơn vị"), objectName="removeOverride")

        self.hour_edits = [QLineEdit(objectName=f"hours{i}") for i in range(7)]
        self.cutoff_edit = QLineEdit(objectName="sameDayCutoff", maxLength=5)
        self.weekend_box = QCheckBox(tr("Giờ làm việc thứ Bảy, Chủ nhật được tính vào thời hạn giải quyết"),
                                     objectName="weekendCounts")
        self.save_hours_button = QPushButton(tr("Lưu giờ làm việc"), objectName="saveHours")
        self.message = QLabel(objectName="calendarMessage", wordWrap=True)
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2 + 6)  # two lines never clipped

        days_box = QGroupBox(tr("Ngày nghỉ và ngày làm bù"))
        days_layout = QVBoxLayout(days_box)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Năm:")))
        top.addWidget(self.year)
        top.addStretch(1)
        days_layout.addLayout(top)
        days_layout.addWidget(self.table, 1)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.day_edit)
        edit_row.addWidget(self.note_edit, 1)
        days_layout.addLayout(edit_row)
        buttons = QHBoxLayout()
        for button in (self.day_off_button, self.working_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        days_layout.addLayout(buttons)
        days_layout.addWidget(self.message)

        hours_box = QGroupBox(tr("Giờ làm việc"))
        form = QFormLayout(hours_box)
        for i, edit in enumerate(self.hour_edits):
            edit.setPlaceholderText(tr("nghỉ") if i >= 5 else "07:00-11:30, 13:30-17:00")
            form.addRow(tr(office_calendar.WEEKDAY_NAMES[i]) + ":", edit)
        form.addRow(tr("Giờ chốt thủ tục trong ngày:"), self.cutoff_edit)
        form.addRow(self.weekend_box)
        form.addRow(self.save_hours_button)
        hint = QLabel(tr("Ngày, giờ do hệ thống trung tâm quy định được áp dụng khi đồng bộ và không sửa tại "
                         "đây. Thủ tục giải quyết trong ngày: nhận sau giờ chốt thì hẹn trả trong ngày làm việc "
                         "tiếp theo."), wordWrap=True)
        form.addRow(hint)

        layout = QHBoxLayout(self)
        layout.addWidget(days_box, 3)
        right = QVBoxLayout()
        right.addWidget(hours_box)
        right.addStretch(1)
        layout.addLayout(right, 2)

        for widget in (self.day_off_button, self.working_button, self.remove_button, self.save_hours_button,
                       self.note_edit, self.day_edit, self.cutoff_edit, self.weekend_box, *self.hour_edits):
            widget.setEnabled(self.can_edit)
        if not self.can_edit:
            self._say(tr("Chỉ lãnh đạo hoặc quản trị viên được sửa lịch làm việc."))

        self.year.valueChanged.connect(self.load)
        self.day_off_button.clicked.connect(lambda: self._declare(False))
        self.working_button.clicked.connect(lambda: self._declare(True))
        self.remove_button.clicked.connect(self._remove)
        self.save_hours_button.clicked.connect(self._save_hours)
        self.table.itemSelectionChanged.connect(self._pick_row)
        self.load()

    def focus_primary(self) -> None:
        self.day_edit.setFocus() if self.can_edit else self.table.setFocus()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e" if error else "color: #0a7a2f")

    @Slot()
    def load(self) -> None:
        view = office_calendar.calendar_view(self.db, self.year.value())
        self.table.setRowCount(len(view.days))
        for row, d in enumerate(view.days):
            values = (f"{d.day:%d/%m/%Y}", tr(office_calendar.WEEKDAY_NAMES[d.day.weekday()]),
                      tr("Ngày làm bù") if d.is_working else tr("Ngày nghỉ"), d.source_label, d.note)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setData(256, d.day.isoformat())
                self.table.setItem(row, column, item)
        for edit, text in zip(self.hour_edits, view.settings.hours, strict=True):
            edit.setText(text)
        self.cutoff_edit.setText(view.settings.same_day_cutoff)
        self.weekend_box.setChecked(view.settings.weekend_counts)

    def _pick_row(self) -> None:
        items = self.table.selectedItems()
        if items:
            picked = date.fromisoformat(self.table.item(items[0].row(), 0).data(256))
            self.day_edit.setDate(QDate(picked.year, picked.month, picked.day))
            self.note_edit.setText(self.table.item(items[0].row(), 4).text())

    def _day(self) -> date:
        q = self.day_edit.date()
        return date(q.year(), q.month(), q.day())

    def _run(self, action, done: str) -> None:  # noqa: ANN001
        try:
            action()
        except ServiceError as exc:
            self._say(exc.message, error=True)
            return
        self.load()
        self._say(done)

    def _declare(self, working: bool) -> None:
        day = self._day()
        self._run(lambda: office_calendar.declare_day(self.db, self.context, day, working, self.note_edit.text()),
                  (tr("Đã ghi ngày {d} là ngày làm bù.") if working else tr("Đã ghi ngày {d} là ngày nghỉ.")).format(
                      d=f"{day:%d/%m/%Y}"))

    def _remove(self) -> None:
        day = self._day()
        self._run(lambda: office_calendar.remove_day(self.db, self.context, day),
                  tr("Đã xóa điều chỉnh ngày {d}.").format(d=f"{day:%d/%m/%Y}"))

    def _save_hours(self) -> None:
        self._run(lambda: office_calendar.save_hours(self.db, self.context, [e.text() for e in self.hour_edits],
                                                     self.cutoff_edit.text(), self.weekend_box.isChecked()),
                  tr("Đã lưu giờ làm việc."))
