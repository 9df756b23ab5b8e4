"""First-run set-up: the unit (agency code per QCVN 102), this desk's number, the first officer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from counter_app.i18n import tr
from counter_app.models import UnitLevel
from counter_app.models.db import Database
from counter_app.services import org
from counter_app.services.errors import ServiceError

LEVEL_LABELS = {UnitLevel.COMMUNE: "Cấp xã (Trung tâm Phục vụ hành chính công xã, phường)",
                UnitLevel.PROVINCE: "Cấp tỉnh (Trung tâm Phục vụ hành chính công tỉnh, sở, ngành)",
                UnitLevel.DISTRICT: "Cấp huyện (dữ liệu cũ trước 7/2025)"}


class SetupDialog(QDialog):
    def __init__(self, db: Database, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db = db
        self.context: org.DeskContext | None = None
        self.setWindowTitle(tr("Thiết lập quầy lần đầu — Một Cửa Counter"))
        self.inputs: dict[str, QLineEdit] = {}
        form = QFormLayout()
        self.level = QComboBox(objectName="level")
        for level, text in LEVEL_LABELS.items():
            self.level.addItem(tr(text), level)
        self.desk_number = QSpinBox(objectName="desk_number")
        self.desk_number.setRange(1, 9)
        rows = [("agency_code", tr("Mã cơ quan (QCVN 102:2016):"), "000.00.01.H12"),
                ("unit_name", tr("Tên cơ quan, đơn vị:"), tr("Trung tâm Phục vụ hành chính công xã …")),
                ("parent_name", tr("Cơ quan chủ quản:"), tr("Ủy ban nhân dân tỉnh …")),
                ("place", tr("Địa danh trên giấy tờ:"), tr("Cà Mau")),
                ("lookup_url_template", tr("Địa chỉ tra cứu (mã QR):"), "https://…/tra-cuu/{code}")]
        for key, label, placeholder in rows:
            self.inputs[key] = QLineEdit(objectName=key, placeholderText=placeholder)
            form.addRow(label, self.inputs[key])
        form.addRow(tr("Cấp:"), self.level)
        form.addRow(tr("Số quầy của máy này (1–9):"), self.desk_number)
        form.addRow(QLabel(tr("<b>Tài khoản quản trị đầu tiên</b>")))
        for key, label in (("username", tr("Tên đăng nhập:")), ("full_name", tr("Họ và tên:")),
                           ("phone", tr("Điện thoại:")), ("password", tr("Mật khẩu:")),
                           ("password_again", tr("Nhập lại mật khẩu:"))):
            self.inputs[key] = QLineEdit(objectName=key)
            if key.startswith("password"):
                self.inputs[key].setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(label, self.inputs[key])
        self.error = QLabel(objectName="setupError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Lưu thiết lập"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Thoát"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.inputs["agency_code"].setFocus()

    def text(self, key: str) -> str:
        return self.inputs[key].text()

    def save(self) -> None:
        for edit in self.inputs.values():
            edit.setStyleSheet("")
        data = org.FirstRunInput(
            agency_code=self.text("agency_code"), unit_name=self.text("unit_name"),
            parent_name=self.text("parent_name"), level=self.level.currentData(), place=self.text("place"),
            desk_number=self.desk_number.value(), username=self.text("username"), full_name=self.text("full_name"),
            password=self.text("password"), password_again=self.text("password_again"), phone=self.text("phone"),
            lookup_url_template=self.text("lookup_url_template"))
        try:
            self.context = org.first_run_setup(self._db, data)
        except ServiceError as exc:
            self.error.setText(exc.message)
            target = self.inputs.get(exc.field or "") or (self.desk_number if exc.field == "desk_number" else None)
            if isinstance(target, QLineEdit):
                target.setStyleSheet("border: 1px solid #b00020;")
            if target is not None:
                target.setFocus()
            return
        self.accept()
