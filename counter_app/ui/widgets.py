"""Small widgets shared by pages."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"
ERROR_BORDER = "border: 1px solid #b00020;"


class ElidedLabel(QLabel):
    """A one-line plain-text label that may be narrower than its text: the end is cut with "…".

    ``text()`` stays the whole text; the caller puts it (or more) in the tooltip. The label asks
    for ``min_width`` pixels at least, so a long unit name cannot widen the window past a
    1366-pixel screen; given more room it shows as much of the text as fits.
    """

    def __init__(self, text: str = "", parent=None, *, min_width: int = 120, **kwargs) -> None:  # noqa: ANN001, ANN003
        super().__init__(text, parent, **kwargs)
        self._min_width = min_width
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self._min_width), hint.height())

    def set_min_width(self, width: int) -> None:
        self._min_width = width
        self.updateGeometry()

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802
        if not self.is_elided():
            super().paintEvent(event)
            return
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(), self.isEnabled(), text,
                                  self.foregroundRole())


class FieldBox(QWidget):
    """An input with its own error line underneath: the message appears where it was typed."""

    def __init__(self, editor: QWidget, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        self.setFocusProxy(editor)

    def show_error(self, message: str) -> None:
        """Show the message under the input and move the cursor there."""
        self.error.setText(message)
        self.error.show()
        if isinstance(self.editor, QLineEdit):  # a border on a container would frame every child
            self.editor.setStyleSheet(ERROR_BORDER)
        self.editor.setFocus()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
        if isinstance(self.editor, QLineEdit):
            self.editor.setStyleSheet("")


class ColumnFitter(QObject):
    """Keeps a table's key columns in view without sideways scrolling on a narrow screen.

    ``stretch`` columns share the spare width (their text is cut with "…", the tooltip has it
    all) but keep ``minimum`` pixels; when even that does not fit, the ``optional`` columns are
    hidden, least important first, and shown again when the table is wider.
    """

    def __init__(self, view: QTableView, *, stretch: Sequence[int], optional: Sequence[int] = (),
                 minimum: int = 140) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = tuple(stretch)
        self.optional = tuple(optional)
        self.minimum = minimum
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in self.stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.viewport().installEventFilter(self)
        model = view.model()
        model.modelReset.connect(self.fit)
        model.layoutChanged.connect(self.fit)

    def needed_width(self, hidden: Sequence[int] = ()) -> int:
        header = self.view.horizontalHeader()
        total = 0
        for column in range(self.view.model().columnCount()):
            if column in hidden:
                continue
            if column in self.stretch:
                total += max(self.minimum, header.sectionSizeHint(column))
            else:
                total += max(header.sectionSizeHint(column), self.view.sizeHintForColumn(column))
        return total

    def fit(self) -> None:
        width = self.view.viewport().width()
        hidden: list[int] = []
        for column in self.optional:
            if self.needed_width(hidden) <= width:
                break
            hidden.append(column)
        for column in self.optional:
            self.view.setColumnHidden(column, column in hidden)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
