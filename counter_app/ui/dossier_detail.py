"""One dossier at a glance, shared by the return page and the search page.

Procedure, applicant, received and due moments, status, due state in colour, the hand-off
history (control-slip rows), the result documents and who took the result. Prints the control
slip (form 06) and reprints the return receipt. Reads through services only.

With the officer's context it also offers the actions on the dossier (dossier_actions.py): a
processing agency's supplement request and "the documents came" (desks without a central system:
Alt+U, Alt+G), and the supervisor's correction of a result or its return (Alt+Q). After an action
``changed`` carries the dossier as it now is.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import lifecycle
from counter_app.domain.due_state import DueState
from counter_app.i18n import tr
from counter_app.models import ROLE_RESULT, DossierStatus, Role
from counter_app.models.db import Database
from counter_app.services import attachments, documents, processing, return_documents, returns
from counter_app.services.applicants import KIND_LABELS
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext
from counter_app.services.returns import DossierDetail, HandoffRow

from .attach_dialog import FILE_FILTER
from .operations import run_in_background
from .pdf_preview import PdfPreviewDialog
from .qt_models import Column, ObjectTableModel

# Background colours of the due-state badge (white text on each).
DUE_STATE_COLOURS = {
    DueState.EARLY: "#1b5e20",
    DueState.ON_TIME: "#2e7d32",
    DueState.DUE_SOON: "#e65100",
    DueState.OVERDUE: "#b71c1c",
    DueState.PAUSED: "#546e7a",
    DueState.NONE: "#757575",
}
ERROR_STYLE = "color: #b00020;"


def moment_text(value: datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value else "—"


def badge_style(state: str) -> str:
    colour = DUE_STATE_COLOURS.get(DueState(state), "#757575")
    return (f"QLabel {{ background: {colour}; color: white; border-radius: 4px; padding: 2px 8px; "
            "font-weight: bold; }")


class HandoffModel(ObjectTableModel[HandoffRow]):
    """Control-slip rows, one line each: who handed the dossier to whom, when, and how timely."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        center = Qt.AlignmentFlag.AlignCenter
        super().__init__([
            Column(tr("TT"), lambda h: h.position, center, sort_key=lambda h: h.position),
            Column(tr("Thời gian"), lambda h: moment_text(h.at), sort_key=lambda h: h.at),
            Column(tr("Giao → Nhận"), lambda h: f"{h.from_unit} → {h.to_unit}"),
            Column(tr("Người giao → người nhận"), lambda h: f"{h.given_by or '…'} → {h.taken_by or '…'}"),
            Column(tr("Kết quả"), lambda h: h.result_label, center),
            Column(tr("Ghi chú"), lambda h: h.note),
        ], parent)


