"""Fees at the desk (issue #14): the fee line of the reception page, the payment dialog, the void dialog.

The amount shown is the domain's rule (``counter_app.domain.fees.compute``) on the case's schedule,
recomputed as quantities and the exemption change; the services store and re-check it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import fees
from counter_app.domain.fees import FeeBasis, FeeInput, FeeQuantity, FeeSchedule, PaymentMethod, money_text
from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.services.errors import ServiceError

from .reception_dialogs import SubmitDialog
from .widgets import ERROR_STYLE, FieldBox

METHOD_TEXTS = {PaymentMethod.CASH: QT_TR_NOOP("1 — Tiền mặt"), PaymentMethod.TRANSFER: QT_TR_NOOP("2 — Chuyển khoản"),
                PaymentMethod.ONLINE: QT_TR_NOOP("3 — Thanh toán trực tuyến")}


class FeePanel(QWidget):
    """One line under the checklist: the amount owed, the copies/pages of rates that need them and
    a listed exemption. Hidden for a case that charges nothing."""

    changed = Signal()

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.schedule = FeeSchedule()
        self.amount = QLabel(objectName="feeAmount")
        self.amount.setStyleSheet("font-weight: bold;")
        bold = self.amount.font()
        bold.setBold(True)
        self.amount.setFont(bold)
        self.amount.setMinimumWidth(QFontMetrics(bold).horizontalAdvance("999.999.999 đồng") + 4)
        self.quantities = QHBoxLayout()
        self.quantities.setSpacing(4)
        self.spins: dict[str, tuple[QSpinBox, QSpinBox | None]] = {}
        self.exemption = QComboBox(objectName="feeExemption")
        self.exemption.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.exemption.setMinimumContentsLength(20)
        self.exemption.currentIndexChanged.connect(self._recompute)
        self.exemption_label = QLabel(tr("Miễn giảm (phí, &lệ phí):"))
        self.exemption_label.setBuddy(self.exemption)
        self.error = QLabel(objectName="feeError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.error.setWordWrap(True)
        # Two short lines (it sits in the procedure box, beside the applicant's): the amount with the
        # copies / pages it needs, then the exemption list when the case has one.
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Phí, lệ phí:")))
        row.addWidget(self.amount)
        row.addLayout(self.quantities)
        row.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.exemption_label)
        second.addWidget(self.exemption, 1)
        lines.addLayout(row)
        lines.addLayout(second)
        lines.addWidget(self.error)
        self.load(FeeSchedule())

    def load(self, schedule: FeeSchedule) -> None:
        self.schedule = schedule
        while self.quantities.count():
            old = self.quantities.takeAt(0)
            widget = old.widget() if old is not None else None
            if widget is not None:
                widget.deleteLater()
        self.spins = {}
        for item in schedule.items:
            if not item.needs_quantity:
                continue
            copies = QSpinBox(objectName=f"feeCopies_{item.code}")
            copies.setRange(1, fees.MAX_COPIES)
            copies.setSuffix(tr(" bản"))
            copies.setToolTip(f"{item.name}: {item.rate_text()}")
            copies.valueChanged.connect(self._recompute)
            pages = None
            if item.basis is FeeBasis.PER_PAGE:
                pages = QSpinBox(objectName=f"feePages_{item.code}")
                pages.setRange(1, fees.MAX_PAGES)
                pages.setSuffix(tr(" trang/bản"))
                pages.setToolTip(f"{item.name}: {item.rate_text()}")
                pages.valueChanged.connect(self._recompute)
            self.spins[item.code] = (copies, pages)
            self.quantities.addWidget(copies)
            if pages is not None:
                self.quantities.addWidget(pages)
        self.exemption.blockSignals(True)
        self.exemption.clear()
        self.exemption.addItem(tr("Không"), "")
        for ex in schedule.exemptions:
            self.exemption.addItem(ex.text(), ex.code)
        self.exemption.blockSignals(False)
        has_exemptions = bool(schedule.exemptions)
        self.exemption.setVisible(has_exemptions)
        self.exemption_label.setVisible(has_exemptions)
        self.setVisible(not schedule.empty)
        if schedule.empty:
            self.amount.clear()
            self.amount.setToolTip("")
            return
        self._recompute()

    def widgets(self) -> list[QWidget]:
        """The inputs in tab order (the reception page chains them after the checklist)."""
        out: list[QWidget] = []
        for copies, pages in self.spins.values():
            out.append(copies)
            if pages is not None:
                out.append(pages)
        if self.exemption.isVisible() or self.schedule.exemptions:
            out.append(self.exemption)
        return out

    def fee_input(self) -> FeeInput:
        quantities = {code: FeeQuantity(copies.value(), pages.value() if pages is not None else 1)
                      for code, (copies, pages) in self.spins.items()}
        return FeeInput(quantities, self.exemption.currentData() or "")

    def total(self) -> int:
        return fees.compute(self.schedule, self.fee_input()).total

    def _recompute(self, *_args: object) -> None:
        self.clear_error()
        try:
            quote = fees.compute(self.schedule, self.fee_input())
        except fees.FeeError as exc:
            self.show_error(exc.message)
            return
        self.amount.setText(money_text(quote.total))
        self.amount.setToolTip(quote.text())
        self.changed.emit()

    def show_error(self, message: str, field: str = "") -> None:
        self.error.setText(message)
        self.error.show()
        code = field.partition(":")[2]
        copies, pages = self.spins.get(code, (None, None))
        target = pages if field.startswith("fee_pages") and pages is not None else copies
        (target or self.exemption).setFocus()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()


class FieldErrorDialog(SubmitDialog):
    """A submit dialog whose fields are ``boxes`` (service field name → FieldBox) with a general
    ``error`` line: a refusal is shown under its field, or on that line when it names none."""

    boxes: dict[str, FieldBox]
    error: QLabel

    def show_error(self, error: ServiceError) -> None:
        for box in self.boxes.values():
            box.clear_error()
        target = self.boxes.get(error.field or "")
        if target is not None:
            target.show_error(error.message)
            self.error.clear()
        else:
            self.error.setText(error.message)


class PaymentDialog(FieldErrorDialog):
    """Collect a dossier's fees: method (keys 1/2/3), amount in đồng, transaction reference, payer.
    Enter records and prints the receipt; "Nộp sau" (Alt+S) puts the dossier in status 6 (clock
    stopped until paid) when ``on_later`` is given; Esc closes with nothing recorded."""

    def __init__(self, code: str, outstanding: int, payer: str, on_submit: Callable[[PaymentDialog], bool],
                 parent=None, *, on_later: Callable[[PaymentDialog], bool] | None = None) -> None:  # noqa: ANN001
        super().__init__(on_submit, parent)  # type: ignore[arg-type]  # the base calls it with this dialog
        self.setWindowTitle(tr("Thu phí, lệ phí — hồ sơ {code}").format(code=code))
        self.code = code
        self.method = QComboBox(objectName="payMethod")
        for method, text in METHOD_TEXTS.items():
            self.method.addItem(tr(text), method)
        self.amount_edit = QLineEdit(str(outstanding) if outstanding else "", objectName="payAmount")
        self.amount_edit.setPlaceholderText(tr("số đồng, ví dụ 15500"))
        self.reference_edit = QLineEdit(objectName="payReference")
        self.reference_edit.setPlaceholderText(tr("mã giao dịch của ngân hàng / nền tảng thanh toán"))
        self.payer_edit = QLineEdit(payer, objectName="payPayer")
        self.boxes = {"method": FieldBox(self.method), "amount": FieldBox(self.amount_edit),
                      "reference": FieldBox(self.reference_edit), "payer_name": FieldBox(self.payer_edit)}
        self.words = QLabel(objectName="payWords")
        self.words.setStyleSheet("font-style: italic;")
        self.amount_edit.textChanged.connect(self._show_words)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.error = QLabel(objectName="payError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        owed = QLabel(f"<b>{money_text(outstanding)}</b>" if outstanding else tr("(không ghi số tiền tại quầy)"))
        form.addRow(tr("Còn phải nộp:"), owed)
        form.addRow(tr("&Hình thức:"), self.boxes["method"])
        form.addRow(tr("Số &tiền (đồng):"), self.boxes["amount"])
        form.addRow("", self.words)
        form.addRow(tr("&Mã giao dịch:"), self.boxes["reference"])
        form.addRow(tr("&Người nộp:"), self.boxes["payer_name"])
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(tr("Thu và in biên lai (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("payConfirm")
        self.ok_button.setDefault(True)
        self.later_button: QPushButton | None = None
        if on_later is not None:
            self.later_button = buttons.addButton(tr("Nộp &sau — tạm dừng thời hạn"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
            self.later_button.setObjectName("payLater")
            self.later_button.clicked.connect(lambda: self._later(on_later))
        cancel = buttons.addButton(tr("Đóng (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for key, method in (("1", PaymentMethod.CASH), ("2", PaymentMethod.TRANSFER), ("3", PaymentMethod.ONLINE)):
            shortcut = QShortcut(QKeySequence(key), self.method)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda m=method: self.set_method(m))
        self._method_changed()
        self._show_words()
        self.method.setFocus()

    def _later(self, on_later: Callable[[PaymentDialog], bool]) -> None:
        if on_later(self):
            self.accept()

    def set_method(self, method: PaymentMethod) -> None:
        self.method.setCurrentIndex(self.method.findData(method))

    def _method_changed(self, *_args: object) -> None:
        self.reference_edit.setEnabled(self.method.currentData() is not PaymentMethod.CASH)

    def _show_words(self, *_args: object) -> None:
        from counter_app.domain.money_words import amount_in_words

        text = self.amount_edit.text().replace(".", "").replace(" ", "").strip()
        self.words.setText(amount_in_words(int(text)) if text.isdigit() and int(text) <= fees.MONEY_MAX else "")

    def amount(self) -> int | None:
        """The typed amount in đồng ("15.500" and "15500" alike); ValueError when it is not a number."""
        text = self.amount_edit.text().replace(".", "").replace(" ", "").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(text)
        return int(text)


class VoidDialog(FieldErrorDialog):
    """Void or refund a payment receipt: which one, why, and a supervisor's credentials."""

    def __init__(self, numbers: list[str], on_submit: Callable[[VoidDialog], bool], parent=None) -> None:  # noqa: ANN001
        super().__init__(on_submit, parent)  # type: ignore[arg-type]  # the base calls it with this dialog
        self.setWindowTitle(tr("Hủy biên lai, hoàn tiền"))
        self.number = QComboBox(objectName="voidNumber")
        self.number.addItems(numbers)
        self.reason = QLineEdit(objectName="voidReason")
        self.username = QLineEdit(objectName="voidUsername")
        self.password = QLineEdit(objectName="voidPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.boxes = {"number": FieldBox(self.number), "void_reason": FieldBox(self.reason),
                      "override_username": FieldBox(self.username)}
        self.error = QLabel(objectName="voidError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("&Biên lai:"), self.boxes["number"])
        form.addRow(tr("&Lý do hủy, hoàn tiền:"), self.boxes["void_reason"])
        form.addRow(tr("&Tài khoản lãnh đạo:"), self.boxes["override_username"])
        form.addRow(tr("&Mật khẩu:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Hủy biên lai"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Đóng"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.setFocus()


def open_payment(parent: QWidget, db, ctx, code: str, *, offer_later: bool,  # noqa: ANN001
                 on_done: Callable[[str, str], None]) -> PaymentDialog:
    """The payment dialog of ``code`` wired to the services; ``on_done(message, receipt_number)`` after
    a payment (the caller writes and shows the receipt) or a move to status 6 (number "")."""
    from counter_app.services import payments

    info = payments.dossier_fees(db, code)

    def submit(dialog: PaymentDialog) -> bool:
        try:
            amount = dialog.amount()
        except ValueError:
            dialog.show_error(ServiceError(tr("Số tiền chỉ gồm chữ số (đồng), ví dụ 15500 hoặc 15.500."),
                                           field="amount"))
            return False
        try:
            result = payments.record_payment(db, ctx, code, method=dialog.method.currentData(), amount=amount,
                                             reference=dialog.reference_edit.text(),
                                             payer_name=dialog.payer_edit.text())
        except ServiceError as exc:
            dialog.show_error(exc)
            return False
        message = tr("Đã thu {amount} của hồ sơ {code} (biên lai {number}).").format(
            amount=money_text(result.amount), code=code, number=result.number)
        if result.resumed_due is not None:
            message += " " + tr("Hồ sơ tiếp tục giải quyết, hẹn trả mới {due}.").format(
                due=f"{result.resumed_due:%H:%M %d/%m/%Y}")
        on_done(message, result.number)
        return True

    def later(dialog: PaymentDialog) -> bool:
        try:
            payments.await_payment(db, ctx, code)
        except ServiceError as exc:
            dialog.show_error(exc)
            return False
        on_done(tr("Hồ sơ {code} chờ nộp phí, lệ phí: thời hạn giải quyết tạm dừng đến khi nộp.").format(code=code),
                "")
        return True

    dialog = PaymentDialog(code, info.outstanding, info.payer_name, submit, parent,
                           on_later=later if offer_later and not info.awaiting else None)
    dialog.open()
    return dialog
