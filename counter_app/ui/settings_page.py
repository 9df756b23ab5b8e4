"""Settings page: the connection to the central system (address and this desk's token), the
language, the support box (export the log files), printing and the printed forms (header lines,
paper, extensions allowed, form 06 with the receipt), the idle auto-lock of a shared PC."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app import i18n
from counter_app.i18n import tr
from counter_app.models import Role
from counter_app.models.db import Database
from counter_app.services import attachments, documents, org
from counter_app.services.errors import ServiceError
from counter_app.services.org import DeskContext
from counter_app.sync import service

from . import translations
from .operations import run_in_background
from .sync_status import SyncController, last_sync_text
from .widgets import ERROR_STYLE


class SettingsPage(QWidget):
    def __init__(self, db: Database, context: DeskContext, controller: SyncController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.context = context
        self.controller = controller
        self.url_edit = QLineEdit(objectName="centralUrl", placeholderText="https://motcua.camau.gov.vn")
        self.token_edit = QLineEdit(objectName="syncToken", echoMode=QLineEdit.EchoMode.Password)
        self.save_button = QPushButton(tr("Lưu cài đặt"), objectName="saveSync", default=True)
        self.test_button = QPushButton(tr("Kiểm tra kết nối"), objectName="testSync")
        self.message = QLabel(objectName="syncMessage", wordWrap=True)
        self.state = QLabel(objectName="syncStateText", wordWrap=True)

        box = QGroupBox(tr("Đồng bộ với hệ thống trung tâm"))
        form = QFormLayout(box)
        form.addRow(tr("Địa chỉ máy chủ trung tâm:"), self.url_edit)
        form.addRow(tr("Mã truy cập của quầy:"), self.token_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.message)
        form.addRow(self.state)
        support = QGroupBox(tr("Hỗ trợ kỹ thuật"))
        support_layout = QVBoxLayout(support)
        self.export_logs_button = QPushButton(tr("Xuất nhật ký…"), objectName="exportLogs")
        self.export_logs_button.setToolTip(tr("Gom các tệp nhật ký của phần mềm vào một tệp .zip để gửi bộ phận kỹ thuật"))
        self.support_message = QLabel(objectName="supportMessage", wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.export_logs_button)
        row.addStretch(1)
        support_layout.addLayout(row)
        support_layout.addWidget(self.support_message)
        language_box = QGroupBox(tr("Ngôn ngữ"))
        language_form = QFormLayout(language_box)
        self.language = QComboBox(objectName="language")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(translations.current_language())))
        self.language_message = QLabel(tr("Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau. "
                                           "Giấy tờ in ra luôn bằng tiếng Việt."), objectName="languageMessage",
                                       wordWrap=True)
        language_form.addRow(tr("Ngôn ngữ giao diện:"), self.language)
        language_form.addRow(self.language_message)
        self.direct_print_check = QCheckBox(
            tr("In thẳng ra máy in mặc định (cả hai liên), không mở bản xem trước"), objectName="directPrint")
        self.direct_print_check.setChecked(documents.direct_print(db))
        self.direct_print_check.toggled.connect(lambda on: documents.set_direct_print(self.db, on))
        print_box = QGroupBox(tr("In giấy tờ"))
        print_form = QFormLayout(print_box)
        print_form.addRow(self.direct_print_check)
        # Digitising (issue #13): the folder the office scanner delivers to ("scan to folder").
        self.scan_folder_edit = QLineEdit(objectName="scanFolder")
        folder = attachments.scan_folder(db)
        self.scan_folder_edit.setText(str(folder) if folder else "")
        self.scan_folder_edit.setPlaceholderText(tr("ví dụ: D:\\Scan hoặc /home/motcua/Scan"))
        self.scan_folder_edit.editingFinished.connect(self.save_scan_folder)
        self.scan_folder_message = QLabel(objectName="scanFolderMessage")
        print_form.addRow(tr("Thư mục máy quét gửi tệp (số hóa):"), self.scan_folder_edit)
        print_form.addRow(self.scan_folder_message)
        # The printed forms (issue #16): header lines, paper, extensions, form 06 with the receipt.
        self._add_form_settings(print_form)
        # Shared counter PCs: the screen locks by itself after so many idle minutes.
        self.idle_lock_box = QSpinBox(objectName="idleLockMinutes")
        self.idle_lock_box.setRange(0, 240)
        self.idle_lock_box.setSpecialValueText(tr("không tự khóa"))
        self.idle_lock_box.setSuffix(tr(" phút"))
        self.idle_lock_box.setValue(org.idle_lock_minutes(db))
        self.idle_lock_box.valueChanged.connect(self.save_idle_lock)
        lock_box = QGroupBox(tr("Máy dùng chung"))
        lock_form = QFormLayout(lock_box)
        lock_form.addRow(tr("Tự khóa màn hình khi không dùng sau:"), self.idle_lock_box)
        lock_form.addRow(QLabel(tr("Khóa ngay: Ctrl+Shift+L · Đổi cán bộ: Ctrl+Shift+U · Đăng xuất: Ctrl+Shift+Q")))
        # Two columns, so every box keeps its full height on a 1366×768 desk screen: the connection
        # and data boxes on the left (``boxes``: the backup box is inserted there), this PC's and the
        # printed forms' on the right.
        layout = QHBoxLayout(self)
        self.boxes = QVBoxLayout()
        self.boxes.addWidget(box)
        self.boxes.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(language_box)
        right.addWidget(print_box)
        right.addWidget(lock_box)
        right.addWidget(support)
        right.addStretch(1)
        layout.addLayout(self.boxes, 3)
        layout.addLayout(right, 2)

        self.export_logs_button.clicked.connect(self.ask_export_logs)
        self.language.activated.connect(lambda _index: self.save_language(self.language.currentData()))

        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self.test_connection)
        self.url_edit.returnPressed.connect(self.save)
        self.token_edit.returnPressed.connect(self.save)
        if controller is not None:
            controller.status_changed.connect(self.show_status)
        self.load()

    # ------------------------------------------------------------------ printed forms

    def _add_form_settings(self, form: QFormLayout) -> None:
        """The printed forms, in the printing box: header lines (governing body, then one line: the
        centre or the reception section; empty = the default shown), paper of forms 01–06, extensions
        allowed (form 04), form 06 printed blank with the receipt. Supervisors and administrators
        change them (audited); the others see them."""
        self.can_edit_forms = bool(self.context.roles & {Role.SUPERVISOR, Role.ADMIN})
        self.governing_edit = QLineEdit(objectName="formGoverning")
        self.governing_edit.setToolTip(tr("Dòng thứ nhất của tiêu đề biểu mẫu: cơ quan chủ quản"))
        self.unit_line_edit = QLineEdit(objectName="formUnitLine")
        self.unit_line_edit.setToolTip(tr("Dòng thứ hai: trung tâm, hoặc bộ phận tiếp nhận và trả kết quả"))
        self.paper_box = QComboBox(objectName="formPaper")
        for size in ("A4", "A5"):
            self.paper_box.addItem(size, size)
        self.extensions_box = QSpinBox(objectName="formMaxExtensions")
        self.extensions_box.setRange(0, documents.MAX_EXTENSIONS_LIMIT)
        self.extensions_box.setSuffix(tr(" lần"))
        self.slip_at_receipt_check = QCheckBox(tr("In kèm Phiếu kiểm soát (Mẫu 06) để trống khi tiếp nhận"),
                                               objectName="formSlipAtReceipt")
        self.save_forms_button = QPushButton(tr("Lưu cài đặt biểu mẫu"), objectName="saveForms")
        self.forms_message = QLabel(objectName="formsMessage", wordWrap=True)
        governing_label = QLabel(tr("Tiêu đề dòng &1:"))
        governing_label.setBuddy(self.governing_edit)
        unit_label = QLabel(tr("Tiêu đề dòng &2:"))
        unit_label.setBuddy(self.unit_line_edit)
        form.addRow(governing_label, self.governing_edit)
        form.addRow(unit_label, self.unit_line_edit)
        row = QHBoxLayout()
        row.addWidget(self.paper_box)
        row.addSpacing(12)
        row.addWidget(QLabel(tr("Gia hạn tối đa (Mẫu 04):")))
        row.addWidget(self.extensions_box)
        row.addStretch(1)
        form.addRow(tr("Khổ giấy Mẫu 01–06:"), row)
        form.addRow(self.slip_at_receipt_check)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_forms_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        form.addRow(self.forms_message)
        for edit in (self.governing_edit, self.unit_line_edit):
            edit.returnPressed.connect(self.save_forms)
        self.save_forms_button.clicked.connect(self.save_forms)
        for widget in (self.governing_edit, self.unit_line_edit, self.paper_box, self.extensions_box,
                       self.slip_at_receipt_check, self.save_forms_button):
            widget.setEnabled(self.can_edit_forms)
        self.load_forms()
        if not self.can_edit_forms:
            self.forms_message.setText(tr("Chỉ lãnh đạo hoặc quản trị mới thay đổi được cài đặt biểu mẫu."))

    def load_forms(self) -> None:
        current = documents.read_form_settings(self.db)
        self.governing_edit.setText(current.governing)
        self.governing_edit.setPlaceholderText(tr("Mặc định: {text}").format(text=current.default_governing))
        self.unit_line_edit.setText(current.unit_line)
        self.unit_line_edit.setPlaceholderText(tr("Mặc định: {text}").format(text=current.default_unit_line))
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(current.paper)))
        self.extensions_box.setValue(current.max_extensions)
        self.slip_at_receipt_check.setChecked(current.control_slip_at_receipt)

    @Slot()
    def save_forms(self) -> None:
        """Save what is on screen (an empty header line = the default); a refused value keeps what was
        typed and names the field."""
        if not self.can_edit_forms:
            return
        for edit in (self.governing_edit, self.unit_line_edit):
            edit.setStyleSheet("")
        try:
            saved = documents.save_form_settings(
                self.db, governing=self.governing_edit.text(), unit_line=self.unit_line_edit.text(),
                paper=self.paper_box.currentData(), max_extensions=self.extensions_box.value(),
                control_slip_at_receipt=self.slip_at_receipt_check.isChecked(), officer_id=self.context.officer_id)
        except ServiceError as exc:
            self.forms_message.setStyleSheet("color: #b3261e")
            self.forms_message.setText(exc.message)
            edit = {"governing": self.governing_edit, "unit_line": self.unit_line_edit}.get(exc.field or "")
            if edit is not None:
                edit.setStyleSheet("border: 2px solid #b3261e;")
                edit.setFocus()
            return
        self.load_forms()
        self.forms_message.setStyleSheet("color: #0a7a2f")
        self.forms_message.setText(tr("Đã lưu. Tiêu đề in trên biểu mẫu: «{line1}» / «{line2}»; khổ {paper}.").format(
            line1=saved.header[0].upper(), line2=saved.header[1].upper(), paper=saved.paper))

    def save_language(self, code: str) -> None:
        """Remember this PC's screen language; it applies at the next start."""
        translations.save_language(code)
        self.language_message.setText(tr("Đã lưu ngôn ngữ: {language}.").format(language=i18n.LANGUAGES[code]) + " "
                                      + tr("Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau. "
                                           "Giấy tờ in ra luôn bằng tiếng Việt."))

    @Slot()
    def ask_export_logs(self) -> None:
        from datetime import datetime

        suggested = Path.home() / f"nhat-ky-mot-cua-{datetime.now():%Y%m%d-%H%M}.zip"
        path, _ = QFileDialog.getSaveFileName(self, tr("Xuất nhật ký"), str(suggested), tr("Tệp nén (*.zip)"))
        if path:
            self.export_logs_to(Path(path))

    def export_logs_to(self, path: Path) -> Path | None:
        """Zip the log files into ``path`` and say where they went (or why not)."""
        from counter_app.logs import export_logs

        try:
            written = export_logs(path)
        except OSError as exc:
            self.support_message.setText(tr("Không xuất được nhật ký: {error}").format(error=exc.strerror or exc))
            return None
        self.support_message.setText(tr("Đã xuất nhật ký vào «{path}».").format(path=written))
        return written

    def save_scan_folder(self) -> None:
        text = self.scan_folder_edit.text().strip()
        folder = Path(text) if text else None
        if folder is not None and not folder.is_dir():
            self.scan_folder_message.setStyleSheet(ERROR_STYLE)
            self.scan_folder_message.setText(tr("Không có thư mục «{folder}» trên máy này.").format(folder=text))
            return
        attachments.set_scan_folder(self.db, folder)
        self.scan_folder_message.setStyleSheet("")
        self.scan_folder_message.setText(tr("Đã lưu thư mục quét.") if folder else tr("Đã bỏ thư mục quét."))

    def save_idle_lock(self, minutes: int) -> None:
        minutes = org.set_idle_lock_minutes(self.db, minutes)
        idle_lock = getattr(self.window(), "idle_lock", None)
        if idle_lock is not None:
            idle_lock.set_minutes(minutes)

    def focus_primary(self) -> None:
        self.url_edit.setFocus()

    def load(self) -> None:
        config = service.saved_config(self.db)
        self.url_edit.setText(config.central_url)
        self.token_edit.clear()
        self.token_edit.setPlaceholderText(
            tr("Đã lưu mã truy cập — để trống nếu giữ nguyên") if config.token else tr("Dán mã do quản trị cấp"))

    def _entered(self) -> tuple[str, str]:
        stored = service.saved_config(self.db)
        return self.url_edit.text().strip(), self.token_edit.text().strip() or stored.token

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e" if error else "color: #0a7a2f")

    @Slot()
    def save(self) -> None:
        url, token = self._entered()
        try:
            service.save_config(self.db, url, token)
        except ServiceError as exc:
            self._say(exc.message, error=True)
            return
        self.load()
        self._say(tr("Đã lưu cài đặt đồng bộ. Máy sẽ đồng bộ ngay bây giờ."))
        if self.controller is not None:
            self.controller.settings_changed()

    @Slot()
    def test_connection(self) -> None:
        url, token = self._entered()
        if not url or not token:
            self._say(tr("Hãy nhập địa chỉ máy chủ trung tâm và mã truy cập trước khi kiểm tra."), error=True)
            return
        self.test_button.setEnabled(False)
        self._say(tr("Đang kiểm tra kết nối…"))
        checker = service.SyncService(self.db, timeout=10.0)
        run_in_background(self, lambda: checker.check_connection(url, token), self._tested, self._test_failed)

    def _tested(self, who: dict) -> None:
        self.test_button.setEnabled(True)
        unit, desk = who.get("unit_code"), who.get("desk_number")
        if who.get("kind") != "desk":
            self._say(tr("Mã này là mã của cán bộ xử lý, không phải mã của quầy."), error=True)
        elif (unit, desk) != (self.context.agency_code, self.context.desk_number):
            self._say(tr("Mã truy cập này cấp cho quầy số {d} của đơn vị {u}, không phải quầy này "
                         "(quầy số {my_d}, đơn vị {my_u}).").format(
                d=desk, u=unit, my_d=self.context.desk_number, my_u=self.context.agency_code), error=True)
        else:
            self._say(tr("Kết nối thành công: máy chủ trung tâm nhận ra quầy số {d} của đơn vị {u}.").format(
                d=desk, u=unit))

    def _test_failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        self._say(exc.message if isinstance(exc, ServiceError) else str(exc), error=True)

    @Slot(object)
    def show_status(self, st: service.SyncStatus) -> None:
        lines = [last_sync_text(st.last_success_at),
                 tr("Sự kiện chờ gửi: {n}").format(n=st.pending)]
        if st.last_error:
            lines.append(tr("Lần đồng bộ gần nhất không thành công: {e}").format(e=st.last_error))
        self.state.setText("\n".join(lines))