class DossierDetailWidget(QWidget):
    """Shows a :class:`DossierDetail`; ``set_detail(None)`` shows the empty state."""

    printed = Signal(Path)
    changed = Signal(object)  # DossierDetail after an action on the dossier
    action_finished = Signal()  # an action's dialog (and its paper's preview) closed: the page takes the focus
    fees_changed = Signal(str)  # a payment or a void of this dossier was recorded

    def __init__(self, db: Database, parent=None, *, context: DeskContext | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db = db
        self._context = context  # who attaches a result file, acts on the dossier or collects a fee (None: read only)
        self.detail: DossierDetail | None = None
        self.file_items: list[attachments.AttachmentInfo] = []
        self.preview: PdfPreviewDialog | None = None
        self.action_dialog: QDialog | None = None

        def value_label(name: str) -> QLabel:
            label = QLabel(objectName=name)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            return label

        self.code = value_label("detailCode")
        self.code.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.procedure = value_label("detailProcedure")
        self.applicant = value_label("detailApplicant")
        self.received = value_label("detailReceived")
        self.due = value_label("detailDue")
        self.status = value_label("detailStatus")
        self.status.setStyleSheet("font-weight: bold;")
        self.due_state = QLabel(objectName="detailDueState")
        self.documents = value_label("detailDocuments")
        self.returned = value_label("detailReturned")
        self.fees = value_label("detailFees")
        self.empty = QLabel(tr("Chưa chọn hồ sơ."), objectName="detailEmpty")
        self.empty.setStyleSheet("color: #616161; font-style: italic;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.handoff_model = HandoffModel(self)
        self.handoffs = QTableView(objectName="detailHandoffs")
        self.handoffs.setModel(self.handoff_model)
        self.handoffs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.handoffs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.handoffs.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes on to the actions
        self.handoffs.verticalHeader().hide()
        self.handoffs.setWordWrap(False)
        header = self.handoffs.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.slip_button = QPushButton(tr("In &phiếu kiểm soát (mẫu 06)"), objectName="printControlSlip")
        self.slip_button.clicked.connect(self.print_control_slip)
        self.receipt_button = QPushButton(tr("In lại &biên nhận trả kết quả"), objectName="reprintReturnReceipt")
        self.receipt_button.clicked.connect(self.print_return_receipt)
        self.intake_papers_button = QPushButton(tr("In lại giấy tờ t&iếp nhận (mẫu 01, 02)…"),
                                                objectName="reprintIntakePapers")
        self.intake_papers_button.clicked.connect(self.reprint_intake_papers)
        # Digitised papers (issue #13): Enter or a double click opens one.
        self.files = QListWidget(objectName="detailFiles")
        self.files.setMaximumHeight(72)
        self.files.setMinimumHeight(self.fontMetrics().lineSpacing() + 8)  # one row at least: the pages fit 768
        self.files.itemActivated.connect(self.open_file)
        self.files_caption = QLabel(tr("<b>Tệp số hóa</b> (Enter mở tệp)"))
        self.attach_result_button = QPushButton(tr("Đính kèm tệp kết quả…"), objectName="attachResult")
        self.attach_result_button.clicked.connect(self.attach_result)
        self.pay_button = QPushButton(tr("Thu phí, lệ phí… (F7)"), objectName="collectFee")
        self.pay_button.clicked.connect(self.collect_fee)
        # F7 anywhere on the page that shows the detail (the return page's scan field keeps the focus).
        QShortcut(QKeySequence("F7"), parent if isinstance(parent, QWidget) else self, activated=self.collect_fee,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.void_button = QPushButton(tr("Hủy biên lai thu phí (&X)…"), objectName="voidPayment")
        self.void_button.clicked.connect(self.void_payment)
        self.print_message = QLabel(objectName="detailPrintMessage")
        self.print_message.setWordWrap(True)
        self.supplement_button = QPushButton(tr("Yêu cầu bổ s&ung (Mẫu 02)…"), objectName="requestSupplement")
        self.supplement_button.setToolTip(tr("Cơ quan giải quyết yêu cầu bổ sung hồ sơ trong quá trình giải quyết"))
        self.supplement_button.clicked.connect(self.request_supplement)
        self.supplemented_button = QPushButton(tr("Đã nhận hồ sơ bổ sun&g…"), objectName="supplementReceived")
        self.supplemented_button.clicked.connect(self.supplement_received)
        self.correct_button = QPushButton(tr("Đính chính kết &quả…"), objectName="correctResult")
        self.correct_button.setToolTip(tr("Lãnh đạo đính chính kết quả, người nhận, hoặc thu hồi việc trả nhầm"))
        self.correct_button.clicked.connect(self.correct_result)

        # The fee line carries its own actions (collect, void), so the button row below stays as it was.
        self.fees_row = QWidget()
        fees_layout = QHBoxLayout(self.fees_row)
        fees_layout.setContentsMargins(0, 0, 0, 0)
        fees_layout.addWidget(self.fees, 1)
        fees_layout.addWidget(self.pay_button)
        fees_layout.addWidget(self.void_button)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        rows = [
            (tr("Mã hồ sơ:"), self.code),
            (tr("Thủ tục:"), self.procedure),
            (tr("Chủ hồ sơ:"), self.applicant),
            (tr("Tiếp nhận:"), self.received),
            (tr("Hẹn trả:"), self.due),
            (tr("Phí, lệ phí:"), self.fees_row),
        ]
        for i, (caption, widget) in enumerate(rows):
            label = QLabel(caption)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, i, 0)
            grid.addWidget(widget, i, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addSpacing(12)
        status_row.addWidget(self.due_state)
        status_row.addStretch(1)
        # The actions that change the status sit on its line (no extra row: the detail must keep
        # fitting under the search results on a 1366×768 screen).
        status_row.addWidget(self.supplement_button)
        status_row.addWidget(self.supplemented_button)
        status_row.addWidget(self.correct_button)
        status_caption = QLabel(tr("Trạng thái:"))
        status_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(status_caption, len(rows), 0)
        grid.addLayout(status_row, len(rows), 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.intake_papers_button)
        buttons.addWidget(self.slip_button)
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.attach_result_button)
        buttons.addStretch(1)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(grid)
        body.addWidget(QLabel(tr("<b>Quá trình giải quyết (phiếu kiểm soát)</b>")))
        body.addWidget(self.handoffs, 1)
        self.handoffs.setMinimumHeight(90)
        self.handoffs.setMaximumHeight(240)  # ~7 rows; the result lines below keep their height
        body.addWidget(QLabel(tr("<b>Kết quả giải quyết</b>")))
        body.addWidget(self.documents)
        body.addWidget(self.returned)
        body.addWidget(self.files_caption)
        body.addWidget(self.files)
        body.addLayout(buttons)
        body.addWidget(self.print_message)
        body.addStretch(0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.body, 1)
        self.paid_numbers: list[str] = []
        self.set_detail(None)

    # ------------------------------------------------------------------ content

    def set_detail(self, detail: DossierDetail | None) -> None:
        if detail is None or self.detail is None or detail.code != self.detail.code:
            self.print_message.clear()  # the same dossier shown again (refreshed) keeps its message
        self.detail = detail
        self.empty.setVisible(detail is None)
        self.body.setVisible(detail is not None)
        self._update_actions(detail)
        if detail is None:
            self.handoff_model.set_rows([])
            return
        s = detail.summary
        self.code.setText(s.code)
        self.procedure.setText(f"{s.procedure_name} ({s.procedure_code})"
                               + (f" — {s.case_name}" if s.case_name and s.case_name != s.procedure_name else ""))
        kind = tr(KIND_LABELS.get(detail.applicant_kind, ""))
        self.applicant.setText(
            f"<b>{escape(s.applicant_name)}</b> · {escape(tr('Số giấy tờ'))}: {escape(s.applicant_id_number)}"
            f" · {escape(tr('ĐT'))}: {escape(s.applicant_phone or '—')}<br>{escape(s.applicant_address)}"
            + (f" <i>({escape(kind)})</i>" if kind and detail.applicant_kind != "citizen" else ""))
        self.received.setText(tr("{moment} · cán bộ {officer} · quầy số {desk}").format(
            moment=moment_text(s.received_at), officer=s.officer_name, desk=s.desk_number))
        due = moment_text(s.due_at) if s.due_at else tr("tạm dừng tính thời gian")
        if s.original_due_at and s.due_at and s.original_due_at != s.due_at:
            due += " " + tr("(hẹn ban đầu {moment})").format(moment=moment_text(s.original_due_at))
        self.due.setText(due)
        self.status.setText(s.status_label)
        self.due_state.setText(s.due_state_label)
        self.due_state.setStyleSheet(badge_style(s.due_state))
        self.due_state.setVisible(s.due_state != DueState.NONE)
        self.handoff_model.set_rows(detail.handoffs)
        if detail.documents:
            self.documents.setText("<br>".join(
                f"<b>{escape(d.type)}</b>"
                + (f" — {escape(tr('số'))} {escape(d.number)}" if d.number else "")
                + (f" — {escape(d.summary)}" if d.summary else "")
                + (f" <i>({escape(tr('có kết quả lúc'))} {moment_text(s.result_ready_at)})</i>"
                   if s.result_ready_at and i == 0 else "")
                for i, d in enumerate(detail.documents)))
        else:
            self.documents.setText(tr("Chưa có kết quả."))
        r = detail.returned
        self.returned.setVisible(r is not None)
        if r is not None:
            who = tr("chủ hồ sơ") if r.receiver_is_applicant else tr("người được ủy quyền")
            self.returned.setText(tr("Đã trả lúc {moment} cho <b>{name}</b> ({who}, CCCD {id}{phone}); "
                                     "cán bộ trả: {officer}.").format(
                moment=moment_text(r.returned_at), name=escape(r.receiver_name), who=who,
                id=escape(r.receiver_id_number), phone=f", ĐT {escape(r.receiver_phone)}" if r.receiver_phone else "",
                officer=escape(r.officer_name)))
        self.receipt_button.setVisible(r is not None)
        self._show_files()
        self.attach_result_button.setVisible(self._context is not None and s.result_ready_at is not None)
        self._show_fees(s.code)

    # ------------------------------------------------------------------ digitised papers

    def _show_files(self) -> None:
        self.files.clear()
        code = self.detail.summary.code if self.detail else ""
        try:
            self.file_items = attachments.list_files(self._db, code) if code else []
        except ServiceError:
            self.file_items = []
        for info in self.file_items:
            what = tr("kết quả") if info.role == ROLE_RESULT else (info.document or tr("cả hồ sơ"))
            extra = tr(" — dùng lại từ hồ sơ {code}").format(code=info.reused_from_code) if info.reused else ""
            item = QListWidgetItem(f"{info.file_name} · {what} · {info.size / 1024:.0f} KB{extra}")
            item.setToolTip(f"SHA-256 {info.sha256}")
            self.files.addItem(item)
        if not self.file_items:
            self.files.addItem(tr("Chưa có tệp số hóa."))
        self.files.setEnabled(bool(self.file_items))

    def open_file(self, _item: QListWidgetItem | None = None) -> None:
        row = self.files.currentRow()
        if not 0 <= row < len(self.file_items):
            return
        try:
            path = attachments.file_path(self._db, self.file_items[row].id)
        except ServiceError as exc:
            self.print_message.setText(exc.message)
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.print_message.setText(tr("Không mở được tệp {path}: máy chưa có chương trình đọc PDF.").format(path=path))

    def attach_result(self) -> None:
        """The result document, scanned when the result is ready (PDF or images)."""
        if self.detail is None or self._context is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self, tr("Chọn tệp kết quả"), "", FILE_FILTER)
        if not names:
            return
        code, context = self.detail.summary.code, self._context
        self.print_message.setText(tr("Đang lưu tệp kết quả…"))
        run_in_background(self, lambda: attachments.attach(self._db, context, code, [Path(n) for n in names],
                                                           role=ROLE_RESULT),
                          lambda _added: self._result_attached(), self._attach_failed)

    def _result_attached(self) -> None:
        self.print_message.setText(tr("Đã đính kèm tệp kết quả."))
        self._show_files()

    def _attach_failed(self, exc: Exception) -> None:
        self.print_message.setText(exc.message if isinstance(exc, ServiceError) else str(exc))

    # ------------------------------------------------------------------ actions on the dossier

    def _update_actions(self, detail: DossierDetail | None) -> None:
        """Show the actions this officer may take on this dossier now (the services check again)."""
        ctx = self._context
        status = detail.status if detail is not None else None
        records = bool(ctx is not None and ctx.roles & processing.RECORD_ROLES)
        at_desk = records and status is not None and processing.recorded_at_desk(self._db)
        self.supplement_button.setVisible(bool(
            at_desk and status is not None and status is not DossierStatus.SUPPLEMENT_REQUESTED
            and lifecycle.can_move(status, DossierStatus.SUPPLEMENT_REQUESTED)))
        self.supplemented_button.setVisible(bool(at_desk and status is DossierStatus.SUPPLEMENT_REQUESTED))
        self.correct_button.setVisible(bool(
            ctx is not None and ctx.has_role(Role.SUPERVISOR)
            and status in (DossierStatus.RESULT_READY, DossierStatus.RETURNED)))

    def request_supplement(self) -> None:
        from .dossier_actions import SupplementRequestDialog

        if self.detail is None or self._context is None or not self.supplement_button.isVisible():
            return
        self._open_action(SupplementRequestDialog(self._db, self._context, self.detail, self), self._supplement_requested)

    def supplement_received(self) -> None:
        from .dossier_actions import SupplementedDialog

        if self.detail is None or self._context is None or not self.supplemented_button.isVisible():
            return
        self._open_action(SupplementedDialog(self._db, self._context, self.detail, self), self._supplemented)

    def correct_result(self) -> None:
        from .dossier_actions import CorrectionDialog

        if self.detail is None or self._context is None or not self.correct_button.isVisible():
            return
        self._open_action(CorrectionDialog(self._db, self._context, self.detail, self), self._corrected)

    def _open_action(self, dialog: QDialog, done) -> None:  # noqa: ANN001 - Callable[[object], None]
        self.action_dialog = dialog

        def finished(code: int) -> None:
            if code == QDialog.DialogCode.Accepted:
                done(getattr(dialog, "result_value", None))
            if self.preview is None or not self.preview.isVisible():
                self.action_finished.emit()

        dialog.finished.connect(finished)
        dialog.open()

    def _refresh(self) -> DossierDetail | None:
        if self.detail is None:
            return None
        try:
            detail = returns.detail(self._db, self.detail.code)
        except ServiceError as exc:
            self._say(exc.message, error=True)
            return None
        self.set_detail(detail)
        self.changed.emit(detail)
        return detail

    def _supplement_requested(self, result: processing.ProcessingSupplement) -> None:
        self._refresh()
        message = tr("Đã ghi nhận yêu cầu bổ sung {code}; thời gian giải quyết tạm dừng.").format(
            code=result.notice_code)
        if result.pdf_path is None:
            self._say(message)
            return
        from .pdf_preview import deliver

        self.preview, note = deliver(self, result.pdf_path,
                                     tr("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ {code}").format(code=result.notice_code),
                                     direct=documents.direct_print(self._db))
        self._say(" ".join(t for t in (message, note) if t))
        self.printed.emit(result.pdf_path)
        if self.preview is not None:
            self.preview.finished.connect(lambda _code: self.action_finished.emit())

    def _supplemented(self, due: datetime) -> None:
        self._refresh()
        self._say(tr("Đã ghi nhận hồ sơ đã bổ sung: hồ sơ tiếp tục được giải quyết, hẹn trả mới {moment}.").format(
            moment=moment_text(due)))

    def _corrected(self, result: returns.CorrectionResult) -> None:
        self.set_detail(result.detail)
        self.changed.emit(result.detail)
        what = {"result": tr("giấy tờ kết quả"), "receiver": tr("người nhận kết quả"),
                "recalled": tr("thu hồi việc trả kết quả")}
        self._say(tr("Đã đính chính hồ sơ {code}: {what}; đã ghi nhật ký.").format(
            code=result.code, what=", ".join(what[c] for c in result.corrected)))

    def _say(self, text: str, *, error: bool = False) -> None:
        self.print_message.setStyleSheet(ERROR_STYLE if error else "")
        self.print_message.setText(text)

    def _show_fees(self, code: str) -> None:
        from counter_app.domain.fees import money_text
        from counter_app.services import payments

        info = payments.dossier_fees(self._db, code)
        kept = [p for p in info.payments if p.voided_at is None]
        if not info.fee_due and not info.payments and not info.awaiting:
            text = tr("Không thu")
        else:
            text = money_text(info.fee_due)
            if kept:
                text += " · " + tr("đã nộp {amount} (biên lai {numbers})").format(
                    amount=money_text(info.paid), numbers=", ".join(p.number for p in kept))
            if info.outstanding:
                text += " · <b>" + tr("còn phải nộp {amount}").format(amount=money_text(info.outstanding)) + "</b>"
            if info.awaiting:
                text += " · " + tr("chờ nộp: thời hạn tạm dừng")
        self.fees.setText(text)
        self.paid_numbers = [p.number for p in kept]
        self.pay_button.setVisible(bool(info.outstanding) or info.awaiting)
        self.void_button.setVisible(bool(kept))

    def collect_fee(self) -> None:
        """F7: collect the dossier's fees (the receipt printed) — e.g. a dossier waiting in status 6."""
        if self.detail is None or self._context is None or not self.pay_button.isVisible():
            return
        from counter_app.services import payments, returns

        from .fee_widgets import open_payment

        code = self.detail.code

        def done(message: str, number: str) -> None:
            self.set_detail(returns.detail(self._db, code))
            self.print_message.setStyleSheet("")
            self.print_message.setText(message)
            self.fees_changed.emit(code)
            if number:
                self._print(lambda _code: payments.write_receipt(self._db, number),
                            tr("Biên lai thu phí, lệ phí"))
                self.print_message.setText(message)

        self.payment_dialog = open_payment(self, self._db, self._context, code, offer_later=False, on_done=done)

    def void_payment(self) -> None:
        """A receipt recorded by mistake, or money refunded: a supervisor approves with a reason."""
        if self.detail is None or self._context is None or not self.paid_numbers:
            return
        from counter_app.services import payments, returns

        from .fee_widgets import VoidDialog

        code, ctx = self.detail.code, self._context

        def submit(dialog: VoidDialog) -> bool:
            try:
                payments.void_payment(self._db, ctx, dialog.number.currentText(),
                                      username=dialog.username.text(), password=dialog.password.text(),
                                      reason=dialog.reason.text())
            except ServiceError as exc:
                dialog.show_error(exc)
                return False
            self.set_detail(returns.detail(self._db, code))
            self.print_message.setText(tr("Đã hủy biên lai {number}.").format(number=dialog.number.currentText()))
            self.fees_changed.emit(code)
            return True

        self.void_dialog = VoidDialog(self.paid_numbers, submit, self)
        self.void_dialog.open()

    # ------------------------------------------------------------------ printing

    def print_control_slip(self) -> None:
        if self.detail is not None:
            self._print(lambda code: return_documents.write_control_slip(self._db, code),
                        tr("Phiếu kiểm soát quá trình giải quyết hồ sơ"))

    def print_return_receipt(self) -> None:
        if self.detail is not None and self.detail.returned is not None:
            self._print(lambda code: return_documents.write_return_receipt(self._db, code),
                        tr("Giấy biên nhận trả kết quả"))

    def reprint_intake_papers(self) -> None:
        """Form 01 of the dossier and the supplement notices (form 02) of its intake, to print again."""
        if self.detail is None:
            return
        from .pdf_preview import deliver
        from .reception_dialogs import PaperListDialog

        code = self.detail.code
        papers = documents.papers_of_dossier(self._db, code)

        def print_again(paper: documents.Paper) -> None:
            try:
                path = documents.write_paper(self._db, paper)
            except (OSError, ServiceError) as exc:
                self.print_message.setStyleSheet(ERROR_STYLE)
                self.print_message.setText(tr("Không in được: {error}").format(
                    error=getattr(exc, "message", None) or getattr(exc, "strerror", None) or exc))
                return
            if self.preview is not None:
                self.preview.close()
            self.preview, note = deliver(self, path, paper.title, direct=documents.direct_print(self._db))
            self.print_message.setStyleSheet("")
            self.print_message.setText(" ".join(t for t in (tr("Đã lưu bản in: {path}").format(path=path), note) if t))
            self.printed.emit(path)

        self.paper_dialog = PaperListDialog(papers, print_again, self,
                                            title=tr("In lại giấy tờ tiếp nhận của hồ sơ {code}").format(
                                                code=code))
        self.paper_dialog.open()

    def _print(self, write, title: str) -> Path | None:  # noqa: ANN001 - Callable[[str], Path]
        if self.detail is None:  # the print buttons are off without a dossier
            return None
        code = self.detail.code
        try:
            path = write(code)
        except (OSError, ServiceError) as exc:
            self.print_message.setStyleSheet(ERROR_STYLE)
            self.print_message.setText(tr("Không in được: {error}").format(
                error=getattr(exc, "message", None) or getattr(exc, "strerror", None) or exc))
            return None
        self.print_message.setStyleSheet("")
        self.print_message.setText(tr("Đã lưu bản in: {path}").format(path=path))
        self.show_preview(path, f"{title} — {code}")
        self.printed.emit(path)
        return path

    def show_preview(self, path: Path, title: str) -> PdfPreviewDialog:
        """Non-modal preview with Print and Close; the caller may react to ``finished``."""
        if self.preview is not None:
            self.preview.close()
        self.preview = PdfPreviewDialog(path, title, self)
        self.preview.open()
        return self.preview
