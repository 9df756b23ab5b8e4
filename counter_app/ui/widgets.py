"""Small widgets shared by pages."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"
ERROR_BORDER = "border: 1px solid #b00020;"


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
