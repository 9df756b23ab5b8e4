"""Reception page: procedure → applicant → checklist → receive / supplement notice / refuse.

Keyboard-first: type the procedure without diacritics and press Enter (a multi-case procedure then
asks for its case in a list: arrows or its number, Enter); the cursor is then always in the ID-number
field. Tab through the applicant; in the checklist press 1 (đã nộp), 2 (thiếu), 3 (không hợp lệ) or
4 (không áp dụng) for each row, F2 edits the row's counts and reason. Ctrl+Enter confirms what the
checklist leads to; Ctrl+R refuses; F3 types a supplement-notice code; Ctrl+F goes back to the
procedure search; Ctrl+N starts over. A code scanned into any field (a burst of keys and Enter) is
recognised: a notice reopens its intake, a dossier code shows the dossier. Errors appear in
Vietnamese under the field they belong to, all at once; nothing typed is lost.

Fit for a 1366×768 (and 1280×720) screen: procedure and applicant side by side on top, the
checklist across the whole width below, so the document names get most of the width.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from counter_app.domain import codes, identity
from counter_app.domain.fees import FeeSchedule
from counter_app.i18n import tr
from counter_app.models import ApplicantKind, DocumentDecision, local_now
from counter_app.models.db import Database
from counter_app.services import (
    applicants,
    archive,
    attachments,
    catalog,
    documents,
    online,
    reception,
    return_documents,
)
from counter_app.services.applicants import ApplicantInput, SubmitterInput
from counter_app.services.catalog import CaseDetail, ProcedureDetail
from counter_app.services.errors import ServiceError, ValidationError
from counter_app.services.org import DeskContext
from counter_app.services.reception import IntakeForm, Outcome, Override, SecondPassRequired

from .attach_dialog import AttachDialog
from .checklist_model import COL_DECISION
from .events import DeskEvents
from .fee_widgets import open_payment
from .online_dialog import OnlineQueueDialog
from .pdf_preview import PdfPreviewDialog, deliver
from .reception_dialogs import OverrideDialog, PaperListDialog, RefusalDialog
from .reception_layout import SUBMITTER_FIELDS, ReceptionLayout
from .scan_watcher import ScanWatcher
from .widgets import ERROR_STYLE


class ReceptionPage(ReceptionLayout):
    def __init__(self, db: Database, context: DeskContext, events: DeskEvents, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db = db
        self._context = context
        self._events = events
        self.procedure: ProcedureDetail | None = None
        self.case: CaseDetail | None = None
        self.notice_code: str | None = None
        self.online_code: str | None = None  # an online dossier being checked (issue #15): the portal's code
        self.online_dialog: OnlineQueueDialog | None = None
        self.pending_notice: str | None = None
        self.refusal_draft = ""  # the reason typed before Esc, until the next citizen
        self.confirm_box: QMessageBox | None = None  # the question asked before dropping decisions
        self.preview: PdfPreviewDialog | None = None
        self.last_result: object | None = None
        # Digitising at receipt (issue #13): scans per document id, the scan-folder files they came from,
        # the applicant's earlier papers offered per document id, and those the officer chose to reuse.
        self.staged_files: dict[int, list[attachments.StagedFile]] = {}
        self.inbox_taken: list[Path] = []
        self.reuse_offers: dict[int, attachments.Reusable] = {}
        self.reuse_chosen: dict[int, int] = {}
        self.attach_dialog: AttachDialog | None = None
        self.after_paper: Callable[[], None] | None = None  # e.g. the payment dialog, once the slip is out
        self._build()
        self._wire()
        self.reset()

    # ------------------------------------------------------------------ wiring

    def _wire(self) -> None:
        """What the officer's keys, clicks and scans do (the widgets are :class:`ReceptionLayout`'s)."""
        self.notice_edit.returnPressed.connect(lambda: self.open_notice(self.notice_edit.text()))
        self.procedure_hits.itemActivated.connect(lambda _item: self._choose_procedure())
        self.procedure_search.chosen.connect(self._choose_procedure)
        self.procedure_search.textEdited.connect(self._search_procedures)
        self.case_list.currentRowChanged.connect(self._case_selected)
        self.case_list.picked.connect(self._case_picked)
        self.field("id_number").editingFinished.connect(self._lookup_applicant)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.field("id_number").textChanged.connect(self._sex_from_cccd)
        self.no_phone_check.toggled.connect(self._toggle_no_phone)
        self.submitter_check.toggled.connect(self._toggle_submitter)
        self.checklist_model.dataChanged.connect(self._update_outcome)
        self.checklist_model.modelReset.connect(self._update_outcome)
        self.checklist.refused.connect(self._say_checklist)
        self.checklist.decided.connect(self.checklist_error.clear)
        self.checklist.selectionModel().currentRowChanged.connect(self._show_row_detail)
        self.confirm_button.clicked.connect(self.confirm)
        self.refuse_button.clicked.connect(self.start_refusal)
        self.new_button.clicked.connect(self.next_citizen)
        self.reprint_button.clicked.connect(self.reprint)
        self.online_button.clicked.connect(self.open_online_queue)
        self._install_shortcuts()
        self.scan_watcher = ScanWatcher(self.scanned, self, on_identity=self.identity_scanned)
        for edit in (self.notice_edit, self.procedure_search, *(self.field(name) for name in self.fields)):
            self.scan_watcher.watch(edit)
        # A CCCD scanned while the cursor is on a list, a check box or a button is caught too.
        for widget in self.findChildren(QWidget):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(widget, QLineEdit):
                self.scan_watcher.watch(widget)

    def _install_shortcuts(self) -> None:
        for key, slot in ((QKeySequence("Ctrl+Return"), self.confirm), (QKeySequence("Ctrl+Enter"), self.confirm),
                          (QKeySequence("Ctrl+R"), self.start_refusal), (QKeySequence("Ctrl+N"), self.next_citizen),
                          (QKeySequence("F3"), self.focus_notice),
                          (QKeySequence("F4"), self.ready_for_cccd),
                          (QKeySequence("F6"), self.open_online_queue),
                          (QKeySequence(QKeySequence.StandardKey.Find), self.focus_procedure),
                          (QKeySequence("Ctrl+O"), self.open_pending_notice),
                          (QKeySequence("Ctrl+G"), self.invite_rating),
                          (QKeySequence("Ctrl+P"), self.reprint),
                          (QKeySequence("Ctrl+T"), self.attach_current)):
            QShortcut(key, self, activated=slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("5"), self.checklist, activated=self.reuse_current,
                  context=Qt.ShortcutContext.WidgetShortcut)

    # ------------------------------------------------------------------ helpers

    def focus_primary(self) -> None:
        if self.procedure is None:
            self.focus_procedure()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        self.focus_primary()

    def _after_preview(self, _result: int) -> None:
        """Back from the print preview: the desk is ready for the next citizen (or collects the fee)."""
        self.window().activateWindow()
        self.focus_procedure()
        self._run_after_paper()

    def _run_after_paper(self) -> None:
        then, self.after_paper = self.after_paper, None
        if then is not None:
            then()

    def focus_procedure(self) -> None:
        self.procedure_search.setFocus()
        self.procedure_search.selectAll()

    def focus_notice(self) -> None:
        self.notice_edit.setFocus()
        self.notice_edit.selectAll()

    def _clear_errors(self) -> None:
        for box in (*self.fields.values(), self.sex_field, self.procedure_field, self.notice_field):
            box.clear_error()
        self.checklist_error.clear()
        self.fee_panel.clear_error()
        self.procedure_hint.clear()
        self.procedure_hint.hide()

    def _say_checklist(self, text: str) -> None:
        self.checklist_error.setText(text)

    def _show_row_detail(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        """The whole name and condition of the current document, under the table."""
        if not current.isValid() or current.row() >= self.checklist_model.rowCount():
            self.row_detail.clear()
            return
        text = self.checklist_model.full_text(current.row())
        offer = self.reuse_offers.get(self.checklist_model.rows()[current.row()].document.id)
        if offer is not None:
            text += " — " + tr("đã số hóa ở hồ sơ {code} ({day}): phím 5 để dùng lại, không cần bản giấy.").format(
                code=offer.dossier_code, day=f"{offer.attached_at:%d/%m/%Y}")
        self.row_detail.setText(text)
        self.row_detail.setToolTip(text)

    def show_errors(self, errors: list[ServiceError]) -> None:
        """Every error at its field at once; the cursor goes to the first."""
        for error in reversed(errors):
            self.show_error(error)

    def show_error(self, error: ServiceError) -> None:
        """Put the message where the input was typed and move the cursor there."""
        several = getattr(error, "errors", ())
        if len(several) > 1:
            self.show_errors(list(several))
            return
        target = error.field or ""
        if target in self.fields:
            self.fields[target].show_error(error.message)
            self.field(target).setFocus()
        elif target == "sex":
            self.sex_field.show_error(error.message)
        elif target in ("procedure",):
            self.procedure_field.show_error(error.message)
            self.procedure_search.setFocus()
        elif target == "submitter":
            self.submitter_check.setChecked(True)
            self.fields["submitter_name"].show_error(error.message)
        elif target == "notice":
            self.notice_field.show_error(error.message)
            self.notice_edit.setFocus()
        elif target.startswith("fee_") or target == "exemption":
            self.fee_panel.show_error(error.message, target)
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
        self.procedure_hint.hide()
        if not text.strip():
            self.procedure_hits.hide()
            return
        hits = catalog.search_procedures(self._db, text, limit=12)
        for hit in hits:
            item = QListWidgetItem(f"{hit.code} – {hit.name}")
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            item.setToolTip(f"{hit.code} – {hit.name} ({hit.field_name})")
            self.procedure_hits.addItem(item)
        if hits:
            self.procedure_hits.setCurrentRow(0)
        else:
            self.procedure_hint.setText(tr("Không tìm thấy thủ tục nào khớp «{text}». Thử gõ ít chữ hơn, "
                                           "hoặc mã thủ tục.").format(text=text.strip()))
            self.procedure_hint.show()
        self.procedure_hits.setVisible(bool(hits))

    def decisions_made(self) -> bool:
        return any(r.decision is not None for r in self.checklist_model.rows())

    def _may_drop_decisions(self, what: str) -> bool:
        """Ask before a change that throws away the checklist decisions already made."""
        if not self.decisions_made():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, tr("Đổi thủ tục?"),
                          tr("Đã đánh dấu {n} giấy tờ của thủ tục đang chọn. {what} sẽ bỏ các đánh dấu đó.").format(
                              n=sum(r.decision is not None for r in self.checklist_model.rows()), what=what),
                          parent=self)
        change = box.addButton(tr("&Vẫn đổi"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(tr("&Giữ nguyên"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.confirm_box = box
        box.exec()
        self.confirm_box = None
        self.window().activateWindow()  # the keyboard comes back to the page
        return box.clickedButton() is change

    def _choose_procedure(self) -> None:
        item = self.procedure_hits.currentItem() or self.procedure_hits.item(0)
        if item is None:
            return
        procedure_id = item.data(Qt.ItemDataRole.UserRole)
        if self.procedure is not None and procedure_id != self.procedure.id \
                and not self._may_drop_decisions(tr("Đổi sang thủ tục khác")):
            self.procedure_hits.clear()
            self.procedure_hits.hide()
            self.procedure_search.setText(self.procedure.code)
            self.checklist.setFocus()
            return
        detail = catalog.procedure_detail(self._db, procedure_id)
        if self.procedure is not None and detail.id == self.procedure.id:
            self.procedure_hits.clear()
            self.procedure_hits.hide()
            self.procedure_search.setText(detail.code)
        else:
            self.set_procedure(detail)
        if len(detail.cases) > 1:
            self.case_list.setFocus()  # the case first, in a keyboard list: arrows or its number, Enter
        else:
            self.field("id_number").setFocus()

    def set_procedure(self, detail: ProcedureDetail, case_id: int | None = None) -> None:
        self.procedure = detail
        self.procedure_field.clear_error()
        self.procedure_hint.hide()
        self.procedure_search.setText(detail.code)
        self.procedure_hits.clear()
        self.procedure_hits.hide()
        self.case_list.blockSignals(True)
        self.case_list.clear()
        for number, case in enumerate(detail.cases, start=1):
            item = QListWidgetItem(f"{number}. {case.name}")
            item.setToolTip(case.name)
            self.case_list.addItem(item)
        index = max(0, next((i for i, c in enumerate(detail.cases) if c.id == case_id), 0))
        self.case_list.setCurrentRow(index)
        self.case_list.blockSignals(False)
        several = len(detail.cases) > 1
        self.case_list.setVisible(several)
        self.case_label.setVisible(several)
        if several:
            self.case_list.fit_height()
        self._case_changed(index)

    def _case_selected(self, index: int) -> None:
        """Arrows in the case list: the checklist follows (asking first if decisions were made)."""
        if self.procedure is None or self.case is None or index < 0:
            return
        current = self.procedure.cases.index(self.case)
        if index == current:
            return
        if not self._may_drop_decisions(tr("Đổi trường hợp")):
            self.case_list.blockSignals(True)
            self.case_list.setCurrentRow(current)
            self.case_list.blockSignals(False)
            return
        self._case_changed(index)

    def _case_picked(self) -> None:
        self._case_selected(self.case_list.currentRow())
        self.field("id_number").setFocus()

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
        self.procedure_label.setToolTip(f"{self.procedure.name}\n{self.case.name}")
        self.checklist_model.load(self.case.documents)
        self.row_detail.clear()
        self.staged_files, self.inbox_taken, self.reuse_chosen = {}, [], {}
        if offers := self._refresh_reuse():  # the applicant came first: offer their papers for this procedure
            self.applicant_hint.setText(" ".join(offers))
            self.applicant_hint.show()
        from counter_app.services import payments

        self.fee_panel.load(payments.case_schedule(self._db, self.case.id))
        self._chain_fee_inputs()

    def _chain_fee_inputs(self) -> None:
        chain = [self.delivery_box, *self.fee_panel.widgets(), self.confirm_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

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
        self._show_pending_notice(id_number, hints)

    def _show_pending_notice(self, id_number: str, hints: list[str]) -> None:
        self.pending_notice = None
        if self.notice_code is None and (open_code := reception.open_notice_for_applicant(self._db, id_number)):
            self.pending_notice = open_code
            hints.append(tr("Người này có phiếu yêu cầu bổ sung chưa xử lý: {code} — nhấn Ctrl+O để tiếp tục "
                            "lượt tiếp nhận đó.").format(code=open_code))
        hints.extend(self._refresh_reuse())
        self.applicant_hint.setText(" ".join(hints))
        self.applicant_hint.setVisible(bool(hints))

    def set_applicant(self, data: ApplicantInput) -> None:
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(ApplicantKind(data.kind))))
        self.field("id_number").setText(data.id_number)
        self.field("nationality").setText(data.nationality)
        self.field("name").setText(data.name)
        self.field("date_of_birth").setText(f"{data.date_of_birth:%d/%m/%Y}" if data.date_of_birth else "")
        self.sex_box.setCurrentIndex(max(0, self.sex_box.findData(data.sex)))
        self.field("address").setText(data.address)
        self.no_phone_check.setChecked(data.no_phone)
        self.field("phone").setText(data.phone)
        self.field("email").setText(data.email)

    # ------------------------------------------------------------------ digitising at receipt (issue #13)

    def _current_document(self) -> tuple[int, int, str] | None:
        if self.case is None or not self.checklist_model.rowCount():
            return None
        row = max(self.checklist.currentIndex().row(), 0)
        doc = self.checklist_model.rows()[row].document
        return row, doc.id, doc.name

    def attach_current(self) -> None:
        """Ctrl+T: attach the scan of the checklist's current document (it is then marked provided)."""
        current = self._current_document()
        if current is None:
            self.show_error(ValidationError(tr("Hãy chọn thủ tục trước khi đính kèm bản scan."), field="procedure"))
            return
        row, doc_id, name = current

        def done(staged: list[attachments.StagedFile], folder_paths: list[Path]) -> None:
            self.staged_files.setdefault(doc_id, []).extend(staged)
            self.inbox_taken.extend(folder_paths)
            self.reuse_chosen.pop(doc_id, None)
            self.checklist_model.set_decision(row, DocumentDecision.PROVIDED)  # the paper was handed in
            self._show_digitised(doc_id)
            self._info(tr("Đã đính kèm {n} tệp cho «{name}»; tệp được lưu cùng hồ sơ khi tiếp nhận.").format(
                n=len(staged), name=name))
            self.window().activateWindow()  # the keyboard comes back to the checklist
            self.checklist.setFocus()

        self.attach_dialog = AttachDialog(self._db, doc_id, name, done, self, taken=self.inbox_taken)
        self.attach_dialog.open()

    def reuse_current(self) -> None:
        """5 in the checklist: "provided — reused": the paper digitised for an earlier dossier, no paper."""
        current = self._current_document()
        if current is None:
            return
        row, doc_id, name = current
        offer = self.reuse_offers.get(doc_id)
        if offer is None:
            self.checklist_error.setText(tr("«{name}» chưa được số hóa trong hồ sơ trước của người nộp này: "
                                            "không có bản để dùng lại.").format(name=name))
            return
        if not self.checklist_model.set_decision(row, DocumentDecision.PROVIDED):
            return
        self.staged_files.pop(doc_id, None)
        self.reuse_chosen[doc_id] = offer.attachment_id
        self._show_digitised(doc_id)
        self.checklist_error.clear()
        if row + 1 < self.checklist_model.rowCount():
            self.checklist.setCurrentIndex(self.checklist_model.index(row + 1, COL_DECISION))

    def _show_digitised(self, doc_id: int) -> None:
        n = len(self.staged_files.get(doc_id, []))
        text = tr("dùng lại") if doc_id in self.reuse_chosen else (tr("{n} tệp").format(n=n) if n else "")
        self.checklist_model.set_digitised(doc_id, text)

    def _refresh_reuse(self) -> list[str]:
        """The applicant's papers digitised for earlier dossiers, matched to this procedure's documents."""
        id_number = self.field("id_number").text().strip()
        self.reuse_offers = {}
        if self.case is not None and id_number:
            offers = attachments.reusable(self._db, id_number)
            self.reuse_offers = attachments.match_reusable(offers, [(d.id, d.name) for d in self.case.documents])
        for doc_id in [d for d in self.reuse_chosen if d not in self.reuse_offers]:
            del self.reuse_chosen[doc_id]
            self._show_digitised(doc_id)
        if not self.reuse_offers:
            return []
        return [tr("Đã số hóa từ hồ sơ trước: {names}. Trong bảng, phím 5: «Đã nộp — dùng lại», không cần bản "
                   "giấy.").format(names="; ".join(o.document for o in self.reuse_offers.values()))]

    # ------------------------------------------------------------------ CCCD QR

    def ready_for_cccd(self) -> None:
        """F4: the cursor in the ID field, ready for the scan of the QR code on the citizen's card."""
        self.field("id_number").setFocus()
        self.field("id_number").selectAll()
        self.applicant_hint.setText(tr("Quét mã QR trên thẻ căn cước (CCCD): số, họ tên, ngày sinh, giới tính và "
                                       "địa chỉ được điền cùng lúc."))
        self.applicant_hint.show()

    def identity_scanned(self, payload: str, where: QWidget) -> None:
        """A CCCD QR payload scanned into the page: fill the applicant at once and move on, or say what
        is wrong under the field it went into and fill nothing."""
        box = next((b for b in (*self.fields.values(), self.sex_field) if b.editor is where), None)
        if box is None or box is self.notice_field:
            box = self.fields["id_number"]
        try:
            card = identity.parse_cccd(payload, today=local_now().date())
        except identity.CccdPayloadError as exc:
            self._clear_errors()
            box.show_error(tr("{message} Chưa điền thông tin nào.").format(message=exc.message))
            return
        self._clear_errors()
        known = applicants.lookup(self._db, card.id_number)
        self.set_applicant(ApplicantInput(
            ApplicantKind.CITIZEN, card.id_number, card.name, card.birth_date, card.address,
            known.phone if known else "", known.email if known else "", card.sex, "",
            known.no_phone if known else False))
        hints = [tr("Đã điền từ mã QR trên CCCD của {name}.").format(name=card.name)]
        if known is not None:
            hints.append(tr("Người nộp đã có trong hệ thống: điện thoại, email được điền sẵn, hãy kiểm tra lại."))
        self._show_pending_notice(card.id_number, hints)
        if self.procedure is None:
            self.focus_procedure()  # the card came first: the procedure next
        elif not self.field("phone").text() and not self.no_phone_check.isChecked():
            self.field("phone").setFocus()
        else:
            self.checklist.setFocus()

    def _kind_changed(self, _index: int = 0) -> None:
        passport = self.kind_box.currentData() == ApplicantKind.PASSPORT
        citizen = self.kind_box.currentData() == ApplicantKind.CITIZEN
        # A citizen's sex comes with the CCCD number: Tab skips the box (a click still reaches it).
        self.sex_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus if citizen else Qt.FocusPolicy.StrongFocus)
        self.nationality_field.setVisible(passport)
        self.nationality_label.setVisible(passport)
        if not passport:
            self.field("nationality").clear()
        self.field("id_number").setPlaceholderText(tr("số hộ chiếu") if passport else tr("12 số CCCD / mã số thuế"))

    def _sex_from_cccd(self, text: str) -> None:
        """A citizen's sex is the 4th digit of the CCCD (even: Nam, odd: Nữ): filled, never typed."""
        if self.kind_box.currentData() == ApplicantKind.CITIZEN and identity.check_cccd(text.strip()) is None:
            self.sex_box.setCurrentIndex(self.sex_box.findData(identity.cccd_sex(text.strip())))

    def _toggle_no_phone(self, on: bool) -> None:
        if on:
            self.field("phone").clear()
            self.fields["phone"].clear_error()
        self.field("phone").setEnabled(not on)

    def _toggle_submitter(self, on: bool) -> None:
        self.submitter_box.setVisible(on)
        if not on:
            for name in SUBMITTER_FIELDS:
                self.field(name).clear()

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

    def collect_fee(self, code: str) -> None:
        """Right after receipt: the fee dialog (Enter collects and prints the receipt; "Nộp sau" stops the
        clock in status 6; Esc leaves the fee owed)."""
        from counter_app.services import payments

        def done(message: str, number: str) -> None:
            self._events.dossiers_changed.emit()
            if not number:
                self._info(message)
                return
            try:
                path = payments.write_receipt(self._db, number)
            except (OSError, ServiceError) as exc:
                self.message.setStyleSheet(ERROR_STYLE)
                self.message.setText(message + " " + tr("Nhưng không lưu được biên lai: {error}.").format(
                    error=getattr(exc, "strerror", None) or exc))
                return
            self._show_paper(path, tr("Biên lai thu phí, lệ phí {number}").format(number=number), message)

        self.payment_dialog = open_payment(self, self._db, self._context, code, offer_later=True, on_done=done)

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

    def _done(self, result: object, message: str, write_pdf: Callable[[], Path], title: str) -> None:
        """After a committed action: print, tell, start the next citizen."""
        self.last_result = result
        self._events.dossiers_changed.emit()
        self.reset(clear_message=False)
        try:
            path = write_pdf()
        except (OSError, ServiceError) as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(message + " " + tr("Nhưng không lưu được bản in: {error}. Hãy in lại sau.").format(
                error=getattr(exc, "strerror", None) or exc))
            self._run_after_paper()
            return
        self._show_paper(path, title, message)

    def _show_paper(self, path: Path, title: str, message: str = "") -> None:
        """Straight to the printer (setting "in thẳng") or into the preview; say what happened."""
        preview, note = deliver(self, path, title, direct=documents.direct_print(self._db))
        self._info(" ".join(t for t in (message, note) if t))
        if preview is None:
            self.focus_procedure()
            self._run_after_paper()
            return
        self.preview = preview
        preview.finished.connect(self._after_preview)

    def _control_slip_after_receipt(self, code: str) -> None:
        """The desk's setting: form 06, blank, goes with the receipt (after its preview, or straight to the
        printer); its rows are filled in by hand at each hand-off, its filled copy prints from the detail."""
        def deliver_slip() -> None:
            message = self.message.text()
            try:
                path = return_documents.write_control_slip(self._db, code, blank=True)
            except (OSError, ServiceError) as exc:
                self.message.setStyleSheet(ERROR_STYLE)
                self.message.setText(message + " " + tr("Chưa in được Phiếu kiểm soát (Mẫu 06): {error}. "
                                                        "Hãy in lại (Ctrl+P).").format(
                    error=getattr(exc, "message", None) or getattr(exc, "strerror", None) or exc))
                return
            self._show_paper(path, tr("Phiếu kiểm soát quá trình giải quyết hồ sơ {code}").format(code=code),
                             " ".join(t for t in (message, tr("Kèm Phiếu kiểm soát (Mẫu 06) để trống.")) if t))

        if self.preview is not None and self.preview.isVisible():
            self.preview.finished.connect(lambda _result: deliver_slip())
        else:
            deliver_slip()

    def reprint(self) -> None:
        """Ctrl+P: the papers printed at this desk in the last day (forms 01, 02, 03); Enter prints one again."""
        papers = documents.recent_papers(self._db, self._context.desk_id)

        def print_again(paper: documents.Paper) -> None:
            try:
                path = documents.write_paper(self._db, paper)
            except (OSError, ServiceError) as exc:
                self.message.setStyleSheet(ERROR_STYLE)
                self.message.setText(tr("Không in lại được: {error}").format(
                    error=getattr(exc, "message", None) or getattr(exc, "strerror", None) or exc))
                return
            self._show_paper(path, tr(paper.title), tr("Đã in lại {title}.").format(title=tr(paper.title)))

        self.paper_dialog = PaperListDialog(papers, print_again, self,
                                            title=tr("In lại giấy tờ đã in tại quầy (24 giờ qua)"))
        self.paper_dialog.open()

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

    # ------------------------------------------------------------------ online dossiers (issue #15)

    def refresh_online_count(self) -> None:
        n = online.waiting_count(self._db)
        self.online_button.setText(tr("Hồ sơ trực tuyến: {n} (F6)").format(n=n))
        self.online_button.setStyleSheet("font-weight: bold;" if n else "")

    def open_online_queue(self) -> None:
        """F6: the unit's online dossiers waiting; Enter on one checks it here."""
        if self.decisions_made() and not self._may_drop_decisions(tr("Mở hồ sơ trực tuyến")):
            return
        self.online_dialog = OnlineQueueDialog(self._db, self.start_online,
                                               archive.archive_root(self._db) / "truc-tuyen", self)
        self.online_dialog.finished.connect(lambda *_: self.refresh_online_count())
        self.online_dialog.open()

    def start_online(self, code: str) -> None:
        """Check an online dossier at the counter: its procedure and applicant filled in (editable), the
        portal's code kept; an earlier supplement notice continues its intake (the once-only rule)."""
        try:
            start = online.start(self._db, code)
        except ServiceError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(exc.message)
            return
        if start.notice_code:
            self.open_notice(start.notice_code)
            if self.notice_code is None:  # the notice could not be reopened: said in the message
                return
        else:
            self.reset()
            self.set_procedure(catalog.procedure_detail(self._db, start.procedure_id), start.case_id)
            self.set_applicant(start.applicant)
        self.online_code = code
        text = tr("Hồ sơ trực tuyến {code} (nộp trên Cổng Dịch vụ công): kiểm tra các tệp đã tải lên theo danh mục "
                  "giấy tờ; khi tiếp nhận, hồ sơ giữ mã của Cổng.").format(code=code)
        self.notice_banner.setText(text + (" " + self.notice_banner.text() if start.notice_code else ""))
        self.notice_banner.show()
        self.checklist.setFocus()
        self.checklist.setCurrentIndex(self.checklist_model.index(0, COL_DECISION))

    def open_pending_notice(self) -> None:
        """The applicant came back without the notice paper: continue from their open notice."""
        if self.pending_notice:
            self.open_notice(self.pending_notice)

    def next_citizen(self) -> None:
        """Ctrl+N: nothing of the previous citizen stays on screen, messages included."""
        if self.decisions_made() and not self._may_drop_decisions(tr("Bắt đầu lượt mới")):
            return
        self.reset()

    def scanned(self, code: str) -> None:
        """A code scanned into any reception field: a notice reopens its intake, a dossier is shown."""
        parsed = codes.parse_code(code)
        if parsed is None:
            return
        if parsed.is_notice:
            if self.decisions_made() and self.notice_code != codes.normalise_scan(code) \
                    and not self._may_drop_decisions(tr("Mở phiếu bổ sung")):
                return
            self.open_notice(code)
            return
        self._info(tr("Mã {code} là mã hồ sơ đã tiếp nhận: xem ở trang Trả kết quả.").format(code=code))
        self._events.dossier_scanned.emit(codes.normalise_scan(code))

    def reset(self, *, clear_message: bool = True) -> None:
        """Start a new intake: everything cleared, cursor in the procedure search."""
        self.pending_notice = None
        self.refusal_draft = ""
        self.staged_files, self.inbox_taken, self.reuse_offers, self.reuse_chosen = {}, [], {}, {}
        if clear_message:
            self.message.clear()
        self.procedure = None
        self.case = None
        self.notice_code = None
        self.online_code = None
        self.notice_banner.hide()
        self.refresh_online_count()
        self._clear_errors()
        self.procedure_search.clear()
        self.procedure_hits.clear()
        self.procedure_hits.hide()
        self.procedure_label.clear()
        self.case_list.clear()
        self.case_list.hide()
        self.case_label.hide()
        self.row_detail.clear()
        self.kind_box.setCurrentIndex(0)
        self._kind_changed()
        for name in self.fields:
            self.field(name).clear()
        self.sex_box.setCurrentIndex(0)
        self.no_phone_check.setChecked(False)
        self.applicant_hint.clear()
        self.applicant_hint.hide()
        self.submitter_check.setChecked(False)
        self.submitter_box.hide()
        self.checklist_model.clear()
        self.sets_box.setValue(1)
        self.delivery_box.setCurrentIndex(0)
        self.fee_panel.load(FeeSchedule())
        self._update_outcome()
        self.procedure_search.setFocus()

    def current_index(self) -> QModelIndex:
        return self.checklist.currentIndex()
