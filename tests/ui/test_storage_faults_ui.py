"""Storage faults in the window: said in Vietnamese where they happened, the typed form kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from counter_app.models import Dossier
from tests.storage_faults import corrupt, fill_up, limit_pages, out_of_reach
from tests.ui.test_reception_page import choose_procedure, decide, page, press, type_applicant  # noqa: F401
from tests.ui.test_startup import desk_path, start_desk  # noqa: F401


def _dossiers(db) -> int:
    with db.read() as s:
        return s.execute(select(func.count()).select_from(Dossier)).scalar_one()


def _fill_the_form(qtbot, page) -> None:  # noqa: F811
    qtbot.waitUntil(lambda: page.procedure_search.hasFocus())
    choose_procedure(qtbot, page, "dang ky khai sinh")
    type_applicant(qtbot, page)
    decide(qtbot, "114")


def test_full_disk_at_reception_is_explained_and_the_form_is_kept(db, page, qtbot):  # noqa: F811
    fill_up(db.path)
    with limit_pages(0, engine=db.engine):
        db.engine.dispose()  # new connections get the limit
        for _ in range(30):  # the free room left in the file's pages takes a few receptions
            _fill_the_form(qtbot, page)
            before = _dossiers(db)
            press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            if _dossiers(db) == before:
                break
            page.preview.close()
        assert "đã đầy" in page.message.text() and "vẫn còn trên màn hình" in page.message.text()
        stored = _dossiers(db)
        assert page.field("name").text() == "Nguyễn Thị Ánh Tuyết"  # nothing typed is lost
        assert page.confirm_button.isEnabled()
    db.engine.dispose()
    with limit_pages(read_only=True, engine=db.engine):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert "chỉ đọc" in page.message.text() and _dossiers(db) == stored
    db.engine.dispose()
    # Space freed: the same Ctrl+Enter receives what was typed.
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _dossiers(db) == stored + 1 and "Đã tiếp nhận hồ sơ" in page.message.text()
    page.preview.close()


def test_a_corrupted_desk_file_is_refused_at_start_with_what_to_do(db, db_path, start_desk, qtbot):  # noqa: F811
    from counter_app.services import demo

    demo.generate(db, 300)
    db.dispose()
    corrupt(db_path)
    startup = start_desk(db_path)
    with qtbot.waitSignal(startup.failed, timeout=30_000) as failed:
        pass
    assert "bị hỏng" in failed.args[0] and "backup restore" in failed.args[0]
    assert startup.form.error.text() == failed.args[0] and not startup.form.login_button.isEnabled()


@pytest.mark.parametrize("readable", [False, True], ids=["unreadable", "read-only"])
def test_no_permission_at_reception_is_explained_and_the_form_is_kept(db, page, qtbot, shot, readable):  # noqa: F811
    """The desk file out of the account's reach (another account's file, a read-only copy): the kernel
    refuses for real; the officer reads why where they pressed Ctrl+Enter, keeps every typed field,
    and nothing is half-written."""
    _fill_the_form(qtbot, page)
    stored = _dossiers(db)
    db.dispose()  # the next unit of work opens the file again, as after a restart or a change of owner
    with out_of_reach(db.path, readable=readable):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        said = page.message.text()
    assert "không có quyền" in said and "vẫn còn trên màn hình" in said, said
    assert page.field("name").text() == "Nguyễn Thị Ánh Tuyết" and page.confirm_button.isEnabled()
    shot(page, f"reception_no_permission_{'read_only' if readable else 'unreadable'}")
    db.dispose()
    assert _dossiers(db) == stored
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # rights given back: the same keys
    assert _dossiers(db) == stored + 1 and "Đã tiếp nhận hồ sơ" in page.message.text()
    page.preview.close()


def test_the_desk_file_gone_while_working_is_said_and_nothing_is_written_elsewhere(db, page, qtbot, tmp_path,  # noqa: F811
                                                                                   shot):
    """The file deleted, renamed or its USB drive pulled while the window is open: the connections
    still hold the old file, so without a check the reception would go into a file nobody opens again."""
    _fill_the_form(qtbot, page)
    stored = _dossiers(db)
    away = tmp_path / "o-usb-da-rut"
    away.mkdir()
    files = [p for p in (db.path, Path(f"{db.path}-wal"), Path(f"{db.path}-shm")) if p.exists()]
    for p in files:
        os.replace(p, away / p.name)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    said = page.message.text()
    assert "Không tìm thấy tệp cơ sở dữ liệu" in said and str(db.path) in said, said
    assert page.field("name").text() == "Nguyễn Thị Ánh Tuyết" and page.confirm_button.isEnabled()
    assert not db.path.exists()  # no new, empty desk file made in its place
    shot(page, "reception_desk_file_gone")
    for p in files:  # the drive is back
        os.replace(away / p.name, p)
    assert _dossiers(db) == stored
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _dossiers(db) == stored + 1 and "Đã tiếp nhận hồ sơ" in page.message.text()
    page.preview.close()


def test_an_unreachable_desk_file_at_start_is_explained(desk_path, start_desk, qtbot, shot):  # noqa: F811
    with out_of_reach(desk_path):
        startup = start_desk(desk_path)
        with qtbot.waitSignal(startup.failed, timeout=30_000) as failed:
            pass
    assert "không có quyền" in failed.args[0].lower(), failed.args[0]
    assert startup.form.error.text() == failed.args[0] and not startup.form.login_button.isEnabled()
    error = startup.form.error  # the whole message is readable, not cut by the login box
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=3000)
    shot(startup.window, "start_unreachable_desk_file")


def test_damage_behind_an_open_check_out_of_time_is_found_in_the_background(db, db_path, start_desk, qtbot,  # noqa: F811
                                                                         monkeypatch, shot):
    """The start's check ran out of time (a huge file; here no time at all): the window opens, the whole
    check runs off the GUI thread, and the damage it finds is said where the officer is."""
    from counter_app.models.db import CHECK_BUDGET_ENV
    from tests.storage_faults import damage_an_index

    db.dispose()
    damage_an_index(db_path)
    monkeypatch.setenv(CHECK_BUDGET_ENV, "0")
    startup = start_desk(db_path)
    with qtbot.waitSignal(startup.damage_found, timeout=30_000) as found:
        pass
    assert "bị hỏng" in found.args[0] and "backup restore" in found.args[0]
    assert startup.form.error.text() == found.args[0] and not startup.form.login_button.isEnabled()
    error = startup.form.error
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=3000)
    shot(startup.window, "start_damage_found_in_background")


def test_a_desk_file_gone_before_the_start_is_not_started_afresh(desk_path, start_desk, qtbot, tmp_path, shot):  # noqa: F811
    """A desk file this account used before and that is not there at start (its USB drive not plugged in,
    the mount point left empty, the file deleted): said in the login window, no empty desk made in its
    place; a path never used before is still a first start."""
    from counter_app.services.desk_database import open_desk_database

    open_desk_database(desk_path).dispose()  # the desk was used on this PC
    away = tmp_path / "o-usb"
    away.mkdir()
    os.replace(desk_path, away / desk_path.name)
    startup = start_desk(desk_path)
    with qtbot.waitSignal(startup.failed, timeout=30_000) as failed:
        pass
    assert "Không tìm thấy tệp cơ sở dữ liệu" in failed.args[0] and "backup restore" in failed.args[0]
    assert not desk_path.exists() and not startup.form.login_button.isEnabled()
    error = startup.form.error
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=3000)
    shot(startup.window, "start_known_desk_file_gone")
