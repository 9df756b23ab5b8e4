"""Locate files shipped in the repository's ``resources/`` folder."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("catalog", "procedures.json")``."""
    return RESOURCES_DIR.joinpath(*parts)
