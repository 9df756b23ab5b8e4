"""The forms registry (``counter_app/resources/forms/registry.json``): form key -> number, title, legal basis.

A new circular is a data change: edit the JSON, not the code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from counter_app.printing.text import nfc
from counter_app.resources import resource_path

REGISTRY_PATH = resource_path("forms", "registry.json")


@dataclass(frozen=True)
class FormInfo:
    key: str
    number: str | None  # "01" … "07"; None for forms outside the annex
    title: str  # sentence case, e.g. "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    legal_basis: str  # printed at the foot of the form
    effective_from: date | None = None

    @property
    def printed_title(self) -> str:
        """Title as printed on the form (upper case)."""
        return self.title.upper()


class UnknownFormError(KeyError):
    pass


def _parse(raw: dict) -> dict[str, FormInfo]:
    forms: dict[str, FormInfo] = {}
    for key, entry in raw["forms"].items():
        eff = entry.get("effective_from")
        forms[key] = FormInfo(
            key=key,
            number=entry.get("number"),
            title=nfc(entry["title"]),
            legal_basis=nfc(entry["legal_basis"]),
            effective_from=date.fromisoformat(eff) if eff else None,
        )
    return forms


def load_registry(path: Path | None = None) -> dict[str, FormInfo]:
    """Read a registry file (default: the bundled one, cached)."""
    if path is None:
        return dict(_default_registry())
    with open(path, encoding="utf-8") as fh:
        return _parse(json.load(fh))


@lru_cache(maxsize=1)
def _default_registry() -> dict[str, FormInfo]:
    with open(REGISTRY_PATH, encoding="utf-8") as fh:
        return _parse(json.load(fh))


def form_info(key: str) -> FormInfo:
    """Registry entry of a form, e.g. ``form_info("receipt").number == "01"``."""
    try:
        return _default_registry()[key]
    except KeyError:
        raise UnknownFormError(f"unknown form key {key!r}") from None


def all_forms() -> tuple[FormInfo, ...]:
    return tuple(_default_registry().values())
