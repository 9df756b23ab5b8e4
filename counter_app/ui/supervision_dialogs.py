"""Dialogs of the supervisor dashboard: apology/extension letter (form 04), stop notice (form 05),
withdrawal at the applicant's request. Ctrl+Enter confirms, Esc cancels; a rejected input keeps
what was typed and shows the Vietnamese message under the field it belongs to."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.clock import local_now
from counter_app.domain.due_state import is_overdue
from counter_app.i18n import tr
from counter_app.models.db import Database
from counter_app.services import supervision
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext
from counter_app.services.stats_records import WatchItem

from .screen_fit import fit_dialog

ERROR_STYLE = "color: #b00020;"


def _moment(value: datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value else "—"


def _error_label(name: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class FormDialog(QDialog):
    """Shared frame of the dossier dialogs: a summary on top, fields each with its error line under it,
    a general error line, OK / Cancel. Ctrl+Enter confirms (also in a multi-line box), Esc cancels; a
    refused input keeps the dialog open with everything typed, the message under its field."""

    def __init__(self, summary_html: str, title: str, ok_text: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.result_value = None
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        summary = QLabel(summary_html, objectName="actionSummary")
        summary.setWordWrap(True)
        self.form = QFormLayout()
        self.error = _error_label("actionError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._field_errors: dict[str, tuple[QWidget, QLabel]] = {}

    def add_field(self, label: str, name: str, editor: QWidget) -> QLabel:
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(1)
        error = _error_label(f"{editor.objectName()}Error")
        box_layout.addWidget(editor)
        box_layout.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(editor)
        self.form.addRow(caption, box)
        self._field_errors[name] = (editor, error)
        if isinstance(editor, QPlainTextEdit):
            editor.setTabChangesFocus(True)
            editor.installEventFilter(self)
        return error

    def field_error(self, name: str) -> str:
        pair = self._field_errors.get(name)
        return pair[1].text() if pair and not pair[1].isHidden() else ""

    def clear_errors(self) -> None:
        for editor, label in self._field_errors.values():
            label.clear()
            label.hide()
            editor.setStyleSheet("")
        self.error.clear()
        self.error.hide()

    def show_error(self, exc: ServiceError) -> None:
        pair = self._field_errors.get(exc.field or "")
        if pair is None:
            self.error.setText(exc.message)
            self.error.show()
            return
        editor, label = pair
        label.setText(exc.message)
        label.show()
        editor.setStyleSheet("border: 1px solid #b00020;")
        editor.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
        # A multi-line box would take Ctrl+Enter as a new line; here it confirms.
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submit()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submit()
            return
        super().keyPressEvent(event)

    def run(self):  # noqa: ANN201 - the service result
        raise NotImplementedError

    def submit(self) -> None:
        self.clear_errors()
        try:
            self.result_value = self.run()
        except ServiceError as exc:
            self.show_error(exc)
            self._grow_to_fit()
            return
        self.accept()

    def _grow_to_fit(self) -> None:
        """A message appeared under a field: grow rather than squeeze the fields (within the screen)."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        height = max(self.height(), self.sizeHint().height())
        limit = self.maximumHeight()
        self.resize(self.width(), min(height, limit))

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        fit_dialog(self)  # OK and Cancel stay on a 768- or 720-pixel screen
        super().showEvent(event)


