"""This PC's language for the screens and the command line: no Qt here, so that the command line can
ask for it without loading Qt (it loads the translation only when a language other than Vietnamese
is chosen; see ``counter_app.ui.translations``)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from platformdirs import user_config_path

from counter_app import i18n

LANGUAGE_ENV = "COUNTER_APP_LANG"


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
