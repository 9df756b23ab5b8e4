"""The reception page's widgets and where they sit: procedure and applicant side by side on top,
the checklist across the whole width below (the document names get most of a 1366×768 or
1280×720 screen), the actions and the message line at the bottom; and the Tab order.

Only the layout: the page (:mod:`.reception_page`) connects the signals, the shortcuts and the
scanner; it and its parts (:mod:`.reception_base`) hold the behaviour.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain import identity
from counter_app.i18n import tr
from counter_app.models import ApplicantKind, DeliveryMethod
from counter_app.services.applicants import KIND_LABELS

from .checklist_model import COL_NAME, COL_REASON, ChecklistModel
from .fee_widgets import FeePanel
from .reception_widgets import CaseList, ChecklistView, ProcedureSearch
from .widgets import ERROR_STYLE, FieldBox

APPLICANT_FIELDS = ("id_number", "name", "date_of_birth", "address", "phone", "email")
SUBMITTER_FIELDS = ("submitter_name", "submitter_id_number", "submitter_phone")
NAME_COLUMN_MIN = 300  # pixels: a document name must stay readable at 1280×720


class ReceptionLayout(QWidget):
    """The widgets of the reception page, built by ``_build``."""

    @property
    def notice_edit(self) -> QLineEdit:
        return cast(QLineEdit, self.notice_field.editor)

    def field(self, name: str) -> QLineEdit:
        return cast(QLineEdit, self.fields[name].editor)  # every applicant field is a line edit

    def _build(self) -> None:
        """Every widget in its place; nothing is connected yet."""
        self._build_notice_scan()
        proc_box = self._build_procedure_box()
        app_box = self._build_applicant_box()
        check_box = self._build_checklist_box()
        actions = self._build_actions()
        top = QHBoxLayout()
        top.addWidget(proc_box, 9)
        top.addWidget(app_box, 11)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.notice_banner)
        layout.addWidget(check_box, 1)
        layout.addLayout(actions)
        self._set_tab_order()

    def _build_notice_scan(self) -> None:
        """The supplement-notice field (return visit) and the banner shown while one is open."""
        self.notice_field = FieldBox(QLineEdit(objectName="noticeScan"))
        self.notice_edit.setPlaceholderText(tr("Mã phiếu yêu cầu bổ sung (F3)"))
        self.notice_banner = QLabel(objectName="noticeBanner")
        self.notice_banner.setStyleSheet("background: #fff4cc; padding: 4px;")
        self.notice_banner.setWordWrap(True)

    def _build_procedure_box(self) -> QGroupBox:
        self.procedure_hits = QListWidget(objectName="procedureHits")
        self.procedure_hits.setMaximumHeight(150)
        self.procedure_search = ProcedureSearch(self.procedure_hits, objectName="procedureSearch")
        self.procedure_search.setPlaceholderText(tr("Gõ tên hoặc mã thủ tục, không cần dấu, rồi Enter (Ctrl+F)"))
        self.procedure_field = FieldBox(self.procedure_search)
        self.procedure_hint = QLabel(objectName="procedureHint")
        self.procedure_hint.setStyleSheet("color: #8a4b00;")
        self.procedure_hint.setWordWrap(True)
        self.procedure_label = QLabel(objectName="procedureChosen")
        self.procedure_label.setWordWrap(True)
        self.case_list = CaseList(objectName="caseList")
        self.case_label = QLabel(tr("Trường &hợp:"))
        self.case_label.setBuddy(self.case_list)
        self.case_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        box = QGroupBox(tr("1. Thủ tục hành chính"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.procedure_field)
        layout.addWidget(self.procedure_hint)
        layout.addWidget(self.procedure_hits)
        layout.addWidget(self.procedure_label)
        case_row = QHBoxLayout()
        case_row.addWidget(self.case_label)
        case_row.addWidget(self.case_list, 1)
        layout.addLayout(case_row)
        self.fee_panel = FeePanel()  # the amount owed at receipt (issue #14)
        self.fee_panel.setObjectName("feePanel")
        layout.addWidget(self.fee_panel)
        layout.addStretch(1)
        return box

    def _build_applicant_box(self) -> QGroupBox:
        self.kind_box = QComboBox(objectName="applicantKind")
        for kind in ApplicantKind:
            self.kind_box.addItem(tr(KIND_LABELS[kind]), kind)
        self.fields: dict[str, FieldBox] = {}
        for name, placeholder in (
            ("id_number", tr("12 số CCCD / mã số thuế")), ("name", ""), ("date_of_birth", tr("ngày/tháng/năm")),
            ("address", tr("số nhà/ấp, xã/phường, tỉnh")), ("phone", tr("0912 345 678 (không bắt buộc)")),
            ("email", ""), ("submitter_name", tr("họ tên người nộp thay")),
            ("submitter_id_number", tr("12 số CCCD")), ("submitter_phone", tr("điện thoại")),
        ):
            edit = QLineEdit(objectName=name)
            edit.setPlaceholderText(placeholder)
            self.fields[name] = FieldBox(edit)
        self.sex_box = QComboBox(objectName="sex")
        for text, value in (("", ""), (tr("Nam"), identity.SEX_MALE), (tr("Nữ"), identity.SEX_FEMALE)):
            self.sex_box.addItem(text, value)
        self.sex_field = FieldBox(self.sex_box)
        # Compact boxes: the name and the address keep the width (a long kind label is elided).
        for combo, letters in ((self.kind_box, 14), (self.sex_box, 3)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letters)
        self.fields["phone"].setMinimumWidth(120)
        self.fields["date_of_birth"].setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 12)
        self.nationality_field = FieldBox(QLineEdit(objectName="nationality"))
        self.fields["nationality"] = self.nationality_field
        self.field("nationality").setPlaceholderText(tr("quốc tịch ghi trên hộ chiếu"))
        self.no_phone_check = QCheckBox(tr("&Không có"), objectName="noPhone")
        self.no_phone_check.setToolTip(tr("Người nộp không có số điện thoại (Alt+K)"))
        self.no_phone_check.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Alt+K; Tab goes on to the email
        self.applicant_hint = QLabel(objectName="applicantHint")
        self.applicant_hint.setWordWrap(True)
        self.submitter_check = QCheckBox(tr("Người khác nộp thay (ủy &quyền)"), objectName="submitterCheck")

        box = QGroupBox(tr("2. Chủ hồ sơ"))
        grid = QGridLayout(box)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)

        def label(text: str, buddy: QWidget) -> QLabel:
            caption = QLabel(text)
            caption.setBuddy(buddy)
            return caption

        grid.addWidget(label(tr("Số &giấy tờ:"), self.field("id_number")), 0, 0)
        grid.addWidget(self.fields["id_number"], 0, 1)
        grid.addWidget(label(tr("Đố&i tượng:"), self.kind_box), 0, 2)
        grid.addWidget(self.kind_box, 0, 3)
        self.nationality_label = label(tr("Q&uốc tịch:"), self.field("nationality"))
        grid.addWidget(self.nationality_label, 1, 0)
        grid.addWidget(self.nationality_field, 1, 1, 1, 3)
        grid.addWidget(label(tr("Họ và &tên:"), self.field("name")), 2, 0)
        grid.addWidget(self.fields["name"], 2, 1)
        grid.addWidget(label(tr("Ngày &sinh:"), self.field("date_of_birth")), 2, 2)
        birth_row = QHBoxLayout()
        birth_row.setContentsMargins(0, 0, 0, 0)
        birth_row.addWidget(self.fields["date_of_birth"], 1)
        birth_row.addWidget(QLabel(tr("Giới tính:")))
        birth_row.addWidget(self.sex_field)
        grid.addLayout(birth_row, 2, 3)
        grid.addWidget(label(tr("Đị&a chỉ:"), self.field("address")), 3, 0)
        grid.addWidget(self.fields["address"], 3, 1, 1, 3)
        grid.addWidget(label(tr("Điện th&oại:"), self.field("phone")), 4, 0)
        phone_row = QHBoxLayout()
        phone_row.setContentsMargins(0, 0, 0, 0)
        phone_row.addWidget(self.fields["phone"], 1)
        phone_row.addWidget(self.no_phone_check)
        grid.addLayout(phone_row, 4, 1)
        grid.addWidget(label(tr("E&mail:"), self.field("email")), 4, 2)
        grid.addWidget(self.fields["email"], 4, 3)
        grid.addWidget(self.applicant_hint, 5, 0, 1, 4)
        grid.addWidget(self.submitter_check, 6, 0, 1, 4)
        self.submitter_box = QWidget()
        sub = QHBoxLayout(self.submitter_box)
        sub.setContentsMargins(0, 0, 0, 0)
        for name in SUBMITTER_FIELDS:
            sub.addWidget(self.fields[name], 2 if name == "submitter_name" else 1)
        grid.addWidget(self.submitter_box, 7, 0, 1, 4)
        return box

    def _build_checklist_box(self) -> QGroupBox:
        self.checklist_model = ChecklistModel(self)
        self.checklist = ChecklistView(objectName="checklist")
        self.checklist.setModel(self.checklist_model)
        self.checklist.setTabKeyNavigation(False)
        self.checklist.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checklist.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checklist.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.DoubleClicked
                                       | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.checklist.verticalHeader().hide()
        self.checklist.setWordWrap(True)
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.checklist.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_REASON, 190)
        header.setMinimumSectionSize(24)
        # Long names wrap, two lines at most (the whole name is in the tooltip and the line below):
        # five rows and more stay in view at 1280×720.
        rows = self.checklist.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMaximumSectionSize(2 * self.checklist.fontMetrics().lineSpacing() + 8)
        self.checklist.setMinimumWidth(NAME_COLUMN_MIN + 560)
        self.checklist_error = QLabel(objectName="checklistError")
        self.checklist_error.setStyleSheet(ERROR_STYLE)
        self.checklist_error.setWordWrap(True)
        self.row_detail = QLabel(objectName="checklistRowDetail")
        self.row_detail.setWordWrap(True)
        self.row_detail.setStyleSheet("color: #333;")
        keys_help = QLabel(tr("Phím trong bảng: 1 Đã nộp · 2 Thiếu · 3 Không hợp lệ (ghi lý do) · "
                              "4 Không áp dụng (giấy tờ có điều kiện) · F2 sửa số bản, lý do · "
                              "Ctrl+T đính kèm bản scan · 5 dùng lại bản đã số hóa"))
        keys_help.setStyleSheet("color: #555;")
        keys_help.setWordWrap(True)

        self.sets_box = QSpinBox(objectName="sets")
        self.sets_box.setRange(1, 99)
        self.delivery_box = QComboBox(objectName="delivery")
        self.delivery_box.addItem(tr("Tại Bộ phận Một cửa"), DeliveryMethod.COUNTER)
        self.delivery_box.addItem(tr("Qua dịch vụ bưu chính công ích"), DeliveryMethod.POST)

        box = QGroupBox(tr("3. Thành phần hồ sơ"))
        layout = QVBoxLayout(box)
        layout.setSpacing(3)
        layout.addWidget(keys_help)
        layout.addWidget(self.checklist, 1)
        layout.addWidget(self.checklist_error)
        extra = QHBoxLayout()
        extra.addWidget(self.row_detail, 1)
        sets_label = QLabel(tr("Số &bộ:"))
        sets_label.setBuddy(self.sets_box)
        delivery_label = QLabel(tr("&Nơi nhận kết quả:"))
        delivery_label.setBuddy(self.delivery_box)
        extra.addSpacing(12)
        extra.addWidget(sets_label)
        extra.addWidget(self.sets_box)
        extra.addSpacing(12)
        extra.addWidget(delivery_label)
        extra.addWidget(self.delivery_box)
        layout.addLayout(extra)
        return box

    def _build_actions(self) -> QVBoxLayout:
        self.outcome_label = QLabel(objectName="outcome")
        self.outcome_label.setWordWrap(True)
        self.confirm_button = QPushButton(objectName="confirm")
        self.refuse_button = QPushButton(tr("Từ chối tiếp nhận (Ctrl+R)"), objectName="refuse")
        self.new_button = QPushButton(tr("Lượt mới (Ctrl+N)"), objectName="newIntake")
        self.reprint_button = QPushButton(tr("In lại… (Ctrl+P)"), objectName="reprint")
        self.message = QLabel(objectName="receptionMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.outcome_label, 1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.refuse_button)
        buttons.addWidget(self.confirm_button)
        # The notice field shares the message line: the scanner works in any field anyway.
        below = QHBoxLayout()
        below.addWidget(self.message, 1)
        self.online_button = QPushButton(objectName="onlineQueueButton")
        below.addWidget(self.online_button)
        scan_label = QLabel(tr("&Phiếu bổ sung:"))
        scan_label.setBuddy(self.notice_edit)
        below.addWidget(scan_label)
        below.addWidget(self.notice_field)
        self.notice_field.setFixedWidth(300)
        actions = QVBoxLayout()
        actions.setSpacing(2)
        actions.addLayout(buttons)
        actions.addLayout(below)
        return actions

    def _set_tab_order(self) -> None:
        order = [self.procedure_search, self.procedure_hits, self.case_list, self.kind_box,
                 self.field("id_number"), self.field("nationality"), self.field("name"), self.field("date_of_birth"),
                 self.sex_box, self.field("address"), self.field("phone"), self.field("email"), self.submitter_check,
                 *(self.field(n) for n in SUBMITTER_FIELDS), self.checklist, self.sets_box, self.delivery_box,
                 self.confirm_button, self.refuse_button, self.new_button, self.reprint_button, self.notice_edit]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
