"""Opening the desk database: migrate it, load the bundled catalog, create the demo set-up.

One call for every way the desk starts (the GUI behind its login form, each command line).
"""

from __future__ import annotations

from pathlib import Path

from counter_app.models.db import Database, default_db_path

from . import catalog, org, restore_guard


def open_desk_database(path: Path | str | None = None, *, demo_setup: bool = True,
                       bundled_catalog: bool = True) -> Database:
    """Migrate, load the bundled catalog into an empty database, create the demo unit/desk/officer."""
    db = Database(path or default_db_path())
    try:
        db.upgrade()
        if bundled_catalog:
            catalog.ensure_bundled_catalog(db)
        if demo_setup:
            with db.write() as session:
                org.ensure_demo_setup(session)
        # A file last used by another PC (copied) mints no code until a sync fast-forwarded it.
        restore_guard.check_installation(db, restore_guard.installation_id())
    except BaseException:
        db.dispose()  # a failed start must not leave the file open
        raise
    return db
