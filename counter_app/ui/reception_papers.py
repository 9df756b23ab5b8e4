"""The papers the reception prints after a committed action: the receipt, the supplement notice or the
refusal, straight to the printer or into the preview; form 06 with the receipt when the desk says so;
Ctrl+P prints one again; the fee collected right after receipt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from counter_app.i18n import tr
from counter_app.services import documents, return_documents
from counter_app.services.errors import ServiceError

from .fee_widgets import open_payment
from .pdf_preview import deliver
from .reception_base import ReceptionBase
from .reception_dialogs import PaperListDialog
from .widgets import ERROR_STYLE


class PapersSection(ReceptionBase):
    """Print, tell, start the next citizen (then the fee, when one is owed)."""

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

    def _after_preview(self, _result: int) -> None:
        """Back from the print preview: the desk is ready for the next citizen (or collects the fee)."""
        self.window().activateWindow()
        self.focus_procedure()
        self._run_after_paper()

    def _run_after_paper(self) -> None:
        then, self.after_paper = self.after_paper, None
        if then is not None:
            then()

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
