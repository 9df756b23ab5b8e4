"""Online dossiers at the reception page (issue #15), real widgets offscreen against a real central on
loopback: F6 opens "Hồ sơ trực tuyến chờ tiếp nhận"; one dossier is received (keeping the portal's
code), one sent back for a supplement, one refused; the central confirms each."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from central import online as central_online
from central.db import CentralDatabase
from central.models import OnlineDossier
from counter_app.models import DocumentDecision, Dossier, DossierStatus
from counter_app.sync.service import SyncService
from counter_app.ui.checklist_model import COL_REASON
from counter_app.ui.events import DeskEvents
from counter_app.ui.reception_page import ReceptionPage
from tests.integration.conftest import (  # noqa: F401 - the real central's fixtures
    central_factory,
    central_pg_template,
    central_sqlite_template,
    postgres,
)
from tests.integration.harness import connect, make_desk, register_desk
from tests.integration.test_online_dossiers import CODES, write_export
from tests.ui.qt_helpers import show_active, type_text


@pytest.fixture
def desk_and_central(tmp_path, central_factory):  # noqa: ANN001, F811
    central = central_factory("sqlite")
    central_db = CentralDatabase(central.database_url)
    desk = make_desk(tmp_path / "quay")
    connect(desk, central.url, register_desk(central_db, desk))
    central_db.run_write(lambda s: central_online.import_file(s, write_export(tmp_path / "export")))
    SyncService(desk.db).sync_once()
    yield desk, central_db
    central_db.dispose()


def test_received_supplemented_refused_and_confirmed(desk_and_central, qtbot, shot, tmp_path):
    desk, central_db = desk_and_central
    page = ReceptionPage(desk.db, desk.context, DeskEvents())
    page.resize(1366, 740)
    show_active(qtbot, page)
    assert page.online_button.text() == "Hồ sơ trực tuyến: 3 (F6)"

    def open_queue():  # noqa: ANN202
        page.activateWindow()  # back at the page after a paper's preview or the queue itself
        qtbot.waitUntil(lambda: page.isActiveWindow() and QApplication.focusWidget() is not None)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)  # from wherever the cursor is
        dialog = page.online_dialog
        qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
        return dialog

    dialog = open_queue()
    assert dialog.waiting_model.rowCount() == 3 and dialog.tabs.tabText(0) == "Chờ tiếp nhận (3)"
    assert dialog.files.count() == 1 and "to-khai.pdf" in dialog.files.item(0).text()
    viewed = []
    dialog.viewer = viewed.append
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.waiting_table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert viewed and viewed[0].read_bytes().startswith(b"%PDF-1.4 to khai " + CODES[0].encode())
    shot(dialog, "online-queue")

    # 1. Received: Enter on the first row; the officer adds the birth date the portal did not send.
    qtbot.keyClick(dialog.waiting_table, Qt.Key.Key_Return)
    assert not dialog.isVisible() and page.online_code == CODES[0]
    assert page.procedure is not None and page.procedure.code == "1.001193"
    assert page.field("name").text() == "Lê Thị Hồng" and CODES[0] in page.notice_banner.text()
    page.field("date_of_birth").setText("05/09/1985")
    page.checklist_model.set_all_provided()
    shot(page, "online-reception")
    page.confirm()
    assert page.preview is not None and CODES[0] in page.message.text()
    page.preview.close()
    with desk.db.read() as s:
        dossier = s.execute(select(Dossier).where(Dossier.code == CODES[0])).scalar_one()
        assert (dossier.channel, dossier.status) == ("online", DossierStatus.RECEIVED)

    # 2. Supplement: one document missing, with its reason → form 02.
    dialog = open_queue()
    assert dialog.waiting_model.rowCount() == 2
    qtbot.keyClick(dialog.waiting_table, Qt.Key.Key_Return)
    assert page.online_code == CODES[1]
    page.field("date_of_birth").setText("05/09/1985")
    page.checklist_model.set_all_provided()
    last = page.checklist_model.rowCount() - 1
    page.checklist_model.set_decision(last, DocumentDecision.MISSING)
    page.checklist_model.setData(page.checklist_model.index(last, COL_REASON), "Bản chụp mờ, không đọc được")
    page.confirm()
    assert page.preview is not None and "Phiếu yêu cầu bổ sung" in page.message.text()
    page.preview.close()

    # 3. Refused, with the reason typed in the dialog → form 03.
    dialog = open_queue()
    qtbot.keyClick(dialog.waiting_table, Qt.Key.Key_Return)
    assert page.online_code == CODES[2]
    page.field("date_of_birth").setText("05/09/1985")
    page.start_refusal()
    refusal = page.refusal_dialog
    qtbot.waitUntil(refusal.isActiveWindow)
    type_text(refusal.reason, "Hồ sơ không thuộc thẩm quyền giải quyết của xã.")
    qtbot.keyClick(refusal.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not refusal.isVisible(), refusal.error.text()
    page.preview.close()
    assert page.online_button.text() == "Hồ sơ trực tuyến: 0 (F6)"

    # Offline so far; the sync sends the three decisions and the central confirms them.
    dialog = open_queue()
    dialog.tabs.setCurrentIndex(1)
    assert {dialog.done_model.index(r, 5).data() for r in range(3)} == {
        "Đã tiếp nhận — chờ đồng bộ", "Đã yêu cầu bổ sung — chờ đồng bộ", "Đã từ chối — chờ đồng bộ"}
    dialog.close()
    SyncService(desk.db).sync_once()
    SyncService(desk.db).sync_once()
    with central_db.read() as s:
        states = dict(s.execute(select(OnlineDossier.code, OnlineDossier.state)).tuples().all())
        refused = s.execute(select(OnlineDossier).where(OnlineDossier.code == CODES[2])).scalar_one()
    assert states == {CODES[0]: "received", CODES[1]: "supplement", CODES[2]: "refused"}
    assert "thẩm quyền" in refused.reason and json.loads(refused.record)["MaHoSo"] == CODES[2]
    dialog = open_queue()
    dialog.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    assert {dialog.done_model.index(r, 5).data() for r in range(3)} == {
        "Đã tiếp nhận — trung tâm đã xác nhận", "Đã yêu cầu bổ sung — trung tâm đã xác nhận",
        "Đã từ chối — trung tâm đã xác nhận"}
    shot(dialog, "online-decided")
    dialog.close()
