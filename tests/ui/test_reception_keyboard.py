"""The reception by keyboard alone, as a queue needs it: one predictable path, nothing typed lost.

Single-case ("khai sinh") and multi-case ("kết hôn") procedures, each to the three outcomes;
focus is asserted after every step. Scanner bursts (tests/ui/qt_helpers.ScanClock: no sleeps) go
into every reception field.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter_app.models import Dossier, Intake, IntakeOutcome, SupplementNotice
from counter_app.services import catalog, reception
from counter_app.services.applicants import ApplicantInput
from counter_app.services.reception import DocumentCheck, DocumentDecision, IntakeForm
from counter_app.ui.events import DeskEvents
from counter_app.ui.reception_page import ReceptionPage
from tests.helpers import make_dossier
from tests.ui.qt_helpers import scan_burst, show_active, type_by_hand, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
APPLICANT = {"id_number": "096185001234", "name": "Nguyễn Thị Ánh Tuyết", "date_of_birth": "05/09/1985",
             "address": "ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau", "phone": "0912 345 678", "email": ""}
# Procedure search text, keys in the case list, checklist keys to receive, to ask for a supplement.
PROCEDURES = {
    "single": ("khai sinh", [], "114", "124"),
    "multi": ("ket hon", [Qt.Key.Key_Down, Qt.Key.Key_Return], "11", "12"),
}


class Keys:
    """Presses keys into whatever has the focus, and counts them (the README quotes the count)."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.count = 0

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
        self.qtbot.keyClick(QApplication.focusWidget(), key, modifier)
        QApplication.processEvents()
        self.count += 1

    def type(self, text: str) -> None:
        type_text(QApplication.focusWidget(), text)
        self.count += len(text)

    def decide(self, keys: str) -> None:
        for key in keys:
            self.press(getattr(Qt.Key, f"Key_{key}"))


@pytest.fixture
def events():
    return DeskEvents()


@pytest.fixture
def page(db, desk_context, qtbot, events):
    page = ReceptionPage(db, desk_context, events)
    show_active(qtbot, page)
    yield page
    for dialog in (page.preview, getattr(page, "refusal_dialog", None)):
        if dialog is not None:
            dialog.close()


def focused():
    return QApplication.focusWidget()


def choose(keys: Keys, page, kind: str) -> None:  # noqa: ANN001
    """Procedure search → (case list) → the ID-number field, always."""
    text, case_keys, _, _ = PROCEDURES[kind]
    assert focused() is page.procedure_search
    keys.type(text)
    keys.press(Qt.Key.Key_Return)
    if case_keys:
        assert focused() is page.case_list and page.case_list.isVisible()
    for key in case_keys:
        keys.press(key)
    assert focused() is page.field("id_number")


def fill_applicant(keys: Keys, page, values=APPLICANT) -> None:  # noqa: ANN001
    for name in ("id_number", "name", "date_of_birth", "address", "phone", "email"):
        assert focused() is page.field(name), name
        if values[name]:
            keys.type(values[name])
        keys.press(Qt.Key.Key_Tab)
    assert focused() is page.submitter_check
    keys.press(Qt.Key.Key_Tab)
    assert focused() is page.checklist


@pytest.mark.parametrize("kind", ["single", "multi"])
def test_received_by_keyboard(db, page, qtbot, kind):
    keys = Keys(qtbot)
    choose(keys, page, kind)
    fill_applicant(keys, page)
    keys.decide(PROCEDURES[kind][2])
    assert page.confirm_button.isEnabled() and page.confirm_button.text().startswith("Tiếp nhận")
    keys.press(Qt.Key.Key_Return, CTRL)
    with db.read() as s:
        dossier = s.execute(select(Dossier)).scalar_one()
        assert dossier.applicant.name == APPLICANT["name"] and dossier.intake.outcome == IntakeOutcome.RECEIVED
        assert (dossier.case.code == "XM") == (kind == "multi")
    assert focused() is page.preview.print_button
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is page.procedure_search)
    if kind == "single":
        # The count the README quotes: a simple procedure, a new citizen, from the search to the
        # slip closed: 101 characters of search text and citizen data (one key per letter, as an
        # input method delivers it), 13 other keys (Enter, 7 × Tab, 1 1 4, Ctrl+Enter, Esc).
        typed = len("khai sinh") + sum(len(v) for v in APPLICANT.values())
        assert (typed, keys.count - typed) == (101, 13), keys.count


