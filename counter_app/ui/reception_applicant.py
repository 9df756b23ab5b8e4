"""The reception page's applicant part: the applicant looked up by ID number, the CCCD QR scan that fills
it at once, the kind of applicant and the fields that follow from it, and the submitter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from counter_app.domain import identity
from counter_app.i18n import tr
from counter_app.models import ApplicantKind, local_now
from counter_app.services import applicants, reception
from counter_app.services.applicants import ApplicantInput

from .reception_base import ReceptionBase
from .reception_layout import SUBMITTER_FIELDS


class ApplicantSection(ReceptionBase):
    """The applicant, typed or read from the CCCD QR code."""

    def _lookup_applicant(self) -> None:
        id_number = self.field("id_number").text().strip()
        if not id_number or self.field("name").text().strip():
            return
        found = applicants.lookup(self._db, id_number)
        hints = []
        if found is not None:
            self.set_applicant(found)
            hints.append(tr("Người nộp đã có trong hệ thống: thông tin đã được điền sẵn, hãy kiểm tra lại."))
        self._show_pending_notice(id_number, hints)

    def _show_pending_notice(self, id_number: str, hints: list[str]) -> None:
        self.pending_notice = None
        if self.notice_code is None and (open_code := reception.open_notice_for_applicant(self._db, id_number)):
            self.pending_notice = open_code
            hints.append(tr("Người này có phiếu yêu cầu bổ sung chưa xử lý: {code} — nhấn Ctrl+O để tiếp tục "
                            "lượt tiếp nhận đó.").format(code=open_code))
        hints.extend(self._refresh_reuse())
        self.applicant_hint.setText(" ".join(hints))
        self.applicant_hint.setVisible(bool(hints))

    def set_applicant(self, data: ApplicantInput) -> None:
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(ApplicantKind(data.kind))))
        self.field("id_number").setText(data.id_number)
        self.field("nationality").setText(data.nationality)
        self.field("name").setText(data.name)
        self.field("date_of_birth").setText(f"{data.date_of_birth:%d/%m/%Y}" if data.date_of_birth else "")
        self.sex_box.setCurrentIndex(max(0, self.sex_box.findData(data.sex)))
        self.field("address").setText(data.address)
        self.no_phone_check.setChecked(data.no_phone)
        self.field("phone").setText(data.phone)
        self.field("email").setText(data.email)

    def ready_for_cccd(self) -> None:
        """F4: the cursor in the ID field, ready for the scan of the QR code on the citizen's card."""
        self.field("id_number").setFocus()
        self.field("id_number").selectAll()
        self.applicant_hint.setText(tr("Quét mã QR trên thẻ căn cước (CCCD): số, họ tên, ngày sinh, giới tính và "
                                       "địa chỉ được điền cùng lúc."))
        self.applicant_hint.show()

    def identity_scanned(self, payload: str, where: QWidget) -> None:
        """A CCCD QR payload scanned into the page: fill the applicant at once and move on, or say what
        is wrong under the field it went into and fill nothing."""
        box = next((b for b in (*self.fields.values(), self.sex_field) if b.editor is where), None)
        if box is None or box is self.notice_field:
            box = self.fields["id_number"]
        try:
            card = identity.parse_cccd(payload, today=local_now().date())
        except identity.CccdPayloadError as exc:
            self._clear_errors()
            box.show_error(tr("{message} Chưa điền thông tin nào.").format(message=exc.message))
            return
        self._clear_errors()
        known = applicants.lookup(self._db, card.id_number)
        self.set_applicant(ApplicantInput(
            ApplicantKind.CITIZEN, card.id_number, card.name, card.birth_date, card.address,
            known.phone if known else "", known.email if known else "", card.sex, "",
            known.no_phone if known else False))
        hints = [tr("Đã điền từ mã QR trên CCCD của {name}.").format(name=card.name)]
        if known is not None:
            hints.append(tr("Người nộp đã có trong hệ thống: điện thoại, email được điền sẵn, hãy kiểm tra lại."))
        self._show_pending_notice(card.id_number, hints)
        if self.procedure is None:
            self.focus_procedure()  # the card came first: the procedure next
        elif not self.field("phone").text() and not self.no_phone_check.isChecked():
            self.field("phone").setFocus()
        else:
            self.checklist.setFocus()

    def _kind_changed(self, _index: int = 0) -> None:
        passport = self.kind_box.currentData() == ApplicantKind.PASSPORT
        citizen = self.kind_box.currentData() == ApplicantKind.CITIZEN
        # A citizen's sex comes with the CCCD number: Tab skips the box (a click still reaches it).
        self.sex_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus if citizen else Qt.FocusPolicy.StrongFocus)
        self.nationality_field.setVisible(passport)
        self.nationality_label.setVisible(passport)
        if not passport:
            self.field("nationality").clear()
        self.field("id_number").setPlaceholderText(tr("số hộ chiếu") if passport else tr("12 số CCCD / mã số thuế"))

    def _sex_from_cccd(self, text: str) -> None:
        """A citizen's sex is the 4th digit of the CCCD (even: Nam, odd: Nữ): filled, never typed."""
        if self.kind_box.currentData() == ApplicantKind.CITIZEN and identity.check_cccd(text.strip()) is None:
            self.sex_box.setCurrentIndex(self.sex_box.findData(identity.cccd_sex(text.strip())))

    def _toggle_no_phone(self, on: bool) -> None:
        if on:
            self.field("phone").clear()
            self.fields["phone"].clear_error()
        self.field("phone").setEnabled(not on)

    def _toggle_submitter(self, on: bool) -> None:
        self.submitter_box.setVisible(on)
        if not on:
            for name in SUBMITTER_FIELDS:
                self.field(name).clear()
