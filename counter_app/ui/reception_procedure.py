"""The reception page's procedure part: search as the officer types, the procedure chosen and its case
(a multi-case procedure asks for the case in a list), the checklist and the fee line that follow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QWidget

from counter_app.i18n import tr
from counter_app.services import catalog
from counter_app.services.catalog import ProcedureDetail

from .reception_base import ReceptionBase


class ProcedureSection(ReceptionBase):
    """The procedure and its case."""

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
