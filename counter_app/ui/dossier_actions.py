"""Dialogs opened from the dossier detail: a processing agency's supplement request (form 02, desks
without a central system), "the documents came" (hồ sơ đã bổ sung), and the supervisor's correction
(đính chính) of a result or of its return.

Each dialog calls one service (which owns the unit of work, the audit row and the outbox event);
Ctrl+Enter confirms, Esc cancels; a refused input keeps the dialog open with everything typed and
the Vietnamese message under the field it belongs to.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import tr
from counter_app.models.db import Database
from counter_app.services import processing, returns
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext
from counter_app.services.returns import DossierDetail, Receiver, ResultDocument

from .supervision_dialogs import FormDialog, _error_label


def _moment(value: datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value else "—"


def dossier_summary(detail: DossierDetail) -> str:
    s = detail.summary
    return tr("<b>{code}</b> — {name}<br>{procedure}<br>Trạng thái: <b>{status}</b> · hẹn trả: {due}").format(
        code=escape(s.code), name=escape(s.applicant_name), procedure=escape(s.procedure_name),
        status=escape(s.status_label), due=_moment(s.due_at) if s.due_at else tr("tạm dừng tính thời gian"))


# ---------------------------------------------------------------- processing-stage supplement request

MAX_ITEM_ROWS = 20


class SupplementRequestDialog(FormDialog):
    """The agency that processes the dossier asks for documents (form 02, stage "processing").

    One row per document: its name (the procedure's documents offered as you type) and the reason.
    A new empty row appears when the last one is used; empty rows are ignored. Each agency asks at
    most once during its handling: a second request from the same agency is refused with the
    rule's message under the agency field, and nothing typed is lost.
    """

    def __init__(self, db: Database, context: DeskContext, detail: DossierDetail, parent=None) -> None:  # noqa: ANN001
        super().__init__(dossier_summary(detail), tr("Yêu cầu bổ sung hồ sơ trong quá trình giải quyết (Mẫu 02)"),
                         tr("Ghi nhận và in phiếu (Ctrl+Enter)"), parent)
        self.setObjectName("supplementRequestDialog")
        self._db, self._context, self.detail = db, context, detail
        self.setMinimumWidth(760)
        self.agency = QLineEdit(objectName="supplementAgency")
        self.agency.setPlaceholderText(tr("Ví dụ: Công chức Tư pháp - Hộ tịch, UBND xã"))
        self.add_field(tr("&Cơ quan yêu cầu:"), "agency", self.agency)
        try:
            names = processing.document_names(db, detail.code)
        except ServiceError:
            names = []
        self._completer_names = names
        self.rows_box = QWidget(objectName="supplementRows")
        self.rows = QGridLayout(self.rows_box)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setHorizontalSpacing(6)
        self.rows.setVerticalSpacing(2)
        self.rows.addWidget(QLabel(tr("<b>TT</b>")), 0, 0)
        self.rows.addWidget(QLabel(tr("<b>Giấy tờ cần bổ sung, hoàn thiện</b>")), 0, 1)
        self.rows.addWidget(QLabel(tr("<b>Lý do</b>")), 0, 2)
        self.rows.setColumnStretch(1, 3)
        self.rows.setColumnStretch(2, 2)
        self.item_edits: list[tuple[QLineEdit, QLineEdit]] = []
        self.items_error = _error_label("supplementItemsError")
        box = QGroupBox(tr("Giấy tờ cần bổ sung (mỗi dòng một giấy tờ, kèm lý do)"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.rows_box)
        box_layout.addWidget(self.items_error)
        self.form.addRow(box)
        rule = QLabel(tr("Mỗi cơ quan chỉ yêu cầu bổ sung một lần trong quá trình giải quyết; thời gian giải "
                         "quyết tạm dừng đến khi nhận đủ hồ sơ bổ sung."), objectName="supplementRule")
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #616161;")
        self.form.addRow(rule)
        for _ in range(3):
            self._add_row()
        self._chain_tabs()
        self.agency.setFocus()

    # rows

    def _add_row(self) -> None:
        n = len(self.item_edits) + 1
        name = QLineEdit(objectName=f"supplementItemName{n}")
        reason = QLineEdit(objectName=f"supplementItemReason{n}")
        name.setPlaceholderText(tr("Tên giấy tờ") if n == 1 else "")
        reason.setPlaceholderText(tr("Ví dụ: bản chụp mờ, thiếu chữ ký") if n == 1 else "")
        if self._completer_names:
            completer = QCompleter(self._completer_names, name)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            name.setCompleter(completer)
        for edit in (name, reason):
            edit.textEdited.connect(self._grow)
        number = QLabel(str(n))
        number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rows.addWidget(number, n, 0)
        self.rows.addWidget(name, n, 1)
        self.rows.addWidget(reason, n, 2)
        self.item_edits.append((name, reason))

    def _grow(self, _text: str = "") -> None:
        """Typing in the last row opens a new empty one below it (up to MAX_ITEM_ROWS)."""
        last = self.item_edits[-1]
        if (last[0].text() or last[1].text()) and len(self.item_edits) < MAX_ITEM_ROWS:
            self._add_row()
            self._chain_tabs()

    def _chain_tabs(self) -> None:
        chain: list[QWidget] = [self.agency]
        for name, reason in self.item_edits:
            chain += [name, reason]
        chain += [self.ok_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def items(self) -> list[tuple[str, str]]:
        return [(name.text(), reason.text()) for name, reason in self.item_edits]

    # errors

    def clear_errors(self) -> None:
        super().clear_errors()
        self.items_error.clear()
        self.items_error.hide()
        for name, reason in self.item_edits:
            name.setStyleSheet("")
            reason.setStyleSheet("")

    def show_error(self, exc: ServiceError) -> None:
        field = exc.field or ""
        if field == "items" or field.startswith("items["):
            self.items_error.setText(exc.message)
            self.items_error.show()
            editor = self._item_editor(field) or self.item_edits[0][0]
            editor.setStyleSheet("border: 1px solid #b00020;")
            editor.setFocus()
            return
        super().show_error(exc)

    def _item_editor(self, field: str) -> QLineEdit | None:
        """"items[2].reason" → the third row's reason box."""
        try:
            index = int(field[field.index("[") + 1:field.index("]")])
        except ValueError:
            return None
        if not 0 <= index < len(self.item_edits):
            return None
        name, reason = self.item_edits[index]
        return reason if field.endswith(".reason") else name

    def run(self) -> processing.ProcessingSupplement:
        return processing.request_supplement(self._db, self._context, self.detail.code, self.agency.text(),
                                             self.items())


# ---------------------------------------------------------------- the documents came

class SupplementedDialog(FormDialog):
    """The applicant brought what the agency asked for: back to processing, the clock runs again."""

    def __init__(self, db: Database, context: DeskContext, detail: DossierDetail, parent=None) -> None:  # noqa: ANN001
        super().__init__(dossier_summary(detail), tr("Ghi nhận hồ sơ đã bổ sung"),
                         tr("Ghi nhận đã bổ sung (Ctrl+Enter)"), parent)
        self.setObjectName("supplementedDialog")
        self._db, self._context, self.detail = db, context, detail
        try:
            requests = processing.open_requests(db, detail.code)
        except ServiceError:
            requests = []
        lines = []
        for r in requests:
            lines.append(tr("<b>{agency}</b> yêu cầu lúc {moment} (phiếu {code}):").format(
                agency=escape(r.agency), moment=_moment(r.issued_at), code=escape(r.notice_code)))
            lines.extend(f"&nbsp;&nbsp;• {escape(name)} — <i>{escape(reason)}</i>" for name, reason in r.items)
        self.requests = QLabel("<br>".join(lines) or tr("Không có yêu cầu bổ sung nào đang chờ."),
                               objectName="supplementedRequests")
        self.requests.setWordWrap(True)
        self.form.addRow(self.requests)
        note = QLabel(tr("Đã nhận đủ các giấy tờ trên: hồ sơ trở lại «Đang giải quyết» và thời gian giải quyết "
                         "được tính lại từ khi nhận đủ hồ sơ; hẹn trả mới hiện trên chi tiết hồ sơ."))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.ok_button.setFocus()

    def run(self) -> datetime:
        return processing.supplement_received(self._db, self._context, self.detail.code)


# ---------------------------------------------------------------- correction (đính chính)

class CorrectionDialog(FormDialog):
    """A supervisor corrects the result document, who took it, or recalls a return recorded by mistake.

    The fields open filled with what is recorded; only what was changed is corrected. The reason is
    required; the service audits the values before and after and sends the corrected record to the
    central system.
    """

    def __init__(self, db: Database, context: DeskContext, detail: DossierDetail, parent=None) -> None:  # noqa: ANN001
        super().__init__(dossier_summary(detail), tr("Đính chính kết quả giải quyết hồ sơ"),
                         tr("Đính chính (Ctrl+Enter)"), parent)
        self.setObjectName("correctionDialog")
        self._db, self._context, self.detail = db, context, detail
        self.reason = QPlainTextEdit(objectName="correctionReason")
        self.reason.setPlaceholderText(tr("Ví dụ: Ghi nhầm số giấy khai sinh khi trả kết quả"))
        self.reason.setFixedHeight(64)
        self.add_field(tr("&Lý do đính chính:"), "reason", self.reason)
        doc = detail.result_document
        self.result_type = QLineEdit(doc.type, objectName="correctionResultType")
        self.result_number = QLineEdit(doc.number, objectName="correctionResultNumber")
        self.result_summary = QLineEdit(doc.summary, objectName="correctionResultSummary")
        self.add_field(tr("Loại &giấy tờ kết quả:"), "result_type", self.result_type)
        self.add_field(tr("&Số, ký hiệu:"), "result_number", self.result_number)
        self.add_field(tr("Trích &yếu:"), "result_summary", self.result_summary)
        r = detail.returned
        self.recall = QCheckBox(tr("&Thu hồi việc trả kết quả (ghi nhận trả nhầm): hồ sơ trở về «Đã có kết quả»"),
                                objectName="correctionRecall")
        self.receiver_name = QLineEdit(r.receiver_name if r else "", objectName="correctionReceiverName")
        self.receiver_id = QLineEdit(r.receiver_id_number if r else "", objectName="correctionReceiverId")
        self.receiver_phone = QLineEdit(r.receiver_phone if r else "", objectName="correctionReceiverPhone")
        if r is not None:
            self.form.addRow(QLabel(tr("<b>Người nhận kết quả</b> (đã trả lúc {moment})").format(
                moment=_moment(r.returned_at))))
            self.add_field(tr("&Họ và tên:"), "receiver_name", self.receiver_name)
            self.add_field(tr("Số CCC&D:"), "receiver_id_number", self.receiver_id)
            self.add_field(tr("Điện th&oại:"), "receiver_phone", self.receiver_phone)
            self.form.addRow(self.recall)
            self.recall.toggled.connect(self._recall_toggled)
        for edit in (self.result_type, self.result_number, self.result_summary, self.receiver_name,
                     self.receiver_id, self.receiver_phone):
            edit.returnPressed.connect(self.submit)
        self.reason.setFocus()

    def _recall_toggled(self, on: bool) -> None:
        for edit in (self.receiver_name, self.receiver_id, self.receiver_phone):
            edit.setEnabled(not on)

    def document(self) -> ResultDocument | None:
        typed = ResultDocument(self.result_type.text().strip(), self.result_number.text().strip(),
                               self.result_summary.text().strip())
        return None if typed == self.detail.result_document else typed

    def receiver(self) -> Receiver | None:
        r = self.detail.returned
        if r is None or self.recall.isChecked():
            return None
        typed = (self.receiver_name.text().strip(), self.receiver_id.text().strip(), self.receiver_phone.text().strip())
        if typed == (r.receiver_name, r.receiver_id_number, r.receiver_phone):
            return None
        return Receiver(*typed, is_applicant=None)

    def run(self) -> returns.CorrectionResult:
        return returns.correct_result(self._db, self._context, self.detail.code, self.reason.toPlainText(),
                                      document=self.document(), receiver=self.receiver(),
                                      recall=self.recall.isChecked())

