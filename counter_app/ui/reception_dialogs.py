"""Small dialogs of the reception page: refusal reason, supervisor approval of a second pass,
the list of papers to print again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
)

from counter_app.i18n import tr

from .screen_fit import fit_dialog


class SubmitDialog(QDialog):
    """OK runs ``on_submit(dialog)``; the dialog closes only when it returns True (else it shows why)."""

    def __init__(self, on_submit: Callable[[QDialog], bool], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._on_submit = on_submit

    def submit(self) -> None:
        if self._on_submit(self):
            self.accept()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        fit_dialog(self)
        super().showEvent(event)


class RefusalDialog(SubmitDialog):
    """Reason for refusing to receive (form 03). Ctrl+Enter confirms, Esc cancels."""

    def __init__(self, on_submit: Callable[[RefusalDialog], bool], parent=None, *,  # noqa: ANN001
                 draft: str = "") -> None:
        super().__init__(on_submit, parent)  # type: ignore[arg-type]  # the base calls it with this dialog
        self.setWindowTitle(tr("Từ chối tiếp nhận hồ sơ"))
        self.reason = QPlainTextEdit(draft, objectName="refusalReason")
        self.reason.setPlaceholderText(tr("Ví dụ: Thủ tục không thuộc thẩm quyền giải quyết của cơ quan"))
        self.reason.setTabChangesFocus(True)
        self.error = QLabel(objectName="refusalError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
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
        self.reason.moveCursor(QTextCursor.MoveOperation.End)
        self.reason.setFocus()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def show_errors(self, messages: list[str]) -> None:
        """Every problem at once, one per line; the dialog and what was typed stay."""
        self.error.setText("\n".join(f"• {m}" for m in messages) if len(messages) > 1 else "".join(messages))

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


class PaperListDialog(QDialog):
    """Papers printed earlier (forms 01, 02, 03, and 06 blank), newest first: arrows, Enter prints one again."""

    def __init__(self, papers: list, on_print: Callable[[Any], None], parent=None, *,  # noqa: ANN001
                 title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or tr("In lại giấy tờ"))
        self.papers = papers
        self._on_print = on_print
        self.list = QListWidget(objectName="paperList")
        for paper in papers:
            refused, blank = tr("từ chối"), tr("phiếu kiểm soát để trống")
            key = {"03": refused, "06": f"{paper.key} ({blank})"}.get(paper.form, paper.key)
            item = QListWidgetItem(f"{paper.at:%H:%M %d/%m} · {tr('Mẫu')} {paper.form} · {key} · "
                                   f"{paper.applicant_name} · {paper.procedure_name}")
            item.setToolTip(paper.title)
            self.list.addItem(item)
        self.list.itemActivated.connect(lambda _item: self.print_current())
        self.empty = QLabel(tr("Chưa có giấy tờ nào để in lại."), objectName="paperListEmpty")
        self.empty.setVisible(not papers)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(tr("In lại (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(self.print_current)
        self.print_button.setEnabled(bool(papers))
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)
        if papers:
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        fit_dialog(self)
        super().showEvent(event)

    def print_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.papers):
            paper = self.papers[row]
            self.accept()
            self._on_print(paper)
