"""Where printed documents are kept: ``<archive root>/<YYYY>/<MM>/<code>-<kind>.pdf``.

The root is the ``archive_dir`` setting, by default an ``archive`` folder beside the desk
database, so a backup of that folder and the database file together is a complete backup.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from counter_app.models.db import Database

from . import settings

_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def archive_root(db: Database) -> Path:
    with db.read() as session:
        configured = settings.get(session, "archive_dir")
    return Path(configured) if configured else db.path.parent / "archive"


def archive_path(db: Database, code: str, kind: str, when: datetime) -> Path:
    """A fresh path for a document about ``code``; the folder exists afterwards."""
    folder = archive_root(db) / f"{when:%Y}" / f"{when:%m}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{_UNSAFE.sub('_', code)}-{kind}.pdf"
