""""Cần xử lý": the desk's events the central refused and kept aside, and their correction.

Opened from the status-bar count (or Alt+number). Each row shows the dossier (or intake), what the
event was and the central's reason in Vietnamese; selecting it fills the applicant form below, and
"Gửi bản sửa" (Ctrl+Enter) corrects the applicant through ``counter_app.sync.attention.correct``,
which sends the correcting event. Errors appear under the field they belong to.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.models.db import Database
from counter_app.services import applicants
from counter_app.services.applicants import ApplicantInput
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext
from counter_app.sync import attention
from counter_app.sync.attention import AttentionItem

from .qt_models import OBJECT_ROLE, Column, ObjectTableModel
from .widgets import ERROR_STYLE, FieldBox


class AttentionModel(ObjectTableModel[AttentionItem]):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__([
            Column(tr("Số sự kiện"), lambda a: str(a.seq)),
            Column(tr("Hồ sơ / lượt tiếp nhận"), lambda a: a.entity_key),
            Column(tr("Chủ hồ sơ"), lambda a: a.applicant_name),
            Column(tr("Việc"), lambda a: tr(a.kind_label)),
            Column(tr("Lý do trung tâm từ chối"), lambda a: a.reason),
        ], parent)


# Translated when shown (tr at import time would keep the language of the first import).
FORM_FIELDS = (("id_number", QT_TR_NOOP("Số giấy tờ")), ("name", QT_TR_NOOP("Họ và tên")),
               ("date_of_birth", QT_TR_NOOP("Ngày sinh")), ("address", QT_TR_NOOP("Địa chỉ")),
               ("phone", QT_TR_NOOP("Điện thoại")), ("email", QT_TR_NOOP("Email")))


class AttentionPage(QWidget):
    changed = Signal(int)  # open items left
    sent = Signal(str)  # a correction was saved (and waits in the outbox)

    def __init__(self, db: Database, context: DeskContext, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._db, self._context = db, context
        self._current: AttentionItem | None = None
        intro = QLabel(tr("Các sự kiện dưới đây đã được máy chủ trung tâm nhận nhưng <b>giữ lại</b> vì dữ liệu "
                          "không hợp lệ; các hồ sơ khác vẫn được đồng bộ bình thường. Chọn một dòng, sửa thông "
                          "tin rồi bấm «Gửi bản sửa» để trung tâm nhận lại."), wordWrap=True)
        self.model = AttentionModel(self)
        self.table = QTableView(objectName="attentionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._select())
        self.empty_label = QLabel(tr("Không có sự kiện nào cần xử lý."), objectName="attentionEmpty")

        self.editors = {name: QLineEdit(objectName=f"attention_{name}") for name, _ in FORM_FIELDS}
        self.fields = {name: FieldBox(editor) for name, editor in self.editors.items()}
        form = QFormLayout()
        for name, label in FORM_FIELDS:
            form.addRow(tr(label), self.fields[name])
        self.send_button = QPushButton(tr("&Gửi bản sửa (Ctrl+Enter)"), objectName="attentionSend")
        self.send_button.clicked.connect(self.send)
        self.message = QLabel(objectName="attentionMessage", wordWrap=True)
        box = QGroupBox(tr("Sửa thông tin chủ hồ sơ"))
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.send_button)
        box_layout.addWidget(self.message)
        self.form_box = box
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.send,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh()

    def focus_primary(self) -> None:
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        rows = attention.items(self._db)
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self.form_box.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)
        self._select()
        self.changed.emit(len(rows))

    def _select(self) -> None:
        index = self.table.currentIndex()
        item = index.data(OBJECT_ROLE) if index.isValid() else None
        self._current = item
        for box in self.fields.values():
            box.clear_error()
        if item is None:
            for editor in self.editors.values():
                editor.clear()
            return
        try:
            data = attention.current_applicant(self._db, item.entity_key)
        except ServiceError as exc:
            self._show_message(exc.message, error=True)
            return
        values = {"id_number": data.id_number, "name": data.name, "address": data.address, "phone": data.phone,
                  "email": data.email,
                  "date_of_birth": f"{data.date_of_birth:%d/%m/%Y}" if data.date_of_birth else ""}
        for name, value in values.items():
            self.editors[name].setText(value)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #0a7a2f")
        self.message.setText(text)

    def send(self) -> None:
        item = self._current
        if item is None:
            return
        for box in self.fields.values():
            box.clear_error()
        text = {name: editor.text() for name, editor in self.editors.items()}
        try:
            birth = applicants.parse_birth_date(text["date_of_birth"])
            data = ApplicantInput(id_number=text["id_number"], name=text["name"], date_of_birth=birth,
                                  address=text["address"], phone=text["phone"], email=text["email"])
            attention.correct(self._db, self._context, item.entity_key, data)
        except ServiceError as exc:
            if exc.field in self.fields:
                self.fields[exc.field].show_error(exc.message)
            else:
                self._show_message(exc.message, error=True)
            return
        # The row stays until the central accepts the correction (the next sync pass).
        self._show_message(tr("Đã lưu bản sửa của {key}; bản sửa sẽ được gửi ở lượt đồng bộ tới.").format(
            key=item.entity_key))
        self.sent.emit(item.entity_key)
