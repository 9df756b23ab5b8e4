"""Languages of the desk's screens, and ``tr`` for text outside the widgets (no Qt, no files).

Screens are written in Vietnamese and translated with Qt's tools (README, "Translations"):
``pyside6-lupdate`` extracts every ``tr("…")`` call of ``counter_app`` into
``counter_app/resources/translations/counter_app_<lang>.ts`` under the context ``""`` (what it
gives a bare ``tr`` call), and the ``tr`` helpers translate with that same context at run time.
Printed legal forms stay Vietnamese whatever the setting (``counter_app.ui.translations``).

No Qt here: services, sync, the domain and the command line mark their strings with ``tr`` from this
module (identity until the GUI installs Qt's translator through ``set_translator``, or the command
line the chosen language's), and ``QT_TR_NOOP`` flags a string for extraction where it is translated
later, when shown (status and role labels).
"""

from __future__ import annotations

from collections.abc import Callable

CONTEXT = ""  # the context pyside6-lupdate gives bare tr("…") calls; run time must use the same
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"

_translate: Callable[[str, str], str] = lambda _context, text: text  # noqa: E731 - replaced by the GUI


def set_translator(function: Callable[[str, str], str] | None) -> Callable[[str, str], str]:
    """The GUI hands ``QCoreApplication.translate`` over (the command line a loaded translation); None goes
    back to the source text. Returns the translator it replaces, so a caller can put it back."""
    global _translate
    previous = _translate
    _translate = function or (lambda _context, text: text)
    return previous


def tr(text: str) -> str:
    """Translate a Vietnamese source string (a literal, so that lupdate finds it)."""
    return _translate(CONTEXT, text)


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Flag a literal for extraction without translating it now (it is translated when shown)."""
    return text
