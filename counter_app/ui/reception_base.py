"""What every part of the reception page shares: the intake's state, the messages and the errors shown
at their field, the cursor's usual places, and the question asked before dropping checklist decisions.

The page (:mod:`.reception_page`) is built from one part per job on top of this one: the procedure and
its case (:mod:`.reception_procedure`), the applicant and the CCCD QR (:mod:`.reception_applicant`),
digitising at receipt (:mod:`.reception_digitising`), reading the form and the outcome
(:mod:`.reception_submit`), and the papers printed after it (:mod:`.reception_papers`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QMessageBox

from counter_app.i18n import tr
from counter_app.models.db import Database
from counter_app.services import attachments
from counter_app.services.catalog import CaseDetail, ProcedureDetail
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext

from .attach_dialog import AttachDialog
from .checklist_model import COL_DECISION
from .events import DeskEvents
from .online_dialog import OnlineQueueDialog
from .pdf_preview import PdfPreviewDialog
from .reception_layout import ReceptionLayout
from .widgets import ERROR_STYLE


class ReceptionBase(ReceptionLayout):
    """The state of one intake (set by :class:`~.reception_page.ReceptionPage`) and the shared helpers."""

    _db: Database
    _context: DeskContext
    _events: DeskEvents
    procedure: ProcedureDetail | None
    case: CaseDetail | None
    notice_code: str | None
    online_code: str | None  # an online dossier being checked (issue #15): the portal's code
    online_dialog: OnlineQueueDialog | None
    pending_notice: str | None
    refusal_draft: str  # the reason typed before Esc, until the next citizen
    confirm_box: QMessageBox | None  # the question asked before dropping decisions
    preview: PdfPreviewDialog | None
    last_result: object | None
    # Digitising at receipt (issue #13): scans per document id, the scan-folder files they came from,
    # the applicant's earlier papers offered per document id, and those the officer chose to reuse.
    staged_files: dict[int, list[attachments.StagedFile]]
    inbox_taken: list[Path]
    reuse_offers: dict[int, attachments.Reusable]
    reuse_chosen: dict[int, int]
    attach_dialog: AttachDialog | None
    after_paper: Callable[[], None] | None  # e.g. the payment dialog, once the slip is out

    # ------------------------------------------------------------------ done by the other parts

    def reset(self, *, clear_message: bool = True) -> None:
        """Start a new intake (:meth:`.reception_page.ReceptionPage.reset`)."""
        raise NotImplementedError

    def _refresh_reuse(self) -> list[str]:
        """The applicant's earlier papers offered (:meth:`.reception_digitising.DigitisingSection._refresh_reuse`)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ helpers

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
