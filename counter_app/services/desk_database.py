"""Opening the desk database: migrate it, load the bundled catalog, create the demo set-up.

One call for every way the desk starts (the GUI behind its login form, each command line).
"""

from __future__ import annotations

from pathlib import Path

from counter_app.domain.storage import StorageError, storage_message
from counter_app.i18n import tr
from counter_app.models.db import QUICK_CHECK_BUDGET, Database, default_db_path

from . import catalog, org, restore_guard


def refuse_if_damaged(db: Database, budget: float = QUICK_CHECK_BUDGET) -> None:
    """The quick integrity check: a damaged file is refused with what to do (restore a backup)."""
    problems = db.quick_check(budget)
    if problems:
        raise StorageError(storage_message("corrupt", f"«{db.path}»") + tr(" (Kiểm tra: {problems})").format(problems=problems[0]),
                           kind="corrupt")


def open_desk_database(path: Path | str | None = None, *, demo_setup: bool = True,
                       bundled_catalog: bool = True, check_budget: float | None = None) -> Database:
    """Check, migrate, load the bundled catalog into an empty database, create the demo unit/desk/officer.

    The quick integrity check (``Database.quick_check``) runs first: a damaged file is refused
    with what to do (restore a backup) instead of signing in and failing later.
    """
    db = Database(path or default_db_path())
    try:
        refuse_if_damaged(db, QUICK_CHECK_BUDGET if check_budget is None else check_budget)
        try:
            db.upgrade()
        except Exception as exc:
            error = db.storage_error(exc)
            if error is exc:
                raise
            raise error from exc
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