@pytest.mark.parametrize("kind", ["single", "multi"])
def test_notice_by_keyboard(db, page, qtbot, kind):
    keys = Keys(qtbot)
    choose(keys, page, kind)
    fill_applicant(keys, page)
    keys.decide(PROCEDURES[kind][3])
    assert page.confirm_button.text().startswith("In phiếu yêu cầu bổ sung")
    keys.press(Qt.Key.Key_Return, CTRL)
    with db.read() as s:
        assert s.execute(select(SupplementNotice)).scalar_one().items
    assert focused() is page.preview.print_button
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is page.procedure_search)


@pytest.mark.parametrize("kind", ["single", "multi"])
def test_refusal_with_a_field_error_keeps_everything_typed(db, page, qtbot, kind):
    keys = Keys(qtbot)
    choose(keys, page, kind)
    bad = dict(APPLICANT, name="Nguyễn Văn 3", id_number="0961850012", phone="")  # no phone: not needed
    fill_applicant(keys, page, bad)
    keys.press(Qt.Key.Key_R, CTRL)
    dialog = page.refusal_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.reason
    reason = "Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã"
    keys.type(reason)
    keys.press(Qt.Key.Key_Return, CTRL)
    # The dialog stays, the reason stays, and both bad fields are named at once.
    assert dialog.isVisible() and dialog.reason.toPlainText() == reason and focused() is dialog.reason
    assert "12 chữ số" in dialog.error.text() and "chỉ gồm chữ cái" in dialog.error.text()
    assert "điện thoại" not in dialog.error.text().lower()
    assert page.fields["id_number"].error.isVisible() and page.fields["name"].error.isVisible()
    keys.press(Qt.Key.Key_Escape)  # to correct the fields on the page
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: focused() is page.field("id_number"))
    assert page.field("name").text() == "Nguyễn Văn 3" and page.field("address").text() == APPLICANT["address"]
    page.field("id_number").selectAll()
    keys.type(APPLICANT["id_number"])
    keys.press(Qt.Key.Key_Tab)
    assert focused() is page.field("name")
    page.field("name").selectAll()
    keys.type(APPLICANT["name"])
    keys.press(Qt.Key.Key_R, CTRL)
    dialog = page.refusal_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.reason.toPlainText() == reason  # kept from the first try
    keys.press(Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    with db.read() as s:
        intake = s.execute(select(Intake)).scalar_one()
        assert intake.outcome == IntakeOutcome.REFUSED and intake.refusal_reason == reason
        assert intake.applicant.phone == ""
    assert page.preview.isVisible()


def test_all_field_errors_at_once_on_the_page(db, page, qtbot):
    keys = Keys(qtbot)
    choose(keys, page, "single")
    fill_applicant(keys, page, dict(APPLICANT, name="Nguyễn Văn 3", date_of_birth="31/02/1985", phone="12345"))
    keys.decide("114")
    keys.press(Qt.Key.Key_Return, CTRL)
    shown = {name for name, box in page.fields.items() if box.error.isVisible()}
    assert shown == {"name", "date_of_birth", "phone"}
    assert focused() is page.field("date_of_birth") or focused() is page.field("name")
    assert page.field("name").text() == "Nguyễn Văn 3" and page.field("phone").text() == "12345"


def test_f2_in_the_checklist_edits_the_row(db, page, qtbot):
    keys = Keys(qtbot)
    choose(keys, page, "single")
    fill_applicant(keys, page)
    keys.decide("1")
    assert page.checklist.currentIndex().row() == 1
    keys.press(Qt.Key.Key_F2)  # edits the counts of the current row, not the procedure search
    assert page.procedure_search.text() == "1.001193" and page.checklist.isPersistentEditorOpen is not None
    assert page.checklist.currentIndex().column() == 3 and page.checklist.state() == page.checklist.State.EditingState
    keys.type("2")
    keys.press(Qt.Key.Key_Tab)
    keys.type("1")
    keys.press(Qt.Key.Key_Return)
    QApplication.processEvents()
    row = page.checklist_model.rows()[1]
    assert (row.originals, row.certified_copies) == (2, 1) and row.decision is None
    assert focused() is page.checklist and page.checklist.currentIndex().column() == 2
    keys.decide("14")
    assert page.procedure.code == "1.001193" and not page.checklist_model.undecided()


def test_changing_the_procedure_after_decisions_asks_first(db, page, qtbot):
    keys = Keys(qtbot)
    choose(keys, page, "single")
    fill_applicant(keys, page)
    keys.decide("11")
    answers = []

    def answer(key):  # noqa: ANN001
        def press_in_box():  # inside the question's own event loop: plain key events, not QTest's
            box = page.confirm_box
            answers.append(box.text())
            target = box.focusWidget() or box
            if key == Qt.Key.Key_Right:  # to "Vẫn đổi", then Space presses it
                for k in (Qt.Key.Key_Backtab, Qt.Key.Key_Space):
                    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                        QApplication.sendEvent(box.focusWidget(), QKeyEvent(kind, k, Qt.KeyboardModifier.NoModifier))
                return
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))
        QTimer.singleShot(0, press_in_box)

    keys.press(Qt.Key.Key_F, CTRL)
    assert focused() is page.procedure_search
    keys.type("ket hon")
    answer(Qt.Key.Key_Escape)  # keep
    keys.press(Qt.Key.Key_Return)
    assert answers and "2 giấy tờ" in answers[0]
    assert page.procedure.code == "1.001193" and len(page.checklist_model.checks()) == 2
    keys.press(Qt.Key.Key_F, CTRL)
    keys.type("ket hon")
    answer(Qt.Key.Key_Right)  # "Vẫn đổi"
    keys.press(Qt.Key.Key_Return)
    assert page.procedure.code == "1.000894" and page.checklist_model.checks() == ()
    assert page.field("name").text() == APPLICANT["name"]  # the applicant stays


