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

The page is put together from one class per job (see :mod:`.reception_base`): the widgets
(:mod:`.reception_layout`), the procedure (:mod:`.reception_procedure`), the applicant
(:mod:`.reception_applicant`), digitising (:mod:`.reception_digitising`), the outcome
(:mod:`.reception_submit`) and the papers printed (:mod:`.reception_papers`). This module wires them
to the keys and the scanner, and holds the intake's start and its return visits (a supplement
notice scanned, an online dossier).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

from counter_app.domain import codes
from counter_app.domain.fees import FeeSchedule
from counter_app.i18n import tr
from counter_app.models.db import Database
from counter_app.services import archive, catalog, online, reception
from counter_app.services.errors import ServiceError, ValidationError
from counter_app.services.org import DeskContext

from .checklist_model import COL_DECISION
from .events import DeskEvents
from .online_dialog import OnlineQueueDialog
from .reception_applicant import ApplicantSection
from .reception_digitising import DigitisingSection
from .reception_procedure import ProcedureSection
from .reception_submit import SubmitSection
from .scan_watcher import ScanWatcher
from .widgets import ERROR_STYLE


class ReceptionPage(SubmitSection, ProcedureSection, ApplicantSection, DigitisingSection):
    def __init__(self, db: Database, context: DeskContext, events: DeskEvents, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db = db
        self._context = context
        self._events = events
        self.procedure = None
        self.case = None
        self.notice_code = None
        self.online_code = None
        self.online_dialog = None
        self.pending_notice = None
        self.refusal_draft = ""
        self.confirm_box = None
        self.preview = None
        self.last_result = None
        self.staged_files, self.inbox_taken, self.reuse_offers, self.reuse_chosen = {}, [], {}, {}
        self.attach_dialog = None
        self.after_paper = None
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
