"""The reception checklist as a Qt table model: one row per required document of the case."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models import DocumentDecision
from counter_app.services.catalog import DocumentDetail
from counter_app.services.reception import DECISION_LABELS, GAP_DECISIONS, DocumentCheck

from .qt_models import OBJECT_ROLE

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ChecklistRow:
    document: DocumentDetail
    decision: DocumentDecision | None = None
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0
    reason: str = ""
    on_notice: bool = False  # listed on the supplement notice the applicant came back with

    def to_check(self) -> DocumentCheck | None:
        if self.decision is None:
            return None
        return DocumentCheck(self.document.id, self.decision, self.reason, self.originals, self.certified_copies,
                             self.photocopies)


COL_ORDER, COL_NAME, COL_DECISION, COL_ORIGINALS, COL_CERTIFIED, COL_PHOTO, COL_REASON = range(7)
COUNT_FIELDS = {COL_ORIGINALS: "originals", COL_CERTIFIED: "certified_copies", COL_PHOTO: "photocopies"}
# Keys 1–4 decide the current row: what an officer types while reading the papers.
DECISION_KEYS = {
    Qt.Key.Key_1: DocumentDecision.PROVIDED,
    Qt.Key.Key_2: DocumentDecision.MISSING,
    Qt.Key.Key_3: DocumentDecision.INVALID,
    Qt.Key.Key_4: DocumentDecision.NOT_APPLICABLE,
}
COLOURS = {
    None: QColor("#fff4cc"),  # undecided: yellow, still to look at
    DocumentDecision.PROVIDED: QColor("#e3f4e1"),
    DocumentDecision.MISSING: QColor("#fbe0e0"),
    DocumentDecision.INVALID: QColor("#fbe0e0"),
    DocumentDecision.NOT_APPLICABLE: QColor("#eeeeee"),
}


class ChecklistModel(QAbstractTableModel):
    # One-line headers: at 1366×768 every pixel of height goes to the rows (tooltips say the rest).
    HEADERS = (QT_TR_NOOP("TT"), QT_TR_NOOP("Tên giấy tờ"), QT_TR_NOOP("Kiểm tra"), QT_TR_NOOP("Bản chính"),
               QT_TR_NOOP("Chứng thực"), QT_TR_NOOP("Bản photo"), QT_TR_NOOP("Lý do thiếu / không hợp lệ"))
    HEADER_TIPS = {3: QT_TR_NOOP("Số bản chính"), 4: QT_TR_NOOP("Số bản sao có chứng thực"),
                   5: QT_TR_NOOP("Số bản photo")}

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[ChecklistRow] = []
        self._digitised: dict[int, str] = {}  # document id → "1 tệp" / "dùng lại" (issue #13)

    # -- content ----------------------------------------------------------------------------

    def load(self, documents: tuple[DocumentDetail, ...], checks: tuple[DocumentCheck, ...] = (),
             on_notice: frozenset[int] = frozenset()) -> None:
        earlier = {c.required_document_id: c for c in checks}
        rows = []
        for doc in documents:
            check = earlier.get(doc.id)
            if check is None:
                rows.append(ChecklistRow(doc, None, doc.originals, doc.certified_copies, doc.photocopies,
                                         on_notice=doc.id in on_notice))
            else:
                rows.append(ChecklistRow(doc, DocumentDecision(check.decision), check.originals,
                                         check.certified_copies, check.photocopies, check.reason,
                                         doc.id in on_notice))
        self.beginResetModel()
        self._rows = rows
        self._digitised = {}
        self.endResetModel()

    def clear(self) -> None:
        self.load(())

    def set_digitised(self, document_id: int, text: str) -> None:
        """What was digitised for a document ("2 tệp", "dùng lại"), shown beside its decision."""
        if text:
            self._digitised[document_id] = text
        else:
            self._digitised.pop(document_id, None)
        row = self.row_of_document(document_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, COL_DECISION), self.index(row, COL_DECISION))

    def rows(self) -> list[ChecklistRow]:
        return list(self._rows)

    def checks(self) -> tuple[DocumentCheck, ...]:
        return tuple(c for c in (r.to_check() for r in self._rows) if c is not None)

    def undecided(self) -> list[ChecklistRow]:
        return [r for r in self._rows if r.decision is None]

    def gaps(self) -> list[ChecklistRow]:
        return [r for r in self._rows if r.decision in GAP_DECISIONS]

    def row_of_document(self, document_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.document.id == document_id), -1)

    def set_decision(self, row: int, decision: DocumentDecision) -> bool:
        if not 0 <= row < len(self._rows):
            return False
        doc = self._rows[row].document
        if decision is DocumentDecision.NOT_APPLICABLE and doc.mandatory:
            return False  # mandatory documents always apply
        # A row set back to provided / not applicable has no gap left to explain.
        reason = self._rows[row].reason if decision in GAP_DECISIONS else ""
        self._rows[row] = replace(self._rows[row], decision=decision, reason=reason)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        return True

    def set_all_provided(self) -> None:
        for row in range(len(self._rows)):
            if self._rows[row].decision is None:
                self.set_decision(row, DocumentDecision.PROVIDED)

    # -- Qt model interface ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return tr(self.HEADERS[section])
            if role == Qt.ItemDataRole.ToolTipRole and section in self.HEADER_TIPS:
                return tr(self.HEADER_TIPS[section])
        return None

    def full_text(self, row: int) -> str:
        """The document's whole name with its condition and notice mark (tooltip, detail line)."""
        r = self._rows[row]
        note = []
        if not r.document.mandatory:
            note.append(tr("có điều kiện: {when}").format(when=r.document.condition) if r.document.condition
                        else tr("có điều kiện"))
        if r.on_notice:
            note.append(tr("trong phiếu bổ sung"))
        return r.document.name + (f" ({'; '.join(note)})" if note else "")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in COUNT_FIELDS or index.column() == COL_REASON:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_ORDER:
                return str(row.document.position)
            if col == COL_NAME:  # the condition itself is in the tooltip and the detail line
                note = []
                if not row.document.mandatory:
                    note.append(tr("có điều kiện"))
                if row.on_notice:
                    note.append(tr("trong phiếu bổ sung"))
                return row.document.name + (f" ({'; '.join(note)})" if note else "")
            if col == COL_DECISION:
                text = tr(DECISION_LABELS[row.decision]) if row.decision else tr("— chưa kiểm tra —")
                digitised = self._digitised.get(row.document.id)
                return f"{text} · {digitised}" if digitised else text
            if col in COUNT_FIELDS:
                value = getattr(row, COUNT_FIELDS[col])
                return value if role == Qt.ItemDataRole.EditRole else str(value)
            if col == COL_REASON:
                return row.reason
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(COLOURS[row.decision])
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ORDER, *COUNT_FIELDS):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_DECISION:
            return tr("Phím 1: Đã nộp · 2: Thiếu · 3: Không hợp lệ · 4: Không áp dụng")
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME:
            return self.full_text(index.row())
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_REASON and row.reason:
            return row.reason
        if role == OBJECT_ROLE:
            return row
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        col = index.column()
        if col in COUNT_FIELDS:
            try:
                number = int(str(value).strip())
            except ValueError:
                return False
            if not 0 <= number <= 99:
                return False
            changes: dict[str, Any] = {COUNT_FIELDS[col]: number}
            self._rows[index.row()] = replace(row, **changes)
        elif col == COL_REASON:
            self._rows[index.row()] = replace(row, reason=str(value))
        else:
            return False
        self.dataChanged.emit(index, index)
        return True