def test_ctrl_n_clears_every_message_of_the_previous_citizen(db, page, qtbot):
    keys = Keys(qtbot)
    keys.type("khong co thu tuc nay")
    assert page.procedure_hint.isVisible() and "Không tìm thấy" in page.procedure_hint.text()
    page.procedure_search.clear()
    choose(keys, page, "single")
    fill_applicant(keys, page)
    keys.decide("114")
    keys.press(Qt.Key.Key_Return, CTRL)
    page.preview.close()
    qtbot.waitUntil(lambda: focused() is page.procedure_search)
    assert "Đã tiếp nhận hồ sơ" in page.message.text()
    keys.type("khai sinh")
    keys.press(Qt.Key.Key_Return)
    keys.type("0961")
    keys.press(Qt.Key.Key_Return, CTRL)
    assert page.checklist_error.text()
    keys.press(Qt.Key.Key_N, CTRL)
    assert page.message.text() == "" and page.checklist_error.text() == "" and page.procedure_hint.text() == ""
    assert not any(box.error.isVisible() for box in page.fields.values())
    assert page.field("id_number").text() == "" and focused() is page.procedure_search


def test_checklist_keys_say_why_and_reasons_do_not_linger(db, page, qtbot):
    keys = Keys(qtbot)
    choose(keys, page, "single")
    fill_applicant(keys, page)
    keys.decide("4")  # the declaration is mandatory: "not applicable" is refused, and said so
    assert "bắt buộc" in page.checklist_error.text() and page.checklist_model.rows()[0].decision is None
    keys.decide("3")
    keys.type("Tờ khai bị tẩy xóa")
    keys.press(Qt.Key.Key_Return)
    assert page.checklist_model.rows()[0].reason == "Tờ khai bị tẩy xóa"
    page.checklist.setCurrentIndex(page.checklist_model.index(0, 2))
    keys.decide("1")  # the officer changed their mind: provided, no reason left behind
    assert page.checklist_model.rows()[0].reason == ""
    name = page.checklist_model.index(0, 1)
    assert page.checklist_model.data(name, Qt.ItemDataRole.ToolTipRole) == "Tờ khai đăng ký khai sinh"


