"""Result-return desk: scan the slip's barcode, see the dossier at once, hand the result over.

A USB scanner types the code as a burst of key presses and then Enter; the officer may also
type it by hand. The scan field holds the focus whenever the page is shown and after every
action, and is cleared after every scan, so the next scan can follow at once.

Keyboard: Enter in the scan field looks the code up; Ctrl+Enter (anywhere on the page, or Enter
in a hand-over field) hands the result over; Ctrl+K records "result ready" (kết quả; officers with
the return or supervisor role, units that process in-house); Tab walks the hand-over form; Esc
returns to the scan field.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import codes
from counter_app.i18n import tr
from counter_app.models import ApplicantKind
from counter_app.models.db import Database
from counter_app.services import return_documents, returns
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext
from counter_app.services.returns import DossierDetail, Receiver, ResultDocument, ScanKind

from .dossier_detail import ERROR_STYLE, DossierDetailWidget
from .events import DeskEvents
from .scanner import BurstTracker


class ScanField(QLineEdit):
    """The scan field; remembers the last burst of keys so a scan still works after stray typing.

    If the officer typed something and then scanned without clearing, the field holds
    "stray text + code"; :meth:`scanned_text` then returns the burst (the code) alone. People
    do not type a whole code within a few milliseconds per key, so a burst that is a complete
    code is a scan.

    The gaps between keys are timed by the desk's one scanner clock (:mod:`.scanner`); tests give
    it a scanner's pace instead of the wall clock, which a loaded machine stretches past the gap.
    """

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self._burst = BurstTracker()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        text = event.text()
        if text and text.isprintable() and event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._burst.key(text, self.text(), self.cursorPosition())
        super().keyPressEvent(event)

    def scanned_text(self) -> str:
        """The field's text, or the last burst when only the burst is a code."""
        text, burst = self.text(), self._burst.take()
        if burst and burst != text and text.endswith(burst) and codes.parse_code(burst):
            return burst  # a whole code arrived as one burst: that is the scan
        return text


INFO_STYLE = "color: #1b5e20; font-weight: bold;"
WARN_STYLE = "color: #b26a00; font-weight: bold;"
ERROR_MESSAGE_STYLE = ERROR_STYLE + " font-weight: bold;"