class _ActionDialog(FormDialog):
    """A dashboard row's dossier on top (code, applicant, procedure, current and original appointment)."""

    def __init__(self, item: WatchItem, title: str, ok_text: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(
            tr("<b>{code}</b> — {name}<br>{procedure}<br>Hẹn trả hiện tại: <b>{due}</b> (ghi trên giấy tiếp nhận: "
               "{original})").format(code=item.code, name=item.applicant_name, procedure=item.procedure_name,
                                      due=_moment(item.due_at), original=_moment(item.original_due_at)),
            title, ok_text, parent)
        self.item = item


class ApologyDialog(_ActionDialog):
    """Form 04: late agency, reason and the new appointment (a working moment after the current one)."""

    def __init__(self, db: Database, context: DeskContext, item: WatchItem, *, suggested: datetime,
                 parent=None) -> None:  # noqa: ANN001
        super().__init__(item, tr("Văn bản xin lỗi và đề nghị gia hạn (Mẫu 04)"),
                         tr("Phê duyệt và in văn bản (Ctrl+Enter)"), parent)
        self._db, self._context = db, context
        self.agency = QLineEdit(objectName="apologyAgency")
        self.agency.setPlaceholderText(tr("Ví dụ: Phòng Tư pháp - Hộ tịch UBND xã"))
        self.reason = QPlainTextEdit(objectName="apologyReason")
        self.reason.setPlaceholderText(tr("Lý do chậm giải quyết (in trên văn bản gửi người nộp)"))
        self.reason.setFixedHeight(80)
        self.new_due = QDateTimeEdit(objectName="apologyNewDue")
        self.new_due.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.new_due.setCalendarPopup(True)
        self.new_due.setDateTime(QDateTime(suggested))
        self.add_field(tr("Cơ quan chậm &giải quyết:"), "late_agency", self.agency)
        self.add_field(tr("&Lý do:"), "reason", self.reason)
        self.add_field(tr("&Hẹn trả mới:"), "new_due_at", self.new_due)
        self.approve_late = QCheckBox(tr("Tôi phê duyệt văn bản ban hành &sau thời điểm hẹn trả"),
                                      objectName="apologyApproveLate")
        if is_overdue(item.due_at, local_now()):
            late = QLabel(tr("Hồ sơ đã quá hạn: văn bản xin lỗi phải ban hành trước thời điểm hẹn trả. Ban hành "
                             "sau hạn cần lãnh đạo xác nhận dưới đây và được thống kê riêng."),
                          objectName="apologyLateWarning")
            late.setWordWrap(True)
            late.setStyleSheet("color: #8a5a00;")
            self.form.addRow(late)
            self.add_field("", "late_approved", self.approve_late)
        else:
            self.approve_late.hide()
        self.agency.setFocus()

    def run(self) -> supervision.ApologyResult:
        return supervision.issue_apology(
            self._db, self._context, self.item.code,
            supervision.ApologyForm(self.agency.text(), self.reason.toPlainText(),
                                    self.new_due.dateTime().toPython().replace(second=0, microsecond=0),
                                    late_approved=self.approve_late.isChecked()))


class ClosureDialog(_ActionDialog):
    """Form 05: stop processing (supervisor) or record the applicant's withdrawal (status 7)."""

    def __init__(self, db: Database, context: DeskContext, item: WatchItem, *, withdraw: bool,
                 parent=None) -> None:  # noqa: ANN001
        if withdraw:
            title, ok = tr("Rút hồ sơ theo đề nghị của người nộp"), tr("Ghi nhận rút hồ sơ và in thông báo (Ctrl+Enter)")
            hint = tr("Ví dụ: Người nộp có đơn đề nghị rút hồ sơ ngày …")
        else:
            title, ok = tr("Thông báo dừng giải quyết hồ sơ (Mẫu 05)"), tr("Dừng giải quyết và in thông báo (Ctrl+Enter)")
            hint = tr("Ví dụ: Người nộp không bổ sung hồ sơ trong thời hạn theo yêu cầu")
        super().__init__(item, title, ok, parent)
        self._db, self._context, self.withdraw = db, context, withdraw
        self.reason = QPlainTextEdit(objectName="closureReason")
        self.reason.setPlaceholderText(hint)
        self.reason.setFixedHeight(90)
        self.add_field(tr("&Lý do:"), "reason", self.reason)
        self.reason.setFocus()

    def run(self) -> supervision.ClosureResult:
        action = supervision.withdraw if self.withdraw else supervision.stop_processing
        return action(self._db, self._context, self.item.code, self.reason.toPlainText())
