"""The reception page's digitising at receipt (issue #13): Ctrl+T attaches the scan of the current
document, 5 reuses the paper digitised for the applicant's earlier dossier."""

from __future__ import annotations

from pathlib import Path

from counter_app.i18n import tr
from counter_app.models import DocumentDecision
from counter_app.services import attachments
from counter_app.services.errors import ValidationError

from .attach_dialog import AttachDialog
from .checklist_model import COL_DECISION
from .reception_base import ReceptionBase


class DigitisingSection(ReceptionBase):
    """Scans staged per document until the dossier is received; earlier papers offered for reuse."""

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
