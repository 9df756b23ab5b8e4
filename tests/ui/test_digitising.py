"""Digitising at the reception (issue #13): Ctrl+T takes the scan-folder inbox or files for the
current document, 5 reuses a returning applicant's earlier paper, the dossier detail lists and
opens the files. Real widgets, a real SQLite file, real PDFs read back."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from counter_app.models import Attachment, Dossier
from counter_app.services import attachments, returns
from counter_app.ui.dossier_detail import DossierDetailWidget
from counter_app.ui.events import DeskEvents
from counter_app.ui.reception_page import ReceptionPage
from tests.ui.qt_helpers import show_active, type_text
from tests.unit.test_reception import APPLICANT

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(db, desk_context, qtbot):
    page = ReceptionPage(db, desk_context, DeskEvents())
    show_active(qtbot, page)
    yield page
    for dialog in (page.preview, page.attach_dialog):
        if dialog is not None:
            dialog.close()


@pytest.fixture
def scan_folder(db, tmp_path) -> Path:
    folder = tmp_path / "scan-to-folder"
    folder.mkdir()
    attachments.set_scan_folder(db, folder)
    return folder


def deliver(folder: Path, name: str, pages: int = 1) -> list[Path]:
    """What a scan-to-folder office scanner leaves: JPEG pages, finished a while ago."""
    paths = []
    for n in range(pages):
        path = folder / f"{name}_{n + 1}.jpg"
        Image.new("L", (1654, 2339), 250).save(path, "JPEG", dpi=(200, 200))
        os.utime(path, (time.time() - 5, time.time() - 5))
        paths.append(path)
    return paths


def start(page, qtbot) -> None:  # noqa: ANN001
    type_text(page.procedure_search, "khai sinh")
    QTest.keyClick(page.procedure_search, Qt.Key.Key_Return)
    page.set_applicant(APPLICANT)
    page.checklist.setFocus()
    page.checklist.setCurrentIndex(page.checklist_model.index(0, 2))


def decision_text(page, row: int) -> str:  # noqa: ANN001
    return page.checklist_model.index(row, 2).data()


def receive(page, qtbot) -> str:  # noqa: ANN001
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.checklist)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    return page.last_result.dossier_code


def test_scan_folder_inbox_attached_at_receipt(db, page, qtbot, scan_folder, shot):
    start(page, qtbot)
    pages = deliver(scan_folder, "to_khai", 2)
    QTest.keyClick(page.checklist, Qt.Key.Key_T, CTRL)
    dialog = page.attach_dialog
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and dialog.inbox.hasFocus())
    assert dialog.inbox.count() == 2
    shot(dialog, "attach_dialog")
    QTest.keyClick(dialog.inbox, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    assert decision_text(page, 0) == "Đã nộp · 1 tệp"
    page.checklist.setFocus()
    page.checklist.setCurrentIndex(page.checklist_model.index(1, 2))
    for key in (Qt.Key.Key_1, Qt.Key.Key_4):
        QTest.keyClick(page.checklist, key)
    code = receive(page, qtbot)
    [info] = attachments.list_files(db, code)
    assert info.pages == 2 and info.document.startswith("Tờ khai") and len(PdfReader(info.path).pages) == 2
    assert not any(p.exists() for p in pages) and all((scan_folder / "da-dinh-kem" / p.name).exists() for p in pages)


def test_a_bad_file_is_named_in_the_dialog_and_nothing_is_attached(db, page, qtbot, scan_folder):
    start(page, qtbot)
    bad = scan_folder / "hong.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a picture")
    os.utime(bad, (time.time() - 5, time.time() - 5))
    QTest.keyClick(page.checklist, Qt.Key.Key_T, CTRL)
    dialog = page.attach_dialog
    qtbot.waitUntil(dialog.isVisible)
    QTest.keyClick(dialog.inbox, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "hong.jpg" in dialog.status.text(), timeout=20000)
    assert dialog.isVisible() and "bị hỏng" in dialog.status.text()
    assert page.staged_files == {} and decision_text(page, 0).startswith("— chưa kiểm tra")


def test_returning_applicant_reuses_an_earlier_paper(db, page, qtbot, desk_context, tmp_path, scan_folder):
    start(page, qtbot)
    deliver(scan_folder, "chung_sinh")
    page.checklist.setCurrentIndex(page.checklist_model.index(1, 2))
    QTest.keyClick(page.checklist, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(page.attach_dialog.isVisible)
    QTest.keyClick(page.attach_dialog.inbox, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.attach_dialog.isVisible(), timeout=20000)
    page.checklist.setCurrentIndex(page.checklist_model.index(0, 2))
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_4):
        QTest.keyClick(page.checklist, key)
    first = receive(page, qtbot)
    QTest.keyClick(page.preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not page.preview.isVisible())

    # The same citizen comes back for the same procedure: the birth certificate is offered.
    start(page, qtbot)
    page.field("id_number").setFocus()
    page.field("name").clear()
    page.field("id_number").editingFinished.emit()
    assert "Giấy chứng sinh" in page.applicant_hint.text() and "phím 5" in page.applicant_hint.text()
    page.checklist.setFocus()
    page.checklist.setCurrentIndex(page.checklist_model.index(0, 2))
    QTest.keyClick(page.checklist, Qt.Key.Key_5)  # row 1 was never digitised: nothing to reuse
    assert "không có bản để dùng lại" in page.checklist_error.text()
    QTest.keyClick(page.checklist, Qt.Key.Key_1)
    assert page.checklist.currentIndex().row() == 1 and first in page.row_detail.text()
    QTest.keyClick(page.checklist, Qt.Key.Key_5)
    assert decision_text(page, 1) == "Đã nộp · dùng lại"
    QTest.keyClick(page.checklist, Qt.Key.Key_4)
    second = receive(page, qtbot)
    [reused] = attachments.list_files(db, second)
    assert reused.reused and reused.reused_from_code == first and reused.document.startswith("Giấy chứng sinh")
    with db.read() as s:
        dossier_id = s.execute(select(Dossier.id).where(Dossier.code == second)).scalar_one()
        assert [f.reused for f in attachments.document_flags(s, dossier_id).values()] == [True]
        assert s.execute(select(Attachment).where(Attachment.reused)).scalar_one().reused_from_uuid


def test_detail_lists_opens_and_takes_the_result(db, desk_context, qtbot, tmp_path, monkeypatch, shot):
    from counter_app.services import reception
    from counter_app.ui import dossier_detail
    from tests.unit.test_reception import NA, WHEN, P, birth_form

    code = reception.receive(db, desk_context, birth_form(db, [P, P, NA]), now=WHEN).dossier_code
    pdf = tmp_path / "to-khai.pdf"
    Image.new("L", (200, 280), 255).save(pdf, "PDF")
    attachments.attach(db, desk_context, code, [pdf], document="1")
    opened: list[str] = []
    monkeypatch.setattr(dossier_detail.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    widget = DossierDetailWidget(db, context=desk_context)
    show_active(qtbot, widget)
    widget.set_detail(returns.detail(db, code))
    assert widget.files.count() == 1 and "to-khai.pdf" in widget.files.item(0).text()
    assert not widget.attach_result_button.isVisible()  # no result yet
    widget.files.setFocus()
    widget.files.setCurrentRow(0)
    QTest.keyClick(widget.files, Qt.Key.Key_Return)
    assert opened == [str(attachments.list_files(db, code)[0].path)]
    shot(widget, "detail_files")


def test_scan_folder_is_set_in_settings(db, desk_context, qtbot, tmp_path):
    from counter_app.ui.settings_page import SettingsPage

    page = SettingsPage(db, desk_context)
    show_active(qtbot, page)
    page.scan_folder_edit.setText(str(tmp_path / "missing"))
    page.save_scan_folder()
    assert "Không có thư mục" in page.scan_folder_message.text() and attachments.scan_folder(db) is None
    page.scan_folder_edit.setText(str(tmp_path))
    page.save_scan_folder()
    assert attachments.scan_folder(db) == tmp_path


def test_a_document_scanner_behind_the_platform_interface(db, page, qtbot, tmp_path):
    """SANE / WIA are behind services/scan_devices.ScannerDevice: a device that scans two pages."""
    from counter_app.ui.attach_dialog import AttachDialog

    class Device:
        name = "Máy quét thử"

        def scan(self, out_dir: Path) -> list[Path]:
            pages = []
            for n in (1, 2):
                path = out_dir / f"trang{n}.png"
                Image.new("L", (1654, 2339), 250).save(path, dpi=(200, 200))
                pages.append(path)
            return pages

    start(page, qtbot)
    done: list = []
    dialog = AttachDialog(db, None, "Tờ khai", lambda staged, _folder: done.extend(staged), page, devices=[Device()])
    dialog.open()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.scan_button.isVisible()
    QTest.keyClick(dialog, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
    assert done[0].file.pages == 2 and done[0].source == "scanner"
    assert len(PdfReader(done[0].file.path).pages) == 2


def test_sane_binding_is_used_when_present(monkeypatch, tmp_path):
    import sys
    import types

    from counter_app.services import scan_devices

    class Dev:
        def __init__(self) -> None:
            self.options: dict = {}

        def __setattr__(self, key, value) -> None:  # noqa: ANN001
            object.__setattr__(self, key, value)

        def multi_scan(self):  # noqa: ANN202
            return iter([Image.new("L", (100, 140), 255), Image.new("L", (100, 140), 255)])

        def close(self) -> None:
            pass

    fake = types.SimpleNamespace(init=lambda: None, get_devices=lambda: [("test:0", "Canon", "DR-C225", "sheetfed")],
                                 open=lambda name: Dev())
    monkeypatch.setitem(sys.modules, "sane", fake)
    monkeypatch.setattr(scan_devices.sys, "platform", "linux")
    [device] = scan_devices.available_devices()
    assert device.name == "Canon DR-C225"
    assert [p.name for p in device.scan(tmp_path)] == ["trang001.png", "trang002.png"]
