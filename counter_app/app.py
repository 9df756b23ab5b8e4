"""Composition root: the desk database, and the GUI (window with the login form first, then the work area).

Nothing heavy at the top of this module: ``run_gui`` must show the window before SQLAlchemy is
imported (see ``counter_app.ui.application``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter_app.models.db import Database

NO_DISPLAY_MESSAGE = (
    "Không tìm thấy màn hình (DISPLAY/WAYLAND_DISPLAY chưa đặt): hãy chạy trong phiên đồ họa, "
    "dưới Xvfb (xvfb-run make run), hoặc đặt QT_QPA_PLATFORM=offscreen để chạy không hiển thị."
)


def open_desk_database(path: Path | str | None = None, *, demo_setup: bool = True,
                       bundled_catalog: bool = True) -> Database:
    """Migrate, load the bundled catalog into an empty database, create the demo unit/desk/officer."""
    from counter_app.models.db import Database, default_db_path
    from counter_app.services import catalog, org

    db = Database(path or default_db_path())
    try:
        db.upgrade()
        if bundled_catalog:
            catalog.ensure_bundled_catalog(db)
        if demo_setup:
            with db.write() as session:
                org.ensure_demo_setup(session)
    except BaseException:
        db.dispose()  # a failed start must not leave the file open
        raise
    return db


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(db_path: Path | str | None = None, *, demo_setup: bool = True) -> int:
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    # The window with the login form comes first; the database opens behind it, off the GUI thread.
    from counter_app.ui.application import run

    return run(db_path, demo_setup=demo_setup)
