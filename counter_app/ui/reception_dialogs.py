"""Small dialogs of the reception page: refusal reason, supervisor approval of a second pass."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)  # the context lupdate gives bare tr() calls


class SubmitDialog(QDialog):
    """OK runs ``on_submit(dialog)``; the dialog closes only when it returns True (else it shows why)."""

    def __init__(self, on_submit: Callable[[QDialog], bool], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._on_submit = on_submit

    def submit(self) -> None:
        if self._on_submit(self):
            self.accept()


class RefusalDialog(SubmitDialog):
    """Reason for refusing to receive (form 03). Ctrl+Enter confirms, Esc cancels."""

    def __init__(self, on_submit: Callable[[RefusalDialog], bool], parent=None) -> None:  # noqa: ANN001
        super().__init__(on_submit, parent)  # type: ignore[arg-type]  # the base calls it with this dialog
        self.setWindowTitle(tr("Từ chối tiếp nhận hồ sơ"))
        self.reason = QPlainTextEdit(objectName="refusalReason")
        self.reason.setPlaceholderText(tr("Ví dụ: Thủ tục không thuộc thẩm quyền giải quyết của cơ quan"))
        self.reason.setTabChangesFocus(True)
        self.error = QLabel(objectName="refusalError")
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Từ chối và in phiếu (Ctrl+Enter)"))
        self.reason.installEventFilter(self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Lý do không tiếp nhận (in trên Phiếu từ chối, Mẫu 03):")))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
        # The text box would take Ctrl+Enter as a new line; here it confirms.
        if watched is self.reason and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submit()
            return True
        return super().eventFilter(watched, event)


class OverrideDialog(SubmitDialog):
    """A supervisor approves a second-pass supplement request with credentials and a reason."""

    def __init__(self, message: str, on_submit: Callable[[OverrideDialog], bool], parent=None) -> None:  # noqa: ANN001
        super().__init__(on_submit, parent)  # type: ignore[arg-type]  # the base calls it with this dialog
        self.setWindowTitle(tr("Phê duyệt yêu cầu bổ sung lần hai"))
        explanation = QLabel(message)
        explanation.setWordWrap(True)
        self.username = QLineEdit(objectName="overrideUsername")
        self.password = QLineEdit(objectName="overridePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QLineEdit(objectName="overrideReason")
        self.error = QLabel(objectName="overrideError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Tài khoản lãnh đạo:"), self.username)
        form.addRow(tr("Mật khẩu:"), self.password)
        form.addRow(tr("Lý do yêu cầu thêm:"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Phê duyệt"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Hủy"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.username.setFocus()
