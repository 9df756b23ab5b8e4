"""The screens' language: this PC's setting, and the ``QTranslator`` installed at start-up."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from platformdirs import user_config_path
from PySide6.QtCore import QCoreApplication, QTranslator

from counter_app import i18n
from counter_app.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGE_ENV = "COUNTER_APP_LANG"
_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def settings_file() -> Path:
    return user_config_path("mot-cua-counter", appauthor=False) / "desk.json"


def _read_settings() -> dict:
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def current_language() -> str:
    """``$COUNTER_APP_LANG``, else this PC's setting, else Vietnamese."""
    code = os.environ.get(LANGUAGE_ENV, "").strip().lower() or str(_read_settings().get("language", ""))
    return code if code in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def save_language(code: str) -> None:
    """Remember the language of this PC's screens (per user, not in the desk database)."""
    if code not in i18n.LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    data = _read_settings()
    data["language"] = code
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def qm_path(language: str):  # noqa: ANN201 - Path
    return resource_path("translations", f"counter_app_{language}.qm")


def install_translation(app: QCoreApplication, language: str | None = None) -> str:
    """Load the language's translation into ``app`` (replacing one installed before); returns the language."""
    language = language or current_language()
    remove_translation(app)
    if language != i18n.DEFAULT_LANGUAGE:  # the sources are Vietnamese: nothing to load for vi
        translator = QTranslator(app)
        path = qm_path(language)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation %s not found at %s; the screens stay in Vietnamese", language, path)
            language = i18n.DEFAULT_LANGUAGE
    i18n.set_translator(QCoreApplication.translate if _installed else None)
    return language


def remove_translation(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())
    i18n.set_translator(None)
