"""Translations that work: the English .qm applies at run time (the contexts match what lupdate
extracts), every screen string has its English entry, and with English chosen no Vietnamese is
left on the main pages (printed forms stay Vietnamese)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from counter_app import i18n
from counter_app.resources import resource_path
from counter_app.ui.translations import LANGUAGE_ENV, install_translation, remove_translation

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "counter_app_en.ts")
# Letters only Vietnamese uses (ASCII and the names of the product and of the language aside).
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)
ALLOWED = ("Một Cửa Counter", "Một Cửa", "Tiếng Việt")


@pytest.fixture
def english(qapp, monkeypatch):
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert install_translation(qapp) == "en"
    yield
    remove_translation(qapp)


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """Every piece of text the widgets show: labels, buttons, titles, placeholders, items, headers."""
    found: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        name = f"{type(w).__name__}#{w.objectName()}"
        found.append((name, w.windowTitle() if w.isWindow() else ""))
        found.append((name, w.toolTip()))
        if isinstance(w, QLabel):
            found.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            found.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            found.append((name, w.title()))
        elif isinstance(w, QLineEdit | QPlainTextEdit):
            found.append((name, w.placeholderText()))
        elif isinstance(w, QComboBox):
            found += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            found += [(name, w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QListWidget):
            found += [(name, w.item(i).text()) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount()),):
                found += [(name, str(model.headerData(i, orientation) or "")) for i in range(count)]
    return [(n, t) for n, t in found if t]


def vietnamese_left(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    left = []
    for name, text in found:
        stripped = text
        for allowed in ALLOWED:
            stripped = stripped.replace(allowed, "")
        if VIETNAMESE.search(stripped):
            left.append((name, text))
    return left


def test_the_compiled_translation_applies_with_the_extracted_context(english) -> None:
    assert QCoreApplication.translate(i18n.CONTEXT, "Lưu cài đặt") == "Save settings"
    assert i18n.tr("Tiếp nhận hồ sơ") == "Reception"  # services' strings, through the same translator


def test_every_screen_string_has_its_english_entry(tmp_path: Path) -> None:
    """The committed .ts holds every tr() string of the code, translated (`make translations`)."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "counter_app").rglob("*.py"))
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lupdate"), *sources, "-ts", str(fresh)],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    in_code = {m.findtext("source") for m in ET.parse(fresh).iter("message")}
    translated = {m.findtext("source"): m.find("translation") for m in ET.parse(TS).iter("message")}
    missing = sorted(s for s in in_code if s not in translated or not (translated[s].text or "").strip()
                     or translated[s].get("type") in ("unfinished", "vanished", "obsolete"))
    assert not missing, ("strings without an English entry: run `make translations`, translate them in "
                         f"{TS.name} (Qt Linguist or by hand), run it again: {missing[:20]}")
    for context in ET.parse(TS).iter("context"):
        assert (context.findtext("name") or "") == i18n.CONTEXT


def test_the_compiled_qm_is_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "en.qm"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lrelease"), str(TS), "-qm", str(out)],
                   check=True, capture_output=True, timeout=120)
    assert out.read_bytes() == resource_path("translations", "counter_app_en.qm").read_bytes(), \
        "run `make translations` and commit the .qm"


def english_only(*texts: str) -> None:
    """Each text is non-empty and, once translated, keeps no Vietnamese letter (the product's name aside)."""
    assert all(texts), texts
    assert vietnamese_left([("message", t) for t in texts]) == [], texts


def test_service_domain_and_sync_messages_come_out_in_english(english, db, desk_context) -> None:
    """Strings outside the UI are marked too: with English chosen, a reception refusal, a field rule, a
    lifecycle refusal and the sync status text an officer reads are English (the tests elsewhere run
    without a translator and keep checking the Vietnamese source)."""
    from counter_app.domain import lifecycle
    from counter_app.domain.errors import ServiceError
    from counter_app.models import DossierStatus
    from counter_app.services import reception
    from counter_app.services.reception import IntakeForm
    from counter_app.services.stats_records import CHANNEL_LABELS, working_time_text
    from counter_app.sync import service as sync
    from counter_app.sync.client import OfflineError

    form = IntakeForm(0, None, ())  # type: ignore[arg-type] - refused for its reason before the form is read
    with pytest.raises(ServiceError) as empty:
        reception.refuse(db, desk_context, form, "  ")
    with pytest.raises(ServiceError) as control:  # the shared field rule, its label translated where shown
        reception.refuse(db, desk_context, form, "Không\x07 thuộc thẩm quyền")
    with pytest.raises(ServiceError) as move:  # the status labels inside, translated too
        lifecycle.check_move(DossierStatus.RETURNED, DossierStatus.RECEIVED)
    assert empty.value.message == "Write the reason for refusing the dossier."
    assert control.value.message.startswith("Reason for refusal contains the control character U+0007")
    assert move.value.message == "The dossier cannot move from the status “Results returned” to “Received”."

    sync.save_config(db, "http://127.0.0.1:9", "t" * 43)  # nothing listens on the discard port
    with pytest.raises(OfflineError) as offline:
        sync.SyncService(db, timeout=5.0).sync_once()
    shown = sync.status(db)
    assert shown.state == "offline" and shown.last_error == offline.value.message
    assert shown.last_error.startswith("Cannot connect to the central server (")
    assert "Changes not yet sent are kept safe on this computer." in shown.last_error
    assert sync.skew_text(-12 * 60) == "12 min slow" and sync.skew_text(7 * 3600) == "7 h 0 min fast"
    assert working_time_text(timedelta(hours=19)) == "2 d 3 h"  # the dashboard's lateness column
    assert i18n.tr(CHANNEL_LABELS["post"]) == "By post"  # stored as Vietnamese, translated where shown
    english_only(empty.value.message, control.value.message, move.value.message, shown.last_error)


