"""The CCCD QR code scanned at the reception (issue #13): real widgets, a real SQLite file, keys as a
USB scanner sends them (the scanner clock of tests/helpers: no sleeps)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter_app.models import Applicant, ApplicantKind, Dossier
from counter_app.ui import scanner
from counter_app.ui.events import DeskEvents
from counter_app.ui.reception_page import ReceptionPage
from tests.ui.qt_helpers import show_active, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
PAYLOAD = ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|"
           "Ấp Tân Hưng, Xã Tân Thành, Tỉnh Cà Mau|20042021")
NEW_CARD = ("001200012345||Trần Văn Đức|15032000|Nam|Số 12 Hàng Bạc, Phường Hoàn Kiếm, Hà Nội|02082024|"
            "Nguyễn Văn Bố|Lê Thị Mẹ")


@pytest.fixture
def catalog_db(db_path):
    """The real bundled catalog and the demo desk (as tests/ui/test_screen_fit.py)."""
    from counter_app.services.desk_database import open_desk_database

    db = open_desk_database(db_path, demo_setup=True)
    yield db
    db.dispose()


@pytest.fixture
def page(db, desk_context, qtbot):
    page = ReceptionPage(db, desk_context, DeskEvents())
    show_active(qtbot, page)
    yield page
    if page.preview is not None:
        page.preview.close()


def focused():
    return QApplication.focusWidget()


def scan(widget, text: str, end: Qt.Key | None = Qt.Key.Key_Return) -> None:  # noqa: ANN001
    """A keyboard-wedge scanner: every character as a key press a few ms apart, then its suffix."""
    scanner.current_clock().pause(0.3)  # type: ignore[attr-defined]  # the ScannerClock of the fixture
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    if end is not None:
        QTest.keyClick(widget, end)
    QApplication.processEvents()


def choose_khai_sinh(qtbot, page) -> int:  # noqa: ANN001
    type_text(page.procedure_search, "khai sinh")
    QTest.keyClick(page.procedure_search, Qt.Key.Key_Return)
    assert focused() is page.field("id_number")
    return len("khai sinh") + 1


def applicant_on_screen(page) -> dict[str, str]:  # noqa: ANN001
    return {name: page.field(name).text() for name in ("id_number", "name", "date_of_birth", "address", "phone")} \
        | {"sex": page.sex_box.currentText()}


FILLED = {"id_number": "096185001234", "name": "Nguyễn Thị Ánh Tuyết", "date_of_birth": "05/09/1985",
          "address": "Ấp Tân Hưng, Xã Tân Thành, Tỉnh Cà Mau", "phone": "", "sex": "Nữ"}


def test_scan_fills_the_applicant_and_the_reception_ends_by_keyboard(db, page, qtbot):
    keys = choose_khai_sinh(qtbot, page)
    scan(page.field("id_number"), PAYLOAD)
    assert applicant_on_screen(page) == FILLED
    assert focused() is page.field("phone")  # moved on to what the card does not hold
    assert "CCCD" in page.applicant_hint.text()
    for text, key in (("0912 345 678", Qt.Key.Key_Tab), ("", Qt.Key.Key_Tab), ("", Qt.Key.Key_Tab)):
        type_text(focused(), text)
        QTest.keyClick(focused(), key)
        keys += len(text) + 1
    assert focused() is page.checklist
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_4):
        QTest.keyClick(page.checklist, key)
        keys += 1
    QTest.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    keys += 1
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    keys += 1
    with db.read() as s:
        dossier = s.execute(select(Dossier)).scalar_one()
        a = dossier.applicant
        assert (a.id_number, a.name, a.date_of_birth, a.sex, a.address, a.phone) == (
            "096185001234", "Nguyễn Thị Ánh Tuyết", date(1985, 9, 5), "Nữ", "Ấp Tân Hưng, Xã Tân Thành, Tỉnh Cà Mau",
            "0912345678")
    # The README's count: 114 key presses by hand (tests/ui/test_reception_keyboard.py), with the card 30.
    assert keys == 30, keys


@pytest.mark.parametrize("field", ["name", "address", "email", "date_of_birth"])
def test_scan_anywhere_in_the_applicant_section_with_a_trailing_tab(page, qtbot, field):
    choose_khai_sinh(qtbot, page)
    page.field("address").setText("đã gõ dở")
    page.field(field).setFocus()
    scan(page.field(field), NEW_CARD, Qt.Key.Key_Tab)
    on_screen = applicant_on_screen(page)
    assert on_screen == {"id_number": "001200012345", "name": "Trần Văn Đức", "date_of_birth": "15/03/2000",
                         "address": "Số 12 Hàng Bạc, Phường Hoàn Kiếm, Hà Nội", "phone": "", "sex": "Nam"}
    assert page.field("email").text() == "" and "|" not in page.field(field).text()
    assert focused() is page.field("phone")  # the scanner's Tab did not move the cursor a second time


@pytest.mark.parametrize("where", ["checklist", "submitter_check", "kind_box", "confirm_button"])
def test_scan_into_a_list_box_or_button_decides_nothing(db, page, qtbot, where):
    choose_khai_sinh(qtbot, page)
    widget = getattr(page, where)
    widget.setEnabled(True)
    widget.setFocus()
    scan(widget, PAYLOAD)
    assert applicant_on_screen(page) == FILLED
    assert not page.decisions_made() and not page.submitter_check.isChecked()
    assert page.kind_box.currentData() == ApplicantKind.CITIZEN
    with db.read() as s:
        assert s.execute(select(Dossier)).first() is None


@pytest.mark.parametrize(("payload", "words"), [
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|31021985|Nữ|Cà Mau|20042021", "ngày có thật"),
    ("0961850012|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Cà Mau|20042021", "12 chữ số"),
    ("096185001234|381234567|Nguyễn Thị Ánh Tuyết|05091985|Nữ|Cà Mau", "ít nhất 7"),
])
def test_malformed_scan_says_so_where_it_went_and_fills_nothing(page, qtbot, payload, words):
    choose_khai_sinh(qtbot, page)
    page.field("name").setText("Lê Văn Tám")
    page.field("address").setFocus()
    page.field("address").setText("ấp 3")
    scan(page.field("address"), payload)
    box = page.fields["address"]
    assert box.error.isVisible() and words in box.error.text() and "Chưa điền" in box.error.text()
    assert page.field("address").text() == "ấp 3" and page.field("name").text() == "Lê Văn Tám"
    assert page.field("id_number").text() == "" and page.field("date_of_birth").text() == ""


def test_vietnamese_input_method_commits_instead_of_keys(page, qtbot):
    """ibus-bamboo / fcitx-unikey deliver text as input-method commits, not key presses; Unikey on
    Windows takes a letter back with Backspace and types it composed: both end as the card says."""
    choose_khai_sinh(qtbot, page)
    edit = page.field("id_number")
    scanner.current_clock().pause(0.3)  # type: ignore[attr-defined]
    head, rest = PAYLOAD[:40], PAYLOAD[40:]
    for ch in head:
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QApplication.sendEvent(edit, event)
    # Unikey: "e" then Backspace and the composed letter
    QTest.keyClicks(edit, "e")
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    scan_rest = rest
    for ch in scan_rest:
        if ch.isascii():
            QTest.keyClicks(edit, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(edit, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    QTest.keyClick(edit, Qt.Key.Key_Return)
    assert applicant_on_screen(page) == FILLED


def test_vietnamese_keyboard_layout_and_nfd(page, qtbot):
    choose_khai_sinh(qtbot, page)
    row = str.maketrans("1234567890", "ăâêô\u0300\u0309\u0303\u0301\u0323đ")
    parts = unicodedata.normalize("NFD", PAYLOAD).split("|")
    for i in (0, 1, 3, 6):
        parts[i] = parts[i].translate(row)
    scan(page.field("id_number"), "|".join(parts))
    assert applicant_on_screen(page) == FILLED


def test_card_scanned_before_the_procedure(page, qtbot):
    scan(page.procedure_search, PAYLOAD)
    assert page.field("name").text() == "Nguyễn Thị Ánh Tuyết" and page.procedure_search.text() == ""
    assert focused() is page.procedure_search  # the card came first: the procedure next


def test_f4_and_a_returning_applicant_keeps_their_phone(db, page, qtbot):
    from tests.helpers import applicant

    with db.write() as s:
        applicant(s, "096185001234", "Nguyễn Thị Ánh Tuyết").phone = "0987123456"
    choose_khai_sinh(qtbot, page)
    page.field("email").setFocus()
    QTest.keyClick(page, Qt.Key.Key_F4)
    assert focused() is page.field("id_number")
    scan(page.field("id_number"), PAYLOAD)
    assert page.field("phone").text() == "0987123456" and "đã có trong hệ thống" in page.applicant_hint.text()
    assert focused() is page.checklist


def test_passport_holder_and_no_phone(db, page, qtbot, shot):
    choose_khai_sinh(qtbot, page)
    assert not page.nationality_field.isVisible()
    page.kind_box.setCurrentIndex(page.kind_box.findData(ApplicantKind.PASSPORT))
    assert page.nationality_field.isVisible()
    page.field("id_number").setText("C1234567")
    page.field("nationality").setText("Hoa Kỳ")
    page.field("name").setText("John Smith")
    page.field("date_of_birth").setText("02/01/1980")
    page.field("address").setText("12 Lê Lợi, Phường Bến Nghé, TP Hồ Chí Minh")
    page.field("phone").setText("0000000000")
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_4):
        page.checklist.setFocus()
        QTest.keyClick(page.checklist, key)
    page.confirm()
    assert page.fields["phone"].error.isVisible() and "Không có điện thoại" in page.fields["phone"].error.text()
    QTest.keyClick(focused(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.no_phone_check.isChecked)  # a mnemonic animates the click
    assert page.field("phone").text() == "" and not page.field("phone").isEnabled()
    shot(page.window(), "reception_passport")
    page.confirm()
    with db.read() as s:
        a = s.execute(select(Applicant)).scalar_one()
        assert (a.kind, a.id_number, a.nationality, a.no_phone, a.phone) == ("passport", "C1234567", "Hoa Kỳ", True, "")


@pytest.mark.parametrize("screen_name", ["1366x768", "1280x720"])
def test_reception_with_the_card_read_fits_the_screen(catalog_db, qtbot, shot, screen_name):
    from PySide6.QtCore import QRect

    from counter_app.services import org
    from tests.ui.test_screen_fit import open_window, row_capacity

    context = org.login(catalog_db, org.DEMO_USERNAME, org.DEMO_PASSWORD)
    window = open_window(qtbot, catalog_db, context, screen_name)
    page = window.reception_page
    type_text(page.procedure_search, "khai sinh ket hop")
    QTest.keyClick(page.procedure_search, Qt.Key.Key_Return)
    scan(page.field("id_number"), PAYLOAD)
    assert page.field("name").text() == "Nguyễn Thị Ánh Tuyết"
    shot(window, f"reception_cccd_{screen_name}")
    page.kind_box.setCurrentIndex(page.kind_box.findData(ApplicantKind.PASSPORT))
    QApplication.processEvents()
    assert row_capacity(page.checklist) >= 5
    for widget in (page.confirm_button, page.no_phone_check, page.field("nationality"), page.sex_box):
        top_left = widget.mapTo(window, widget.rect().topLeft())
        assert window.rect().contains(QRect(top_left, widget.size())), widget.objectName()
    shot(window, f"reception_passport_{screen_name}")
