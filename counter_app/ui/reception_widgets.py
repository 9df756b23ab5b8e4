"""Keyboard widgets of the reception page: the procedure search, the case list and the checklist."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QListWidget, QTableView

from counter_app.i18n import tr
from counter_app.models import DocumentDecision

from .checklist_model import COL_DECISION, COL_ORIGINALS, COL_REASON, COUNT_FIELDS, DECISION_KEYS, ChecklistModel


class ProcedureSearch(QLineEdit):
    """Down moves into the hit list; Enter picks the highlighted hit (``chosen``)."""

    chosen = Signal()

    def __init__(self, hits: QListWidget, parent=None, **kwargs) -> None:  # noqa: ANN001, ANN003
        super().__init__(parent, **kwargs)
        self._hits = hits

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._hits.count():
            self.chosen.emit()
            return
        if event.key() == Qt.Key.Key_Down and self._hits.count():
            self._hits.setFocus()
            self._hits.setCurrentRow(min(1, self._hits.count() - 1) if self._hits.currentRow() == 0 else 0)
            return
        super().keyPressEvent(event)


class CaseList(QListWidget):
    """The cases of a multi-case procedure: arrows (or the case's number) then Enter picks one."""

    picked = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.picked.emit()
            return
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_1 < self.count():
            self.setCurrentRow(key - Qt.Key.Key_1)
            self.picked.emit()
            return
        super().keyPressEvent(event)

    def __init__(self, parent=None, **kwargs) -> None:  # noqa: ANN001, ANN003
        super().__init__(parent, **kwargs)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole name is in the tooltip
        self.setUniformItemSizes(True)

    def fit_height(self, rows: int = 4) -> None:
        """Tall enough for up to ``rows`` cases without scrolling."""
        shown = max(1, min(rows, self.count()))
        row = self.fontMetrics().lineSpacing() + 4
        self.setFixedHeight(shown * row + 2 * self.frameWidth() + 4)


class ChecklistView(QTableView):
    """Keys 1–4 decide the current row and move to the next; an invalid paper asks for its reason.

    F2 edits the current row's counts (Tab goes on to the next count and the reason, Enter ends);
    a key that cannot apply (4 on a mandatory document) says why in ``refused``.
    """

    decided = Signal()
    refused = Signal(str)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        decision = DECISION_KEYS.get(Qt.Key(event.key()))
        current = self.currentIndex()
        model = cast(ChecklistModel, self.model())
        if event.key() == Qt.Key.Key_F2 and current.isValid():
            self.edit_counts()
            return
        if decision is not None and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                          Qt.KeyboardModifier.KeypadModifier) \
                and current.isValid() and current.column() not in (*COUNT_FIELDS, COL_REASON):
            row = current.row()
            if model.set_decision(row, decision):
                if decision is DocumentDecision.INVALID:
                    reason = model.index(row, COL_REASON)
                    self.setCurrentIndex(reason)
                    self.edit(reason)
                else:
                    self._next_row(row)
                self.decided.emit()
            else:
                self.refused.emit(tr("«{name}» là giấy tờ bắt buộc: không chọn «Không áp dụng» được.").format(
                    name=model.rows()[row].document.name))
            return
        super().keyPressEvent(event)

    def edit_counts(self) -> None:
        """F2: edit the current row from its first count; the cell under the cursor if it is editable."""
        current = self.currentIndex()
        if not current.isValid():
            return
        target = current if current.column() in (*COUNT_FIELDS, COL_REASON) else \
            self.model().index(current.row(), COL_ORIGINALS)
        self.setCurrentIndex(target)
        self.edit(target)

    def closeEditor(self, editor, hint) -> None:  # noqa: ANN001, N802
        super().closeEditor(editor, hint)
        if hint in (QAbstractItemDelegate.EndEditHint.EditNextItem, QAbstractItemDelegate.EndEditHint.EditPreviousItem):
            return  # Tab / Shift+Tab: Qt moved on to the next cell and edits it
        current = self.currentIndex()
        if not current.isValid():
            return
        if current.column() == COL_REASON:
            self._next_row(current.row())
        elif current.column() in COUNT_FIELDS:
            self.setCurrentIndex(self.model().index(current.row(), COL_DECISION))

    def _next_row(self, row: int) -> None:
        target = min(row + 1, self.model().rowCount() - 1)
        self.setCurrentIndex(self.model().index(target, COL_DECISION))

    def focusInEvent(self, event) -> None:  # noqa: ANN001, N802
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, COL_DECISION))
