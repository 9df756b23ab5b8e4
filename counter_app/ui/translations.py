"""The screens' language: this PC's setting, and the ``QTranslator`` installed at start-up."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTranslator

from counter_app import i18n
from counter_app.resources import resource_path
from counter_app.ui.language import LANGUAGE_ENV, current_language, save_language, settings_file

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


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


def translator_for(language: str) -> Callable[[str, str], str] | None:
    """The language's translation as a plain function, for the command line (no QCoreApplication there:
    Qt installs translators only into an application object). None for Vietnamese or a missing file."""
    if language == i18n.DEFAULT_LANGUAGE:
        return None
    translator = QTranslator()
    if not translator.load(str(qm_path(language))):
        log.warning("translation %s not found at %s; the output stays in Vietnamese", language, qm_path(language))
        return None
    return lambda context, text: translator.translate(context, text) or text


def remove_translation(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())
    i18n.set_translator(None)


__all__ = ["LANGUAGE_ENV", "current_language", "install_translation", "qm_path", "remove_translation",
           "save_language", "settings_file", "translator_for"]
