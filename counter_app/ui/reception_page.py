"""Reception page: procedure → applicant → checklist → receive / supplement notice / refuse.

Keyboard-first: type the procedure without diacritics and press Enter; Tab through the applicant;
in the checklist press 1 (đã nộp), 2 (thiếu), 3 (không hợp lệ) or 4 (không áp dụng) for each row;
Ctrl+Enter confirms what the checklist leads to; Ctrl+R refuses; F3 scans a supplement notice;
Ctrl+N starts over. Errors appear in Vietnamese under the field they belong to; nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import codes
from counter_app.models import ApplicantKind, DeliveryMethod
from counter_app.models.db import Database
from counter_app.services import applicants, catalog, documents, reception
from counter_app.services.applicants import KIND_LABELS, ApplicantInput, SubmitterInput
from counter_app.services.catalog import CaseDetail, ProcedureDetail
from counter_app.services.errors import ServiceError, ValidationError
from counter_app.services.org import DeskContext
from counter_app.services.reception import IntakeForm, Outcome, Override, SecondPassRequired

from .checklist_model import COL_DECISION, COL_REASON, DECISION_KEYS, ChecklistModel
from .events import DeskEvents
from .pdf_preview import PdfPreviewDialog
from .reception_dialogs import OverrideDialog, RefusalDialog
from .widgets import ERROR_STYLE, FieldBox


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # the context lupdate gives bare tr() calls


class ProcedureSearch(QLineEdit):
    """Down moves into the hit list; Enter picks the highlighted hit."""

    def __init__(self, hits: QListWidget, choose: Callable[[], None], parent=None, **kwargs) -> None:  # noqa: ANN001, ANN003
        super().__init__(parent, **kwargs)
        self._hits = hits
        self._choose = choose

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._hits.count():
            self._choose()
            return
        if event.key() == Qt.Key.Key_Down and self._hits.count():
            self._hits.setFocus()
            self._hits.setCurrentRow(min(1, self._hits.count() - 1) if self._hits.currentRow() == 0 else 0)
            return
        super().keyPressEvent(event)


class ChecklistView(QTableView):
    """Keys 1–4 decide the current row and move to the next; an invalid paper asks for its reason."""

    decided = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        decision = DECISION_KEYS.get(Qt.Key(event.key()))
        current = self.currentIndex()
        model = cast(ChecklistModel, self.model())
        if decision is not None and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                          Qt.KeyboardModifier.KeypadModifier) \
                and current.isValid() and current.column() not in (3, 4, 5, COL_REASON):
            row = current.row()
            if model.set_decision(row, decision):
                if decision is reception.DocumentDecision.INVALID:
                    reason = model.index(row, COL_REASON)
                    self.setCurrentIndex(reason)
                    self.edit(reason)
                else:
                    self._next_row(row)
                self.decided.emit()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor, hint) -> None:  # noqa: ANN001, N802
        super().closeEditor(editor, hint)
        current = self.currentIndex()
        if current.isValid() and current.column() == COL_REASON:
            self._next_row(current.row())

    def _next_row(self, row: int) -> None:
        target = min(row + 1, self.model().rowCount() - 1)
        self.setCurrentIndex(self.model().index(target, COL_DECISION))

    def focusInEvent(self, event) -> None:  # noqa: ANN001, N802
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, COL_DECISION))


class ReceptionPage(QWidget):
    def __init__(self, db: Database, context: DeskContext, events: DeskEvents, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db = db
        self._context = context
        self._events = events
        self.procedure: ProcedureDetail | None = None
        self.case: CaseDetail | None = None
        self.notice_code: str | None = None
        self.preview: PdfPreviewDialog | None = None
        self.last_result: object | None = None
        self._build()
        self.reset()

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        # Supplement notice scan (return visit).
        self.notice_field = FieldBox(QLineEdit(objectName="noticeScan"))
        self.notice_edit.setPlaceholderText(tr("Quét mã vạch phiếu yêu cầu bổ sung (F3)"))
        self.notice_edit.returnPressed.connect(lambda: self.open_notice(self.notice_edit.text()))
        self.notice_banner = QLabel(objectName="noticeBanner")
        self.notice_banner.setStyleSheet("background: #fff4cc; padding: 4px;")
        self.notice_banner.setWordWrap(True)

        # Procedure.
        self.procedure_hits = QListWidget(objectName="procedureHits")
        self.procedure_hits.setMaximumHeight(150)
        self.procedure_hits.itemActivated.connect(lambda _item: self._choose_procedure())
        self.procedure_search = ProcedureSearch(self.procedure_hits, self._choose_procedure,
                                                objectName="procedureSearch")
        self.procedure_search.setPlaceholderText(tr("Gõ tên hoặc mã thủ tục, không cần dấu, rồi Enter (F2)"))
        self.procedure_search.textEdited.connect(self._search_procedures)
        self.procedure_field = FieldBox(self.procedure_search)
        self.procedure_label = QLabel(objectName="procedureChosen")
        self.procedure_label.setWordWrap(True)
        self.case_box = QComboBox(objectName="caseBox")
        self.case_box.currentIndexChanged.connect(self._case_changed)
        self.case_label = QLabel(tr("Trường &hợp:"))
        self.case_label.setBuddy(self.case_box)

        # Applicant.
        self.kind_box = QComboBox(objectName="applicantKind")
        for kind in ApplicantKind:
            self.kind_box.addItem(tr(KIND_LABELS[kind]), kind)
        self.fields: dict[str, FieldBox] = {}
        for name, placeholder in (
            ("id_number", tr("12 số CCCD / mã số thuế")), ("name", ""), ("date_of_birth", tr("ngày/tháng/năm")),
            ("address", tr("số nhà/ấp, xã/phường, tỉnh")), ("phone", tr("0912 345 678")), ("email", ""),
            ("submitter_name", ""), ("submitter_id_number", tr("12 số CCCD")), ("submitter_phone", ""),
        ):
            edit = QLineEdit(objectName=name)
            edit.setPlaceholderText(placeholder)
            self.fields[name] = FieldBox(edit)
        self.field("id_number").editingFinished.connect(self._lookup_applicant)
        self.applicant_hint = QLabel(objectName="applicantHint")
        self.applicant_hint.setWordWrap(True)
        self.submitter_check = QCheckBox(tr("Người khác nộp thay (được ủy quyền)"), objectName="submitterCheck")
        self.submitter_check.toggled.connect(self._toggle_submitter)

        # Checklist.
        self.checklist_model = ChecklistModel(self)
        self.checklist = ChecklistView(objectName="checklist")
        self.checklist.setModel(self.checklist_model)
        self.checklist.setTabKeyNavigation(False)
        self.checklist.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.DoubleClicked
                                       | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.checklist.verticalHeader().hide()
        self.checklist.setWordWrap(True)
        header = self.checklist.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_REASON, 200)
        # Long document names wrap: rows grow to show the whole name.
        self.checklist.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.checklist_model.dataChanged.connect(self._update_outcome)
        self.checklist_model.modelReset.connect(self._update_outcome)
        self.checklist_error = QLabel(objectName="checklistError")
        self.checklist_error.setStyleSheet(ERROR_STYLE)
        self.checklist_error.setWordWrap(True)
        keys_help = QLabel(tr("Phím trong bảng: 1 Đã nộp · 2 Thiếu · 3 Không hợp lệ (ghi lý do) · "
                              "4 Không áp dụng (giấy tờ có điều kiện) · F2 sửa số bản, lý do"))
        keys_help.setStyleSheet("color: #555;")
        keys_help.setWordWrap(True)  # one line would need 850 pixels: too wide beside the form at 1366×768

        self.sets_box = QSpinBox(objectName="sets")
        self.sets_box.setRange(1, 99)
        self.delivery_box = QComboBox(objectName="delivery")
        self.delivery_box.addItem(tr("Tại Bộ phận Một cửa"), DeliveryMethod.COUNTER)
        self.delivery_box.addItem(tr("Qua dịch vụ bưu chính công ích"), DeliveryMethod.POST)

        # Outcome and actions.
        self.outcome_label = QLabel(objectName="outcome")
        self.outcome_label.setWordWrap(True)
        self.confirm_button = QPushButton(objectName="confirm")
        self.confirm_button.clicked.connect(self.confirm)
        self.refuse_button = QPushButton(tr("Từ chối tiếp nhận (Ctrl+R)"), objectName="refuse")
        self.refuse_button.clicked.connect(self.start_refusal)
        self.new_button = QPushButton(tr("Lượt mới (Ctrl+N)"), objectName="newIntake")
        self.new_button.clicked.connect(self.reset)
        self.message = QLabel(objectName="receptionMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # Assemble.
        top = QHBoxLayout()
        scan_label = QLabel(tr("Phiếu &bổ sung:"))
        scan_label.setBuddy(self.notice_edit)
        top.addWidget(scan_label)
        top.addWidget(self.notice_field, 1)

        proc_box = QGroupBox(tr("1. Thủ tục hành chính"))
        proc_layout = QVBoxLayout(proc_box)
        proc_layout.addWidget(self.procedure_field)
        proc_layout.addWidget(self.procedure_hits)
        proc_layout.addWidget(self.procedure_label)
        case_row = QHBoxLayout()
        case_row.addWidget(self.case_label)
        case_row.addWidget(self.case_box, 1)
        proc_layout.addLayout(case_row)

        app_box = QGroupBox(tr("2. Chủ hồ sơ"))
        form = QFormLayout(app_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Đối tượng:"), self.kind_box)
        for name, text in (("id_number", tr("Số &giấy tờ:")), ("name", tr("Họ và &tên:")),
                           ("date_of_birth", tr("Ngày &sinh:")), ("address", tr("Đị&a chỉ:")),
                           ("phone", tr("Điện t&hoại:")), ("email", tr("E&mail:"))):
            label = QLabel(text)
            label.setBuddy(self.field(name))
            form.addRow(label, self.fields[name])
        form.addRow(self.applicant_hint)
        form.addRow(self.submitter_check)
        self.submitter_box = QWidget()
        sub_form = QFormLayout(self.submitter_box)
        sub_form.setContentsMargins(0, 0, 0, 0)
        sub_form.addRow(tr("Họ tên người nộp:"), self.fields["submitter_name"])
        sub_form.addRow(tr("Số CCCD người nộp:"), self.fields["submitter_id_number"])
        sub_form.addRow(tr("Điện thoại người nộp:"), self.fields["submitter_phone"])
        form.addRow(self.submitter_box)

        check_box = QGroupBox(tr("3. Thành phần hồ sơ"))
        check_layout = QVBoxLayout(check_box)
        check_layout.addWidget(keys_help)
        check_layout.addWidget(self.checklist, 1)
        check_layout.addWidget(self.checklist_error)
        extra = QHBoxLayout()
        sets_label = QLabel(tr("Số &bộ:"))
        sets_label.setBuddy(self.sets_box)
        delivery_label = QLabel(tr("&Nơi nhận kết quả:"))
        delivery_label.setBuddy(self.delivery_box)
        extra.addWidget(sets_label)
        extra.addWidget(self.sets_box)
        extra.addSpacing(20)
        extra.addWidget(delivery_label)
        extra.addWidget(self.delivery_box)
        extra.addStretch(1)
        check_layout.addLayout(extra)

        actions = QHBoxLayout()
        actions.addWidget(self.outcome_label, 1)
        actions.addWidget(self.new_button)
        actions.addWidget(self.refuse_button)
        actions.addWidget(self.confirm_button)

        left = QVBoxLayout()
        left.addWidget(proc_box)
        left.addWidget(app_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 4)
        columns.addWidget(check_box, 6)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice_banner)
        layout.addLayout(columns, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

        order = [self.notice_edit, self.procedure_search, self.procedure_hits, self.case_box, self.kind_box,
                 *(self.field(n) for n in ("id_number", "name", "date_of_birth", "address", "phone", "email")),
                 self.submitter_check, *(self.field(n) for n in ("submitter_name", "submitter_id_number",
                                                                 "submitter_phone")),
                 self.checklist, self.sets_box, self.delivery_box, self.confirm_button, self.refuse_button,
                 self.new_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        for key, slot in ((QKeySequence("Ctrl+Return"), self.confirm), (QKeySequence("Ctrl+Enter"), self.confirm),
                          (QKeySequence("Ctrl+R"), self.start_refusal), (QKeySequence("Ctrl+N"), self.reset),
                          (QKeySequence("F3"), self.focus_notice), (QKeySequence("F2"), self.focus_procedure),
                          (QKeySequence("Ctrl+O"), self.open_pending_notice)):
            QShortcut(key, self, activated=slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ------------------------------------------------------------------ helpers

    @property
    def notice_edit(self) -> QLineEdit:
        return cast(QLineEdit, self.notice_field.editor)

    def field(self, name: str) -> QLineEdit:
        return cast(QLineEdit, self.fields[name].editor)  # every applicant field is a line edit

    def focus_primary(self) -> None:
        if self.procedure is None:
            self.focus_procedure()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        self.focus_primary()

    def _after_preview(self, _result: int) -> None:
        """Back from the print preview: the desk is ready for the next citizen."""
        self.window().activateWindow()
        self.focus_procedure()

    def focus_procedure(self) -> None:
        self.procedure_search.setFocus()
        self.procedure_search.selectAll()

    def focus_notice(self) -> None:
        self.notice_edit.setFocus()
        self.notice_edit.selectAll()

    def _clear_errors(self) -> None:
        for box in (*self.fields.values(), self.procedure_field, self.notice_field):
            box.clear_error()
        self.checklist_error.clear()

    def show_error(self, error: ServiceError) -> None:
        """Put the message where the input was typed and move the cursor there."""
        target = error.field or ""
        if target in self.fields:
            self.fields[target].show_error(error.message)
            self.field(target).setFocus()
        elif target in ("procedure",):
            self.procedure_field.show_error(error.message)
            self.procedure_search.setFocus()
        elif target == "notice":
            self.notice_field.show_error(error.message)
            self.notice_edit.setFocus()
        elif target == "sets":
            self.checklist_error.setText(error.message)
            self.sets_box.setFocus()
        elif target.startswith("doc:") or target == "checklist":
            self.checklist_error.setText(error.message)
            row = self.checklist_model.row_of_document(int(target[4:])) if target.startswith("doc:") else 0
            self.checklist.setFocus()
            self.checklist.setCurrentIndex(self.checklist_model.index(max(row, 0), COL_DECISION))
        else:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(error.message)

    def _info(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.message.setText(text)

    # ------------------------------------------------------------------ procedure

    def _search_procedures(self, text: str) -> None:
        self.procedure_hits.clear()
        if not text.strip():
            return
        hits = catalog.search_procedures(self._db, text, limit=12)
        for hit in hits:
            item = QListWidgetItem(f"{hit.code} – {hit.name}")
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.procedure_hits.addItem(item)
        if hits:
            self.procedure_hits.setCurrentRow(0)
        self.procedure_hits.setVisible(bool(hits))

    def _choose_procedure(self) -> None:
        item = self.procedure_hits.currentItem() or self.procedure_hits.item(0)
        if item is None:
            return
        detail = catalog.procedure_detail(self._db, item.data(Qt.ItemDataRole.UserRole))
        self.set_procedure(detail)
        (self.case_box if self.case_box.isVisible() else self.field("id_number")).setFocus()

    def set_procedure(self, detail: ProcedureDetail, case_id: int | None = None) -> None:
        self.procedure = detail
        self.procedure_field.clear_error()
        self.procedure_search.setText(detail.code)
        self.procedure_hits.clear()
        self.procedure_hits.hide()
        self.case_box.blockSignals(True)
        self.case_box.clear()
        for case in detail.cases:
            self.case_box.addItem(case.name, case.id)
        index = max(0, next((i for i, c in enumerate(detail.cases) if c.id == case_id), 0))
        self.case_box.setCurrentIndex(index)
        self.case_box.blockSignals(False)
        several = len(detail.cases) > 1
        self.case_box.setVisible(several)
        self.case_label.setVisible(several)
        self._case_changed(index)

    def _case_changed(self, index: int) -> None:
        if self.procedure is None or not 0 <= index < len(self.procedure.cases):
            self.case = None
            self.checklist_model.clear()
            self.procedure_label.clear()
            return
        self.case = self.procedure.cases[index]
        self.procedure_label.setText(
            f"<b>{self.procedure.code} – {self.procedure.name}</b><br>"
            + tr("Thời hạn: {time} · Phí, lệ phí: {fee}").format(time=self.case.processing_text,
                                                                  fee=self.case.fee_text))
        self.checklist_model.load(self.case.documents)

    # ------------------------------------------------------------------ applicant

    def _lookup_applicant(self) -> None:
        id_number = self.field("id_number").text().strip()
        if not id_number or self.field("name").text().strip():
            return
        found = applicants.lookup(self._db, id_number)
        hints = []
        if found is not None:
            self.set_applicant(found)
            hints.append(tr("Người nộp đã có trong hệ thống: thông tin đã được điền sẵn, hãy kiểm tra lại."))
        self.pending_notice = None
        if self.notice_code is None and (open_code := reception.open_notice_for_applicant(self._db, id_number)):
            self.pending_notice = open_code
            hints.append(tr("Người này có phiếu yêu cầu bổ sung chưa xử lý: {code} — nhấn Ctrl+O để tiếp tục "
                            "lượt tiếp nhận đó.").format(code=open_code))
        self.applicant_hint.setText(" ".join(hints))

    def set_applicant(self, data: ApplicantInput) -> None:
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(ApplicantKind(data.kind))))
        self.field("id_number").setText(data.id_number)
        self.field("name").setText(data.name)
        self.field("date_of_birth").setText(f"{data.date_of_birth:%d/%m/%Y}" if data.date_of_birth else "")
        self.field("address").setText(data.address)
        self.field("phone").setText(data.phone)
        self.field("email").setText(data.email)

    def _toggle_submitter(self, on: bool) -> None:
        self.submitter_box.setVisible(on)
        if not on:
            for name in ("submitter_name", "submitter_id_number", "submitter_phone"):
                self.field(name).clear()

    def read_form(self, *, undecided_as_missing: bool = False) -> IntakeForm:
        """What is on screen, as the service's input; raises ValidationError naming the field."""
        if self.case is None:
            raise ValidationError(tr("Hãy chọn thủ tục hành chính trước."), field="procedure")
        birth = applicants.parse_birth_date(self.field("date_of_birth").text())
        applicant = ApplicantInput(self.kind_box.currentData(), self.field("id_number").text(),
                                   self.field("name").text(), birth, self.field("address").text(),
                                   self.field("phone").text(), self.field("email").text())
        submitter = SubmitterInput(self.field("submitter_name").text(), self.field("submitter_id_number").text(),
                                   self.field("submitter_phone").text()) \
            if self.submitter_check.isChecked() else SubmitterInput()
        undecided = self.checklist_model.undecided()
        checks = self.checklist_model.checks()
        if undecided and undecided_as_missing:
            checks += tuple(reception.DocumentCheck(r.document.id, reception.DocumentDecision.MISSING)
                            for r in undecided)
        elif undecided:
            raise ValidationError(
                tr("Còn {n} giấy tờ chưa kiểm tra (bắt đầu từ «{name}»).").format(
                    n=len(undecided), name=undecided[0].document.name),
                field=f"doc:{undecided[0].document.id}")
        return IntakeForm(self.case.id, applicant, checks, submitter, self.sets_box.value(),
                          self.delivery_box.currentData())

    # ------------------------------------------------------------------ outcome

    def current_outcome(self) -> Outcome | None:
        if self.case is None or self.checklist_model.undecided():
            return None
        return Outcome.SUPPLEMENT if self.checklist_model.gaps() else Outcome.RECEIVE

    def _update_outcome(self, *_args: object) -> None:
        outcome = self.current_outcome()
        if self.case is None:
            text, button = tr("Chọn thủ tục để bắt đầu kiểm tra hồ sơ."), tr("Xác nhận (Ctrl+Enter)")
        elif outcome is None:
            n = len(self.checklist_model.undecided())
            text, button = tr("Còn {n} giấy tờ chưa kiểm tra.").format(n=n), tr("Xác nhận (Ctrl+Enter)")
        elif outcome is Outcome.RECEIVE:
            text = tr("Đủ thành phần hồ sơ: tiếp nhận và in Giấy tiếp nhận, hẹn trả kết quả.")
            button = tr("Tiếp nhận và in giấy hẹn (Ctrl+Enter)")
        else:
            n = len(self.checklist_model.gaps())
            text = tr("Thiếu hoặc chưa hợp lệ {n} giấy tờ: lập một Phiếu yêu cầu bổ sung ghi đủ tất cả.").format(n=n)
            button = tr("In phiếu yêu cầu bổ sung (Ctrl+Enter)")
        self.outcome_label.setText(text)
        self.confirm_button.setText(button)
        self.confirm_button.setEnabled(outcome is not None)

    # ------------------------------------------------------------------ actions

    def confirm(self) -> None:
        self._clear_errors()
        try:
            form = self.read_form()
            if self.current_outcome() is Outcome.RECEIVE:
                result = reception.receive(self._db, self._context, form, notice_code=self.notice_code)
                self._done(result, tr("Đã tiếp nhận hồ sơ {code}. Hẹn trả kết quả lúc {due}.").format(
                    code=result.dossier_code, due=f"{result.due_at:%H:%M %d/%m/%Y}"),
                    lambda: documents.write_receipt(self._db, result.dossier_code),
                    tr("Giấy tiếp nhận hồ sơ và hẹn trả kết quả {code}").format(code=result.dossier_code))
            else:
                self._issue_supplement(form, None)
        except SecondPassRequired as exc:
            self._ask_override(exc)
        except ServiceError as exc:
            self.show_error(exc)

    def _issue_supplement(self, form: IntakeForm, override: Override | None) -> None:
        result = reception.issue_supplement(self._db, self._context, form, notice_code=self.notice_code,
                                            override=override)
        self._done(result, tr("Đã lập Phiếu yêu cầu bổ sung số {number} (mã {code}) gồm {n} giấy tờ.").format(
            number=result.notice_number, code=result.notice_code, n=len(result.gaps)),
            lambda: documents.write_supplement_notice(self._db, result.notice_code),
            tr("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ {code}").format(code=result.notice_code))

    def _ask_override(self, error: SecondPassRequired) -> None:
        form = self.read_form()

        def submit(dialog: OverrideDialog) -> bool:
            try:
                self._issue_supplement(form, Override(dialog.username.text(), dialog.password.text(),
                                                      dialog.reason.text()))
            except ServiceError as exc:
                dialog.error.setText(exc.message)
                dialog.password.clear()
                (dialog.reason if exc.field == "override_reason" else dialog.username).setFocus()
                return False
            return True

        self.override_dialog = OverrideDialog(error.message, submit, self)
        self.override_dialog.open()

    def start_refusal(self) -> None:
        self._clear_errors()
        if self.case is None:
            self.show_error(ValidationError(tr("Hãy chọn thủ tục hành chính trước."), field="procedure"))
            return

        def submit(dialog: RefusalDialog) -> bool:
            try:
                form = self.read_form(undecided_as_missing=True)  # refusal needs no finished checklist
                result = reception.refuse(self._db, self._context, form, dialog.text(), notice_code=self.notice_code)
            except ServiceError as exc:
                if exc.field == "refusal_reason":
                    dialog.error.setText(exc.message)
                    return False
                dialog.reject()
                self.show_error(exc)
                return False
            self._done(result, tr("Đã từ chối tiếp nhận và in Phiếu từ chối."),
                       lambda: documents.write_refusal(self._db, result.intake_id), tr("Phiếu từ chối tiếp nhận"))
            return True

        self.refusal_dialog = RefusalDialog(submit, self)
        self.refusal_dialog.open()

    def _done(self, result: object, message: str, write_pdf: Callable[[], Path], title: str) -> None:
        """After a committed action: print, tell, start the next citizen."""
        self.last_result = result
        self._events.dossiers_changed.emit()
        self.reset()
        try:
            path = write_pdf()
        except (OSError, ServiceError) as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(message + " " + tr("Nhưng không lưu được bản in: {error}. Hãy in lại sau.").format(
                error=getattr(exc, "strerror", None) or exc))
            return
        self._info(message)
        self.preview = PdfPreviewDialog(path, title, self)
        self.preview.finished.connect(self._after_preview)
        self.preview.open()

    # ------------------------------------------------------------------ return visit

    def open_notice(self, text: str) -> None:
        """Scan of a supplement notice: reopen its intake with the earlier decisions."""
        self._clear_errors()
        parsed = codes.parse_code(text)
        if parsed is None or not parsed.is_notice:
            self.notice_field.show_error(tr("«{text}» không phải mã phiếu yêu cầu bổ sung.").format(text=text.strip()))
            self.notice_edit.clear()
            self.notice_edit.setFocus()
            return
        try:
            reopened = reception.reopen(self._db, text)
        except ServiceError as exc:
            self.notice_edit.clear()
            self.show_error(ValidationError(exc.message, field="notice"))
            return
        self.reset()
        detail = catalog.procedure_detail(self._db, reopened.procedure_id)
        self.set_procedure(detail, reopened.case_id)
        self.set_applicant(reopened.form.applicant)
        if reopened.form.submitter.name:
            self.submitter_check.setChecked(True)
            self.field("submitter_name").setText(reopened.form.submitter.name)
            self.field("submitter_id_number").setText(reopened.form.submitter.id_number)
            self.field("submitter_phone").setText(reopened.form.submitter.phone)
        assert self.case is not None
        self.checklist_model.load(self.case.documents, reopened.form.checks, reopened.notice_document_ids)
        self.sets_box.setValue(reopened.form.sets)
        self.delivery_box.setCurrentIndex(max(0, self.delivery_box.findData(reopened.form.delivery_method)))
        self.notice_code = reopened.notice_code
        self.notice_banner.setText(tr("Tiếp nhận bổ sung theo phiếu {code} ngày {day}. Chỉ các giấy tờ trong phiếu "
                                      "được phép còn thiếu; yêu cầu thêm giấy tờ khác cần lãnh đạo phê duyệt.").format(
            code=reopened.notice_code, day=f"{reopened.issued_at:%d/%m/%Y}"))
        self.notice_banner.show()
        self.notice_edit.clear()
        self.checklist.setFocus()
        first = next((i for i, r in enumerate(self.checklist_model.rows()) if r.on_notice), 0)
        self.checklist.setCurrentIndex(self.checklist_model.index(first, COL_DECISION))

    def open_pending_notice(self) -> None:
        """The applicant came back without the notice paper: continue from their open notice."""
        if self.pending_notice:
            self.open_notice(self.pending_notice)

    def reset(self) -> None:
        """Start a new intake: everything cleared, cursor in the procedure search."""
        self.pending_notice = None
        self.procedure = None
        self.case = None
        self.notice_code = None
        self.notice_banner.hide()
        self._clear_errors()
        self.procedure_search.clear()
        self.procedure_hits.clear()
        self.procedure_hits.hide()
        self.procedure_label.clear()
        self.case_box.clear()
        self.case_box.hide()
        self.case_label.hide()
        self.kind_box.setCurrentIndex(0)
        for name in self.fields:
            self.field(name).clear()
        self.applicant_hint.clear()
        self.submitter_check.setChecked(False)
        self.submitter_box.hide()
        self.checklist_model.clear()
        self.sets_box.setValue(1)
        self.delivery_box.setCurrentIndex(0)
        self._update_outcome()
        self.procedure_search.setFocus()

    def current_index(self) -> QModelIndex:
        return self.checklist.currentIndex()
