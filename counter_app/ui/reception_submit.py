"""The reception page's outcome: the form read from the screen (every problem at its field), what the
checklist leads to, and the three actions: receive, a supplement notice (a second one needs a
supervisor), or refuse with a reason."""

from __future__ import annotations

from counter_app.i18n import tr
from counter_app.models import DocumentDecision
from counter_app.services import applicants, attachments, documents, reception
from counter_app.services.applicants import ApplicantInput, SubmitterInput
from counter_app.services.errors import ServiceError, ValidationError
from counter_app.services.reception import IntakeForm, Outcome, Override, SecondPassRequired

from .reception_dialogs import OverrideDialog, RefusalDialog
from .reception_papers import PapersSection


class SubmitSection(PapersSection):
    """Read the form, show where it leads, and do it."""

    def read_form(self, *, undecided_as_missing: bool = False) -> IntakeForm:
        """What is on screen, as the service's input; raises ValidationError naming the field."""
        if self.case is None:
            raise ValidationError(tr("Hãy chọn thủ tục hành chính trước."), field="procedure")
        try:
            birth = applicants.parse_birth_date(self.field("date_of_birth").text())
        except ValidationError as bad_date:
            birth_error: ValidationError | None = bad_date
            birth = None
        else:
            birth_error = None
        applicant = ApplicantInput(self.kind_box.currentData(), self.field("id_number").text(),
                                   self.field("name").text(), birth, self.field("address").text(),
                                   self.field("phone").text(), self.field("email").text(),
                                   self.sex_box.currentData() or "", self.field("nationality").text(),
                                   self.no_phone_check.isChecked())
        if birth_error is not None:  # the other fields' problems are shown with it, all at once
            try:
                applicants.validate(applicant)
                others: tuple[ValidationError, ...] = ()
            except ValidationError as exc:
                others = tuple(e for e in exc.errors if e.field != "date_of_birth")
            raise ValidationError.combine([birth_error, *others])
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
        provided = {c.required_document_id for c in checks if c.decision == DocumentDecision.PROVIDED}
        files = tuple(f for doc_id, staged in self.staged_files.items() if doc_id in provided for f in staged)
        reuse = tuple((doc_id, a) for doc_id, a in self.reuse_chosen.items() if doc_id in provided)
        return IntakeForm(self.case.id, applicant, checks, submitter, self.sets_box.value(),
                          self.delivery_box.currentData(), files=files, reuse=reuse,
                          fees=self.fee_panel.fee_input())

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

    def confirm(self) -> None:
        self._clear_errors()
        try:
            form = self.read_form()
            if self.current_outcome() is Outcome.RECEIVE:
                result = reception.receive(self._db, self._context, form, notice_code=self.notice_code,
                                           online_code=self.online_code)
                attachments.done_with_scans(self.inbox_taken)  # the scan folder keeps them in da-dinh-kem
                if result.fee_due:
                    self.after_paper = lambda code=result.dossier_code: self.collect_fee(code)
                self._done(result, tr("Đã tiếp nhận hồ sơ {code}. Hẹn trả kết quả lúc {due}.").format(
                    code=result.dossier_code, due=f"{result.due_at:%H:%M %d/%m/%Y}"),
                    lambda: documents.write_receipt(self._db, result.dossier_code),
                    tr("Giấy tiếp nhận hồ sơ và hẹn trả kết quả {code}").format(code=result.dossier_code))
                if documents.control_slip_at_receipt(self._db):
                    self._control_slip_after_receipt(result.dossier_code)
            else:
                self._issue_supplement(form, None)
        except SecondPassRequired as exc:
            self._ask_override(exc)
        except ServiceError as exc:
            self.show_error(exc)

    def invite_rating(self) -> None:
        """Ctrl+G: the citizen just served rates the reception on the customer window (optional at receipt)."""
        result = self.last_result
        code = getattr(result, "dossier_code", None)
        if not code:
            self._info(tr("Chưa có hồ sơ vừa tiếp nhận để mời đánh giá."))
            return
        self._events.rating_requested.emit(code, "receipt")

    def _issue_supplement(self, form: IntakeForm, override: Override | None) -> None:
        result = reception.issue_supplement(self._db, self._context, form, notice_code=self.notice_code,
                                            override=override, online_code=self.online_code)
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
            # The dialog stays open whatever is wrong: the reason typed is never lost, and every
            # problem (the reason, the applicant's fields) is listed at once.
            self._clear_errors()
            try:
                form = self.read_form(undecided_as_missing=True)  # refusal needs no finished checklist
                result = reception.refuse(self._db, self._context, form, dialog.text(), notice_code=self.notice_code,
                                          online_code=self.online_code)
            except ServiceError as exc:
                errors = list(getattr(exc, "errors", ()) or [exc])
                page_errors = [e for e in errors if e.field != "refusal_reason"]
                if page_errors:
                    self.show_errors(page_errors)  # marked on the page, behind the dialog
                messages = [e.message for e in errors]
                if page_errors:
                    messages.append(tr("Nhấn Esc để sửa trên màn hình tiếp nhận; lý do đã gõ được giữ lại."))
                dialog.show_errors(messages)
                dialog.reason.setFocus()
                return False
            self._done(result, tr("Đã từ chối tiếp nhận và in Phiếu từ chối."),
                       lambda: documents.write_refusal(self._db, result.intake_id), tr("Phiếu từ chối tiếp nhận"))
            return True

        self.refusal_dialog = RefusalDialog(submit, self, draft=self.refusal_draft)
        self.refusal_dialog.finished.connect(self._refusal_closed)
        self.refusal_dialog.open()

    def _refusal_closed(self, result: int) -> None:
        """Esc in the refusal dialog keeps the reason typed for the next Ctrl+R of this citizen,
        and the cursor goes to the first field marked wrong, to correct it."""
        dialog = self.sender()
        if result == RefusalDialog.DialogCode.Accepted or not isinstance(dialog, RefusalDialog):
            return
        self.refusal_draft = dialog.reason.toPlainText()
        marked = next((box for box in self.fields.values() if box.error.isVisible()), None)
        if marked is not None:
            self.window().activateWindow()
            marked.editor.setFocus()
