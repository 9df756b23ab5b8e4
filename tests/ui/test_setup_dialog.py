"""First-run set-up: unit, desk number and first officer; the officer's name goes on the slips."""

from __future__ import annotations

import pypdf
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from counter_app.models import Desk, Officer, Unit
from counter_app.services import org, reception
from counter_app.ui.setup_dialog import SetupDialog
from tests.ui.qt_helpers import show_active, type_text

VALUES = {"agency_code": "000.00.12.H12", "unit_name": "Trung tâm Phục vụ hành chính công phường An Xuyên",
          "parent_name": "Ủy ban nhân dân tỉnh Cà Mau", "place": "Cà Mau",
          "lookup_url_template": "https://dichvucong.camau.gov.vn/tra-cuu/{code}",
          "username": "ntlan", "full_name": "Ngô Thị Lan", "phone": "0913111222",
          "password": "mat-khau-1", "password_again": "mat-khau-1"}


def fill(dialog: SetupDialog, **changes: str) -> None:
    for key, value in {**VALUES, **changes}.items():
        dialog.inputs[key].clear()
        type_text(dialog.inputs[key], value)


def count(db, model) -> int:
    with db.read() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_bad_agency_code_is_refused_at_its_field(empty_db, qtbot):
    dialog = SetupDialog(empty_db)
    show_active(qtbot, dialog)
    fill(dialog, agency_code="xa Tan Thanh")
    qtbot.keyClick(dialog.inputs["password_again"], Qt.Key.Key_Return)
    assert "QCVN 102" in dialog.error.text() and dialog.isVisible()
    assert dialog.inputs["agency_code"].hasFocus()
    assert count(empty_db, Unit) == 0 and count(empty_db, Officer) == 0


def test_password_mismatch_writes_nothing(empty_db, qtbot):
    dialog = SetupDialog(empty_db)
    show_active(qtbot, dialog)
    fill(dialog, password_again="khac")
    dialog.save()
    assert "không giống nhau" in dialog.error.text()
    assert count(empty_db, Unit) == 0


def test_setup_then_login_and_the_officer_signs_the_slip(empty_db, qtbot, tmp_path):
    from counter_app.services import catalog, documents
    from tests.conftest import SMALL_CATALOG

    catalog.import_file(empty_db, SMALL_CATALOG)
    dialog = SetupDialog(empty_db)
    show_active(qtbot, dialog)
    fill(dialog)
    dialog.desk_number.setValue(3)
    qtbot.keyClick(dialog.inputs["password_again"], Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    with empty_db.read() as s:
        officer = s.execute(select(Officer)).scalar_one()
        assert officer.password_hash.startswith("$argon2") and "mat-khau-1" not in officer.password_hash
        assert s.execute(select(Desk.number)).scalar_one() == 3
    ctx = org.login(empty_db, "ntlan", "mat-khau-1")
    assert ctx.desk_number == 3 and ctx.agency_code == "000.00.12.H12"

    from tests.unit.test_reception import birth_form

    result = reception.receive(empty_db, ctx, birth_form(empty_db, ["provided", "provided", "not_applicable"]))
    assert result.dossier_code.startswith("000.00.12.H12-") and result.dossier_code.endswith("-3001")
    pdf = documents.write_receipt(empty_db, result.dossier_code, tmp_path / "slip.pdf")
    text = pypdf.PdfReader(pdf).pages[0].extract_text()
    assert "Ngô Thị Lan" in text and "PHƯỜNG AN XUYÊN" in text