@pytest.fixture
def codes_to_scan(db, desk_context):
    """A received dossier's code and an open supplement notice's code."""
    with db.write() as s:
        dossier_code = make_dossier(s, id_number="096085009999").code
    with db.read() as s:
        case = catalog.get_detail(s, code="1.001193").cases[0]
    checks = (DocumentCheck(case.documents[0].id, DocumentDecision.MISSING),
              DocumentCheck(case.documents[1].id, DocumentDecision.PROVIDED, "", 1),
              DocumentCheck(case.documents[2].id, DocumentDecision.NOT_APPLICABLE))
    applicant = ApplicantInput(id_number="096185001234", name="Nguyễn Thị Ánh Tuyết", date_of_birth=date(1985, 9, 5),
                               address="ấp Tân Hưng, xã Tân Thành", phone="0912345678")
    notice_code = reception.issue_supplement(db, desk_context, IntakeForm(case.id, applicant, checks)).notice_code
    return dossier_code, notice_code


FIELDS = ["notice", "procedure", "id_number", "name", "date_of_birth", "address", "phone", "email",
          "submitter_name", "submitter_id_number", "submitter_phone"]


def field_of(page, name: str):  # noqa: ANN001
    if name == "notice":
        return page.notice_edit
    if name == "procedure":
        return page.procedure_search
    if name.startswith("submitter_"):
        page.submitter_check.setChecked(True)
    return page.field(name)


def test_a_scanned_notice_code_reopens_its_intake_from_any_field(db, page, qtbot, codes_to_scan):
    _, notice_code = codes_to_scan
    for name in FIELDS:
        page.reset()
        edit = field_of(page, name)
        edit.setFocus()
        scan_burst(qtbot, edit, notice_code)
        assert page.notice_code == notice_code and page.notice_banner.isVisible(), name
        assert page.field("name").text() == "Nguyễn Thị Ánh Tuyết"
        assert all(notice_code not in box.editor.text() for box in page.fields.values()), name
        assert page.procedure_search.text() == "1.001193" and focused() is page.checklist


def test_a_scanned_dossier_code_shows_the_dossier_from_any_field(db, page, qtbot, codes_to_scan, events):
    dossier_code, _ = codes_to_scan
    for name in FIELDS:
        page.reset()
        edit = field_of(page, name)
        edit.setFocus()
        typed = "" if name in ("notice", "procedure") else "Lê"
        if typed:
            type_text(edit, typed)  # typed by hand before the scan: kept
        with qtbot.waitSignal(events.dossier_scanned, timeout=1000) as shown:
            scan_burst(qtbot, edit, dossier_code)
        assert shown.args == [dossier_code], name
        assert edit.text() == typed and dossier_code in page.message.text(), name
        assert page.notice_code is None


def test_a_code_typed_by_hand_into_a_name_stays_text(db, page, qtbot, codes_to_scan, events):
    """Only a scanner's burst is a scan: slow typing is the officer's and goes where it was typed."""
    dossier_code, _ = codes_to_scan
    edit = field_of(page, "address")
    edit.setFocus()
    type_by_hand(qtbot, edit, dossier_code)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.text() == dossier_code and page.notice_code is None