class ReturnPage(QWidget):
    def __init__(self, db: Database, context: DeskContext, events: DeskEvents, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db = db
        self._ctx = context
        self._events = events
        self.may_act = any(context.has_role(r) for r in returns.RETURN_ROLES)
        self.current: DossierDetail | None = None
        self.last_result: returns.HandOverResult | None = None

        self.scan = ScanField(objectName="returnScan")
        self.scan.setPlaceholderText(tr("Quét mã vạch trên giấy tiếp nhận, hoặc gõ mã hồ sơ rồi nhấn Enter"))
        self.scan.setClearButtonEnabled(True)
        self.scan.setStyleSheet("font-size: 14pt; padding: 4px;")
        self.scan.returnPressed.connect(self.process_scan)
        scan_label = QLabel(tr("&Mã hồ sơ:"))
        scan_label.setBuddy(self.scan)
        self.message = QLabel(objectName="returnMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMinimumHeight(24)

        self.detail = DossierDetailWidget(db, self, context=context)
        self.detail.changed.connect(self._detail_changed)
        self.detail.action_finished.connect(self.focus_primary)
        self.detail.fees_changed.connect(lambda _code: events.dossiers_changed.emit())

        # ---- hand-over form
        self.receiver_is_applicant = QCheckBox(tr("Người nhận là &chủ hồ sơ"), objectName="receiverIsApplicant")
        self.receiver_is_applicant.toggled.connect(self._receiver_mode_changed)
        self.receiver_name = QLineEdit(objectName="receiverName")
        self.receiver_id = QLineEdit(objectName="receiverId")
        self.receiver_id.setPlaceholderText(tr("12 chữ số"))
        self.receiver_phone = QLineEdit(objectName="receiverPhone")
        self.result_type = QLineEdit(objectName="resultType")
        self.result_type.setPlaceholderText(tr("Ví dụ: Giấy khai sinh"))
        self.result_number = QLineEdit(objectName="resultNumber")
        self.result_summary = QLineEdit(objectName="resultSummary")
        self.hand_over_button = QPushButton(tr("&Trả kết quả (Ctrl+Enter)"), objectName="handOverButton")
        self.hand_over_button.clicked.connect(self.confirm_hand_over)
        self.ready_button = QPushButton(tr("Ghi nhận đã có &kết quả (Ctrl+K)"), objectName="resultReadyButton")
        self.ready_button.clicked.connect(self.mark_result_ready)
        self.why_not = QLabel(objectName="returnWhyNot")
        self.why_not.setWordWrap(True)
        self.why_not.setTextFormat(Qt.TextFormat.PlainText)
        self.why_not.setStyleSheet(WARN_STYLE)
        self.fields = {
            "receiver_name": self.receiver_name, "receiver_id_number": self.receiver_id,
            "receiver_phone": self.receiver_phone, "receiver_is_applicant": self.receiver_is_applicant,
            "result_type": self.result_type, "result_number": self.result_number,
            "result_summary": self.result_summary,
        }
        for field in (self.receiver_name, self.receiver_id, self.receiver_phone, self.result_type,
                      self.result_number, self.result_summary):
            field.returnPressed.connect(self.confirm_hand_over)

        receiver_box = QGroupBox(tr("Người nhận kết quả"))
        receiver_form = QFormLayout(receiver_box)
        receiver_form.addRow(self.receiver_is_applicant)
        receiver_form.addRow(tr("&Họ và tên:"), self.receiver_name)
        receiver_form.addRow(tr("Số CCC&D:"), self.receiver_id)
        receiver_form.addRow(tr("Điện th&oại:"), self.receiver_phone)
        document_box = QGroupBox(tr("Giấy tờ kết quả"))
        document_form = QFormLayout(document_box)
        document_form.addRow(tr("&Loại giấy tờ:"), self.result_type)
        document_form.addRow(tr("&Số, ký hiệu:"), self.result_number)
        document_form.addRow(tr("Trích &yếu:"), self.result_summary)

        self.form = QWidget(objectName="handOverForm")
        form_layout = QVBoxLayout(self.form)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.why_not)
        form_layout.addWidget(receiver_box)
        form_layout.addWidget(document_box)
        form_layout.addWidget(self.hand_over_button)
        form_layout.addWidget(self.ready_button)
        form_layout.addStretch(1)
        self.form.setVisible(self.may_act)
        self.ready_button.setVisible(self.may_act)

        top = QHBoxLayout()
        top.addWidget(scan_label)
        top.addWidget(self.scan, 1)
        splitter = QSplitter()
        splitter.addWidget(self.detail)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        # Tab from the scan field walks the hand-over form first, then the detail's print buttons.
        chain = [self.scan, self.receiver_is_applicant, self.receiver_name, self.receiver_id, self.receiver_phone,
                 self.result_type, self.result_number, self.result_summary, self.hand_over_button,
                 self.ready_button, self.detail.slip_button, self.detail.receipt_button,
                 self.detail.supplement_button, self.detail.supplemented_button, self.detail.correct_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        for keys in (Qt.Modifier.CTRL | Qt.Key.Key_Return, Qt.Modifier.CTRL | Qt.Key.Key_Enter):
            QShortcut(QKeySequence(keys), self, activated=self.confirm_hand_over,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_K), self, activated=self.mark_result_ready,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.focus_primary,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_detail(None)

    # ------------------------------------------------------------------ focus

    def focus_primary(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scan.selectAll()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        self.focus_primary()

    # ------------------------------------------------------------------ messages

    def _say(self, text: str, style: str = INFO_STYLE) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    # ------------------------------------------------------------------ scanning

    def process_scan(self) -> None:
        """Enter in the scan field: the burst (or typed text) is looked up, then the field is cleared."""
        text = self.scan.scanned_text()
        self.scan.clear()
        self.focus_primary()
        if not text.strip():
            return
        try:
            result = returns.resolve_scan(self._db, text)
        except ServiceError as exc:
            self.show_detail(None)
            self._say(exc.message, ERROR_MESSAGE_STYLE)
            return
        if result.kind is ScanKind.DOSSIER:
            self.show_detail(result.detail)
            d = result.detail
            assert d is not None  # a dossier scan carries its detail
            if d.can_hand_over:
                self._say(tr("Hồ sơ {code}: đã có kết quả, sẵn sàng trả.").format(code=d.code))
            else:
                self._say(tr("Hồ sơ {code}: {status}.").format(code=d.code, status=d.summary.status_label.lower()),
                          WARN_STYLE)
        elif result.kind is ScanKind.NOTICE:
            self.show_detail(None)
            self._say(result.message)
            self._events.notice_scanned.emit(result.code)
        else:
            self.show_detail(None)
            self._say(result.message, ERROR_MESSAGE_STYLE)

    def show_detail(self, detail: DossierDetail | None) -> None:
        """Show a dossier and prepare the hand-over form for it (prefilled from the applicant)."""
        self.current = detail
        self.detail.set_detail(detail)
        can_hand_over = detail is not None and detail.can_hand_over and self.may_act
        can_ready = detail is not None and detail.can_mark_ready and self.may_act
        for field in self.fields.values():
            field.setEnabled(can_hand_over)
        for field in (self.result_type, self.result_number, self.result_summary):
            field.setEnabled(can_hand_over or can_ready)
        self.hand_over_button.setEnabled(can_hand_over)
        self.ready_button.setEnabled(can_ready)
        self.why_not.setText(detail.why_not if detail is not None else "")
        self.why_not.setVisible(bool(detail is not None and detail.why_not))
        for field in (self.receiver_name, self.receiver_id, self.receiver_phone, self.result_type,
                      self.result_number, self.result_summary):
            field.clear()
            field.setStyleSheet("")
        if detail is None:
            return
        doc = detail.result_document
        self.result_type.setText(doc.type)
        self.result_number.setText(doc.number)
        self.result_summary.setText(doc.summary)
        citizen = detail.applicant_kind in (ApplicantKind.CITIZEN.value, ApplicantKind.PASSPORT.value)  # a person
        self.receiver_is_applicant.blockSignals(True)
        self.receiver_is_applicant.setChecked(citizen)
        self.receiver_is_applicant.blockSignals(False)
        self._receiver_mode_changed(citizen)

    def _detail_changed(self, detail: DossierDetail) -> None:
        """An action from the detail (supplement request, supplemented, correction) changed the dossier."""
        self.show_detail(detail)
        self._events.dossiers_changed.emit()

    def _receiver_mode_changed(self, is_applicant: bool) -> None:
        """Checked: the applicant's own details, read-only. Unchecked: an authorised person's, typed in."""
        s = self.current.summary if self.current else None
        for field, value in ((self.receiver_name, s.applicant_name if s else ""),
                             (self.receiver_id, s.applicant_id_number if s else ""),
                             (self.receiver_phone, s.applicant_phone if s else "")):
            field.setReadOnly(is_applicant)
            field.setText(value if is_applicant else "")
        if not is_applicant and self.receiver_is_applicant.hasFocus():
            self.receiver_name.setFocus()

    # ------------------------------------------------------------------ actions

    def confirm_hand_over(self) -> None:
        d = self.current
        if d is None:
            self._say(tr("Hãy quét mã hồ sơ trước."), WARN_STYLE)
            self.focus_primary()
            return
        if not self.may_act:
            self._say(tr("Tài khoản này không có quyền trả kết quả."), ERROR_MESSAGE_STYLE)
            return
        if not d.can_hand_over:
            self._say(d.why_not, WARN_STYLE)
            self.focus_primary()
            return
        receiver = Receiver(self.receiver_name.text(), self.receiver_id.text(), self.receiver_phone.text(),
                            self.receiver_is_applicant.isChecked())
        document = ResultDocument(self.result_type.text(), self.result_number.text(), self.result_summary.text())
        try:
            result = returns.hand_over(self._db, self._ctx, d.code, receiver, document)
        except ServiceError as exc:
            self._show_error(exc)
            return
        self.last_result = result
        self._events.dossiers_changed.emit()
        self.show_detail(result.detail)
        self._say(tr("Đã trả kết quả hồ sơ {code} cho {name}.").format(code=result.code, name=result.receiver.name))
        self.focus_primary()
        self._events.rating_requested.emit(result.code, "return")  # the citizen rates on the customer window
        try:
            path = return_documents.write_return_receipt(self._db, result.code)
        except (OSError, ServiceError) as exc:
            self._say(self.message.text() + " " + tr("Nhưng không lưu được giấy biên nhận: {error}. "
                                                     "Hãy in lại từ chi tiết hồ sơ.").format(
                error=getattr(exc, "message", None) or getattr(exc, "strerror", None) or exc), WARN_STYLE)
            return
        preview = self.detail.show_preview(path, tr("Giấy biên nhận trả kết quả — {code}").format(code=result.code))
        preview.finished.connect(lambda _result: self.focus_primary())

    def mark_result_ready(self) -> None:
        d = self.current
        if not self.may_act or d is None:
            return
        if not d.can_mark_ready:
            self._say(d.why_not or tr("Hồ sơ đã có kết quả."), WARN_STYLE)
            self.focus_primary()
            return
        try:
            detail = returns.mark_result_ready(self._db, self._ctx, d.code, self.result_type.text(),
                                               self.result_number.text(), self.result_summary.text())
        except ServiceError as exc:
            self._show_error(exc)
            return
        self._events.dossiers_changed.emit()
        self.show_detail(detail)
        self._say(tr("Đã ghi nhận hồ sơ {code} có kết quả: {type}. Có thể trả kết quả ngay.").format(
            code=detail.code, type=detail.result_document.type))
        self.focus_primary()

    def _show_error(self, exc: ServiceError) -> None:
        self._say(exc.message, ERROR_MESSAGE_STYLE)
        field = self.fields.get(exc.field or "")
        if field is not None and field.isEnabled():
            if isinstance(field, QLineEdit):
                field.setStyleSheet("border: 2px solid #b00020;")
                field.setFocus()
                field.selectAll()
            else:
                field.setFocus()
        else:
            self.focus_primary()