def test_no_vietnamese_left_on_the_main_pages_in_english(english, qtbot, empty_db) -> None:
    from counter_app.models import UnitLevel
    from counter_app.services import org
    from counter_app.ui.login import LoginForm
    from counter_app.ui.main_window import MainWindow

    login = LoginForm()
    qtbot.addWidget(login)
    with empty_db.write() as s:  # ASCII data: any Vietnamese left on screen is the software's own
        unit = org.create_unit(s, agency_code="000.00.01.H12", name="Commune Service Centre", place="Ca Mau",
                               level=UnitLevel.COMMUNE)
        desk = org.create_desk(s, unit, 1)
        org.create_officer(s, unit, username="admin", full_name="Tran Van Duc", password="admin-password",
                           roles=set(org.Role))
        org.set_current_desk(s, desk)
    context = org.login(empty_db, "admin", "admin-password")
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_work_area(empty_db, context)
    window.show()
    for row in range(window.nav.count()):  # every page once, as an officer would open them
        window.nav.setCurrentRow(row)
        qtbot.wait(20)
    qtbot.waitUntil(lambda: not any("Updating" in t for _, t in texts_of(window)), timeout=10_000)

    found = texts_of(login) + texts_of(window)
    assert any(t == "Reception" for _, t in found) and any(t == "Sign in" for _, t in found)
    assert vietnamese_left(found) == []


def test_the_language_setting_applies_at_the_next_start(qapp, qtbot, db, desk_context) -> None:
    from counter_app.ui import translations
    from counter_app.ui.settings_page import SettingsPage

    page = SettingsPage(db, desk_context)
    qtbot.addWidget(page)
    assert page.language.currentData() == "vi"
    page.language.setCurrentIndex(page.language.findData("en"))
    page.language.activated.emit(page.language.currentIndex())
    assert translations.current_language() == "en"  # kept per PC, in the user's config dir
    assert "English" in page.language_message.text()
    try:
        assert translations.install_translation(qapp) == "en"  # what the next start does
        assert QCoreApplication.translate(i18n.CONTEXT, "Lưu cài đặt") == "Save settings"
    finally:
        remove_translation(qapp)
    assert QCoreApplication.translate(i18n.CONTEXT, "Lưu cài đặt") == "Lưu cài đặt"


def test_the_command_line_speaks_the_chosen_language(db, db_path, capsys, monkeypatch) -> None:
    """`--lang en` (or $COUNTER_APP_LANG, or this PC's setting) turns the command line's own output, the
    services' errors and its usage errors English; the run leaves no translator behind."""
    from counter_app.cli import main

    monkeypatch.setenv("COUNTER_APP_SYNC_TOKEN", "t" * 43)
    assert main(["sync", "--once", "--lang", "en", "--db", str(db_path), "--central", "http://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: Cannot connect to the central server (") and "Traceback" not in err
    english_only(err)
    assert i18n.tr("Lưu cài đặt") == "Lưu cài đặt"  # in-process callers keep their own language

    monkeypatch.setenv(LANGUAGE_ENV, "en")  # the screens' setting applies without --lang
    assert main(["calendar", "hours", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "2\tMonday\t" in out and "Saturday and Sunday office hours count towards deadlines" in out
    with pytest.raises(SystemExit) as usage:
        main(["dossier", "show", "--db", str(db_path)])
    err = capsys.readouterr().err
    assert usage.value.code == 2 and err.startswith("Error: invalid command (counter-app dossier show): "
                                                    "the following arguments are required: code.")
    english_only(out, err)

    assert main(["calendar", "hours", "--lang", "vi", "--db", str(db_path)]) == 0  # --lang wins
    assert "2\tThứ Hai\t" in capsys.readouterr().out
